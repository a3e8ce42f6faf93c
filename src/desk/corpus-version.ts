import type { LoadedArticle } from '../corpus/article.js';
import type { CorpusLoad } from '../corpus/load.js';
import type { ArticleQuotes } from '../quotes/extractor.js';
import { QuoteExtractor } from '../quotes/extractor.js';
import type { Quote } from '../quotes/quote.js';
import { SpeakerDirectory, type ArticleSpeakers } from '../quotes/speaker-directory.js';
import { QuoteIndex, type IndexedQuote } from '../search/quote-index.js';
import { LayeredQuoteIndex, type CorpusIndex } from '../search/layered-index.js';
import { LargeMap, LargeSet } from '../large-map.js';
import { runPaused, runToEnd, Slice, type Pause } from '../time-slices.js';
import { layeredIndex, MAX_DELTA_QUOTES } from './layered-build.js';
import { LookupChain, type Lookup } from './lookup-chain.js';
import { givePositions, positionsMerged, positionsOf, reserveForBuilds, SpeakerLists, type IndexPositions } from './index-positions.js';
import type { TypedArraySource } from './typed-array-pool.js';
import { paragraphAround } from './paragraph.js';
import { reprintKey, wordCount } from './reprint-key.js';

/** One quote with what answers need around it: its article and its corpus-wide speaker. */
export interface QuoteRecord {
  quote: Quote;
  article: LoadedArticle;
  /** The {@link SpeakerDirectory} key, or null for an unattributed quote. */
  speakerKey: string | null;
  /** Words in the quote, counted once here so ranking never re-splits text per question. */
  wordCount: number;
  /** Equal for the same words by the same speaker reprinted elsewhere (see {@link reprintKey}). */
  reprintKey: number;
}

/**
 * What ranking needs of every quote, by index position, in typed arrays: a common topic matches
 * a hundred thousand quotes at scale, and reading these facts from each quote's object instead
 * cost a cache miss or three per hit (most of a query's time at 100k articles).
 */
export interface QuoteFacts {
  /** 1 for a direct quote, 0 for reported speech. */
  direct: Uint8Array;
  /** Words in the quote (capped at 65,535). */
  words: Uint16Array;
  /** The speaker's number (see {@link speakerNumber}), or -1 for an unattributed quote. */
  speaker: Int32Array;
  /** A speaker key's number in {@link speaker}, or -1 if no quote has that speaker. */
  speakerNumber(key: string): number;
  /**
   * Each position's place in corpus order (-1: a removed quote), when positions are not in corpus
   * order (a layered index's delta comes after its base); ties are broken by it. Absent: positions are.
   */
  corpusOrder?: Int32Array | undefined;
}

/** The counts `/corpus` and the reload report show. */
export interface CorpusStats {
  articles: number;
  quotes: number;
  directQuotes: number;
  speakers: number;
  rejected: number;
  earliestDate: string | null;
  latestDate: string | null;
  outlets: Array<{ name: string; articles: number }>;
}

/** Already-extracted quotes, e.g. from a start-up snapshot, so a build can skip extraction and indexing. */
export interface PrebuiltParts {
  quotesByArticle: ReadonlyMap<string, ArticleQuotes>;
  index: QuoteIndex;
}

/**
 * The steps of {@link CorpusVersion.build}, named so a benchmark can time each one; every step of
 * the build is inside one of them ('speakers' includes sharing the quotes' repeated strings).
 */
export type BuildStage = 'extract' | 'speakers' | 'index' | 'records';

export interface BuildOptions {
  /** Called after each step with its wall time; lets `npm run bench` split ingest by stage without a second code path. */
  onStage?: ((stage: BuildStage, ms: number) => void) | undefined;
  /**
   * The version this one replaces. Quotes are a pure function of an article's id, title and body
   * and the extractor version: an article whose text is what it was keeps its quotes, its index
   * postings and its records; only new and changed articles are extracted and indexed.
   */
  previous?: CorpusVersion | null | undefined;
  /** Called as extraction goes (every few milliseconds at most), for a progress line. */
  onProgress?: ((progress: BuildProgress) => void) | undefined;
  /** Stops the build (between slices) with the signal's reason. */
  signal?: AbortSignal | undefined;
  /** Past this many quotes in the delta layered on the previous index, the two are folded into one (default {@link MAX_DELTA_QUOTES}). */
  maxDeltaQuotes?: number | undefined;
  /**
   * Where the build takes its per-quote typed arrays from and gives its scratch back to (default:
   * none, every array allocated). A desk passes one pool to every build and hands each retired
   * version's arrays back to it (see {@link CorpusVersion.retire}), so that a reload at 500k
   * articles does not grow the memory outside the heap by the ≈90 MB that set off the collector's
   * marking of the whole heap (docs/performance.md). A build without `previous` also reserves in
   * it what the next build will take.
   */
  arrays?: TypedArraySource | undefined;
}

