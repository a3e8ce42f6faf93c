import { describe, expect, it } from 'vitest';
import { reprintKey, wordCount } from '../../src/desk/reprint-key.js';

describe('reprintKey', () => {
  it('is the same for the same words reprinted with other case and punctuation', () => {
    expect(reprintKey('vladimir putin', 'The ball is in Washington’s court.')).toBe(reprintKey('vladimir putin', 'the ball is in Washington\'s court'));
  });

  it('differs for different words by the same speaker', () => {
    expect(reprintKey('vladimir putin', 'the ball is in their court')).not.toBe(reprintKey('vladimir putin', 'the ball is in our court'));
  });

  it('differs for the same words by another speaker, or by no known speaker', () => {
    const words = 'We are ready to restore relations';
    expect(reprintKey('vladimir putin', words)).not.toBe(reprintKey('dmitry peskov', words));
    expect(reprintKey('vladimir putin', words)).not.toBe(reprintKey(null, words));
  });

  it('ignores white space and punctuation at either end', () => {
    expect(reprintKey(null, '  "Yes, we can," ')).toBe(reprintKey(null, 'yes we can'));
  });
});

describe('wordCount', () => {
  it('counts runs of non-space characters, whatever the spaces', () => {
    expect(wordCount('a disgrace')).toBe(2);
    expect(wordCount('  We\u00a0are ready,\n  he said ')).toBe(5);
    expect(wordCount('')).toBe(0);
  });
});
