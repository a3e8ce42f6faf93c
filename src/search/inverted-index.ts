/**
 * A compact, read-only inverted index with MiniSearch 7's BM25+ scoring.
 *
 * Why not MiniSearch itself: it keeps one `Map` per term per field and one map entry per posting
 * (≈55 bytes each), which made the quote index ~8× the corpus in heap, its JSON snapshot slower to
 * load than a third of a cold build, and its build allocation-bound. Here every posting is two
 * numbers in typed arrays (docs sorted per term, terms sorted for prefix search), built once and
 * never mutated. Scores are computed with MiniSearch's formula, constants and order of additions,
 * so answers are the same: `scripts/bench/equivalence.ts` compares the two on a corpus.
 */

import { runInSlices, runToEnd } from '../time-slices.js';
import { LargeMap, LargeSet } from '../large-map.js';
import { firstAtLeast, PostingListsBuilder } from './posting-lists.js';
import { compareStrings, lowerBound } from '../sorted-strings.js';

/** MiniSearch's default BM25+ parameters. */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };
/** Distinct raw tokens remembered while building (≈100 bytes each). */
const MAX_CACHED_TOKENS = 500_000;

export interface SearchSpec {
  /** Processed query terms, in query order (duplicates count twice in the score, once in quality). */
  terms: readonly string[];
  /** Whether a term also matches longer index terms that start with it. */
  prefix: (term: string) => boolean;
  /** Multiplier for prefix matches at distance 0 (MiniSearch `weights.prefix`). */
  prefixWeight: number;
  /** Per-field boost, in field order; 0 or missing means 1, as in MiniSearch. */
  boosts: readonly number[];
  /** Keeps a document (by its number, its place in {@link InvertedIndexData.ids}) in the results; applied after scoring, as MiniSearch does. */
  filter?: (doc: number) => boolean;
  /**
   * Fields from this one on are not scored and find no documents: they only say which derived
   * terms a matching document holds there ({@link ScoredDocs.unscoredMasks}), so a question about
   * a document's text is a posting lookup instead of a re-read. Default: every field is scored.
   */
  scoredFields?: number;
  /**
   * Ascending document numbers outside which {@link filter} lets nothing through (a speaker's
   * quotes): where they are few against a term's postings, each is looked up in the postings by
   * binary search instead of every posting being scored and then filtered. A hint only: the scores
   * are the same either way, and the filter still decides.
   */
  candidates?: Uint32Array;
  /**
   * Corpus-wide statistics in place of this index's own, for an index that is one layer of
   * several searched together (see `layered-index.ts`): BM25+ then scores each document as one
   * index of every layer's live documents would. Default: this index's own.
   */
  statistics?: SearchStatistics;
}

/** What BM25+ reads of the whole corpus, for a search of one layer of it (see {@link SearchSpec.statistics}). */
export interface SearchStatistics {
  documentCount: number;
  /** Per field, the running average of field lengths over the whole corpus in its order. */
  averageFieldLengths: readonly number[];
  /** Documents of the whole corpus holding sorted term `sorted` of this index in `field` (`local`: this index's count). */
  matching(sorted: number, field: number, local: number): number;
  /** Whether sorted term `sorted` of this index is absent from the corpus (all its documents here are gone): it derives no term then. */
  absent?(sorted: number): boolean;
  /**
   * 1 for documents of this index that are gone from the corpus: left out of the hits as if
   * absent. Not a filter, so an unfiltered search keeps its one-pass path for the unscored fields.
   */
  dead?: Uint8Array | null;
}

export interface Hit {
  id: string;
  score: number;
  /** The index terms that matched this document. */
  terms: string[];
  /** Bit f set: some term matched in field f (fields 0–7). */
  fields: number;
}