/** How far a build has got. */
export interface BuildProgress {
  stage: BuildStage;
  /** Articles whose quotes must be extracted (new or changed), and how many of them are done. */
  articlesToExtract: number;
  articlesExtracted: number;
  /** Quotes in the articles looked at so far, kept or extracted. */
  quotesFound: number;
}

/** What a build took from the version before it, for the reload report and the bench. */
export interface BuildReuse {
  /** Articles extracted afresh (new or changed). */
  extracted: number;
  /** Articles whose quotes were kept from the previous version. */
  kept: number;
  /** Whether the index was made from the previous one (layered on it, or merged with it) rather than built from every quote. */
  indexMerged: boolean;
  /** Whether the index is the previous one's base plus a delta (see {@link LayeredQuoteIndex}) rather than one index. */
  indexLayered: boolean;
  /** Whether the kept quotes' records and ranking facts were carried across by the merge's renumbering rather than joined again. */
  positionsCarried: boolean;
}

/** Longest stretch a reload computes without letting answers through: well under one frame. */
const MAX_SLICE_MS = 10;

/**
 * Everything one load of the corpus produced, immutable once built. Answers read one version from
 * start to end, and a reload builds a whole new version beside it and swaps the pointer, so no
 * answer ever mixes two corpora.
 */
export class CorpusVersion {
  /** Each article's records, in quote order (`records[n].quote.id === \`${articleId}#${n}\``). */
  private readonly recordsByArticle: LookupChain<QuoteRecord[]>;
  /** Records in index order: `recordsByDoc[hit.doc]` without a string lookup per hit. */
  private readonly recordsByDoc: Array<QuoteRecord | undefined>;
  /** Per index position: its reprint group, numbered from 0 (equal {@link QuoteRecord.reprintKey}s share one). */
  private readonly reprintGroupByDoc: Uint32Array;
  /** Per reprint group: the hit position holding its best copy during {@link bestPerReprint}, else -1. */
  private readonly bestInGroup: Int32Array;
  /** Ranking facts per index position (see {@link facts}). */
  private readonly factsByDoc: QuoteFacts;
  /** Set by {@link retire}: the per-quote arrays are the pool's now. */
  private retired = false;
  /** Kept whole for the next version to carry across (see {@link positionsMerged}). */
  private readonly positions: IndexPositions;
  private readonly speakerLists: SpeakerLists;
  private readonly articlesById: LookupChain<LoadedArticle>;
  /** What this build took from the version before it. */
  readonly reuse: BuildReuse;
  /** Which articles are not the previous version's (null: built without one). */
  readonly sincePrevious: ArticlesSincePrevious | null;

  private constructor(
    /** `${corpus fingerprint}-x${extractor version}`: equal ids mean equal answers. */
    readonly id: string,
    readonly load: CorpusLoad,
    readonly quotesByArticle: ReadonlyMap<string, ArticleQuotes>,
    readonly speakers: SpeakerDirectory,
    readonly index: CorpusIndex,
    readonly builtAt: Date,
    joined: JoinedRecords & { positions: IndexPositions; speakerLists: SpeakerLists; bestInGroup: Int32Array },
    reuse: BuildReuse,
  ) {
    this.reuse = reuse;
    this.sincePrevious = joined.sincePrevious;
    this.recordsByArticle = joined.recordsByArticle;
    this.recordsByDoc = joined.positions.recordsByDoc;
    this.reprintGroupByDoc = joined.positions.reprintGroupByDoc;
    this.bestInGroup = joined.bestInGroup;
    this.factsByDoc = joined.positions.facts;
    this.positions = joined.positions;
    this.speakerLists = joined.speakerLists;
    this.articlesById = joined.articlesById;
  }

  /** The version id a load would get, known before building (the snapshot cache key). */
  static idFor(load: Pick<CorpusLoad, 'fingerprint'>): string {
    return `${load.fingerprint.slice(0, 16)}-x${QuoteExtractor.version}`;
  }

