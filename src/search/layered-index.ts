import { compareStrings, lowerBound } from '../sorted-strings.js';
import { runToEnd } from '../time-slices.js';
import { firstAtLeast } from './posting-lists.js';
import { matchingTerms, type InvertedIndexData, type SearchStatistics } from './inverted-index.js';
import { QuoteIndex, topicTerms, type IndexHit, type ScoredHits } from './quote-index.js';

/**
 * What a corpus version searches: one {@link QuoteIndex}, or a {@link LayeredQuoteIndex} of a
 * large base and a small delta. Document numbers are the version's index positions either way.
 */
export interface CorpusIndex {
  /** Quote id per document number (a layered index's dead base documents included); a layered index makes this array on first ask (see {@link idAt}). */
  readonly ids: readonly string[];
  /** The quote id of one document number, without a joined array of every id. */
  idAt(doc: number): string;
  /** Document numbers in use (`ids.length`). */
  readonly size: number;
  /** `candidates`: ascending positions outside which `filter` keeps nothing, a lookup hint (see `SearchSpec.candidates`). */
  searchScored(topic: string, options?: { filter?: (doc: number) => boolean; candidates?: Uint32Array }): ScoredHits;
  search(topic: string, options?: { filter?: (id: string) => boolean }): IndexHit[];
  prefixMatches(term: string): boolean;
  /** The index a fresh build of the same quotes gives, in corpus order (a layered index folds its layers to make it). */
  toData(): InvertedIndexData;
}

/** A layered index's parts (see {@link LayeredQuoteIndex}). */
export interface IndexLayers {
  /** The index of an earlier version, shared with it, never changed: document numbers `0..base.size-1`. */
  base: QuoteIndex;
  /** The quotes of every article added or changed since the base was built: document numbers from `base.size` on. */
  delta: QuoteIndex;
  /** The ids of the articles whose quotes the delta holds, in its order. */
  deltaArticleIds: readonly string[];
  /** 1 at base document numbers whose article has left or changed since; null when none has. */
  dead: Uint8Array | null;
  /** Per term: the postings the dead base documents hold in each field (what a fresh build would not count). */
  deadPostings: ReadonlyMap<string, Uint32Array>;
  /**
   * Per field: the postings the dead base documents hold in all, and the largest frequency among
   * them, so a fold's merge knows what leaves without counting every base posting (see `MergePlan.leaving`).
   */
  deadTotals: { postings: readonly number[]; maxFrequency: readonly number[] };
  /** Live documents, base and delta. */
  documentCount: number;
  /** Per field: the builder's running average of field lengths over the live documents in corpus order, bit for bit. */
  averageFieldLengths: readonly number[];
  /** Per document number: its place among the live documents in corpus order, or -1 for a dead one. */
  corpusOrder: Int32Array;
}

/**
 * A large base index shared with the version before plus a small delta of the articles added or
 * changed since, searched together as one index of the live documents: BM25+ reads the corpus's
 * statistics (live document count, each term's live documents per field, the running average
 * field lengths in corpus order) instead of each layer's own, and dead base documents are
 * filtered out, so every document scores exactly as in a fresh build of the same articles (tests
 * compare the two). A reload then allocates only the delta, not a copy of every posting. Hits'
 * term bits are renumbered to the order a single index would give them.
 */
export class LayeredQuoteIndex implements CorpusIndex {
  private readonly baseData: InvertedIndexData;
  private readonly deltaData: InvertedIndexData;
  private readonly baseStatistics: SearchStatistics;
  private readonly deltaStatistics: SearchStatistics;
  private joinedIds: string[] | null = null;
  private folded: InvertedIndexData | null = null;

  constructor(
    readonly layers: IndexLayers,
    /** Makes {@link toData}'s fresh-build index from the layers (the desk's index merge), in steps. */
    private readonly fold: (layers: IndexLayers) => Generator<void, InvertedIndexData>,
  ) {
    this.baseData = layers.base.toData();
    this.deltaData = layers.delta.toData();
    const { documentCount, averageFieldLengths } = layers;
    this.baseStatistics = {
      documentCount,
      averageFieldLengths,
      matching: (sorted, field, local) => {
        const term = this.baseData.terms[sorted]!;
        return local - (layers.deadPostings.get(term)?.[field] ?? 0) + postingsOf(this.deltaData, term, field);
      },
      ...(layers.deadPostings.size > 0 ? { absent: (sorted: number) => this.baseLive(sorted) === 0 } : {}),
      dead: layers.dead,
    };
    this.deltaStatistics = {
      documentCount,
      averageFieldLengths,
      matching: (sorted, field, local) => local + this.baseLiveOf(this.deltaData.terms[sorted]!, field),
    };
  }

  /** A copy of both layers' ids, made on first ask (millions at 500k articles): the desk's own paths use {@link idAt}. */
  get ids(): readonly string[] {
    this.joinedIds ??= this.layers.base.ids.concat(this.layers.delta.ids);
    return this.joinedIds;
  }