/** Everything an index is, as plain typed arrays and strings: what a snapshot stores. */
export interface InvertedIndexData {
  fieldCount: number;
  ids: string[];
  /** Sorted, unique. */
  terms: string[];
  /** Per field: per document, the number of distinct tokens (MiniSearch's field length). */
  fieldLengths: Uint32Array[];
  /** Per field: MiniSearch's running average of field lengths, bit for bit. */
  averageFieldLengths: number[];
  /**
   * Per field: `offsets[t]..offsets[t+1]` index `docs` and `freqs` for sorted term `t`.
   * Frequencies use the narrowest array that holds them (almost always one byte).
   */
  offsets: Uint32Array[];
  docs: Uint32Array[];
  freqs: Frequencies[];
}

export type Frequencies = Uint8Array | Uint16Array | Uint32Array;

/** The narrowest copy of `values` that holds every one of them exactly. */
export function narrowFrequencies(values: Uint32Array): Frequencies {
  const narrow = narrowArrayFor(largestFrequency(values), values.length);
  narrow.set(values);
  return narrow;
}

/** An empty array of `length` frequencies, the narrowest that holds `largest`. */
function narrowArrayFor(largest: number, length: number): Frequencies {
  return largest <= 0xff ? new Uint8Array(length) : largest <= 0xffff ? new Uint16Array(length) : new Uint32Array(length);
}

/** Frequencies copied into their narrow array per step while an index is frozen (≈1 ms each). */
const NARROW_STEP = 1 << 20;

/** The largest of some frequencies (0 for none), of `values[from..to)`: what decides the width of the array that holds them. */
export function largestFrequency(values: ArrayLike<number>, from = 0, to = values.length): number {
  let max = 0;
  for (let i = from; i < to; i += 1) if (values[i]! > max) max = values[i]!;
  return max;
}

/** Adds documents one at a time, then {@link finish}es into an {@link InvertedIndex}. */
export class InvertedIndexBuilder {
  private readonly ids: string[] = [];
  private readonly idSet = new LargeSet<string>();
  private readonly termIds = new LargeMap<string, number>();
  private readonly terms: string[] = [];
  /** Per field: each term's postings, documents ascending. */
  private postings: PostingListsBuilder[];
  private readonly fieldLengths: number[][];
  private readonly averageFieldLengths: number[];
  /** Per term id: the (doc, field) stamp it was last counted for, and its count there. */
  private lastStamp: number[] = [];
  private count: number[] = [];
  /**
   * Per raw token: its term ids, and the (doc, field) stamp it was last seen in (to count distinct
   * tokens without a Set per field). One lookup per token instead of two; cleared between
   * documents when it grows past {@link MAX_CACHED_TOKENS}, so memory stays bounded.
   */
  private tokens = new Map<string, { termIds: number[]; stamp: number }>();

  constructor(
    private readonly fieldCount: number,
    private readonly tokenize: (text: string) => string[],
    private readonly processTerm: (token: string) => string[] | null,
  ) {
    this.postings = Array.from({ length: fieldCount }, () => new PostingListsBuilder());
    this.fieldLengths = Array.from({ length: fieldCount }, () => []);
    this.averageFieldLengths = new Array<number>(fieldCount).fill(0);
  }

  get size(): number {
    return this.ids.length;
  }