  /**
   * Extracts, joins speakers and indexes a loaded corpus. Yields to the event loop as it goes so
   * that a reload in a running bot never holds up the answers being served meanwhile. Given the
   * version it replaces (`options.previous`), it extracts and indexes only new and changed
   * articles and merges the rest from it; the result is the version a fresh build would give.
   * The speaker directory is updated by the changed articles' speakers alone.
   */
  static async build(load: CorpusLoad, prebuilt?: PrebuiltParts, options: BuildOptions = {}): Promise<CorpusVersion> {
    const timed = stageTimer(options.onStage);
    const pause = pauser(options.signal);
    const previous = prebuilt ? null : (options.previous ?? null);
    // Its positions are carried across: a retired version's are the pool's.
    previous?.assertServing();
    const arrays = options.arrays;
    const extracted = prebuilt
      ? { quotesByArticle: prebuilt.quotesByArticle, fresh: null, held: null }
      : await timed('extract', () => extractChanged(load.articles, previous, pause, options.onProgress));
    const { quotesByArticle, fresh, held } = extracted;
    const speakers = await timed('speakers', async () => {
      await shareRepeatedStrings(quotesByArticle, fresh, pause);
      const changes = previous && fresh ? await speakerChanges(previous, quotesByArticle, fresh, pause) : null;
      return changes
        ? previous!.speakers.updatedSliced(changes.removed, changes.added, MAX_SLICE_MS)
        : SpeakerDirectory.buildSliced(eachArticleSpeakers(quotesByArticle), MAX_SLICE_MS);
    });
    options.signal?.throwIfAborted();
    let merge: IndexMerge | null = null;
    const index =
      prebuilt?.index ??
      (await timed('index', async () => {
        merge = previous && fresh ? await indexFromPrevious(load, quotesByArticle, fresh, previous, pause, options.maxDeltaQuotes, arrays) : null;
        return merge?.index ?? (await QuoteIndex.buildAsync(eachIndexRecord(load.articles, quotesByArticle)));
      }));
    // At start-up, before the records are joined (most of the start's allocation): what this build and the next take.
    if (arrays !== undefined && previous === null) await reserveForBuilds(arrays, index.size, 2, pause);
    const indexMerged = merge !== null;
    const corpusOrder = index instanceof LayeredQuoteIndex ? index.layers.corpusOrder : undefined;
    let positionsCarried = false;
    options.signal?.throwIfAborted();
    const joined = await timed('records', async () => {
      const keysAgree = previous !== null && speakers.keysAgreeWith(previous.speakers);
      const records = await joinRecords(load, quotesByArticle, speakers, previous && fresh && held ? { version: previous, fresh, held } : null, keysAgree, pause);
      const carried = merge as IndexMerge | null;
      // Kept quotes carry their positions across when each kept record is the previous version's.
      positionsCarried = previous !== null && carried !== null && keysAgree && records.rejoined === 0;
      const positions =
        previous && carried && positionsCarried
          ? await positionsMerged(
              previous.positions,
              { ...carried, documents: index.size, deltaRecords: carried.deltaArticles.flatMap((article) => records.recordsByArticle.get(article.id) ?? []), corpusOrder },
              pause,
              arrays,
            )
          : await positionsOf(index, load.articles, records.recordsByArticle, (id) => findRecord(records.recordsByArticle, id), pause, corpusOrder, arrays);
      // The renumbering is read by nothing after the positions are carried across.
      arrays?.give((merge as IndexMerge | null)?.fromOld);
      const speakerLists = await SpeakerLists.build(positions, pause, arrays);
      const bestInGroup = arrays?.take('Int32Array', positions.groupCount, -1) ?? new Int32Array(positions.groupCount).fill(-1);
      return { ...records, positions, speakerLists, bestInGroup };
    });
    const freshCount = fresh ? fresh.size : load.articles.length;
    const reuse: BuildReuse = { extracted: prebuilt ? 0 : freshCount, kept: prebuilt ? load.articles.length : load.articles.length - freshCount, indexMerged, indexLayered: corpusOrder !== undefined, positionsCarried };
    const version = new CorpusVersion(CorpusVersion.idFor(load), load, quotesByArticle, speakers, index, new Date(), joined, reuse);
    // Counted here, in slices, rather than on the first `/corpus` (one pass over every quote: a stall at 500k articles).
    version.cachedStats = await computeStatsSliced(version, pause);
    return version;
  }

  /** The quotes this version holds for an article, if its text (id, title, body) is what it was here. */
  keptQuotesFor(article: LoadedArticle, before = this.articlesById.get(article.id)): ArticleQuotes | undefined {
    if (!before || (before !== article && (before.body !== article.body || before.title !== article.title))) return undefined;
    return this.quotesByArticle.get(article.id);
  }

  /** This version's lookups by article id, for the next version to chain its changes onto (see {@link LookupChain}). */
  lookups(): { articles: LookupChain<LoadedArticle>; records: LookupChain<QuoteRecord[]> } {
    return { articles: this.articlesById, records: this.recordsByArticle };
  }

  /** The records this version joined for an article, for the next version to keep when nothing about them changed. */
  recordsOf(articleId: string): readonly QuoteRecord[] | undefined {
    return this.recordsByArticle.get(articleId);
  }

  get articles(): readonly LoadedArticle[] {
    return this.load.articles;
  }

  article(id: string): LoadedArticle | undefined {
    return this.articlesById.get(id);
  }

  quote(id: string): QuoteRecord | undefined {
    return findRecord(this.recordsByArticle, id);
  }

  /** Ranking facts per index position. */
  get facts(): QuoteFacts {
    this.assertServing();
    return this.factsByDoc;
  }

  /** The quote an index hit points at (`hit.doc`): the fast path for ranking thousands of hits. */
  quoteAt(doc: number): QuoteRecord | undefined {
    if (this.retired) this.assertServing();
    return this.recordsByDoc[doc];
  }

