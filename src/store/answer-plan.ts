import type { QuoteFacts, QuoteRecord } from '../desk/corpus-version.js';
import type { AnswerSource, TopicHits, TopicScope, TopicSearchOptions } from './answer-source.js';

/** What a store serves without fetching quotes: the version's id, outlets and speaker directory. */
export type SourceBase = Pick<AnswerSource, 'id' | 'outlets' | 'speakers'>;

/** The quotes an answer will read: a topic search (and its narrowing), and speakers' quote lists. */
export interface AnswerPlan {
  topic: { topic: string; scope: TopicScope } | null;
  speakerKeys: string[];
  /**
   * Whether the answer read anything of the quotes at all (searched, listed a speaker's quotes, or
   * looked at quote facts). When it did not (an unknown speaker, an invalid question), its answer
   * over the empty source is already the real one: {@link answerWithoutQuotes} holds it.
   */
  readsQuotes: boolean;
}

/** A plan, and what the answer said over the source that holds no quotes. */
export interface PlannedAnswer<T> extends AnswerPlan {
  /** The answer over no quotes: the real answer when {@link AnswerPlan.readsQuotes} is false. */
  answerWithoutQuotes: T;
}

const NO_HITS: TopicHits = { count: 0, docs: new Uint32Array(0), scores: new Float64Array(0), inText: () => false, inContext: () => false, termsAt: () => [], termMasks: new Uint32Array(0), textMasks: new Uint32Array(0), derivedTerms: [] };
const NO_FACTS: QuoteFacts = { direct: new Uint8Array(0), words: new Uint16Array(0), speaker: new Int32Array(0), speakerNumber: () => -1 };

/**
 * Runs an answer once over a source that holds no quotes and notes what it asks for. A store that
 * must fetch quotes before answering (PostgreSQL) fetches exactly those, then runs the same answer
 * again over them: the answering code is the embedded store's, and it decides what to read. The
 * answer is deterministic, so the second run asks for the same things; an answer that read no
 * quotes needs no second run (an unknown speaker's name suggestions, the costliest part of such an
 * answer, then run once instead of twice).
 */
export function planAnswer<T>(base: SourceBase, answer: (source: AnswerSource) => T): PlannedAnswer<T> {
  const plan: AnswerPlan = { topic: null, speakerKeys: [], readsQuotes: false };
  const reads = <R>(value: R): R => {
    plan.readsQuotes = true;
    return value;
  };
  const probe: AnswerSource = {
    id: base.id,
    outlets: () => base.outlets(),
    speakers: base.speakers,
    get facts() {
      return reads(NO_FACTS);
    },
    index: {
      searchScored(topic: string, options: TopicSearchOptions = {}): TopicHits {
        plan.topic = { topic, scope: options.scope ?? { speakerKeys: [], filters: {} } };
        return reads(NO_HITS);
      },
      prefixMatches: () => reads(false),
    },
    quoteAt: () => reads(undefined),
    bestPerReprint: () => reads([]),
    quotesBy(speakerKey: string): readonly QuoteRecord[] {
      if (!plan.speakerKeys.includes(speakerKey)) plan.speakerKeys.push(speakerKey);
      return reads([]);
    },
  };
  const answerWithoutQuotes = answer(probe);
  return { ...plan, answerWithoutQuotes };
}
