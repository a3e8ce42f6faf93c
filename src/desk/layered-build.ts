import type { LoadedArticle } from '../corpus/article.js';
import type { CorpusLoad } from '../corpus/load.js';
import type { ArticleQuotes } from '../quotes/extractor.js';
import { largestFrequency, type InvertedIndexData } from '../search/inverted-index.js';
import { LayeredQuoteIndex, liveInCorpusOrder, placeInCorpusOrder, type CorpusIndex, type IndexLayers } from '../search/layered-index.js';
import { QuoteIndex, type IndexedQuote } from '../search/quote-index.js';
import { runPaused, type Pause } from '../time-slices.js';
import { mergeIndexes } from './index-merge.js';
import { TypedArrayPool, type TypedArraySource } from './typed-array-pool.js';


/**
 * The delta is folded into a new base once it holds more quotes than this (or than the base):
 * every reload re-indexes the whole delta (≈0.2 s at this size), and a fold costs one full merge
 * of the postings, as every reload did before.
 */
export const MAX_DELTA_QUOTES = 8192;

/** How a layered index renumbers the previous version's positions, and whose quotes are new in it. */
export interface LayeredIndexPlan {
  index: LayeredQuoteIndex;
  /** Previous document number → this index's (-1: it left). */
  fromOld: Int32Array;
  /** The n-th quote of {@link deltaArticles}, in order → this index's document number. */
  fromDelta: Uint32Array;
  /** The articles extracted afresh, in corpus order: their records are placed anew. */
  deltaArticles: readonly LoadedArticle[];
  /** Whether the delta has grown enough to be folded into the base (see {@link MAX_DELTA_QUOTES}). */
  shouldFold: boolean;
}

/**
 * The index of a new version as the previous version's base (shared, unchanged) plus a delta of
 * every article added or changed since that base was built, re-indexed (it is small), with the
 * base documents of removed and changed articles marked dead. Walks every article twice (a few
 * map lookups each) and allocates per-document typed arrays, but no posting is copied. Null when
 * the previous index cannot serve as a base: most articles changed, or kept articles changed order.
 */