  /**
   * Gives this version's per-quote typed arrays (ranking facts, reprint groups, speaker lists) to
   * `arrays`, for the next build to fill instead of allocating them (see {@link TypedArrayPool}).
   * The desk calls it once a newer version serves: answers read one version synchronously, so
   * none is reading this one. From then on it refuses to answer, rather than read memory that
   * another version is writing. The quotes, the articles and the index stay readable (a snapshot
   * of it may still be being written).
   */
  retire(arrays: TypedArraySource): void {
    if (this.retired) return;
    this.retired = true;
    givePositions(this.positions, arrays);
    this.speakerLists.giveTo(arrays);
    arrays.give(this.bestInGroup);
  }

  private assertServing(): void {
    if (this.retired) throw new Error(`corpus version ${this.id} is retired: a newer version serves, and its arrays were handed on`);
  }

  /**
   * Of index hits (positions `0..count-1` of `docs`), the best copy of each reprinted quote, by
   * `better(i, j)`: "is hit i better than hit j". One pass over typed arrays, so a topic matching a
   * hundred thousand quotes deduplicates in milliseconds. Returns hit positions, in no order.
   */
  bestPerReprint(docs: ArrayLike<number>, count: number, better: (i: number, j: number) => boolean): number[] {
    this.assertServing();
    const groups: number[] = [];
    const best = this.bestInGroup;
    for (let i = 0; i < count; i += 1) {
      const group = this.reprintGroupByDoc[docs[i]!];
      if (group === undefined) continue;
      const held = best[group]!;
      if (held === -1) {
        best[group] = i;
        groups.push(group);
      } else if (better(i, held)) best[group] = i;
    }
    const positions = groups.map((group) => best[group]!);
    for (const group of groups) best[group] = -1;
    return positions;
  }

  /** Every quote by one speaker, in corpus order. */
  quotesBy(speakerKey: string): readonly QuoteRecord[] {
    this.assertServing();
    return this.speakerLists.of(speakerKey);
  }

  /** The index positions of {@link quotesBy}'s quotes, ascending: what a speaker's topic search narrows to. */
  positionsBy(speakerKey: string): Uint32Array {
    this.assertServing();
    return this.speakerLists.positionsOf(speakerKey);
  }

  /** Every quote, in corpus order. */
  *allQuotes(): IterableIterator<QuoteRecord> {
    for (const article of this.articles) yield* this.recordsByArticle.get(article.id) ?? [];
  }

  /** Outlet names as the corpus writes them, for source filters and `/ask source:` choices. */
  outlets(): string[] {
    return this.stats().outlets.map((outlet) => outlet.name);
  }

  stats(): CorpusStats {
    this.cachedStats ??= computeStats(this);
    return this.cachedStats;
  }

  /** Set by {@link build}; computed on demand only for a version made some other way. */
  private cachedStats: CorpusStats | undefined;
}

function stageTimer(onStage: BuildOptions['onStage']) {
  return async <T>(stage: BuildStage, step: () => T | Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await step();
    onStage?.(stage, performance.now() - started);
    return result;
  };
}

/** A pause between slices of work that also stops the build when its signal is aborted. */

function pauser(signal: AbortSignal | undefined): Pause {
  const slice = new Slice(MAX_SLICE_MS);
  // `signal.aborted`, not `throwIfAborted()`: this runs per article and per thousand quotes, and the call showed in profiles.
  return async () => {
    if (signal?.aborted) throw signal.reason;
    await slice.pauseIfDue();
  };
}

/** Every article's quotes: kept from `previous` where its text is unchanged, extracted otherwise (`fresh` names those). */
async function extractChanged(
  articles: readonly LoadedArticle[],
  previous: CorpusVersion | null,
  pause: Pause,
  onProgress: BuildOptions['onProgress'],
): Promise<{ quotesByArticle: LargeMap<string, ArticleQuotes>; fresh: LargeSet<string>; held: Uint8Array }> {
  const extractor = new QuoteExtractor();
  const quotesByArticle = new LargeMap<string, ArticleQuotes>();
  const fresh = new LargeSet<string>();
  const kept = new Array<ArticleQuotes | undefined>(articles.length);
  const held = new Uint8Array(articles.length);
  for (let from = 0; previous !== null && from < articles.length; from += ARTICLES_PER_STEP) {
    keptQuotesOf(previous, articles, from, Math.min(from + ARTICLES_PER_STEP, articles.length), kept, held);
    await pause();
  }
  // Counted by index: a first build's `kept` is all holes, which `filter` would skip.
  let toExtract = 0;
  for (let i = 0; i < articles.length; i += 1) if (kept[i] === undefined) toExtract += 1;
  const progress: BuildProgress = { stage: 'extract', articlesToExtract: toExtract, articlesExtracted: 0, quotesFound: 0 };
  let reported = performance.now();
  for (let i = 0; i < articles.length; ) {
    // A run of kept articles taken in at once, then the article that needs extracting, if any.
    i = takeKept(articles, kept, i, Math.min(i + ARTICLES_PER_STEP, articles.length), quotesByArticle, progress);
    if (i < articles.length && kept[i] === undefined) {
      const article = articles[i]!;
      const quotes = extractor.extract(article);
      fresh.add(article.id);
      progress.articlesExtracted += 1;
      progress.quotesFound += quotes.quotes.length;
      quotesByArticle.set(article.id, quotes);
      i += 1;
    }
    if (onProgress && performance.now() - reported > 100) {
      reported = performance.now();
      onProgress({ ...progress });
    }
    await pause();
  }
  onProgress?.({ ...progress });
  return { quotesByArticle, fresh, held };
}

