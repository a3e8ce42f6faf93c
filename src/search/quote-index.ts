import MiniSearch, { type Options, type SearchResult } from 'minisearch';
import { indexTerms, queryTerms, tokenize } from './terms.js';

/** What the index knows of one quote: only searchable text; everything else stays in the corpus version. */
export interface IndexedQuote {
  /** The quote id (`Quote.id`). */
  id: string;
  /** The quoted words. */
  text: string;
  /** The paragraph around the quote, so "Putin on Trump" finds a quote that says "him". */
  context: string;
  /** The article's headline, when it has one. */
  title: string;
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

/**
 * The fields searched. Speakers are not among them: questions name a speaker through the speaker
 * directory and a filter, never through words, so indexing names would only cost time and memory.
 */
const FIELDS = ['text', 'context', 'title'] as const;

/**
 * Full-text index over quote-sized records (not whole articles: smaller, faster, and a hit is
 * already the answer). Built once per corpus version and never mutated, so a reload swaps in a
 * new one while queries in flight finish on the old.
 *
 * @example
 * const index = QuoteIndex.build(quotes.map(toIndexedQuote));
 * index.search('Ukraine', { filter: (id) => byPutin.has(id) });
 */
export class QuoteIndex {
  private readonly boost: Record<'text' | 'context' | 'title', number>;
  private readonly prefixMinLength: number;

  private constructor(
    private readonly miniSearch: MiniSearch<IndexedQuote>,
    options: QuoteIndexOptions,
  ) {
    this.boost = { text: 3, context: 1, title: 0.5, ...options.boost };
    this.prefixMinLength = options.prefixMinLength ?? 5;
  }

  /** Indexes the given quotes. */
  static build(quotes: Iterable<IndexedQuote>, options: QuoteIndexOptions = {}): QuoteIndex {
    const miniSearch = new MiniSearch<IndexedQuote>(miniSearchOptions());
    miniSearch.addAll([...quotes]);
    return new QuoteIndex(miniSearch, options);
  }

  /** Indexes in chunks, yielding to the event loop between them, so a reload never stalls answers. */
  static async buildAsync(quotes: IndexedQuote[], options: QuoteIndexOptions = {}): Promise<QuoteIndex> {
    const miniSearch = new MiniSearch<IndexedQuote>(miniSearchOptions());
    // ~500 quote records index in a few milliseconds: small enough to keep answers flowing during a reload.
    await miniSearch.addAllAsync(quotes, { chunkSize: 500 });
    return new QuoteIndex(miniSearch, options);
  }

  /** Restores an index written by {@link toJSON}; throws if the JSON is not one. */
  static fromJSON(json: string, options: QuoteIndexOptions = {}): QuoteIndex {
    return new QuoteIndex(MiniSearch.loadJSON<IndexedQuote>(json, miniSearchOptions()), options);
  }

  /** Serialises for the start-up snapshot. */
  toJSON(): unknown {
    return this.miniSearch.toJSON();
  }

  get size(): number {
    return this.miniSearch.documentCount;
  }

  /**
   * Quotes matching a topic, best first. Terms are OR-ed so a long topic still finds partial
   * matches; quotes matching more of the topic score higher. `filter` narrows by quote id
   * (speaker, date, outlet) before ranking.
   */
  search(topic: string, options: { filter?: (id: string) => boolean } = {}): IndexHit[] {
    const filter = options.filter;
    const results: SearchResult[] = this.miniSearch.search(topic, {
      fields: [...FIELDS],
      boost: this.boost,
      prefix: (term) => term.length >= this.prefixMinLength,
      weights: { prefix: 0.5, fuzzy: 0.3 },
      combineWith: 'OR',
      ...(filter ? { filter: (result: SearchResult) => filter(result.id as string) } : {}),
    });
    return results.map((result) => ({
      id: result.id as string,
      score: result.score,
      terms: result.terms,
      inText: Object.values(result.match).some((fields) => fields.includes('text')),
    }));
  }
}

function miniSearchOptions(): Options<IndexedQuote> {
  return {
    idField: 'id',
    fields: [...FIELDS],
    storeFields: [],
    tokenize: (text) => tokenize(text),
    processTerm: (term) => indexTerms(term),
    searchOptions: {
      tokenize: (text) => tokenize(text),
      processTerm: (term) => queryTerms(term),
    },
  };
}
