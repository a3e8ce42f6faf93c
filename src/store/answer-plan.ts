import type { QuoteFacts, QuoteRecord } from '../desk/corpus-version.js';
import type { AnswerSource, TopicHits, TopicScope, TopicSearchOptions } from './answer-source.js';

/** What a store serves without fetching quotes: the version's id, outlets and speaker directory. */
export type SourceBase = Pick<AnswerSource, 'id' | 'outlets' | 'speakers'>;

/** The quotes an answer will read: a topic search (and its narrowing), and speakers' quote lists. */
export interface AnswerPlan {
  topic: { topic: string; scope: TopicScope } | null;
  speakerKeys: string[];
}

const NO_HITS: TopicHits = { count: 0, docs: new Uint32Array(0), scores: new Float64Array(0), inText: () => false, inContext: () => false, termsAt: () => [], termMasks: new Uint32Array(0), textMasks: new Uint32Array(0), derivedTerms: [] };
const NO_FACTS: QuoteFacts = { direct: new Uint8Array(0), words: new Uint16Array(0), speaker: new Int32Array(0), speakerNumber: () => -1 };

/**
 * Runs an answer once over a source that holds no quotes and notes what it asks for. A store that
 * must fetch quotes before answering (PostgreSQL) fetches exactly those, then runs the same answer
 * again over them: the answering code is the embedded store's, and it decides what to read. The
 * answer is deterministic, so the second run asks for the same things.
 */
export function planAnswer(base: SourceBase, answer: (source: AnswerSource) => unknown): AnswerPlan {
  const plan: AnswerPlan = { topic: null, speakerKeys: [] };
  const probe: AnswerSource = {
    id: base.id,
    outlets: () => base.outlets(),
    speakers: base.speakers,
    facts: NO_FACTS,
    index: {
      searchScored(topic: string, options: TopicSearchOptions = {}): TopicHits {
        plan.topic = { topic, scope: options.scope ?? { speakerKeys: [], filters: {} } };
        return NO_HITS;
      },
      prefixMatches: () => false,
    },
    quoteAt: () => undefined,
    bestPerReprint: () => [],
    quotesBy(speakerKey: string): readonly QuoteRecord[] {
      if (!plan.speakerKeys.includes(speakerKey)) plan.speakerKeys.push(speakerKey);
      return [];
    },
  };
  answer(probe);
  return plan;
}