/** Articles walked between pauses where each costs a lookup or two (a few hundred microseconds a step). */
const ARTICLES_PER_STEP = 2048;

/** What the previous version held under an article's id (see {@link keptQuotesOf}): nothing, another article object, or this very one. */
const HELD_NONE = 0;
const HELD_OTHER = 1;
const HELD_SAME = 2;

/**
 * `kept[i]` for articles `from..to-1`: the quotes `previous` holds for each unchanged one, and in
 * `held[i]` what it held under the id, so the records join need not look every article up again.
 * Short synchronous steps of the build's walks over every article (see {@link ARTICLES_PER_STEP}).
 */
function keptQuotesOf(previous: CorpusVersion, articles: readonly LoadedArticle[], from: number, to: number, kept: Array<ArticleQuotes | undefined>, held: Uint8Array): void {
  for (let i = from; i < to; i += 1) {
    const article = articles[i]!;
    const before = previous.article(article.id);
    held[i] = before === undefined ? HELD_NONE : before === article ? HELD_SAME : HELD_OTHER;
    kept[i] = previous.keptQuotesFor(article, before);
  }
}

/** Takes in the kept quotes of articles from `from` on, up to `to` or the first one to extract; returns where it stopped. */
function takeKept(articles: readonly LoadedArticle[], kept: ReadonlyArray<ArticleQuotes | undefined>, from: number, to: number, quotesByArticle: LargeMap<string, ArticleQuotes>, progress: BuildProgress): number {
  let i = from;
  let found = 0;
  for (; i < to; i += 1) {
    const quotes = kept[i];
    if (quotes === undefined) break;
    found += quotes.quotes.length;
    quotesByArticle.set(articles[i]!.id, quotes);
  }
  progress.quotesFound += found;
  return i;
}

/**
 * The index of the new version made from the previous one: its base shared and a small delta of
 * the new and changed articles' quotes layered on it (see {@link layeredIndex}), or, once the
 * delta has grown large, the two folded into one index in corpus order, the postings merged in
 * slices. Null when a full build is the better way (most articles changed, or the kept ones
 * changed order).
 */
async function indexFromPrevious(
  load: CorpusLoad,
  quotesByArticle: ReadonlyMap<string, ArticleQuotes>,
  fresh: ReadonlySet<string>,
  previous: CorpusVersion,
  pause: Pause,
  maxDeltaQuotes: number | undefined,
  arrays: TypedArraySource | undefined,
): Promise<IndexMerge | null> {
  const layered = await layeredIndex(load, quotesByArticle, fresh, previous, eachIndexRecord, pause, maxDeltaQuotes, arrays);
  if (layered === null || !layered.shouldFold) return layered;
  const folded = await runPaused(layered.index.folding(), pause);
  // Renumbered twice, as one: previous → layered → corpus order.
  const order = layered.index.layers.corpusOrder;
  const fromOld = layered.fromOld.map((doc) => (doc < 0 ? -1 : order[doc]!));
  arrays?.give(layered.fromOld);
  const fromDelta = layered.fromDelta.map((doc) => order[doc]!);
  return { index: QuoteIndex.fromData(folded), fromOld, fromDelta, deltaArticles: layered.deltaArticles };
}

/** A merged index and how it renumbered the previous one's quotes (see {@link mergeIndexes}). */
interface IndexMerge {
  index: CorpusIndex;
  fromOld: Int32Array;
  fromDelta: Uint32Array;
  /** The articles whose quotes the delta index holds, in its order. */
  deltaArticles: readonly LoadedArticle[];
}

/** A quote by id: `${articleId}#${n}` is the article's n-th quote. */
function findRecord(recordsByArticle: Lookup<QuoteRecord[]>, id: string): QuoteRecord | undefined {
  const hash = id.lastIndexOf('#');
  const records = recordsByArticle.get(id.slice(0, hash));
  if (!records) return undefined;
  const at = records[Number(id.slice(hash + 1))];
  return at?.quote.id === id ? at : records.find((record) => record.quote.id === id);
}

/**
 * Makes every quote point at one copy of each cue ("said", "told the BBC") and speaker name, and
 * every article's speaker list at one copy of each name and alias: the extractor cuts them afresh
 * from each article (and a snapshot parses them afresh), and 80k quotes at 21k articles held ~4 MB
 * of identical short strings.
 */
