import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.js';
import { CorpusVersion } from '../../src/desk/corpus-version.js';
import { paragraphAround } from '../../src/desk/paragraph.js';
import { scoreCandidates, scoreCounted, type CandidateCounts, type DocumentFrequencies } from '../../src/store/candidate-scoring.js';
import { countsFromPositions, quoteTerms, topicTerms } from '../../src/stores/postgres/terms-vector.js';

/**
 * Scoring a few fetched candidates with the corpus's statistics must give the embedded index's
 * own scores: that is what lets the PostgreSQL store rank as the embedded one does.
 */
let version: CorpusVersion;
let frequencies: DocumentFrequencies;
beforeAll(async () => {
  version = await CorpusVersion.build(await loadCorpus(path.resolve('corpus')));
  const data = version.index.toData();
  frequencies = new Map(data.terms.map((term, t) => [term, [0, 1, 2].map((f) => data.offsets[f]![t + 1]! - data.offsets[f]![t]!) as [number, number, number]]));
});

function compareWithIndex(topic: string): { expected: number[]; actual: number[] } {
  const hits = version.index.searchScored(topic);
  const docs = [...hits.docs.subarray(0, hits.count)];
  const fields = docs.map((doc) => {
    const record = version.quoteAt(doc)!;
    return [record.quote.text, paragraphAround(record.article.body, record.quote.start, record.quote.end), record.article.title ?? ''] as const;
  });
  const data = version.index.toData();
  const scored = scoreCandidates(topicTerms(topic), fields, frequencies, {
    quoteCount: data.ids.length,
    averageFieldLengths: data.averageFieldLengths as [number, number, number],
  });
  return { expected: [...hits.scores.subarray(0, hits.count)], actual: [...scored.scores] };
}

describe('scoring candidates with corpus statistics', () => {
  it.each(['Ukraine', 'the budget deficit', 'election campaign', 'oil prices', 'congratulate'])('gives the embedded index’s scores for "%s"', (topic) => {
    const { expected, actual } = compareWithIndex(topic);
    expect(expected.length).toBeGreaterThan(0);
    expect(actual).toHaveLength(expected.length);
    actual.forEach((score, i) => expect(score).toBeCloseTo(expected[i]!, 9));
  });

  it('matches prefixes as the index does: "Ukraine" finds "Ukrainian"', () => {
    const hits = version.index.searchScored('Ukraine');
    const terms = new Set(Array.from({ length: hits.count }, (_, i) => hits.termsAt(i)).flat());
    expect(terms).toContain('ukrainian');
    const { expected, actual } = compareWithIndex('Ukraine');
    expect(actual).toEqual(expected);
  });

  it.each(['Ukraine', 'the budget deficit', 'oil prices'])('gives the same scores for "%s" from the counts a stored terms vector carries', (topic) => {
    const hits = version.index.searchScored(topic);
    const data = version.index.toData();
    const counted = [...hits.docs.subarray(0, hits.count)].map((doc): CandidateCounts => {
      const record = version.quoteAt(doc)!;
      const { vector, lengths } = quoteTerms([record.quote.text, paragraphAround(record.article.body, record.quote.start, record.quote.end), record.article.title ?? '']);
      // What PostgreSQL hands back for the matched terms: each term's positions in the vector.
      const perField = [new Map<string, number>(), new Map<string, number>(), new Map<string, number>()];
      for (const entry of vector.split(' ')) {
        const [, term, positions] = /^'(.*)':(.*)$/.exec(entry)!;
        if (!frequencies.has(term!)) continue;
        countsFromPositions(positions!.split(',').map((at) => Number.parseInt(at, 10))).forEach((count, field) => count > 0 && perField[field]!.set(term!, count));
      }
      return [0, 1, 2].map((field) => ({ length: lengths[field]!, frequencies: perField[field]! })) as unknown as CandidateCounts;
    });
    const scored = scoreCounted(topicTerms(topic), counted, frequencies, { quoteCount: data.ids.length, averageFieldLengths: data.averageFieldLengths as [number, number, number] });
    expect(hits.count).toBeGreaterThan(0);
    [...scored.scores].forEach((score, i) => expect(score).toBeCloseTo(hits.scores[i]!, 9));
  });
});
