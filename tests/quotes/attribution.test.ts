import { describe, expect, it } from 'vitest';
import { extract, quoteStarting } from './helpers.js';

// Excerpts of real BBC and Reuters articles; each test names the behaviour it pins down.

describe('cues and speakers', () => {
  it('takes the speaker from an inverted cue: "…," said Mr Williams', () => {
    const body =
      'Carib Chief Charles Williams said talks with Disney\'s producers revealed there was a problem. "Our ancestors stood up against early European conquerors and because they stood up we were labelled savages," said Mr Williams.';
    const quote = quoteStarting(extract(body), 'Our ancestors stood up');
    expect(quote.speakerSurface).toBe('Mr Williams');
    expect(quote.speaker).toBe('Charles Williams');
    expect(quote.cue).toBe('said');
  });

  it('steps over an appositive between the name and the verb', () => {
    const body =
      'In one of the most direct criticisms, board chairman John Tower, a longtime Reagan supporter and former Republican senator from Texas, told a press conference, "The president clearly did not understand the nature of this operation."';
    const quote = quoteStarting(extract(body), 'The president clearly did not understand');
    expect(quote.speaker).toBe('John Tower');
  });

  it('reads a speaker after "according to"', () => {
    const body = '"The UK is the largest display market in Europe," according to John Binks, director of GfK, which monitors global consumer markets.';
    const quote = quoteStarting(extract(body), 'The UK is the largest display market');
    expect(quote.speaker).toBe('John Binks');
    expect(quote.cue).toBe('according to');
  });

  it('treats "told the BBC" as the cue and the BBC as the medium, not the speaker', () => {
    const body = [
      'A proposal was received by David Gill, United\'s chief executive, at the end of last week. David Cummings, head of UK equities for Standard Life Investments, said he believed a "well funded" 300p a share bid would be enough for Mr Glazer to take control of the club.',
      '"I do not think there is anything that Manchester United fans can do about it," he told the BBC. "They can complain about it but it is curtains for them."',
    ].join('\n\n');
    const result = extract(body);
    const quote = quoteStarting(result, 'I do not think there is anything');
    expect(quote.cue).toBe('told the BBC');
    expect(quote.speaker).toBe('David Cummings');
    expect(result.speakers.map((speaker) => speaker.name)).not.toContain('BBC');
  });

  it('resolves "he said" to the person who was last speaking', () => {
    const body =
      'Ms Hewitt also stressed the plans would be paid for by taxpayers, not employers. But David Frost, director general of the British Chambers of Commerce, warned that many small firms could be "crippled" by the move. "While the majority of any salary costs may be covered by the government\'s statutory pay, the strain on the company will not be," he said.';
    const quote = quoteStarting(extract(body), 'While the majority of any salary costs');
    expect(quote.speakerSurface).toBe('he');
    expect(quote.speaker).toBe('David Frost');
  });

  it('gives a quote paragraph with no cue to the speaker of the previous paragraph', () => {
    const body = [
      'Gazprom has denied that it is behind the purchase. "It is a front for somebody but not necessarily for Gazprom," said Oleg Maximov, an analyst at Troika Dialog in Moscow.',
      '"We tried to find it, but we couldn\'t and as far as I know, the papers had the same result." The sale has however bought time for Gazprom to raise the money needed for the purchase, analysts said.',
    ].join('\n\n');
    const quote = quoteStarting(extract(body), 'We tried to find it');
    expect(quote.speaker).toBe('Oleg Maximov');
  });

  it('gives the second half of a split quote the first half\'s speaker and group', () => {
    const body =
      '"We believe the merits of our case are strong and simple," said chief executive Steven Theede. "Our assets were illegally seized. We want them back or damages paid."';
    const result = extract(body);
    const first = quoteStarting(result, 'We believe the merits');
    const second = quoteStarting(result, 'Our assets were illegally seized.');
    expect(second.speaker).toBe('Steven Theede');
    expect(second.group).toBe(first.group);
  });

  it('joins "Ed Balls" and "Mr Balls" into one speaker with aliases', () => {
    const body = [
      'Ed Balls, ex-chief economic adviser to the Treasury, said there would be no spending spree before polling day.',
      '"I don\'t think we\'ll see a pre-election spending spree - we certainly did not see that before 2001," Mr Balls said.',
    ].join('\n\n');
    const result = extract(body);
    expect(quoteStarting(result, "I don't think we'll see").speaker).toBe('Ed Balls');
    const balls = result.speakers.find((speaker) => speaker.name === 'Ed Balls');
    expect(balls?.aliases).toContain('Mr Balls');
    expect(result.speakers.filter((speaker) => /balls/i.test(speaker.name))).toHaveLength(1);
  });

  it('resolves "the minister" to the person the article has just named', () => {
    const body = [
      'Ms Hewitt also announced a new drive to help women who want to work in male dominated sectors. Women in full-time work earn 19% less than men, according to the Equal Opportunities Commission (EOC).',
      'Patricia Hewitt is the trade and industry secretary.',
      'The minister told delegates that getting rid of "career sexism" was vital to closing the gender pay gap.',
    ].join('\n\n');
    const quote = quoteStarting(extract(body), 'career sexism');
    expect(quote.speakerSurface).toBe('the minister');
    expect(quote.speaker).toBe('Patricia Hewitt');
  });

  it('keeps an anonymous source as a non-person speaker', () => {
    const body = 'But a Cabinet Office spokeswoman said the move was not about the new laws or "the destruction of important records".';
    const result = extract(body);
    const quote = quoteStarting(result, 'the destruction of important records');
    expect(quote.speaker).toBe('a Cabinet Office spokeswoman');
    expect(result.speakers.find((speaker) => speaker.name === 'a Cabinet Office spokeswoman')?.person).toBe(false);
  });

  it('gives the person before an organisation name the quote ("Colin Asplin, Blackpool Hotel Association said")', () => {
    const body = 'Colin Asplin, Blackpool Hotel Association said: "We have tried very hard to make sure they come back to Blackpool."';
    expect(quoteStarting(extract(body), 'We have tried very hard').speaker).toBe('Colin Asplin');
  });
});