async function shareRepeatedStrings(quotesByArticle: ReadonlyMap<string, ArticleQuotes>, only: ReadonlySet<string> | null, pause: Pause): Promise<void> {
  const pool = new LargeMap<string, string>();
  const shared = (value: string | null): string | null => {
    if (value === null) return null;
    const held = pool.get(value);
    if (held !== undefined) return held;
    pool.set(value, value);
    return value;
  };
  // Looked up one at a time between pauses: a cold build's `only` is every article, and mapping
  // 502k ids at once held answers for 355 ms (stall-causes.ts --copies 24 --cold).
  const entries = only === null ? quotesByArticle.values() : lookedUp(only, quotesByArticle);
  for (const extracted of entries) {
    const { quotes, speakers } = extracted;
    for (const speaker of speakers) {
      speaker.name = shared(speaker.name)!;
      speaker.aliases = speaker.aliases.map((alias) => shared(alias)!);
    }
    for (const quote of quotes) {
      quote.cue = shared(quote.cue);
      quote.speaker = shared(quote.speaker);
      quote.speakerSurface = shared(quote.speakerSurface);
    }
    // Arrays grown by push keep up to half again as many slots; these live as long as the version.
    extracted.quotes = quotes.slice();
    extracted.speakers = speakers.slice();
    await pause();
  }
}

/** The values of `ids` in `map`, looked up as they are walked. */
function* lookedUp<V>(ids: Iterable<string>, map: ReadonlyMap<string, V>): Generator<V> {
  for (const id of ids) yield map.get(id)!;
}

/** What each article gives the speaker directory, made one article at a time. */
function* eachArticleSpeakers(quotesByArticle: ReadonlyMap<string, ArticleQuotes>): Generator<ArticleSpeakers> {
  for (const [articleId, extracted] of quotesByArticle) yield articleSpeakersOf(articleId, extracted);
}

/**
 * Counted afresh each time (a few quotes; only changed articles after the first build), the same
 * counts for the same immutable quotes, so taking an article out subtracts what putting it in
 * added. A WeakMap cache of them made every major collection mark an ephemeron per article in its
 * stop-the-world pause: 0.3–0.8 s at 105k articles.
 */
function articleSpeakersOf(articleId: string, extracted: ArticleQuotes): ArticleSpeakers {
  return { articleId, speakers: extracted.speakers, quoteCounts: countBySpeaker(extracted.quotes) };
}

/**
 * The articles whose speakers differ from the previous version's: those it held that are gone or
 * were extracted afresh, and the fresh ones. Null when so many changed that counting every
 * article afresh is the shorter way.
 */
async function speakerChanges(
  previous: CorpusVersion,
  quotesByArticle: ReadonlyMap<string, ArticleQuotes>,
  fresh: ReadonlySet<string>,
  pause: Pause,
): Promise<{ removed: ArticleSpeakers[]; added: ArticleSpeakers[] } | null> {
  if (fresh.size > quotesByArticle.size / 2) return null;
  const removed: ArticleSpeakers[] = [];
  // Every article not fresh kept the previous version's quotes: when the previous version held
  // no others than those and the fresh ones it had, nothing left, and no walk is needed.
  const changed: string[] = [];
  let walked = 0;
  for (const articleId of fresh) {
    if (previous.quotesByArticle.has(articleId)) changed.push(articleId);
    if ((++walked & 0x3ff) === 0) await pause();
  }
  if (previous.quotesByArticle.size === quotesByArticle.size - fresh.size + changed.length) {
    for (const articleId of changed) removed.push(articleSpeakersOf(articleId, previous.quotesByArticle.get(articleId)!));
  } else {
    let seen = 0;
    for (const [articleId, extracted] of previous.quotesByArticle) {
      if (quotesByArticle.get(articleId) !== extracted) removed.push(articleSpeakersOf(articleId, extracted));
      if ((++seen & 0x3ff) === 0) await pause();
    }
  }
  if (removed.length + fresh.size > quotesByArticle.size / 2) return null;
  const added: ArticleSpeakers[] = [];
  for (const articleId of fresh) {
    added.push(articleSpeakersOf(articleId, quotesByArticle.get(articleId)!));
    if ((added.length & 0x3ff) === 0) await pause();
  }
  return { removed, added };
}

function countBySpeaker(quotes: readonly Quote[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const quote of quotes) {
    if (quote.speaker !== null) counts.set(quote.speaker, (counts.get(quote.speaker) ?? 0) + 1);
  }
  return counts;
}

/** The searchable record of each quote: its words, its paragraph, the headline. */
export function indexRecords(articles: readonly LoadedArticle[], quotesByArticle: ReadonlyMap<string, ArticleQuotes>): IndexedQuote[] {
  return [...eachIndexRecord(articles, quotesByArticle)];
}

/** {@link indexRecords} one at a time, in corpus order: the index takes each as it is made, so the paragraphs are never all held at once. */
export function* eachIndexRecord(articles: readonly LoadedArticle[], quotesByArticle: ReadonlyMap<string, ArticleQuotes>): Generator<IndexedQuote> {
  for (const article of articles) {
    for (const quote of quotesByArticle.get(article.id)?.quotes ?? []) {
      yield {
        id: quote.id,
        text: quote.text,
        context: paragraphAround(article.body, quote.start, quote.end),
        title: article.title ?? '',
        sentence: quote.context,
      };
    }
  }
}