  /** Indexes one document; `fields[f]` is the text of field `f`. Throws on a duplicate id, as MiniSearch does. */
  add(id: string, fields: readonly string[]): void {
    if (this.idSet.has(id)) throw new Error(`duplicate document id ${id}`);
    this.idSet.add(id);
    const doc = this.ids.length;
    this.ids.push(id);
    if (this.tokens.size > MAX_CACHED_TOKENS) this.tokens = new Map();
    for (let field = 0; field < this.fieldCount; field += 1) {
      const stamp = doc * this.fieldCount + field + 1;
      const touched: number[] = [];
      let distinctTokens = 0;
      for (const token of this.tokenize(fields[field] ?? '')) {
        let known = this.tokens.get(token);
        if (known === undefined) {
          known = { termIds: (this.processTerm(token) ?? []).map((term) => this.termId(term)), stamp: 0 };
          this.tokens.set(token, known);
        }
        if (known.stamp !== stamp) {
          known.stamp = stamp;
          distinctTokens += 1;
        }
        for (const termId of known.termIds) {
          if (this.lastStamp[termId] === stamp) {
            this.count[termId]! += 1;
          } else {
            this.lastStamp[termId] = stamp;
            this.count[termId] = 1;
            touched.push(termId);
          }
        }
      }
      // MiniSearch's field length is the number of distinct raw tokens, and its running average
      // has this exact arithmetic: ((avg × n) + length) / (n + 1).
      this.fieldLengths[field]!.push(distinctTokens);
      this.averageFieldLengths[field] = (this.averageFieldLengths[field]! * doc + distinctTokens) / (doc + 1);
      const fieldPostings = this.postings[field]!;
      for (const termId of touched) fieldPostings.append(termId, doc, this.count[termId]!);
    }
  }

  /** Freezes what was added into compact arrays, terms sorted. */
  finish(): InvertedIndex {
    return runToEnd(this.finishing());
  }

  /** {@link finish}, pausing for the event loop every `sliceMs` (a 500k-article index takes seconds to freeze). */
  finishAsync(sliceMs: number): Promise<InvertedIndex> {
    return runInSlices(this.finishing(), sliceMs);
  }

  /** The freezing, as steps of a few thousand terms each. */
  private *finishing(): Generator<void, InvertedIndex> {
    const order = this.terms.map((_, id) => id).sort((a, b) => compareStrings(this.terms[a]!, this.terms[b]!));
    yield;
    const terms = order.map((id) => this.terms[id]!);
    const offsets: Uint32Array[] = [];
    const docs: Uint32Array[] = [];
    const freqs: Frequencies[] = [];
    for (let field = 0; field < this.fieldCount; field += 1) {
      const fieldPostings = this.postings[field]!;
      const fieldOffsets = new Uint32Array(terms.length + 1);
      let total = 0;
      order.forEach((termId, sorted) => {
        fieldOffsets[sorted] = total;
        total += fieldPostings.count(termId);
      });
      fieldOffsets[terms.length] = total;
      const fieldDocs = new Uint32Array(total);
      const fieldFreqs = new Uint32Array(total);
      yield;
      let largest = 0;
      for (let sorted = 0, copied = 0; sorted < order.length; sorted += 1) {
        const termId = order[sorted]!;
        const at = fieldOffsets[sorted]!;
        const count = fieldPostings.count(termId);
        fieldPostings.copyInto(termId, fieldDocs, fieldFreqs, at);
        largest = Math.max(largest, largestFrequency(fieldFreqs, at, at + count));
        copied += 1 + count;
        if (copied > 50_000) {
          copied = 0;
          yield;
        }
      }
      this.postings[field] = new PostingListsBuilder();
      yield;
      offsets.push(fieldOffsets);
      docs.push(fieldDocs);
      // In steps, as the copy above: one pass over a 500k-article field's 40M postings stalled 270 ms.
      const narrow = narrowArrayFor(largest, total);
      for (let from = 0; from < total; from += NARROW_STEP) {
        narrow.set(fieldFreqs.subarray(from, Math.min(total, from + NARROW_STEP)), from);
        yield;
      }
      freqs.push(narrow);
      yield;
    }
    return new InvertedIndex({
      fieldCount: this.fieldCount,
      ids: this.ids,
      terms,
      fieldLengths: this.fieldLengths.map((lengths) => Uint32Array.from(lengths)),
      averageFieldLengths: [...this.averageFieldLengths],
      offsets,
      docs,
      freqs,
    });
  }

  private termId(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.terms.push(term);
      this.termIds.set(term, id);
    }
    return id;
  }
}