export async function layeredIndex(
  load: CorpusLoad,
  quotesByArticle: ReadonlyMap<string, ArticleQuotes>,
  fresh: ReadonlySet<string>,
  previous: { articles: readonly LoadedArticle[]; quotesByArticle: ReadonlyMap<string, ArticleQuotes>; index: CorpusIndex },
  eachIndexRecord: (articles: readonly LoadedArticle[], quotes: ReadonlyMap<string, ArticleQuotes>) => Iterable<IndexedQuote>,
  pause: Pause,
  maxDeltaQuotes = MAX_DELTA_QUOTES,
  arrays: TypedArraySource = new TypedArrayPool(),
): Promise<LayeredIndexPlan | null> {
  if (fresh.size > load.articles.length / 2) return null;
  const before = previous.index;
  let base: QuoteIndex;
  let deadBefore: Uint8Array | null = null;
  let deadPostingsBefore: ReadonlyMap<string, Uint32Array> = new Map();
  let deadTotalsBefore: IndexLayers['deadTotals'] | null = null;
  let deltaBefore: readonly string[] = [];
  if (before instanceof LayeredQuoteIndex) {
    ({ base, dead: deadBefore, deadPostings: deadPostingsBefore, deadTotals: deadTotalsBefore, deltaArticleIds: deltaBefore } = before.layers);
  } else if (before instanceof QuoteIndex) base = before;
  else return null;
  const fieldCount = base.toData().fieldCount;
  deadTotalsBefore ??= { postings: new Array<number>(fieldCount).fill(0), maxFrequency: new Array<number>(fieldCount).fill(0) };
  const baseSize = base.size;
  const baseIds = base.ids;
  const inDeltaBefore = new Set(deltaBefore);

  // The base documents of articles that left or changed since the previous version.
  const leaving: LoadedArticle[] = [];
  const newlyDead: Array<[number, number]> = [];
  let cursor = 0;
  let walked = 0;
  // Articles not fresh kept their quotes; if the previous version held no others, none left and the walk is skipped.
  const stayed = quotesByArticle.size - fresh.size;
  const anyLeft = previous.quotesByArticle.size > stayed;
  for (const article of anyLeft ? previous.articles : []) {
    if ((++walked & 0x3ff) === 0) await pause();
    if (inDeltaBefore.has(article.id)) continue;
    const quotes = previous.quotesByArticle.get(article.id)?.quotes;
    if (quotes === undefined || quotes.length === 0) continue;
    while (cursor < baseSize && deadBefore !== null && deadBefore[cursor] === 1) cursor += 1;
    if (baseIds[cursor] !== quotes[0]!.id) return null;
    if (fresh.has(article.id) || !quotesByArticle.has(article.id)) {
      leaving.push(article);
      newlyDead.push([cursor, quotes.length]);
    }
    cursor += quotes.length;
  }
  let dead = deadBefore;
  let deadPostings = deadPostingsBefore;
  let deadTotals = deadTotalsBefore;
  if (newlyDead.length > 0) {
    dead = deadBefore === null ? new Uint8Array(baseSize) : deadBefore.slice();
    for (const [start, length] of newlyDead) dead.fill(1, start, start + length);
    // Sliced, as the full merge's index of leaving quotes is: up to half the corpus may have left.
    const gone = (await QuoteIndex.buildAsync(eachIndexRecord(leaving, previous.quotesByArticle))).toData();
    const counts = new Map(deadPostingsBefore);
    gone.terms.forEach((term, sorted) => {
      const sum = Uint32Array.from(counts.get(term) ?? new Uint32Array(gone.fieldCount));
      for (let field = 0; field < gone.fieldCount; field += 1) sum[field] = sum[field]! + gone.offsets[field]![sorted + 1]! - gone.offsets[field]![sorted]!;
      counts.set(term, sum);
    });
    deadPostings = counts;
    const totals = deadTotalsBefore;
    deadTotals = {
      postings: totals.postings.map((postings, field) => postings + gone.docs[field]!.length),
      maxFrequency: totals.maxFrequency.map((max, field) => Math.max(max, largestFrequency(gone.freqs[field]!))),
    };
  }
  await pause();

  // One walk over the articles: the delta's (every live article not in the base, in corpus order)
  // and each live document's place in corpus order, the delta's numbered before it is built.
  const isDelta = (id: string): boolean => fresh.has(id) || inDeltaBefore.has(id);
  // Room for every delta document: the previous delta's (its kept articles keep their quotes) and the fresh articles'.
  let freshQuotes = 0;
  for (const id of fresh) freshQuotes += quotesByArticle.get(id)?.quotes.length ?? 0;
  const room = baseSize + (before instanceof LayeredQuoteIndex ? before.layers.delta.size : 0) + freshQuotes;
  // One array for both layers' places, sized once: at 500k articles each corpus-sized typed array is 8 MB more
  // external memory, and a reload's add up to what starts the collector's marking of the whole heap.
  const walk: OrderWalk = { at: 0, cursor: 0, baseSize, places: new Int32Array(room).fill(-1), deltaDocs: 0, deltaArticles: [] };
  for (let from = 0; from < load.articles.length; from += ARTICLES_PER_STEP) {
    if (!placeArticles(load.articles, from, Math.min(from + ARTICLES_PER_STEP, load.articles.length), quotesByArticle, isDelta, baseIds, dead, walk)) return null;
    await pause();
  }
  const { at, deltaArticles } = walk;
  const delta = await QuoteIndex.buildAsync(eachIndexRecord(deltaArticles, quotesByArticle));
  if (walk.deltaDocs !== delta.size) return null;
  const corpusOrder = walk.places.subarray(0, baseSize + delta.size);
  const inOrder = arrays.take('Uint32Array', at);
  const averages = await runPaused(replayedAverages(base.toData().fieldLengths, delta.toData().fieldLengths, corpusOrder, inOrder), pause);
  arrays.give(inOrder);

  // The previous positions renumbered: base documents keep theirs, the previous delta's kept articles move to their place in the new delta.
  const previousSize = before.size;
  // The build gives it back once the positions are carried across (see `CorpusVersion.build`).
  const fromOld = arrays.take('Int32Array', previousSize, -1);
  for (let doc = 0; doc < baseSize; doc += 1) {
    if (dead === null || dead[doc] === 0) fromOld[doc] = doc;
    if ((doc & 0xffff) === 0xffff) await pause();
  }
  const deltaStart = new Map<string, number>();
  let start = baseSize;
  for (const article of deltaArticles) {
    deltaStart.set(article.id, start);
    start += quotesByArticle.get(article.id)?.quotes.length ?? 0;
  }
  let oldDoc = baseSize;
  for (const id of deltaBefore) {
    const count = previous.quotesByArticle.get(id)?.quotes.length ?? 0;
    const now = fresh.has(id) ? undefined : deltaStart.get(id);
    if (now !== undefined) for (let k = 0; k < count; k += 1) fromOld[oldDoc + k] = now + k;
    oldDoc += count;
  }
  if (oldDoc !== previousSize) {
    arrays.give(fromOld);
    return null;
  }
  const freshArticles = deltaArticles.filter((article) => fresh.has(article.id));
  const fromDelta: number[] = [];
  for (const article of freshArticles) {
    const first = deltaStart.get(article.id)!;
    const count = quotesByArticle.get(article.id)?.quotes.length ?? 0;
    for (let k = 0; k < count; k += 1) fromDelta.push(first + k);
  }

  const deltaArticleIds = deltaArticles.map((article) => article.id);
  const layers: IndexLayers = { base, delta, deltaArticleIds, dead, deadPostings, deadTotals, documentCount: at, averageFieldLengths: averages, corpusOrder };
  return {
    index: new LayeredQuoteIndex(layers, foldLayers),
    fromOld,
    fromDelta: Uint32Array.from(fromDelta),
    deltaArticles: freshArticles,
    shouldFold: delta.size > Math.min(maxDeltaQuotes, baseSize),
  };
}

/** Articles placed between pauses: each costs a few lookups. */
const ARTICLES_PER_STEP = 4096;
/** Documents replayed between pauses. */
const DOCUMENTS_PER_STEP = 0x10000;