/**
 * Which articles of a version are not the very objects the version before it held (new, changed,
 * or a changed file read again), and whether every article that version held is still here: what
 * a reload's report of added, changed and removed articles needs, without a walk over every article.
 */
export interface ArticlesSincePrevious {
  notKept: readonly string[];
  noneLeft: boolean;
}

/** The lookups a version answers from, joined once per version. */
interface JoinedRecords {
  recordsByArticle: LookupChain<QuoteRecord[]>;
  articlesById: LookupChain<LoadedArticle>;
  /** Articles whose quotes were kept but whose records had to be made again (their article or a speaker's key changed). */
  rejoined: number;
  /** Null for a version built without one before it. */
  sincePrevious: ArticlesSincePrevious | null;
}

/**
 * Joins every quote to its article and corpus-wide speaker, yielding to answers every few
 * milliseconds (it takes seconds at 500k articles). Records are immutable: the previous version's
 * serve again when the article, its quotes and their speakers' keys are the same; `keysAgree`
 * (every name has the key it had) lets that be known without looking at each record.
 */
async function joinRecords(
  load: CorpusLoad,
  quotesByArticle: ReadonlyMap<string, ArticleQuotes>,
  speakers: SpeakerDirectory,
  /** The version before, the articles extracted afresh, and what it held under each article's id (see {@link keptQuotesOf}). */
  previous: { version: CorpusVersion; fresh: ReadonlySet<string>; held: Uint8Array } | null,
  keysAgree: boolean,
  pause: Pause,
): Promise<JoinedRecords> {
  // Names repeat across articles: each is looked up in the directory once (people and others apart).
  const keysOf = { person: new LargeMap<string, string | null>(), other: new LargeMap<string, string | null>() };
  const keyFor = (name: string, person: boolean): string | null => {
    const keys = person ? keysOf.person : keysOf.other;
    let key = keys.get(name);
    if (key === undefined) {
      key = speakers.keyFor(name, person) ?? null;
      keys.set(name, key);
    }
    return key;
  };
  // Only what differs from the previous version is noted, chained onto its lookups; a version with
  // none before it, or whose chain is long, makes whole maps.
  const before = previous?.version.lookups();
  const chained = before !== undefined && !before.articles.deep && !before.records.deep;
  const articleChanges = new LargeMap<string, LoadedArticle | undefined>();
  const recordChanges = new LargeMap<string, QuoteRecord[] | undefined>();
  const articles = chained ? null : new LargeMap<string, LoadedArticle>();
  const recordsByArticle = chained ? null : new LargeMap<string, QuoteRecord[]>();
  let rejoined = 0;
  const walk: RecordsWalk = { load, quotesByArticle, fresh: previous?.fresh ?? null, held: previous?.held ?? null, before, keysAgree, articleChanges, articles, recordsByArticle, matched: 0, extracted: undefined, kept: undefined };
  for (let i = 0; i < load.articles.length; ) {
    // A run of articles whose records serve again, then the one (if any) whose records must be joined.
    i = keepRecords(walk, i, Math.min(i + ARTICLES_PER_STEP, load.articles.length));
    if (walk.extracted !== undefined) {
      const article = load.articles[i]!;
      const { extracted, kept } = walk as { extracted: ArticleQuotes; kept: QuoteRecord[] | undefined };
      const articleKeys = new Map(extracted.speakers.map((speaker) => [speaker.name, keyFor(speaker.name, speaker.person)]));
      const keyOf = (quote: Quote): string | null => (quote.speaker === null ? null : (articleKeys.get(quote.speaker) ?? null));
      const same = kept !== undefined && kept.length === extracted.quotes.length && kept.every((record) => record.article === article && record.speakerKey === keyOf(record.quote));
      if (kept !== undefined && !same) rejoined += 1;
      // `map`, not `push`: an array sized exactly, as it lives as long as the version.
      const records = same
        ? kept
        : extracted.quotes.map((quote): QuoteRecord => {
            const speakerKey = keyOf(quote);
            return { quote, article, speakerKey, wordCount: wordCount(quote.text), reprintKey: reprintKey(speakerKey, quote.text) };
          });
      if (records !== kept && before !== undefined) recordChanges.set(article.id, records);
      recordsByArticle?.set(article.id, records);
      i += 1;
    }
    await pause();
  }
  const { matched } = walk;
  const sincePrevious = before === undefined ? null : { notKept: [...articleChanges.keys()], noneLeft: matched === previous!.version.articles.length };
  if (before !== undefined && chained) {
    if (matched === previous!.version.articles.length) return { articlesById: before.articles.with(articleChanges), recordsByArticle: before.records.with(recordChanges), rejoined, sincePrevious };
    // Some left: whole maps again, rather than a walk to find which.
    return { ...(await wholeMaps(load, (id) => (recordChanges.has(id) ? recordChanges.get(id) : before.records.get(id)), pause)), rejoined, sincePrevious };
  }
  return { articlesById: LookupChain.of(articles!), recordsByArticle: LookupChain.of(recordsByArticle!), rejoined, sincePrevious };
}

