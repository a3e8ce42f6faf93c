import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { QuoteExtractor } from '../../src/quotes/extractor.js';

/**
 * Extraction must cost work in proportion to an article's length: one 1 MB article with no
 * paragraph breaks (the seed article run together) took 11–16 s per build while every mention of
 * "Putin" was compared with every earlier one. Work is counted, not timed: the calls made to the
 * string and array methods the name-joining and role rules use, at n and at 2n characters.
 */
describe('extraction work grows linearly with the article', () => {
  afterEach(() => vi.restoreAllMocks());

  const seed = readFileSync('corpus/2024-11-08-putin-congratulates-trump.txt', 'utf8')
    .replace(/^ date \S+ /, '')
    .replace(/\n+/g, '\n');
  const runTogether = (chars: number): string => seed.repeat(Math.ceil(chars / seed.length)).slice(0, chars);

  function workFor(chars: number): number {
    const lower = vi.spyOn(String.prototype, 'toLowerCase');
    const filter = vi.spyOn(Array.prototype, 'filter');
    const quotes = new QuoteExtractor().extract({ id: 'long', title: null, body: runTogether(chars) }).quotes;
    expect(quotes.length).toBeGreaterThan(0);
    const calls = lower.mock.calls.length + filter.mock.calls.length;
    vi.restoreAllMocks();
    return calls;
  }

  it('does about twice the work for an article twice as long (the seed run together without paragraph breaks)', () => {
    const at100k = workFor(100_000);
    const at200k = workFor(200_000);
    // Linear gives ≈2.0; the quadratic name join gave ≈3.8 here.
    expect(at200k / at100k).toBeLessThan(2.4);
  });
});
