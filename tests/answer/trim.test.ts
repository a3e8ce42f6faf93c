import { describe, expect, it } from 'vitest';
import { trimToSentences } from '../../src/answer/trim.js';

const UKRAINE_QUOTE =
  'What was said about the desire to restore relations with Russia, to bring about the end of the Ukrainian crisis, in my opinion this deserves attention at least';

describe('trimToSentences', () => {
  it('leaves a quote that fits as it is', () => {
    expect(trimToSentences(UKRAINE_QUOTE, 350)).toEqual({ text: UKRAINE_QUOTE, trimmed: false });
  });

  it('keeps whole sentences around the asked-about word and marks the cut with an ellipsis', () => {
    const quote = 'We discussed the budget at length. Nothing was agreed on taxes. On Ukraine we made real progress. The rest can wait.';
    const { text, trimmed } = trimToSentences(quote, 40, (word) => word === 'Ukraine');
    expect(trimmed).toBe(true);
    expect(text).toBe('… On Ukraine we made real progress. …');
  });

  it('never cuts a word in half when one sentence is longer than the budget', () => {
    const { text } = trimToSentences(UKRAINE_QUOTE, 60);
    expect(text.length).toBeLessThanOrEqual(60);
    const words = new Set(UKRAINE_QUOTE.split(/[\s,]+/));
    for (const word of text.replace(/…/g, '').split(/[\s,]+/).filter(Boolean)) expect(words).toContain(word);
  });
});
