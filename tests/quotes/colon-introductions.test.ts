import { describe, expect, it } from 'vitest';
import { extract, quoteStarting } from './helpers.js';

// A paragraph ending with a colon that introduces the quotation opening the next paragraph, as US
// copy and blogs print statements and block quotes (found on the PolNeAR development split, issue 10,
// fifth round). The texts are written for these tests (PolNeAR carries no licence).

describe('a colon ending the previous paragraph', () => {
  it("presents the next paragraph's quotation as its subject's words, with weak confidence", () => {
    const body = 'Two people died in the fire on Main Street.\n\nIn response, Republican nominee Jane Roe issued the following statement:\n\n"Our thoughts are with the families of the victims tonight."';
    const quote = quoteStarting(extract(body), 'Our thoughts are with');
    expect(quote.speaker).toBe('Jane Roe');
    expect(quote.confidence).toBe('subject');
  });

  it('gives no one when a clause with another subject ends at the colon', () => {
    const body = 'Jane Roe met the board in March.\n\nBut while she did not raise the idea, Roe did back the plan on Monday, and the Daily Ledger has the tape:\n\n"Should there be a register of every tenant in the city?"';
    expect(quoteStarting(extract(body), 'Should there be a register').speaker).toBeNull();
  });

  it("keeps a quoted piece's own named cue inside the block quote it opens, and the block's writer for the rest", () => {
    const body =
      'From Tom Reed writing at the Daily Ledger:\n\n"The hearing on the budget turned into a shouting match within minutes.\n\n"Mayor Jane Doe had come ready for it.\n\n“You have ignored every voter in this city,” Doe charged in her opening remarks.\n\nRead the rest at the Daily Ledger.';
    const result = extract(body);
    expect(quoteStarting(result, 'The hearing on the budget').speaker).toBe('Tom Reed');
    const nested = quoteStarting(result, 'You have ignored every voter');
    expect(nested.speaker).toBe('Jane Doe');
    expect(nested.group).not.toBe(quoteStarting(result, 'The hearing on the budget').group);
  });

  it("does not pass the block quote's writer on to a later quotation without a cue", () => {
    const body = 'From Tom Reed writing at the Daily Ledger:\n\n"The hearing on the budget turned into a shouting match within minutes.\n\n"The council voted late in the evening."\n\n"It was a disgrace from start to finish."';
    const result = extract(body);
    expect(quoteStarting(result, 'The hearing on the budget').speaker).toBe('Tom Reed');
    expect(quoteStarting(result, 'It was a disgrace').speaker).toBeNull();
  });

  const PAY = '\n\n"Pay the rent by Friday or leave the building."';
  it.each([
    'Jane Roe received the following letter from the council:',
    'Jane Roe was handed a note from John Smith:',
    'Hours later, Roe faced a question from John Smith:',
    'Roe then shared a post by John Smith:',
    'Roe quoted John Smith at length:',
    'Roe was greeted by a banner:',
  ])('gives no one when the subject only receives or passes on the words: %s', (introduction) => {
    const body = `Jane Roe and John Smith met the council on Monday.\n\n${introduction}${PAY}`;
    expect(quoteStarting(extract(body), 'Pay the rent by Friday').speaker).toBeNull();
  });
});

