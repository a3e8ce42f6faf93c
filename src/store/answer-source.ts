import type { QuoteFacts, QuoteRecord } from '../desk/corpus-version.js';
import type { SpeakerDirectory } from '../quotes/speaker-directory.js';
import type { QuestionFilters } from '../search/question.js';
import type { ScoredHits } from '../search/quote-index.js';

/**
 * What a topic search is narrowed to, in words a store can turn into a query: the answerer also
 * passes the same narrowing as a `filter` function, which the embedded index applies itself.
 */
export interface TopicScope {
  /** Speaker directory keys; empty for "anyone". */
  speakerKeys: readonly string[];
  filters: QuestionFilters;
}

export interface TopicSearchOptions {
  filter?: (doc: number) => boolean;
  /** Ascending positions outside which `filter` keeps nothing (see `SearchSpec.candidates`): a hint an index may use. */
  candidates?: Uint32Array;
  scope?: TopicScope;
}

/** Topic hits; a store that returns only the best-scored share of them says how many matched in all. */
export interface TopicHits extends ScoredHits {
  /** Distinct quotes (reprints counted once) matching the topic and scope, when `docs` holds only some of them. */
  total?: number;
}

/**
 * Everything the answerer reads of a corpus: the seam between answering and where quotes live.
 * A {@link CorpusVersion} is one (the embedded store); the PostgreSQL store builds one per
 * question over the candidates it fetched. Either way the same ranking and citing code runs.
 */
export interface AnswerSource {
  /** The corpus version answers are traced to. */
  readonly id: string;
  outlets(): readonly string[];
  readonly speakers: Pick<SpeakerDirectory, 'resolve' | 'suggest' | 'get' | 'lookUp' | 'sharingSurname'>;
  readonly facts: QuoteFacts;
  readonly index: {
    searchScored(topic: string, options?: TopicSearchOptions): TopicHits;
    /** Whether a query term also matches longer terms ("ukrain" → "ukrainian"), as the search does. */
    prefixMatches(term: string): boolean;
  };
  quoteAt(doc: number): QuoteRecord | undefined;
  bestPerReprint(docs: ArrayLike<number>, count: number, better: (i: number, j: number) => boolean): number[];
  quotesBy(speakerKey: string): readonly QuoteRecord[];
  /** The same quotes' index positions, ascending, where the source keeps them (the embedded index does). */
  positionsBy?(speakerKey: string): Uint32Array;
}