describe('speakers written with their firm or anonymously', () => {
  it('takes the person before "of Firm" as the speaker', () => {
    const body = '"It would seem obvious that an offering would make Bally an attractive buy to a third party," said Steven Eisenberg of Bear Stearns.';
    expect(quoteStarting(extract(body), 'It would seem obvious').speaker).toBe('Steven Eisenberg');
  });

  it('keeps "one said" and "another said" as anonymous speakers', () => {
    const body =
      '"Sanctions have provided a very useful excuse for under-achieving. They only contributed to largely internal, economic problems," one said. "There\'s a limit to how much you can go on giving someone who has no hope of repaying it," another said.';
    const result = extract(body);
    expect(quoteStarting(result, 'Sanctions have provided').speakerSurface).toBe('one');
    expect(quoteStarting(result, "There's a limit").speakerSurface).toBe('another');
  });
});

describe('fragments and datelines', () => {
  it('gives a short fragment with no speech verb to its sentence\'s person subject', () => {
    // bbc-politics-338
    const body =
      'Lib Dem Treasury spokesman Vincent Cable said households already struggle with debt. He wants to see "proper health checks" when loans are marketed so people know what they are getting.';
    const quote = quoteStarting(extract(body), 'proper health checks');
    expect(quote.speakerSurface).toBe('he');
    expect(quote.speaker).toBe('Vincent Cable');
  });

  it('keeps a Reuters dateline out of reported speech', () => {
    // reuters21578-28
    const body = 'WASHINGTON, Feb 26 - The Tower Commission report just about ends his prospects of regaining political dominance in Washington, political analysts said.';
    const quote = quoteStarting(extract(body), 'The Tower Commission report', 'reported');
    expect(quote.text).toBe('The Tower Commission report just about ends his prospects of regaining political dominance in Washington');
  });

  it('takes a document as the speaker when the article quotes what it says ("The newsletter says:")', () => {
    const body =
      'Lib Dem chairman Matthew Taylor said the party would complain. The newsletter says: "Using the information we know about people, we can send them direct mailings."';
    const quote = quoteStarting(extract(body), 'Using the information');
    expect(quote.speakerSurface).toBe('the newsletter');
  });

  it('takes the person named in the appositive after an office of a place ("the Archbishop of Cardiff, the Most Reverend Peter Smith, told")', () => {
    const body =
      'The Roman Catholic Archbishop of Cardiff, the Most Reverend Peter Smith, told BBC Radio 4\'s Today programme that the church merely wanted people to "reflect on issues in light of the gospel" before voting.';
    const result = extract(body);
    expect(quoteStarting(result, 'reflect on issues').speaker).toBe('Peter Smith');
    expect(quoteStarting(result, 'the church merely wanted', 'reported').speaker).toBe('Peter Smith');
  });

  it('reads "confided" as a speech verb', () => {
    const body =
      '"It was a good night," observed Mr MacKenzie. "That was an total disaster. I just couldn\'t seem to think of things to say," a crestfallen Mr Lim confided in the show\'s presenter, Jonathan Maitland.';
    expect(quoteStarting(extract(body), 'That was an total disaster').speakerSurface).toBe('a crestfallen Mr Lim');
  });

  it('keeps "General" in a company name ("General Motors") but reads it as a role before a given name', () => {
    const result = extract('General Motors said it was a "world-class competitor." General Motors Chairman Roger Smith said the company would cut jobs.');
    expect(quoteStarting(result, 'world-class competitor').speaker).toBe('General Motors');
    expect(quoteStarting(result, 'the company would cut jobs', 'reported').speaker).toBe('Roger Smith');
  });
});
