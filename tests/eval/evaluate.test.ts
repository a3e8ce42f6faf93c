import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/eval/evaluate.js';
import type { ExtractorUnderTest } from '../../src/eval/extractor-under-test.js';
import type { Quote } from '../../src/quotes/quote.js';
import { seedGold } from './seed-gold.js';

/** A stand-in extractor that returns the given quotes for the seed article, and counts its calls. */
function cannedExtractor(quotes: Quote[]): ExtractorUnderTest & { calls: number } {
  return {
    calls: 0,
    extract() {
      this.calls += 1;
      return { quotes };
    },
  };
}

function quoteAt(text: string, start: number, end: number, kind: Quote['kind'], speaker: string | null): Quote {
  const words = text.slice(start, end);
  return { id: `seed#${start}`, articleId: 'seed', kind, text: words, start, end, speakerSurface: speaker, speaker, confidence: speaker === null ? null : 'cue', cue: 'said', context: words, group: `seed#${start}` };
}

describe('evaluate', () => {
  it('gives the extractor the gold text as the article body and scores what it returns', () => {
    const gold = seedGold();
    const perfect = gold.quotes.map((row) => quoteAt(gold.text, row.start, row.end, row.direct ? 'direct' : 'reported', row.speakerCanonical ?? row.speaker));
    const scores = evaluate([gold], cannedExtractor(perfect), { timing: false });
    expect(scores.direct.f1).toBe(1);
    expect(scores.reported.f1).toBe(1);
    expect(scores.speakerAccuracy).toBe(1);
    expect(scores.contractViolations).toEqual([]);
  });

  it('reports a returned quote whose text is not the body at its offsets', () => {
    const gold = seedGold();
    const shifted = { ...quoteAt(gold.text, 0, 14, 'direct', null), start: 1, end: 15 };
    const scores = evaluate([gold], cannedExtractor([shifted]), { timing: false });
    expect(scores.contractViolations).toHaveLength(1);
  });

  it('times whole extraction passes, at least the minimum number', () => {
    const extractor = cannedExtractor([]);
    const scores = evaluate([seedGold()], extractor, { timing: { minMilliseconds: 0, minPasses: 5 } });
    expect(scores.throughput.passes).toBe(5);
    expect(extractor.calls).toBe(1 + 5);
    expect(scores.articlesPerSecond).toBeGreaterThan(0);
  });
});
