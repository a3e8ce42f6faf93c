import { Slice } from '../time-slices.js';
import { InvertedIndex, InvertedIndexBuilder, type InvertedIndexData, type SearchSpec, type SearchStatistics } from './inverted-index.js';
import { indexTerms, queryTerms, tokenize } from './terms.js';

/** What the index knows of one quote: only searchable text; everything else stays in the corpus version. */
/** Query terms this long or longer also match longer index terms ("ukrain" finds "ukrainian"). */
export const DEFAULT_PREFIX_MIN_LENGTH = 5;

export interface IndexedQuote {
  /** The quote id (`Quote.id`). */
  id: string;
  /** The quoted words. */
  text: string;
  /** The paragraph around the quote, so "Putin on Trump" finds a quote that says "him". */
  context: string;
  /** The article's headline, when it has one. */
  title: string;
  /**
   * The sentence the quote stands in (`Quote.context`). Not searched or scored: the index keeps
   * its words outside the quote so that answers can tell a quote "about" a topic through its
   * sentence from one whose paragraph alone mentions it, without reading the sentence again.
   */
  sentence: string;
}

export interface QuoteIndexOptions {
  /**
   * How much a match in each field counts. The quoted words matter most; the paragraph gives
   * recall for quotes that say "him" or "it"; the headline only nudges. Default `{ text: 3, context: 1, title: 0.5 }`.
   */
  boost?: Partial<Record<'text' | 'context' | 'title', number>>;
  /**
   * Prefix matching for query terms at least this long ("ukrain" finds "ukrainian"). Short terms
   * never prefix-match, which keeps "us" from matching "usual". Default 5; `Infinity` turns it off.
   */
  prefixMinLength?: number;
}

export interface IndexHit {
  id: string;
  score: number;
  /** The index terms that matched, for highlighting and trimming long quotes. */
  terms: string[];
  /** Whether the quoted words themselves match, not only the paragraph or headline around them. */
  inText: boolean;
}

/** Every quote matching a topic, as parallel arrays in no particular order (see {@link QuoteIndex.searchScored}). */
export interface ScoredHits {
  count: number;
  /** Hit i's quote position (`ids[docs[i]]` is its id). */
  docs: Uint32Array;
  scores: Float64Array;
  /** Whether hit i's quoted words themselves match, not only the paragraph or headline around them. */
  inText(i: number): boolean;
  /** Whether some term matched hit i's paragraph. */
  inContext(i: number): boolean;
  /** The index terms that matched hit i. */
  termsAt(i: number): string[];
  /** Bit t set: {@link derivedTerms}[t] matched hit i in any field (t < 32). */
  termMasks: Uint32Array;
  /** Bit t set: {@link derivedTerms}[t] is in hit i's quoted words themselves (t < 32). */
  textMasks: Uint32Array;
  /**
   * Bit t set: {@link derivedTerms}[t] is in the sentence around hit i's quote, outside the quote
   * (t < 32). Absent when the source cannot tell (then the sentence must be read).
   */
  sentenceMasks?: Uint32Array;
  /** The index terms the topic matched, by bit; past 32 (a very short prefix) only {@link termsAt} knows them. */
  derivedTerms: readonly string[];
}

/**
 * The fields searched. Speakers are not among them: questions name a speaker through the speaker
 * directory and a filter, never through words, so indexing names would only cost time and memory.
 */
const FIELDS = ['text', 'context', 'title', 'sentence'] as const;
/** The fields scored (MiniSearch's), first in the index's field order; the sentence after them is kept for membership only. */
export const SCORED_FIELDS = 3;
const TEXT_FIELD = FIELDS.indexOf('text');
const TEXT_FIELD_BIT = 1 << TEXT_FIELD;
const CONTEXT_FIELD_BIT = 1 << FIELDS.indexOf('context');
/** Longest stretch {@link QuoteIndex.buildAsync} indexes without letting answers through: well under one frame. */
const MAX_SLICE_MS = 10;
/** How much a prefix match ("ukrain" → "ukrainian") counts against an exact one. */
const PREFIX_WEIGHT = 0.5;

/**
 * Full-text index over quote-sized records (not whole articles: smaller, faster, and a hit is
 * already the answer). Built once per corpus version and never mutated, so a reload swaps in a
 * new one while queries in flight finish on the old. Scores are MiniSearch's BM25+ (see
 * {@link InvertedIndex}); the postings live in typed arrays, a few bytes each.
 *
 * @example
 * const index = QuoteIndex.build(quotes.map(toIndexedQuote));
 * index.search('Ukraine', { filter: (id) => byPutin.has(id) });
 */
export class QuoteIndex {
  private readonly boosts: number[];
  private readonly prefixMinLength: number;

  private constructor(
    private readonly index: InvertedIndex,
    options: QuoteIndexOptions,
  ) {
    const boost = { text: 3, context: 1, title: 0.5, ...options.boost };
    this.boosts = FIELDS.slice(0, SCORED_FIELDS).map((field) => boost[field as keyof typeof boost]);
    this.prefixMinLength = options.prefixMinLength ?? DEFAULT_PREFIX_MIN_LENGTH;
  }