/** Per-search working memory, sized to the document count and reused (searches are synchronous). */
interface Scratch {
  /** Score of the current query term per document. */
  termScore: Float64Array;
  termTouched: Uint8Array;
  /** Sum over query terms per document. */
  total: Float64Array;
  /** Distinct query terms matched per document (MiniSearch's "quality" multiplier). */
  quality: Uint16Array;
  /** Bit i set: derived term i matched (for i < 32). */
  derivedMask: Uint32Array;
  /** Bit f set: a term matched in field f. */
  fieldMask: Uint8Array;
  /** Bit i set: derived term i matched in field 0 (for i < 32). */
  firstFieldMask: Uint32Array;
  /** Bit i set: derived term i is in an unscored field (for i < 32). */
  unscoredMask: Uint32Array;
  /** Documents in the order they first matched (the first `ordered` entries are live). */
  orderBuffer: Uint32Array;
  /** Documents the current query term matched. */
  termDocs: Uint32Array;
}

/**
 * Every matching document of one search, scored, in no particular order: parallel arrays rather
 * than an object per hit, so ranking tens of thousands of hits allocates almost nothing.
 */
export interface ScoredDocs {
  count: number;
  /** Position i's document number (its place in {@link InvertedIndexData.ids}). */
  docs: Uint32Array;
  scores: Float64Array;
  /** Bit f set: some term matched position i in field f (fields 0–7). */
  fields: Uint8Array;
  /** The index terms that matched position i. */
  termsAt(i: number): string[];
  /** Bit t set: derived term t (see {@link derivedTerms}) matched position i, for t < 32. */
  termMasks: Uint32Array;
  /** The same, for matches in field 0 only (a quote's own words). */
  firstFieldMasks: Uint32Array;
  /** The same, for the unscored fields (see {@link SearchSpec.scoredFields}); all zero when there are none. */
  unscoredMasks: Uint32Array;
  /** The index terms the query terms matched (exactly or by prefix), by bit. */
  derivedTerms: readonly string[];
}

export class InvertedIndex {
  private scratch: Scratch | null = null;

  constructor(readonly data: InvertedIndexData) {}

  get size(): number {
    return this.data.ids.length;
  }

  /**
   * Documents matching any term, best first, scored as MiniSearch 7 scores an OR query with
   * prefix matching and no fuzzy matching: BM25+ per field, times field boost, times the prefix
   * weight for longer terms, summed per query term, then times the number of distinct query terms
   * matched.
   */
  search(spec: SearchSpec): Hit[] {
    const scored = this.searchScored(spec);
    const hits: Hit[] = [];
    for (let i = 0; i < scored.count; i += 1) {
      const doc = scored.docs[i]!;
      hits.push({ id: this.data.ids[doc]!, score: scored.scores[i]!, terms: scored.termsAt(i), fields: scored.fields[i]! });
    }
    return hits.sort((a, b) => b.score - a.score);
  }