  idAt(doc: number): string {
    const baseSize = this.layers.base.size;
    return doc < baseSize ? this.baseData.ids[doc]! : this.deltaData.ids[doc - baseSize]!;
  }

  get size(): number {
    return this.layers.base.size + this.layers.delta.size;
  }

  /** Live documents. */
  get liveDocuments(): number {
    return this.layers.documentCount;
  }

  prefixMatches(term: string): boolean {
    return this.layers.base.prefixMatches(term);
  }

  searchScored(topic: string, options: { filter?: (doc: number) => boolean; candidates?: Uint32Array } = {}): ScoredHits {
    const { base, delta } = this.layers;
    const baseSize = base.size;
    const filter = options.filter;
    // Ascending candidates split where the delta's numbers start; the delta's are renumbered from 0.
    const candidates = filter === undefined ? undefined : options.candidates;
    const split = candidates === undefined ? 0 : firstAtLeast(candidates, baseSize, 0, candidates.length);
    const baseCandidates = candidates?.subarray(0, split);
    const deltaCandidates = candidates === undefined ? undefined : candidates.subarray(split).map((doc) => doc - baseSize);
    // Dead base documents are left out by the statistics, not a filter (see `SearchStatistics.dead`).
    const fromBase = base.searchScored(topic, { ...(filter ? { filter } : {}), ...(baseCandidates ? { candidates: baseCandidates } : {}), statistics: this.baseStatistics });
    const fromDelta =
      delta.size === 0
        ? null
        : delta.searchScored(topic, { ...(filter ? { filter: (doc: number) => filter(doc + baseSize) } : {}), ...(deltaCandidates ? { candidates: deltaCandidates } : {}), statistics: this.deltaStatistics });
    const derived = this.derivedTerms(topic);
    if ((fromDelta === null || fromDelta.count === 0) && sameTerms(fromBase.derivedTerms, derived)) return fromBase;
    return joinHits(fromBase, fromDelta, baseSize, derived);
  }

  search(topic: string, options: { filter?: (id: string) => boolean } = {}): IndexHit[] {
    const { filter } = options;
    const scored = this.searchScored(topic, filter ? { filter: (doc) => filter(this.idAt(doc)) } : {});
    const order = this.layers.corpusOrder;
    const at = Array.from({ length: scored.count }, (_, i) => i).sort((i, j) => scored.scores[j]! - scored.scores[i]! || order[scored.docs[i]!]! - order[scored.docs[j]!]!);
    return at.map((i) => ({ id: this.idAt(scored.docs[i]!), score: scored.scores[i]!, terms: scored.termsAt(i), inText: scored.inText(i) }));
  }

  toData(): InvertedIndexData {
    this.folded ??= runToEnd(this.fold(this.layers));
    return this.folded;
  }

  /** {@link toData} in steps, for a caller that pauses for answers between them (the snapshot writer). */
  *folding(): Generator<void, InvertedIndexData> {
    this.folded ??= yield* this.fold(this.layers);
    return this.folded;
  }

  /**
   * The index terms a topic derives, by bit, in the order one index of the live documents would
   * number them: per query term, the exact term then its longer forms in sorted order, each once.
   */
  private derivedTerms(topic: string): string[] {
    const derived: string[] = [];
    const seen = new Set<string>();
    for (const queryTerm of topicTerms(topic)) {
      const prefix = this.prefixMatches(queryTerm);
      const fromBase = matchingTerms(this.baseData.terms, queryTerm, prefix).filter((sorted) => this.baseLive(sorted) > 0).map((sorted) => this.baseData.terms[sorted]!);
      const fromDelta = matchingTerms(this.deltaData.terms, queryTerm, prefix).map((sorted) => this.deltaData.terms[sorted]!);
      for (const term of [...new Set([...fromBase, ...fromDelta])].sort(compareStrings)) {
        if (seen.has(term)) continue;
        seen.add(term);
        derived.push(term);
      }
    }
    return derived;
  }

  /** Live base postings of sorted base term `sorted`, all fields. */
  private baseLive(sorted: number): number {
    const data = this.baseData;
    const dead = this.layers.deadPostings.get(data.terms[sorted]!);
    let live = 0;
    for (let field = 0; field < data.fieldCount; field += 1) live += data.offsets[field]![sorted + 1]! - data.offsets[field]![sorted]! - (dead?.[field] ?? 0);
    return live;
  }

  private baseLiveOf(term: string, field: number): number {
    return postingsOf(this.baseData, term, field) - (this.layers.deadPostings.get(term)?.[field] ?? 0);
  }
}

/**
 * Puts each live document's value, `base[doc]` or `delta[doc - baseSize]`, at its place in corpus
 * order in `out` (a fold's ids, a snapshot's ids and field lengths); pauses every 64k documents.
 */
