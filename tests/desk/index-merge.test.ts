import { describe, expect, it } from 'vitest';
import { mergeIndexes, type MergePlan } from '../../src/desk/index-merge.js';
import { QuoteIndex, type IndexedQuote } from '../../src/search/quote-index.js';
import { runToEnd } from '../../src/time-slices.js';

/** A small deterministic random source, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const WORDS = 'ukraine putin minister said crisis talks election tax budget war peace russia europe trade oil'.split(' ');

function quote(id: string, next: () => number): IndexedQuote {
  // Few words, so that common ones have long posting lists and the bulk-copy path runs.
  const words = (n: number) => Array.from({ length: n }, () => WORDS[Math.floor(next() * WORDS.length)]!).join(' ');
  return { id, text: words(1 + Math.floor(next() * 8)), context: words(5 + Math.floor(next() * 20)), title: words(3), sentence: words(4) };
}

/**
 * The merge of an old index with a delta, for a corpus where some old quotes left and new ones
 * came in at chosen places, against a fresh build of the new corpus in that order.
 */
function mergedAndFresh(seed: number, leaveEvery: number, insertAt: number[]) {
  const next = random(seed);
  const oldQuotes = Array.from({ length: 400 }, (_, n) => quote(`old-${n}`, next));
  const newQuotes: IndexedQuote[] = [];
  const fromOld = new Int32Array(oldQuotes.length).fill(-1);
  const fromDelta: number[] = [];
  const delta: IndexedQuote[] = [];
  oldQuotes.forEach((old, n) => {
    if (insertAt.includes(n)) {
      for (let k = 0; k < 3; k += 1) {
        const added = quote(`new-${n}-${k}`, next);
        fromDelta.push(newQuotes.length);
        delta.push(added);
        newQuotes.push(added);
      }
    }
    if (leaveEvery > 0 && n % leaveEvery === 0) return;
    fromOld[n] = newQuotes.length;
    newQuotes.push(old);
  });
  const leaving = QuoteIndex.build(oldQuotes.filter((_, n) => fromOld[n]! < 0)).toData();
  const plan: MergePlan = {
    fromOld,
    fromDelta: Uint32Array.from(fromDelta),
    ids: newQuotes.map((q) => q.id),
    leaving: { postings: leaving.docs.map((docs) => docs.length), maxFrequency: leaving.freqs.map((freqs) => Math.max(0, ...freqs)) },
  };
  const merged = runToEnd(mergeIndexes(QuoteIndex.build(oldQuotes).toData(), QuoteIndex.build(delta).toData(), plan));
  return { merged, fresh: QuoteIndex.build(newQuotes).toData() };
}

describe('merging an index with the quotes that changed', () => {
  it('gives a fresh build when quotes are added at the start', () => {
    const { merged, fresh } = mergedAndFresh(1, 0, [0]);
    expect(merged).toEqual(fresh);
  });

  it('gives a fresh build when quotes are added in several places and others leave', () => {
    const { merged, fresh } = mergedAndFresh(2, 7, [0, 50, 51, 399]);
    expect(merged).toEqual(fresh);
  });

  it('gives a fresh build when so many pieces move that postings are renumbered one by one', () => {
    const { merged, fresh } = mergedAndFresh(3, 2, Array.from({ length: 150 }, (_, n) => n * 2 + 1));
    expect(merged).toEqual(fresh);
  });
});
