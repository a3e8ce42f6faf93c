import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ArticleQuotes } from '../../src/quotes/extractor.js';
import { QuoteExtractor } from '../../src/quotes/extractor.js';
import { seedBody } from './helpers.js';

// A real BBC paragraph (bbc-politics-001) and the seed article are mutated at random: whatever the
// input, extraction must not throw, and every quote must slice back out of the body.
const BBC_PARAGRAPH =
  'Ms Hewitt said: "We have already doubled the length of maternity pay, it was 13 weeks when we were elected, we have already taken it up to 26 weeks. "We are going to extend the pay to nine months by 2007." She said new mothers were already entitled to 12 months leave. The Shadow Secretary of State for the Family, Theresa May, said: "These plans were announced by Gordon Brown in his pre-budget review in December and Tony Blair is now recycling it."\n\nShe said the Conservatives would announce their proposals closer to the General Election.';

const extractor = new QuoteExtractor();

function assertWellFormed(body: string, result: ArticleQuotes): void {
  const ids = new Set<string>();
  const speakerNames = new Set(result.speakers.map((speaker) => speaker.name));
  result.quotes.forEach((quote, n) => {
    expect(quote.start).toBeGreaterThanOrEqual(0);
    expect(quote.end).toBeLessThanOrEqual(body.length);
    expect(quote.end).toBeGreaterThan(quote.start);
    expect(body.slice(quote.start, quote.end)).toBe(quote.text);
    expect(quote.id).toBe(`a#${n}`);
    expect(ids.has(quote.id)).toBe(false);
    ids.add(quote.id);
    if (quote.speaker !== null) expect(speakerNames.has(quote.speaker)).toBe(true);
  });
}

/** Random edits of a real text: delete, duplicate or insert marks, apostrophes, blank lines, junk. */
const mutation = fc.record({
  at: fc.nat(),
  length: fc.nat({ max: 40 }),
  insert: fc.oneof(fc.constantFrom('"', '“', '”', "''", "'", '‘', '’', '\n\n', ', he said. ', ' said Mr Smith', ': "', '?', '.'), fc.string({ maxLength: 12 })),
});

function mutate(text: string, edits: ReadonlyArray<{ at: number; length: number; insert: string }>): string {
  let result = text;
  for (const edit of edits) {
    const at = result.length === 0 ? 0 : edit.at % (result.length + 1);
    result = result.slice(0, at) + edit.insert + result.slice(Math.min(result.length, at + edit.length));
  }
  return result;
}

describe('robustness', () => {
  it('never throws and keeps offsets exact on random strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (body) => {
        assertWellFormed(body, extractor.extract({ id: 'a', body, title: null }));
      }),
      { numRuns: 300 },
    );
  });

  it('never throws and keeps offsets exact on mutated real articles', () => {
    fc.assert(
      fc.property(fc.constantFrom(BBC_PARAGRAPH, seedBody()), fc.array(mutation, { maxLength: 8 }), (text, edits) => {
        const body = mutate(text, edits);
        assertWellFormed(body, extractor.extract({ id: 'a', body, title: null }));
      }),
      { numRuns: 400 },
    );
  });

  it('handles empty and white-space bodies', () => {
    for (const body of ['', ' ', '\n\n\n', '"', '""', "''", '“”']) {
      assertWellFormed(body, extractor.extract({ id: 'a', body, title: null }));
    }
  });

  it('stays fast on a megabyte of quotation marks and unbalanced text', () => {
    const bodies = ['"a" '.repeat(250_000), '"'.repeat(1_000_000), `${'"He said '.repeat(100_000)}\n\n`.repeat(1), ('x said "y, ' + "don't ").repeat(60_000)];
    for (const body of bodies) {
      const started = performance.now();
      const result = extractor.extract({ id: 'a', body, title: null });
      expect(performance.now() - started).toBeLessThan(10_000);
      assertWellFormed(body, result);
    }
  });
});