export function* placeInCorpusOrder<T>(layers: Pick<IndexLayers, 'base' | 'corpusOrder'>, base: ArrayLike<T>, delta: ArrayLike<T>, out: { [at: number]: T }): Generator<void, void> {
  const { corpusOrder } = layers;
  const baseSize = layers.base.size;
  for (let doc = 0; doc < corpusOrder.length; doc += 1) {
    const at = corpusOrder[doc]!;
    if (at >= 0) out[at] = doc < baseSize ? base[doc]! : delta[doc - baseSize]!;
    if ((doc & 0xffff) === 0xffff) yield;
  }
}

/** Documents walked per step of {@link liveInCorpusOrder}. */
const ORDER_STEP = 0x10000;

/**
 * The live document numbers listed in corpus order (the inverse of `corpusOrder`, -1s left out),
 * `documents` of them, into `inOrder` (of that length; a reload passes one from its pool of arrays),
 * pausing every 64k documents. Each step is a plain function call: a loop
 * over 2M documents in a generator ran unoptimised at a process's first reload and held answers
 * for 455 ms at 505k.
 */
export function* liveInCorpusOrder(corpusOrder: Int32Array, documents: number, inOrder: Uint32Array = new Uint32Array(documents)): Generator<void, Uint32Array> {
  for (let from = 0; from < corpusOrder.length; from += ORDER_STEP) {
    invertRange(corpusOrder, from, Math.min(from + ORDER_STEP, corpusOrder.length), inOrder);
    yield;
  }
  return inOrder;
}

function invertRange(corpusOrder: Int32Array, from: number, to: number, inOrder: Uint32Array): void {
  for (let doc = from; doc < to; doc += 1) {
    const at = corpusOrder[doc]!;
    if (at >= 0) inOrder[at] = doc;
  }
}

/** Postings of `term` in `field` of an index (0 if it has no such term). */
function postingsOf(data: InvertedIndexData, term: string, field: number): number {
  const sorted = lowerBound(data.terms, term);
  if (data.terms[sorted] !== term) return 0;
  return data.offsets[field]![sorted + 1]! - data.offsets[field]![sorted]!;
}


function sameTerms(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((term, i) => term === b[i]);
}

/** Both layers' hits as one set, delta documents renumbered after the base's, term bits renumbered to `derived`. */
function joinHits(fromBase: ScoredHits, fromDelta: ScoredHits | null, baseSize: number, derived: readonly string[]): ScoredHits {
  const baseCount = fromBase.count;
  const deltaCount = fromDelta?.count ?? 0;
  const count = baseCount + deltaCount;
  const docs = new Uint32Array(count);
  const scores = new Float64Array(count);
  const termMasks = new Uint32Array(count);
  const textMasks = new Uint32Array(count);
  const sentenceMasks = new Uint32Array(count);
  const bitOf = new Map(derived.map((term, bit) => [term, bit]));
  const place = (hits: ScoredHits, from: number, offset: number): void => {
    // Each layer's terms are a subsequence of `derived`: a layer's bit is at most the joined one.
    const remap = hits.derivedTerms.map((term) => bitOf.get(term) ?? 32);
    const overflowed = hits.derivedTerms.length > 32;
    const move = (mask: number): number => {
      let moved = 0;
      for (let bit = 0; mask !== 0 && bit < 32; bit += 1, mask >>>= 1) if ((mask & 1) !== 0 && remap[bit]! < 32) moved |= 1 << remap[bit]!;
      return moved;
    };
    for (let i = 0; i < hits.count; i += 1) {
      docs[from + i] = hits.docs[i]! + offset;
      scores[from + i] = hits.scores[i]!;
      if (overflowed) {
        let mask = 0;
        for (const term of hits.termsAt(i)) if ((bitOf.get(term) ?? 32) < 32) mask |= 1 << bitOf.get(term)!;
        termMasks[from + i] = mask;
      } else termMasks[from + i] = move(hits.termMasks[i]!);
      textMasks[from + i] = move(hits.textMasks[i]!);
      sentenceMasks[from + i] = hits.sentenceMasks ? move(hits.sentenceMasks[i]!) : 0;
    }
  };
  place(fromBase, 0, 0);
  if (fromDelta) place(fromDelta, baseCount, baseSize);
  return {
    count,
    docs,
    scores,
    inText: (i) => (i < baseCount ? fromBase.inText(i) : fromDelta!.inText(i - baseCount)),
    inContext: (i) => (i < baseCount ? fromBase.inContext(i) : fromDelta!.inContext(i - baseCount)),
    termsAt: (i) => (i < baseCount ? fromBase.termsAt(i) : fromDelta!.termsAt(i - baseCount)),
    termMasks,
    textMasks,
    ...(fromBase.sentenceMasks && (fromDelta === null || fromDelta.sentenceMasks) ? { sentenceMasks } : {}),
    derivedTerms: derived,
  };
}
