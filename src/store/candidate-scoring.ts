import { DEFAULT_PREFIX_MIN_LENGTH } from '../search/quote-index.js';
import { indexTerms, tokenize } from '../search/terms.js';
import { compareStrings, lowerBound } from '../sorted-strings.js';

/**
 * BM25+ over a handful of candidate quotes with the whole corpus's statistics, exactly as the
 * embedded index scores them (inverted-index.ts: MiniSearch 7's formula, constants and order of
 * additions; quote-index.ts: field boosts, prefix rule and weight). A store that finds candidates
 * some other way (PostgreSQL's GIN index) ranks them with this, so both stores rank alike;
 * tests/store/candidate-scoring.test.ts holds the two to the same scores.
 */

const BM25 = { k: 1.2, b: 0.7, d: 0.5 };
/** quote-index.ts: text 3, paragraph 1, headline 0.5. */
export const FIELD_BOOSTS = [3, 1, 0.5] as const;
const PREFIX_WEIGHT = 0.5;

/** Per term: in how many quotes each field (text, paragraph, headline) holds it. */
export type DocumentFrequencies = ReadonlyMap<string, readonly [number, number, number]>;

export interface CorpusFigures {
  /** Quotes in the whole index. */
  quoteCount: number;
  /** Per field, the index's average length (distinct tokens). */
  averageFieldLengths: readonly [number, number, number];
}

/** One candidate's searchable fields: quote text, paragraph, headline. */
export type CandidateFields = readonly [string, string, string];

export interface CandidateScores {
  scores: Float64Array;
  /** Bit f set: some term matched field f. */
  fields: Uint8Array;
  /** The index terms that matched each candidate. */
  terms: string[][];
}

/** Whether a query term also matches longer terms ("ukrain" → "ukrainian"): the embedded index's own rule. */
export function isPrefixTerm(term: string): boolean {
  return term.length >= DEFAULT_PREFIX_MIN_LENGTH;
}

/** One field of a candidate as BM25+ reads it: its length and the frequencies of the terms a question matches. */
export interface FieldCounts {
  /** Distinct tokens, as MiniSearch counts a field's length. */
  length: number;
  /** Only the index terms the question matches; others are not read. */
  frequencies: ReadonlyMap<string, number>;
}

/** A candidate's three fields (text, paragraph, headline) counted. */
export type CandidateCounts = readonly [FieldCounts, FieldCounts, FieldCounts];

/**
 * The frequency of each of the `wanted` index terms in a field's text, and the field length as
 * MiniSearch counts it (distinct tokens). Only the terms a query matches are counted: scoring
 * reads no others, and counting every term of every candidate's paragraph was most of the work.
 */
function analyse(text: string, wanted: DocumentFrequencies): FieldCounts {
  const tokens = tokenize(text);
  const frequencies = new Map<string, number>();
  for (const token of tokens) {
    for (const term of indexTerms(token) ?? []) if (wanted.has(term)) frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
  }
  return { length: new Set(tokens).size, frequencies };
}

/** Counts a candidate's fields from their text: what a store does that has no stored counts for it. */
export function countFields(fields: CandidateFields, wanted: DocumentFrequencies): CandidateCounts {
  return [analyse(fields[0], wanted), analyse(fields[1], wanted), analyse(fields[2], wanted)];
}

/**
 * Scores each candidate for the query terms (in query order, as the embedded index takes them).
 * `frequencies` must hold every index term of the corpus that a query term matches exactly or as
 * a prefix and that occurs in a candidate; a term missing from it counts as not indexed.
 */
export function scoreCandidates(queryTerms: readonly string[], candidates: readonly CandidateFields[], frequencies: DocumentFrequencies, figures: CorpusFigures): CandidateScores {
  return scoreCounted(queryTerms, candidates.map((fields) => countFields(fields, frequencies)), frequencies, figures);
}

/**
 * {@link scoreCandidates} over fields already counted (a store that keeps each quote's field
 * lengths and term frequencies hands them over, and nothing is tokenised at question time).
 */
export function scoreCounted(queryTerms: readonly string[], analysed: readonly CandidateCounts[], frequencies: DocumentFrequencies, figures: CorpusFigures): CandidateScores {
  const count = analysed.length;
  const total = new Float64Array(count);
  const quality = new Uint16Array(count);
  const fieldMask = new Uint8Array(count);
  const matched: Array<Set<string>> = analysed.map(() => new Set());
  const known = [...frequencies.keys()].sort(compareStrings);
  const seen = new Set<string>();
  for (const queryTerm of queryTerms) {
    const termScore = new Float64Array(count);
    const touched = new Uint8Array(count);
    for (const term of matchingTerms(known, queryTerm, isPrefixTerm(queryTerm))) {
      const distance = term.length - queryTerm.length;
      const weight = distance === 0 ? 1 : (PREFIX_WEIGHT * term.length) / (term.length + 0.3 * distance);
      const df = frequencies.get(term)!;
      for (let field = 0; field < 3; field += 1) {
        const matching = df[field]!;
        if (matching === 0) continue;
        const inverseFrequency = Math.log(1 + (figures.quoteCount - matching + 0.5) / (matching + 0.5));
        const termFieldWeight = weight * FIELD_BOOSTS[field]!;
        const averageLength = figures.averageFieldLengths[field]!;
        for (let c = 0; c < count; c += 1) {
          const { length, frequencies: tf } = analysed[c]![field]!;
          const freq = tf.get(term);
          if (freq === undefined) continue;
          const { k, b, d } = BM25;
          const raw = inverseFrequency * (d + (freq * (k + 1)) / (freq + k * (1 - b + (b * length) / averageLength)));
          if (touched[c] === 0) {
            touched[c] = 1;
            termScore[c] = termFieldWeight * raw;
          } else termScore[c] = termScore[c]! + termFieldWeight * raw;
          fieldMask[c] = fieldMask[c]! | (1 << field);
          matched[c]!.add(term);
        }
      }
    }
    const newQueryTerm = !seen.has(queryTerm);
    seen.add(queryTerm);
    for (let c = 0; c < count; c += 1) {
      if (touched[c] === 0) continue;
      if (quality[c] === 0) {
        total[c] = termScore[c]!;
        quality[c] = 1;
      } else {
        total[c] = total[c]! + termScore[c]!;
        if (newQueryTerm) quality[c] = quality[c]! + 1;
      }
    }
  }
  const scores = new Float64Array(count);
  for (let c = 0; c < count; c += 1) scores[c] = total[c]! * quality[c]!;
  return { scores, fields: fieldMask, terms: matched.map((terms) => [...terms]) };
}

function matchingTerms(sorted: readonly string[], term: string, prefix: boolean): string[] {
  const found: string[] = [];
  let at = lowerBound(sorted, term);
  if (sorted[at] === term) {
    found.push(term);
    at += 1;
  }
  if (prefix) for (; at < sorted.length && sorted[at]!.startsWith(term); at += 1) found.push(sorted[at]!);
  return found;
}