  /** {@link search}'s matches and scores, unsorted, without a result object per hit. */
  searchScored(spec: SearchSpec): ScoredDocs {
    const { data } = this;
    const scratch = this.workspace();
    const statistics = spec.statistics;
    const documentCount = statistics?.documentCount ?? data.ids.length;
    const boosts = Array.from({ length: data.fieldCount }, (_, field) => spec.boosts[field] || 1);
    const scoredFields = Math.min(spec.scoredFields ?? data.fieldCount, data.fieldCount);
    // Locals, not `scratch.x`: the loops below run once per posting.
    const { termScore, termTouched, total, quality, derivedMask, fieldMask, firstFieldMask, unscoredMask, orderBuffer: order, termDocs } = scratch;
    let ordered = 0;
    const derived: string[] = [];
    /** Each derived term's place in the sorted term list, by bit. */
    const derivedSorted: number[] = [];
    const derivedIndex = new Map<string, number>();
    const overflow = new Map<number, Set<number>>();
    const seenQueryTerms = new Set<string>();
    // Candidates only narrow a filtered search: without the filter they would drop documents.
    const candidates = spec.filter === undefined ? undefined : spec.candidates;
    for (const queryTerm of spec.terms) {
      let termDocCount = 0;
      const matches = this.matchingTerms(queryTerm, spec.prefix(queryTerm));
      for (const { term, sorted } of matches) {
        if (statistics?.absent?.(sorted)) continue;
        const distance = term.length - queryTerm.length;
        const weight = distance === 0 ? 1 : (spec.prefixWeight * term.length) / (term.length + 0.3 * distance);
        let bit = derivedIndex.get(term);
        if (bit === undefined) {
          bit = derived.length;
          derived.push(term);
          derivedSorted.push(sorted);
          derivedIndex.set(term, bit);
        }
        for (let field = 0; field < scoredFields; field += 1) {
          const start = data.offsets[field]![sorted]!;
          const end = data.offsets[field]![sorted + 1]!;
          if (start === end) continue;
          const matching = statistics ? statistics.matching(sorted, field, end - start) : end - start;
          const averageLength = statistics ? statistics.averageFieldLengths[field]! : data.averageFieldLengths[field]!;
          const fieldLengths = data.fieldLengths[field]!;
          const docs = data.docs[field]!;
          const freqs = data.freqs[field]!;
          const inverseFrequency = Math.log(1 + (documentCount - matching + 0.5) / (matching + 0.5));
          const termFieldWeight = weight * boosts[field]!;
          const fieldBit = field < 8 ? 1 << field : 0;
          const run = { docs, freqs, start, end, fieldLengths, averageLength, inverseFrequency, weight: termFieldWeight, fieldBit, termBit: bit < 32 ? 1 << bit : 0 };
          if (candidates !== undefined && fewAgainst(candidates.length, end - start)) termDocCount = accumulateCandidates(run, candidates, field === 0, scratch, termDocCount);
          else termDocCount = (field === 0 ? accumulateFirst : accumulate)(run, scratch, termDocCount);
          // A query with over 32 derived terms (a very short prefix) notes the rest per document: rare.
          if (bit >= 32) {
            for (let i = start; i < end; i += 1) {
              const extra = overflow.get(docs[i]!) ?? new Set<number>();
              extra.add(bit);
              overflow.set(docs[i]!, extra);
            }
          }
        }
      }
      const newQueryTerm = !seenQueryTerms.has(queryTerm);
      seenQueryTerms.add(queryTerm);
      for (let t = 0; t < termDocCount; t += 1) {
        const doc = termDocs[t]!;
        if (quality[doc] === 0) {
          order[ordered++] = doc;
          total[doc] = termScore[doc]!;
          quality[doc] = 1;
        } else {
          total[doc] = total[doc]! + termScore[doc]!;
          if (newQueryTerm) quality[doc] = quality[doc]! + 1;
        }
        termTouched[doc] = 0;
        termScore[doc] = 0;
      }
    }
    // Unscored fields: which hits hold each derived term there. Unfiltered, one pass over their
    // postings marks every matched document (read in the loop below); filtered (a speaker's few
    // hits), the hits are looked up after the filter has run (see markUnscoredHits).
    const { filter } = spec;
    const dead = statistics?.dead ?? null;
    if (filter === undefined) for (let field = scoredFields; field < data.fieldCount; field += 1) markUnscoredMatched(data.offsets[field]!, data.docs[field]!, derivedSorted, quality, unscoredMask);
    const docs = new Uint32Array(ordered);
    const scores = new Float64Array(ordered);
    const fields = new Uint8Array(ordered);
    const masks = new Uint32Array(ordered);
    const firstMasks = new Uint32Array(ordered);
    const unscoredMasks = new Uint32Array(ordered);
    const overflowAt = new Map<number, Set<number>>();
    // Only a very short prefix overflows the masks: no map lookup per hit otherwise.
    const overflowed = overflow.size > 0;
    let count = 0;
    for (let o = 0; o < ordered; o += 1) {
      const doc = order[o]!;
      const score = total[doc]! * quality[doc]!;
      const mask = derivedMask[doc]!;
      const fieldBits = fieldMask[doc]!;
      const firstMask = firstFieldMask[doc]!;
      const unscored = unscoredMask[doc]!;
      unscoredMask[doc] = 0;
      total[doc] = 0;
      quality[doc] = 0;
      derivedMask[doc] = 0;
      fieldMask[doc] = 0;
      firstFieldMask[doc] = 0;
      if (dead !== null && dead[doc] === 1) continue;
      if (filter !== undefined && !filter(doc)) continue;
      docs[count] = doc;
      scores[count] = score;
      fields[count] = fieldBits;
      masks[count] = mask;
      firstMasks[count] = firstMask;
      unscoredMasks[count] = unscored;
      if (overflowed) {
        const extra = overflow.get(doc);
        if (extra) overflowAt.set(count, extra);
      }
      count += 1;
    }
    if (filter !== undefined) for (let field = scoredFields; field < data.fieldCount; field += 1) markUnscoredHits(data.offsets[field]!, data.docs[field]!, derivedSorted, docs, count, quality, unscoredMask, unscoredMasks);
    const termsByMask = new Map<number, string[]>();
    return {
      count,
      docs,
      scores,
      fields,
      termsAt: (i) => this.termsOf(masks[i]!, overflowAt.get(i), derived, termsByMask),
      termMasks: masks,
      firstFieldMasks: firstMasks,
      unscoredMasks,
      derivedTerms: derived,
    };
  }