  /** Indexes the given quotes. */
  static build(quotes: Iterable<IndexedQuote>, options: QuoteIndexOptions = {}): QuoteIndex {
    const builder = newBuilder();
    for (const quote of quotes) addQuote(builder, quote);
    return new QuoteIndex(builder.finish(), options);
  }

  /**
   * Indexes while yielding to the event loop every few milliseconds, so a reload never stalls
   * answers. Takes any iterable, so records can be made one at a time rather than all held at once.
   */
  static async buildAsync(quotes: Iterable<IndexedQuote>, options: QuoteIndexOptions = {}): Promise<QuoteIndex> {
    const builder = newBuilder();
    const slice = new Slice(MAX_SLICE_MS);
    for (const quote of quotes) {
      addQuote(builder, quote);
      await slice.pauseIfDue();
    }
    return new QuoteIndex(await builder.finishAsync(MAX_SLICE_MS), options);
  }

  /** Restores an index from {@link toData}; the data must come from the same code (the snapshot format says so). */
  static fromData(data: InvertedIndexData, options: QuoteIndexOptions = {}): QuoteIndex {
    if (data.fieldCount !== FIELDS.length) throw new Error(`index has ${data.fieldCount} fields, expected ${FIELDS.length}`);
    return new QuoteIndex(new InvertedIndex(data), options);
  }

  /** The index as typed arrays and strings, for the start-up snapshot. */
  toData(): InvertedIndexData {
    return this.index.data;
  }

  get size(): number {
    return this.index.size;
  }

  /** Quote ids in the order they were indexed: `ids[hit.doc] === hit.id`. */
  get ids(): readonly string[] {
    return this.index.data.ids;
  }

  idAt(doc: number): string {
    return this.index.data.ids[doc]!;
  }

  /**
   * Quotes matching a topic, best first. Terms are OR-ed so a long topic still finds partial
   * matches; quotes matching more of the topic score higher. `filter` narrows by quote id
   * (speaker, date, outlet) before ranking.
   */
  search(topic: string, options: { filter?: (id: string) => boolean } = {}): IndexHit[] {
    const { filter } = options;
    const ids = this.index.data.ids;
    const hits = this.index.search(this.specFor(topic, filter ? (doc) => filter(ids[doc]!) : undefined));
    return hits.map(({ id, score, terms: matched, fields }) => ({ id, score, terms: matched, inText: (fields & TEXT_FIELD_BIT) !== 0 }));
  }

  /**
   * The same matches and scores as {@link search}, unsorted and without an object per hit: what
   * an answer ranks when a common topic matches tens of thousands of quotes.
   */
  searchScored(topic: string, options: { filter?: (doc: number) => boolean; candidates?: Uint32Array; statistics?: SearchStatistics } = {}): ScoredHits {
    const spec = this.specFor(topic, options.filter);
    const scored = this.index.searchScored({
      ...spec,
      ...(options.candidates !== undefined ? { candidates: options.candidates } : {}),
      ...(options.statistics !== undefined ? { statistics: options.statistics } : {}),
    });
    return {
      count: scored.count,
      docs: scored.docs,
      scores: scored.scores,
      inText: (i) => (scored.fields[i]! & TEXT_FIELD_BIT) !== 0,
      inContext: (i) => (scored.fields[i]! & CONTEXT_FIELD_BIT) !== 0,
      termsAt: scored.termsAt,
      termMasks: scored.termMasks,
      textMasks: scored.firstFieldMasks,
      sentenceMasks: scored.unscoredMasks,
      derivedTerms: scored.derivedTerms,
    };
  }

  /** Whether a query term also matches longer index terms ("ukrain" → "ukrainian"): as {@link search} does. */
  prefixMatches(term: string): boolean {
    return term.length >= this.prefixMinLength;
  }

  private specFor(topic: string, filter: ((doc: number) => boolean) | undefined): SearchSpec {
    const terms = topicTerms(topic);
    return {
      terms,
      prefix: (term) => term.length >= this.prefixMinLength,
      prefixWeight: PREFIX_WEIGHT,
      boosts: this.boosts,
      scoredFields: SCORED_FIELDS,
      ...(filter ? { filter } : {}),
    };
  }
}

/** A topic's query terms, in order, as {@link QuoteIndex.searchScored} searches them. */
export function topicTerms(topic: string): string[] {
  return tokenize(topic).flatMap((token) => queryTerms(token) ?? []).filter((term) => term.length > 0);
}

function newBuilder(): InvertedIndexBuilder {
  return new InvertedIndexBuilder(FIELDS.length, tokenize, indexTerms);
}

function addQuote(builder: InvertedIndexBuilder, quote: IndexedQuote): void {
  builder.add(quote.id, [quote.text, quote.context, quote.title, outsideQuote(quote.sentence, quote.text)]);
}

/**
 * The sentence less the quote's own words (which the text field already holds): a few words per
 * quote ("he told reporters in Kiev"), so the membership postings stay small.
 */
export function outsideQuote(sentence: string, text: string): string {
  const at = text.length === 0 ? -1 : sentence.indexOf(text);
  return at < 0 ? sentence : `${sentence.slice(0, at)} ${sentence.slice(at + text.length)}`;
}
