import type { InvertedIndexData } from '../../search/inverted-index.js';
import { FIELD_BOOSTS } from '../../store/candidate-scoring.js';
import { SCORED_FIELDS } from '../../search/quote-index.js';
import { kthLargest } from '../../kth-largest.js';

/**
 * How many quotes a frequent term's list holds (and so the most a rare term matches): a topic
 * question reads at most this many rows per frequent term, whatever the corpus size. See
 * docs/scaling.md for the overlap and latency it gave.
 */
export const DEFAULT_TERM_LIST_LENGTH = 200;

/** Copies of one reprinted quote kept in a list, as the candidate query keeps (see fetch-candidates.ts). */
export const LIST_COPIES_PER_GROUP = 3;

const BM25 = { k: 1.2, b: 0.7, d: 0.5 };

/** What the writer knows of each indexed quote that ranking needs besides its terms. */
export interface ListedQuote {
  reprintKey: number;
  /** The answerer's own weight for it: reported speech and fragments count for less. */
  weight: number;
}

/** One frequent term's precomputed candidates. */
export interface TermList {
  term: string;
  /** Its best quotes (index positions), best first by the term's BM25+ contribution × the answerer's weight; at most three copies per reprint group. */
  docs: Int32Array;
  /** Every reprint group (its key) holding the term in any field: what counts of a topic's matches are taken from. */
  groups: number[];
}

/**
 * For every index term matching more quotes than `length` (in any scored field; the sentence field finds nothing): its `length` best quotes
 * by the term's own BM25+ score, computed exactly as the embedded index scores a one-term query
 * (the same constants, field boosts and statistics), weighted as the answerer weighs them, and
 * its reprint groups. PostgreSQL then answers a common topic from these bounded lists instead of
 * ranking every match (its GIN index cannot return matches in score order); rare terms still go
 * through GIN, where they match at most `length` rows each.
 */
export function* termLists(data: InvertedIndexData, quoteAt: (doc: number) => ListedQuote | undefined, length = DEFAULT_TERM_LIST_LENGTH): Generator<TermList> {
  const documentCount = data.ids.length;
  const score = new Float64Array(documentCount);
  const touched = new Uint8Array(documentCount);
  const touchedDocs = new Uint32Array(documentCount);
  const facts = Array.from({ length: documentCount }, (_, doc) => quoteAt(doc));
  const groupNumbers = new Map<number, number>();
  const groupOf = Int32Array.from(facts, (fact) => {
    if (fact === undefined) return -1;
    let group = groupNumbers.get(fact.reprintKey);
    if (group === undefined) {
      group = groupNumbers.size;
      groupNumbers.set(fact.reprintKey, group);
    }
    return group;
  });
  const groupStamp = new Int32Array(groupNumbers.size).fill(-1);
  const copies = new Uint8Array(groupNumbers.size);
  const { k, b, d } = BM25;
  for (let term = 0; term < data.terms.length; term += 1) {
    let upperBound = 0;
    for (let field = 0; field < SCORED_FIELDS; field += 1) upperBound += data.offsets[field]![term + 1]! - data.offsets[field]![term]!;
    if (upperBound <= length) continue;
    let count = 0;
    for (let field = 0; field < SCORED_FIELDS; field += 1) {
      const start = data.offsets[field]![term]!;
      const end = data.offsets[field]![term + 1]!;
      if (start === end) continue;
      const matching = end - start;
      const inverseFrequency = Math.log(1 + (documentCount - matching + 0.5) / (matching + 0.5));
      const boost = FIELD_BOOSTS[field] ?? 1;
      const averageLength = data.averageFieldLengths[field]!;
      const fieldLengths = data.fieldLengths[field]!;
      const docs = data.docs[field]!;
      const freqs = data.freqs[field]!;
      for (let i = start; i < end; i += 1) {
        const doc = docs[i]!;
        if (groupOf[doc]! < 0) continue;
        const freq = freqs[i]!;
        const raw = boost * inverseFrequency * (d + (freq * (k + 1)) / (freq + k * (1 - b + (b * fieldLengths[doc]!) / averageLength)));
        if (touched[doc] === 0) {
          touched[doc] = 1;
          score[doc] = raw;
          touchedDocs[count++] = doc;
        } else score[doc] = score[doc]! + raw;
      }
    }
    const matched: number[] = [];
    const groups: number[] = [];
    for (let i = 0; i < count; i += 1) {
      const doc = touchedDocs[i]!;
      touched[doc] = 0;
      const fact = facts[doc];
      if (fact === undefined) continue;
      score[doc] = score[doc]! * fact.weight;
      matched.push(doc);
      const group = groupOf[doc]!;
      if (groupStamp[group] !== term) {
        groupStamp[group] = term;
        copies[group] = 0;
        groups.push(fact.reprintKey);
      }
    }
    // Quotes left out of the lists (verbatim copies) were skipped above: a term printed 24 times
    // over needs a list only if its distinct quotes are more than `length`.
    if (matched.length <= length) continue;
    yield { term: data.terms[term]!, docs: bestDocs(matched, score, groupOf, copies, length), groups };
  }
}

/** Matches sorted per list, as a multiple of its length: room for copies skipped beyond the third. */
const SHORTLIST_FACTOR = 8;


/**
 * The `length` best of `matched` by score (ties in corpus order), at most three per reprint
 * group. Sorting every match of the commonest terms would dominate the write, so only those
 * above a threshold (the score of the {@link SHORTLIST_FACTOR} × length-th best) are sorted, unless copies crowd that out.
 */
function bestDocs(matched: number[], score: Float64Array, groupOf: Int32Array, copies: Uint8Array, length: number): Int32Array {
  const byScore = (a: number, b: number): number => score[b]! - score[a]! || a - b;
  const take = (sorted: readonly number[]): number[] => {
    const chosen: number[] = [];
    for (const doc of sorted) {
      const group = groupOf[doc]!;
      if (copies[group]! >= LIST_COPIES_PER_GROUP) continue;
      copies[group] = copies[group]! + 1;
      chosen.push(doc);
      if (chosen.length === length) break;
    }
    return chosen;
  };
  const reset = (docs: readonly number[]): void => {
    for (const doc of docs) copies[groupOf[doc]!] = 0;
  };
  const shortlist = length * SHORTLIST_FACTOR;
  if (matched.length > shortlist) {
    const threshold = kthLargest(Float64Array.from(matched, (doc) => score[doc]!), shortlist);
    const above = matched.filter((doc) => score[doc]! >= threshold).sort(byScore);
    const chosen = take(above);
    reset(above);
    // Enough, or nothing below the threshold was left out: exact.
    if (chosen.length === length) return Int32Array.from(chosen);
  }
  const chosen = take(matched.sort(byScore));
  reset(matched);
  return Int32Array.from(chosen);
}
