import type { LoadedArticle } from '../corpus/article.js';
import type { CorpusLoad } from '../corpus/load.js';
import type { ArticleQuotes } from '../quotes/extractor.js';
import { QuoteExtractor } from '../quotes/extractor.js';
import type { Quote } from '../quotes/quote.js';
import { SpeakerDirectory, type ArticleSpeakers } from '../quotes/speaker-directory.js';
import { QuoteIndex, type IndexedQuote } from '../search/quote-index.js';
import { Slice } from '../time-slices.js';
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
  onStage?: (stage: BuildStage, ms: number) => void;
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
  private readonly recordsByArticle: Map<string, QuoteRecord[]>;
  /** Records in index order: `recordsByDoc[hit.doc]` without a string lookup per hit. */
  private readonly recordsByDoc: Array<QuoteRecord | undefined>;
  /** Per index position: its reprint group, numbered from 0 (equal {@link QuoteRecord.reprintKey}s share one). */
  private readonly reprintGroupByDoc: Uint32Array;
  /** Per reprint group: the hit position holding its best copy during {@link bestPerReprint}, else -1. */
  private readonly bestInGroup: Int32Array;
  /** Ranking facts per index position. */
  readonly facts: QuoteFacts;
  private readonly recordsBySpeaker: Map<string, QuoteRecord[]>;
  private readonly articlesById: Map<string, LoadedArticle>;

  private constructor(
    /** `${corpus fingerprint}-x${extractor version}`: equal ids mean equal answers. */
    readonly id: string,
    readonly load: CorpusLoad,
    readonly quotesByArticle: ReadonlyMap<string, ArticleQuotes>,
    readonly speakers: SpeakerDirectory,
    readonly index: QuoteIndex,
    readonly builtAt: Date,
    joined: JoinedRecords & { positions: IndexPositions },
  ) {
    this.recordsByArticle = joined.recordsByArticle;
    this.recordsByDoc = joined.positions.recordsByDoc;
    this.reprintGroupByDoc = joined.positions.reprintGroupByDoc;
    this.bestInGroup = new Int32Array(joined.positions.groupCount).fill(-1);
    this.facts = joined.positions.facts;
    this.recordsBySpeaker = joined.recordsBySpeaker;
    this.articlesById = joined.articlesById;
  }

  /** The version id a load would get, known before building (the snapshot cache key). */
  static idFor(load: Pick<CorpusLoad, 'fingerprint'>): string {
    return `${load.fingerprint.slice(0, 16)}-x${QuoteExtractor.version}`;
  }

  /**
   * Extracts, joins speakers and indexes a loaded corpus. Yields to the event loop as it goes so
   * that a reload in a running bot never holds up the answers being served meanwhile.
   */
  static async build(load: CorpusLoad, prebuilt?: PrebuiltParts, options: BuildOptions = {}): Promise<CorpusVersion> {
    const timed = stageTimer(options.onStage);
    const quotesByArticle = prebuilt?.quotesByArticle ?? (await timed('extract', () => extractAll(load.articles)));
    const speakers = await timed('speakers', async () => {
      await shareRepeatedStrings(quotesByArticle);
      return SpeakerDirectory.buildSliced(eachArticleSpeakers(quotesByArticle), MAX_SLICE_MS);
    });
    const index = prebuilt?.index ?? (await timed('index', () => QuoteIndex.buildAsync(eachIndexRecord(load.articles, quotesByArticle))));
    const joined = await timed('records', async () => {
      const records = await joinRecords(load, quotesByArticle, speakers);
      return { ...records, positions: await positionsOf(index.ids, records.recordsByArticle) };
    });
    return new CorpusVersion(CorpusVersion.idFor(load), load, quotesByArticle, speakers, index, new Date(), joined);
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

  /** The quote an index hit points at (`hit.doc`): the fast path for ranking thousands of hits. */
  quoteAt(doc: number): QuoteRecord | undefined {
    return this.recordsByDoc[doc];
  }

  /**
   * Of index hits (positions `0..count-1` of `docs`), the best copy of each reprinted quote, by
   * `better(i, j)`: "is hit i better than hit j". One pass over typed arrays, so a topic matching a
   * hundred thousand quotes deduplicates in milliseconds. Returns hit positions, in no order.
   */
  bestPerReprint(docs: ArrayLike<number>, count: number, better: (i: number, j: number) => boolean): number[] {
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
    return this.recordsBySpeaker.get(speakerKey) ?? [];
  }

  /** Every quote, in corpus order. */
  *allQuotes(): IterableIterator<QuoteRecord> {
    for (const records of this.recordsByArticle.values()) yield* records;
  }

  /** Outlet names as the corpus writes them, for source filters and `/ask source:` choices. */
  outlets(): string[] {
    return this.stats().outlets.map((outlet) => outlet.name);
  }

  stats(): CorpusStats {
    this.cachedStats ??= computeStats(this);
    return this.cachedStats;
  }

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

async function extractAll(articles: readonly LoadedArticle[]): Promise<Map<string, ArticleQuotes>> {
  const extractor = new QuoteExtractor();
  const result = new Map<string, ArticleQuotes>();
  const slice = new Slice(MAX_SLICE_MS);
  for (const article of articles) {
    result.set(article.id, extractor.extract(article));
    await slice.pauseIfDue();
  }
  return result;
}

/** A quote by id: `${articleId}#${n}` is the article's n-th quote. */
function findRecord(recordsByArticle: ReadonlyMap<string, QuoteRecord[]>, id: string): QuoteRecord | undefined {
  const hash = id.lastIndexOf('#');
  const records = recordsByArticle.get(id.slice(0, hash));
  if (!records) return undefined;
  const at = records[Number(id.slice(hash + 1))];
  return at?.quote.id === id ? at : records.find((record) => record.quote.id === id);
}

/** What a version keeps per index position, so ranking never looks a hit up by id. */
interface IndexPositions {
  recordsByDoc: Array<QuoteRecord | undefined>;
  /** Reprint groups numbered from 0: equal {@link QuoteRecord.reprintKey}s share one. */
  reprintGroupByDoc: Uint32Array;
  groupCount: number;
  facts: QuoteFacts;
}

/** {@link IndexPositions} for the index's quotes, in one pass that pauses for answers every few milliseconds. */
async function positionsOf(ids: readonly string[], recordsByArticle: ReadonlyMap<string, QuoteRecord[]>): Promise<IndexPositions> {
  const recordsByDoc = new Array<QuoteRecord | undefined>(ids.length);
  const reprintGroupByDoc = new Uint32Array(ids.length);
  const groupOfKey = new Map<number, number>();
  let groupCount = 0;
  const numbers = new Map<string, number>();
  const direct = new Uint8Array(ids.length);
  const words = new Uint16Array(ids.length);
  const speaker = new Int32Array(ids.length).fill(-1);
  const slice = new Slice(MAX_SLICE_MS);
  for (let doc = 0; doc < ids.length; doc += 1) {
    const record = findRecord(recordsByArticle, ids[doc]!);
    recordsByDoc[doc] = record;
    if (record === undefined) {
      reprintGroupByDoc[doc] = groupCount++;
      continue;
    }
    let group = groupOfKey.get(record.reprintKey);
    if (group === undefined) {
      group = groupCount++;
      groupOfKey.set(record.reprintKey, group);
    }
    reprintGroupByDoc[doc] = group;
    direct[doc] = record.quote.kind === 'direct' ? 1 : 0;
    words[doc] = Math.min(record.wordCount, 0xffff);
    if (record.speakerKey !== null) {
      let number = numbers.get(record.speakerKey);
      if (number === undefined) {
        number = numbers.size;
        numbers.set(record.speakerKey, number);
      }
      speaker[doc] = number;
    }
    if ((doc & 0x3ff) === 0) await slice.pauseIfDue();
  }
  return { recordsByDoc, reprintGroupByDoc, groupCount, facts: { direct, words, speaker, speakerNumber: (key) => numbers.get(key) ?? -1 } };
}

/**
 * Makes every quote point at one copy of each cue ("said", "told the BBC") and speaker name, and
 * every article's speaker list at one copy of each name and alias: the extractor cuts them afresh
 * from each article (and a snapshot parses them afresh), and 80k quotes at 21k articles held ~4 MB
 * of identical short strings.
 */
async function shareRepeatedStrings(quotesByArticle: ReadonlyMap<string, ArticleQuotes>): Promise<void> {
  const pool = new Map<string, string>();
  const shared = (value: string | null): string | null => {
    if (value === null) return null;
    const held = pool.get(value);
    if (held !== undefined) return held;
    pool.set(value, value);
    return value;
  };
  const slice = new Slice(MAX_SLICE_MS);
  for (const extracted of quotesByArticle.values()) {
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
    await slice.pauseIfDue();
  }
}

/** What each article gives the speaker directory, made one article at a time. */
function* eachArticleSpeakers(quotesByArticle: ReadonlyMap<string, ArticleQuotes>): Generator<ArticleSpeakers> {
  for (const [articleId, extracted] of quotesByArticle) {
    yield { articleId, speakers: extracted.speakers, quoteCounts: countBySpeaker(extracted.quotes) };
  }
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
      };
    }
  }
}