/** Where the walk over the articles has got (see {@link placeArticles}). */
interface OrderWalk {
  /** Live documents placed so far. */
  at: number;
  /** The next base document to meet. */
  cursor: number;
  baseSize: number;
  /** Per document number (base ones, then the delta's in the order of {@link deltaArticles}): its place in corpus order (-1: dead). */
  places: Int32Array;
  /** Delta documents placed so far. */
  deltaDocs: number;
  deltaArticles: LoadedArticle[];
}

/**
 * Places the documents of articles `from..to-1`: a delta article's quotes at the delta's end, a
 * base article's where the base holds them. A short synchronous function called once per step,
 * so that a process's first reload runs it optimised. False when a kept article is not where the
 * base holds it (kept articles must keep their order and be the quotes they were), or the delta
 * would outgrow its room.
 */
function placeArticles(
  articles: readonly LoadedArticle[],
  from: number,
  to: number,
  quotesByArticle: ReadonlyMap<string, ArticleQuotes>,
  isDelta: (id: string) => boolean,
  baseIds: readonly string[],
  dead: Uint8Array | null,
  walk: OrderWalk,
): boolean {
  const { places, baseSize } = walk;
  let { at, cursor, deltaDocs } = walk;
  for (let i = from; i < to; i += 1) {
    const article = articles[i]!;
    const delta = isDelta(article.id);
    if (delta) walk.deltaArticles.push(article);
    const quotes = quotesByArticle.get(article.id)?.quotes;
    if (quotes === undefined || quotes.length === 0) continue;
    if (delta) {
      if (baseSize + deltaDocs + quotes.length > places.length) return false;
      for (let k = 0; k < quotes.length; k += 1) places[baseSize + deltaDocs++] = at++;
      continue;
    }
    while (cursor < baseSize && dead !== null && dead[cursor] === 1) cursor += 1;
    if (baseIds[cursor] !== quotes[0]!.id) return false;
    for (let k = 0; k < quotes.length; k += 1) places[cursor++] = at++;
  }
  walk.at = at;
  walk.cursor = cursor;
  walk.deltaDocs = deltaDocs;
  return true;
}

/**
 * Per field, the builder's running average of field lengths, ((avg × n) + length) / (n + 1), over
 * the live documents in corpus order: the very arithmetic of a fresh build, so scores agree bit
 * for bit. Typed arrays only (a plain array would box a number per document and field), and the
 * arithmetic in {@link replayRange}, a plain function called per step: run unoptimised (a
 * generator's loop, at a process's first reload) each step boxed every intermediate number, and
 * at 505k that allocation kept the collector's marking steps going on the main thread for 2 s.
 * `inOrder` is the room for the live documents' order, one per live document (scratch from the
 * build's pool of arrays).
 */
function* replayedAverages(baseLengths: readonly Uint32Array[], deltaLengths: readonly Uint32Array[], corpusOrder: Int32Array, inOrder: Uint32Array): Generator<void, number[]> {
  const baseSize = corpusOrder.length - (deltaLengths[0]?.length ?? 0);
  const documents = inOrder.length;
  yield* liveInCorpusOrder(corpusOrder, documents, inOrder);
  const averages: number[] = [];
  for (let field = 0; field < baseLengths.length; field += 1) {
    let average = 0;
    for (let at = 0; at < documents; at += DOCUMENTS_PER_STEP) {
      average = replayRange(average, at, Math.min(at + DOCUMENTS_PER_STEP, documents), inOrder, baseSize, baseLengths[field]!, deltaLengths[field]!);
      yield;
    }
    averages.push(average);
  }
  return averages;
}

/** The running average carried over places `from..to-1` in corpus order (see {@link replayedAverages}). */
function replayRange(average: number, from: number, to: number, inOrder: Uint32Array, baseSize: number, fromBase: Uint32Array, fromDelta: Uint32Array): number {
  let running = average;
  for (let at = from; at < to; at += 1) {
    const doc = inOrder[at]!;
    running = (running * at + (doc < baseSize ? fromBase[doc]! : fromDelta[doc - baseSize]!)) / (at + 1);
  }
  return running;
}

/**
 * The layers as the one index a fresh build gives: live documents in corpus order, the delta's
 * postings merged into the base's (see {@link mergeIndexes}), dead ones dropped.
 */
export function* foldLayers(layers: IndexLayers): Generator<void, InvertedIndexData> {
  const { base, delta, corpusOrder } = layers;
  const baseSize = base.size;
  if (layers.dead === null && delta.size === 0) return base.toData();
  const ids = new Array<string>(layers.documentCount);
  yield* placeInCorpusOrder(layers, base.ids, delta.ids, ids);
  const fromOld = corpusOrder.slice(0, baseSize);
  const fromDelta = Uint32Array.from(corpusOrder.subarray(baseSize));
  // What the dead documents held, so the merge need not walk every base posting to count it.
  return yield* mergeIndexes(base.toData(), delta.toData(), { fromOld, fromDelta, ids, leaving: layers.deadTotals });
}