/** The state of {@link joinRecords}'s walk over the articles (see {@link keepRecords}). */
interface RecordsWalk {
  load: CorpusLoad;
  quotesByArticle: ReadonlyMap<string, ArticleQuotes>;
  fresh: ReadonlySet<string> | null;
  held: Uint8Array | null;
  before: { articles: LookupChain<LoadedArticle>; records: LookupChain<QuoteRecord[]> } | undefined;
  keysAgree: boolean;
  articleChanges: LargeMap<string, LoadedArticle | undefined>;
  articles: LargeMap<string, LoadedArticle> | null;
  recordsByArticle: LargeMap<string, QuoteRecord[]> | null;
  /** Articles the previous version also held. */
  matched: number;
  /** The quotes and previous records of the article {@link keepRecords} stopped at (undefined: it walked its whole range). */
  extracted: ArticleQuotes | undefined;
  kept: QuoteRecord[] | undefined;
}

/**
 * Walks articles `from..to-1`, noting each in the lookups, the previous version's records kept
 * where they serve again; stops at the first article whose records must be joined (returned, its
 * quotes and previous records left in `walk`), else returns `to`. A short synchronous step, so a
 * process's first reload runs it optimised.
 */
function keepRecords(walk: RecordsWalk, from: number, to: number): number {
  const { load, quotesByArticle, fresh, held, before, keysAgree, articleChanges, articles, recordsByArticle } = walk;
  walk.extracted = undefined;
  walk.kept = undefined;
  for (let i = from; i < to; i += 1) {
    const article = load.articles[i]!;
    const articleId = article.id;
    const state = held === null ? HELD_NONE : held[i]!;
    if (state !== HELD_NONE) walk.matched += 1;
    if (state !== HELD_SAME && before !== undefined) articleChanges.set(articleId, article);
    articles?.set(articleId, article);
    const extracted = quotesByArticle.get(articleId);
    if (extracted === undefined) continue;
    // An article the version before held and that was not extracted afresh has that version's quotes: its records may serve again.
    const kept = state !== HELD_NONE && !fresh!.has(articleId) ? before!.records.get(articleId) : undefined;
    if (kept === undefined || !keysAgree || (kept.length > 0 && kept[0]!.article !== article)) {
      walk.extracted = extracted;
      walk.kept = kept;
      return i;
    }
    recordsByArticle?.set(articleId, kept);
  }
  return to;
}

/** The lookups as whole maps, from each article's records. */
async function wholeMaps(load: CorpusLoad, recordsOf: (id: string) => QuoteRecord[] | undefined, pause: Pause): Promise<Omit<JoinedRecords, 'rejoined' | 'sincePrevious'>> {
  const articles = new LargeMap<string, LoadedArticle>();
  const records = new LargeMap<string, QuoteRecord[]>();
  for (let i = 0; i < load.articles.length; i += 1) {
    const article = load.articles[i]!;
    articles.set(article.id, article);
    const held = recordsOf(article.id);
    if (held !== undefined) records.set(article.id, held);
    if ((i & 0x3ff) === 0) await pause();
  }
  return { articlesById: LookupChain.of(articles), recordsByArticle: LookupChain.of(records) };
}

function computeStats(version: CorpusVersion): CorpusStats {
  return runToEnd(statsSteps(version));
}

function computeStatsSliced(version: CorpusVersion, pause: Pause): Promise<CorpusStats> {
  return runPaused(statsSteps(version), pause);
}

function* statsSteps(version: CorpusVersion): Generator<void, CorpusStats> {
  let earliest: string | null = null;
  let latest: string | null = null;
  const outlets = new Map<string, number>();
  let seen = 0;
  for (const article of version.articles) {
    if ((++seen & 0x3ff) === 0) yield;
    if (article.date !== null) {
      if (earliest === null || article.date < earliest) earliest = article.date;
      if (latest === null || article.date > latest) latest = article.date;
    }
    if (article.source !== null) outlets.set(article.source, (outlets.get(article.source) ?? 0) + 1);
  }
  // From the per-position facts (every quote has one position), not a walk over the record objects.
  let quotes = 0;
  let directQuotes = 0;
  const direct = version.facts.direct;
  for (let doc = 0; doc < direct.length; doc += 1) {
    // Every 64k positions: the first reload of a process runs this unoptimised, and 1M took ~0.4 s then.
    if ((doc & 0xffff) === 0xffff) yield;
    if (version.quoteAt(doc) === undefined) continue;
    quotes += 1;
    directQuotes += direct[doc]!;
  }
  return {
    articles: version.articles.length,
    quotes,
    directQuotes,
    speakers: version.speakers.size,
    rejected: version.load.rejected.length,
    earliestDate: earliest,
    latestDate: latest,
    outlets: [...outlets].map(([name, articles]) => ({ name, articles })).sort((a, b) => b.articles - a.articles),
  };
}