  /** The exact term (if indexed) then, when `prefix`, every longer term starting with it, in sorted order. */
  private matchingTerms(term: string, prefix: boolean): Array<{ term: string; sorted: number }> {
    const terms = this.data.terms;
    return matchingTerms(terms, term, prefix).map((sorted) => ({ term: terms[sorted]!, sorted }));
  }

  private termsOf(mask: number, extra: Set<number> | undefined, derived: readonly string[], cache: Map<number, string[]>): string[] {
    let shared = cache.get(mask);
    if (!shared) {
      shared = derived.filter((_, bit) => bit < 32 && (mask & (1 << bit)) !== 0);
      cache.set(mask, shared);
    }
    return extra ? [...shared, ...[...extra].map((bit) => derived[bit]!)] : shared;
  }

  private workspace(): Scratch {
    const count = this.data.ids.length;
    this.scratch ??= {
      termScore: new Float64Array(count),
      termTouched: new Uint8Array(count),
      total: new Float64Array(count),
      quality: new Uint16Array(count),
      derivedMask: new Uint32Array(count),
      fieldMask: new Uint8Array(count),
      firstFieldMask: new Uint32Array(count),
      unscoredMask: new Uint32Array(count),
      orderBuffer: new Uint32Array(count),
      termDocs: new Uint32Array(count),
    };
    return this.scratch;
  }
}

/**
 * Sorted term numbers matching a query term: itself (if indexed), then with `prefix` every longer
 * term starting with it, in sorted order, as a search matches them (a layered index asks per layer).
 */
export function matchingTerms(terms: readonly string[], term: string, prefix: boolean): number[] {
  const found: number[] = [];
  let at = lowerBound(terms, term);
  if (terms[at] === term) found.push(at++);
  if (prefix) for (; at < terms.length && terms[at]!.startsWith(term); at += 1) found.push(at);
  return found;
}

/** One term's postings in one field, and what scoring them needs. */
interface PostingRun {
  docs: Uint32Array;
  freqs: Frequencies;
  start: number;
  end: number;
  fieldLengths: Uint32Array;
  averageLength: number;
  inverseFrequency: number;
  /** Prefix weight × field boost. */
  weight: number;
  fieldBit: number;
  termBit: number;
}