/** The lookups a version answers from, joined once per version. */
interface JoinedRecords {
  recordsByArticle: Map<string, QuoteRecord[]>;
  recordsBySpeaker: Map<string, QuoteRecord[]>;
  articlesById: Map<string, LoadedArticle>;
}

/** Joins every quote to its article and corpus-wide speaker, yielding to answers every few milliseconds (it takes seconds at 500k articles). */
async function joinRecords(load: CorpusLoad, quotesByArticle: ReadonlyMap<string, ArticleQuotes>, speakers: SpeakerDirectory): Promise<JoinedRecords> {
  const joined: JoinedRecords = { recordsByArticle: new Map(), recordsBySpeaker: new Map(), articlesById: new Map() };
  for (const article of load.articles) joined.articlesById.set(article.id, article);
  // Names repeat across articles: each is looked up in the directory once (people and others apart).
  const keysOf = { person: new Map<string, string | null>(), other: new Map<string, string | null>() };
  const keyFor = (name: string, person: boolean): string | null => {
    const keys = person ? keysOf.person : keysOf.other;
    let key = keys.get(name);
    if (key === undefined) {
      key = speakers.keyFor(name, person) ?? null;
      keys.set(name, key);
    }
    return key;
  };
  const slice = new Slice(MAX_SLICE_MS);
  for (const [articleId, extracted] of quotesByArticle) {
    const article = joined.articlesById.get(articleId);
    if (!article) continue;
    const articleKeys = new Map(extracted.speakers.map((speaker) => [speaker.name, keyFor(speaker.name, speaker.person)]));
    // `map`, not `push`: an array sized exactly, as it lives as long as the version.
    const records = extracted.quotes.map((quote): QuoteRecord => {
      const speakerKey = quote.speaker === null ? null : (articleKeys.get(quote.speaker) ?? null);
      const record: QuoteRecord = { quote, article, speakerKey, wordCount: wordCount(quote.text), reprintKey: reprintKey(speakerKey, quote.text) };
      if (speakerKey !== null) {
        const list = joined.recordsBySpeaker.get(speakerKey);
        if (list) list.push(record);
        else joined.recordsBySpeaker.set(speakerKey, [record]);
      }
      return record;
    });
    joined.recordsByArticle.set(articleId, records);
    await slice.pauseIfDue();
  }
  for (const [speakerKey, records] of joined.recordsBySpeaker) joined.recordsBySpeaker.set(speakerKey, records.slice());
  return joined;
}

function computeStats(version: CorpusVersion): CorpusStats {
  let earliest: string | null = null;
  let latest: string | null = null;
  const outlets = new Map<string, number>();
  for (const article of version.articles) {
    if (article.date !== null) {
      if (earliest === null || article.date < earliest) earliest = article.date;
      if (latest === null || article.date > latest) latest = article.date;
    }
    if (article.source !== null) outlets.set(article.source, (outlets.get(article.source) ?? 0) + 1);
  }
  let quotes = 0;
  let directQuotes = 0;
  for (const record of version.allQuotes()) {
    quotes += 1;
    if (record.quote.kind === 'direct') directQuotes += 1;
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
