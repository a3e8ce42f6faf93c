import { describe, expect, it } from 'vitest';
import { normaliseQuote, quoteTokens, tokenOverlap } from '../../src/eval/normalise.js';

const SEED_QUOTE = 'He behaved, in my opinion, in a very correct way, courageously, like a real man,';

describe('quote normalisation', () => {
  it('treats a span with its straight quotation marks and trailing comma as the bare words', () => {
    expect(normaliseQuote(`"${SEED_QUOTE}"`)).toBe(normaliseQuote(SEED_QUOTE));
    expect(normaliseQuote(SEED_QUOTE)).toBe('He behaved, in my opinion, in a very correct way, courageously, like a real man');
  });

  it('strips curly double and single marks', () => {
    expect(normaliseQuote(`\u201C${SEED_QUOTE}\u201D`)).toBe(normaliseQuote(SEED_QUOTE));
    expect(normaliseQuote(`\u2018${SEED_QUOTE}\u2019`)).toBe(normaliseQuote(SEED_QUOTE));
  });

  it("strips two apostrophes '' used as a closing double mark", () => {
    expect(normaliseQuote(`\`\`${SEED_QUOTE}''`)).toBe(normaliseQuote(SEED_QUOTE));
  });

  it('strips surrounding white space and every trailing , . ; : but keeps ? and !', () => {
    expect(normaliseQuote('  I take this opportunity to congratulate him on his election.\n')).toBe(
      'I take this opportunity to congratulate him on his election',
    );
    expect(normaliseQuote('the ball was in the court;:.,')).toBe('the ball was in the court');
    expect(normaliseQuote('What was Putin\u2019s response?')).toBe('What was Putin\u2019s response?');
  });

  it('keeps apostrophes inside words', () => {
    expect(normaliseQuote('he\u2019s ready to hold discussions')).toBe('he\u2019s ready to hold discussions');
    expect(quoteTokens("Washington's court")).toEqual(["washington's", 'court']);
  });
});

describe('token overlap', () => {
  it('divides the shared tokens by the longer quote', () => {
    // 4 shared tokens; the longer side has 8.
    expect(tokenOverlap('he could bring peace', 'he could bring peace in Ukraine within hours')).toBe(0.5);
  });

  it('counts a repeated word only as often as both sides have it', () => {
    expect(tokenOverlap('in my opinion in', 'in my view')).toBe(2 / 4);
  });
});