/**
 * Adds one posting run's BM25+ scores into the scratch arrays; returns the new count of documents
 * this query term touched. The hottest loop of a search, kept in a small function of its own so
 * V8 optimises it on its own terms (inlined in `searchScored` it ran at half the speed).
 */
function accumulate(run: PostingRun, scratch: Scratch, touchedCount: number): number {
  const { docs, freqs, end, fieldLengths, averageLength, inverseFrequency, weight, fieldBit, termBit } = run;
  const { termTouched, termScore, fieldMask, derivedMask, termDocs } = scratch;
  const { k, b, d } = BM25;
  let count = touchedCount;
  for (let i = run.start; i < end; i += 1) {
    const doc = docs[i]!;
    const freq = freqs[i]!;
    const raw = inverseFrequency * (d + (freq * (k + 1)) / (freq + k * (1 - b + (b * fieldLengths[doc]!) / averageLength)));
    if (termTouched[doc] === 0) {
      termTouched[doc] = 1;
      termScore[doc] = weight * raw;
      termDocs[count++] = doc;
    } else {
      termScore[doc] = termScore[doc]! + weight * raw;
    }
    fieldMask[doc] = fieldMask[doc]! | fieldBit;
    derivedMask[doc] = derivedMask[doc]! | termBit;
  }
  return count;
}

/**
 * {@link accumulate} for field 0, noting also which derived terms are in it: a copy rather than a
 * flag, so the other fields' loop (most postings) carries no extra store.
 */
function accumulateFirst(run: PostingRun, scratch: Scratch, touchedCount: number): number {
  const { docs, freqs, end, fieldLengths, averageLength, inverseFrequency, weight, fieldBit, termBit } = run;
  const { termTouched, termScore, fieldMask, derivedMask, firstFieldMask, termDocs } = scratch;
  const firstFieldBit = run.termBit;
  const { k, b, d } = BM25;
  let count = touchedCount;
  for (let i = run.start; i < end; i += 1) {
    const doc = docs[i]!;
    const freq = freqs[i]!;
    const raw = inverseFrequency * (d + (freq * (k + 1)) / (freq + k * (1 - b + (b * fieldLengths[doc]!) / averageLength)));
    if (termTouched[doc] === 0) {
      termTouched[doc] = 1;
      termScore[doc] = weight * raw;
      termDocs[count++] = doc;
    } else {
      termScore[doc] = termScore[doc]! + weight * raw;
    }
    fieldMask[doc] = fieldMask[doc]! | fieldBit;
    derivedMask[doc] = derivedMask[doc]! | termBit;
    firstFieldMask[doc] = firstFieldMask[doc]! | firstFieldBit;
  }
  return count;
}

/**
 * Whether looking each of `few` documents up in `postings` postings by binary search costs less
 * than sweeping them: for a speaker's positions against a term's postings, and for a filtered
 * search's hits against the sentence postings ({@link markUnscoredHits}).
 */
function fewAgainst(few: number, postings: number): boolean {
  return few * (Math.log2(postings + 1) + 1) < postings;
}

/**
 * {@link accumulate} (or {@link accumulateFirst} for field 0) over only the postings of the
 * candidate documents, each found by binary search from where the last one was: the same score
 * for each document it reaches, in a fraction of the time when a speaker's few hundred quotes
 * meet a term that a hundred thousand hold. Its per-posting body is theirs, copied for the reason
 * {@link accumulateFirst} is: a shared call in the sweep loops costs every posting.
 */
function accumulateCandidates(run: PostingRun, candidates: Uint32Array, firstField: boolean, scratch: Scratch, touchedCount: number): number {
  const { docs, freqs, end, fieldLengths, averageLength, inverseFrequency, weight, fieldBit, termBit } = run;
  const { termTouched, termScore, fieldMask, derivedMask, firstFieldMask, termDocs } = scratch;
  const { k, b, d } = BM25;
  let count = touchedCount;
  let at = run.start;
  for (let c = 0; c < candidates.length && at < end; c += 1) {
    const doc = candidates[c]!;
    at = firstAtLeast(docs, doc, at, end);
    if (at === end || docs[at] !== doc) continue;
    const freq = freqs[at]!;
    const raw = inverseFrequency * (d + (freq * (k + 1)) / (freq + k * (1 - b + (b * fieldLengths[doc]!) / averageLength)));
    if (termTouched[doc] === 0) {
      termTouched[doc] = 1;
      termScore[doc] = weight * raw;
      termDocs[count++] = doc;
    } else {
      termScore[doc] = termScore[doc]! + weight * raw;
    }
    fieldMask[doc] = fieldMask[doc]! | fieldBit;
    derivedMask[doc] = derivedMask[doc]! | termBit;
    if (firstField) firstFieldMask[doc] = firstFieldMask[doc]! | termBit;
  }
  return count;
}

/**
 * Sets, for every document already matched (quality above 0), the bit of each derived term its
 * unscored field holds: a small function of its own, as {@link accumulate} is. An unfiltered
 * search runs it on the matched documents directly, so a broad topic (~100k documents at 502k
 * articles) is not flagged a second time as {@link markUnscoredHits} flags a filtered search's hits.
 */
function markUnscoredMatched(offsets: Uint32Array, docs: Uint32Array, derivedSorted: readonly number[], quality: Uint16Array, unscoredMask: Uint32Array): void {
  for (let bit = 0; bit < derivedSorted.length && bit < 32; bit += 1) {
    const termBit = 1 << bit;
    const end = offsets[derivedSorted[bit]! + 1]!;
    for (let i = offsets[derivedSorted[bit]!]!; i < end; i += 1) {
      const doc = docs[i]!;
      if (quality[doc] !== 0) unscoredMask[doc] = unscoredMask[doc]! | termBit;
    }
  }
}

/**
 * ORs into `masks[i]` the bit of each derived term (of the first 32) whose postings in an unscored
 * field hold hit i: by binary search per hit where the hits are few against the postings (a
 * speaker's quotes on a common word), else one pass over the postings with the hits flagged in
 * `flags` (a broad topic). `flags` and `scratchMasks` are zero before and after. A small function
 * of its own, as {@link accumulate} is.
 */
function markUnscoredHits(
  offsets: Uint32Array,
  postings: Uint32Array,
  derivedSorted: readonly number[],
  hits: Uint32Array,
  count: number,
  flags: Uint16Array,
  scratchMasks: Uint32Array,
  masks: Uint32Array,
): void {
  const terms = Math.min(derivedSorted.length, 32);
  let total = 0;
  for (let bit = 0; bit < terms; bit += 1) total += offsets[derivedSorted[bit]! + 1]! - offsets[derivedSorted[bit]!]!;
  if (total === 0 || count === 0) return;
  if (fewAgainst(count, total / terms)) {
    for (let bit = 0; bit < terms; bit += 1) {
      const termBit = 1 << bit;
      const start = offsets[derivedSorted[bit]!]!;
      const end = offsets[derivedSorted[bit]! + 1]!;
      if (start === end) continue;
      for (let i = 0; i < count; i += 1) {
        const at = firstAtLeast(postings, hits[i]!, start, end);
        if (at < end && postings[at] === hits[i]) masks[i] = masks[i]! | termBit;
      }
    }
    return;
  }
  for (let i = 0; i < count; i += 1) flags[hits[i]!] = 1;
  markUnscoredMatched(offsets, postings, derivedSorted, flags, scratchMasks);
  for (let i = 0; i < count; i += 1) {
    const doc = hits[i]!;
    masks[i] = masks[i]! | scratchMasks[doc]!;
    scratchMasks[doc] = 0;
    flags[doc] = 0;
  }
}

