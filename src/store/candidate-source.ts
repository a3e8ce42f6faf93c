import type { QuoteFacts, QuoteRecord } from '../desk/corpus-version.js';
import type { SourceBase } from './answer-plan.js';
import type { AnswerSource, TopicHits, TopicSearchOptions } from './answer-source.js';
import { countFields, isPrefixTerm, scoreCounted, type CandidateCounts, type CorpusFigures, type DocumentFrequencies } from './candidate-scoring.js';

/** One quote fetched for a topic, with the paragraph it was indexed with, or its fields counted. */
export interface TopicCandidate {
  record: QuoteRecord;
  /** Read only when `counts` is missing. */
  paragraph: string;
  /**
   * Its fields' lengths and the frequencies of the topic's matched terms (those in
   * {@link FetchedTopic.frequencies}), when the store keeps them: then nothing is tokenised.
   */
  counts?: CandidateCounts;
  /** Its position in corpus order (the embedded index's document number), which breaks ties. */
  order: number;
}

/** What a store fetched for a topic search: the best candidates, what scoring them needs, and how many matched in all. */
export interface FetchedTopic {
  topic: string;
  queryTerms: readonly string[];
  candidates: readonly TopicCandidate[];
  frequencies: DocumentFrequencies;
  figures: CorpusFigures;
  /** Distinct quotes (reprints once) matching, of which `candidates` are the best scored. */
  total: number;
}

/**
 * An {@link AnswerSource} over quotes fetched for one question: the answerer ranks, deduplicates
 * and cites them with the code it runs over the embedded index. Document numbers are positions in
 * `candidates`, which are sorted into corpus order so ties fall as they do in the embedded store.
 */
export class CandidateSource implements AnswerSource {
  readonly id: string;
  readonly speakers: SourceBase['speakers'];
  readonly facts: QuoteFacts;
  readonly index: AnswerSource['index'];
  private readonly candidates: readonly TopicCandidate[];

  constructor(
    private readonly base: SourceBase,
    private readonly topic: FetchedTopic | null,
    private readonly speakerQuotes: ReadonlyMap<string, readonly QuoteRecord[]>,
  ) {
    this.id = base.id;
    this.speakers = base.speakers;
    this.candidates = topic ? [...topic.candidates].sort((a, b) => a.order - b.order) : [];
    this.facts = factsOf(this.candidates.map((candidate) => candidate.record));
    this.index = { searchScored: (text, options) => this.search(text, options), prefixMatches: isPrefixTerm };
  }

  outlets(): readonly string[] {
    return this.base.outlets();
  }

  quoteAt(doc: number): QuoteRecord | undefined {
    return this.candidates[doc]?.record;
  }

  bestPerReprint(docs: ArrayLike<number>, count: number, better: (i: number, j: number) => boolean): number[] {
    const best = new Map<number, number>();
    for (let i = 0; i < count; i += 1) {
      const record = this.candidates[docs[i]!]?.record;
      if (record === undefined) continue;
      const held = best.get(record.reprintKey);
      if (held === undefined || better(i, held)) best.set(record.reprintKey, i);
    }
    return [...best.values()];
  }

  quotesBy(speakerKey: string): readonly QuoteRecord[] {
    return this.speakerQuotes.get(speakerKey) ?? [];
  }

  private search(text: string, options: TopicSearchOptions = {}): TopicHits {
    if (this.topic === null || this.topic.topic !== text) throw new Error(`no candidates were fetched for the topic "${text}"`);
    const { frequencies } = this.topic;
    const counted = this.candidates.map(({ record, paragraph, counts }) => counts ?? countFields([record.quote.text, paragraph, record.article.title ?? ''], frequencies));
    const scored = scoreCounted(this.topic.queryTerms, counted, frequencies, this.topic.figures);
    const docs: number[] = [];
    for (let doc = 0; doc < this.candidates.length; doc += 1) {
      if (scored.scores[doc]! > 0 && (options.filter === undefined || options.filter(doc))) docs.push(doc);
    }
    // Term bits as the embedded index gives them: which matched terms each hit holds, in any field
    // and in its quoted words themselves (relevance reads key terms from these).
    const derivedTerms = [...new Set(docs.flatMap((doc) => scored.terms[doc]!))].sort();
    const bitOf = new Map(derivedTerms.slice(0, 32).map((term, bit) => [term, bit]));
    const termMasks = new Uint32Array(docs.length);
    const textMasks = new Uint32Array(docs.length);
    docs.forEach((doc, i) => {
      // The quote's own words hold a matched term exactly when its text field counts it.
      const ownWords = counted[doc]![0].frequencies;
      for (const term of scored.terms[doc]!) {
        const bit = bitOf.get(term);
        if (bit === undefined) continue;
        termMasks[i] = termMasks[i]! | (1 << bit);
        if ((ownWords.get(term) ?? 0) > 0) textMasks[i] = textMasks[i]! | (1 << bit);
      }
    });
    return {
      count: docs.length,
      docs: Uint32Array.from(docs),
      scores: Float64Array.from(docs, (doc) => scored.scores[doc]!),
      inText: (i) => (scored.fields[docs[i]!]! & 1) !== 0,
      inContext: (i) => (scored.fields[docs[i]!]! & 2) !== 0,
      termsAt: (i) => scored.terms[docs[i]!]!,
      termMasks,
      textMasks,
      derivedTerms,
      total: this.topic.total,
    };
  }
}

function factsOf(records: readonly QuoteRecord[]): QuoteFacts {
  const numbers = new Map<string, number>();
  const speaker = Int32Array.from(records, (record) => {
    if (record.speakerKey === null) return -1;
    let number = numbers.get(record.speakerKey);
    if (number === undefined) {
      number = numbers.size;
      numbers.set(record.speakerKey, number);
    }
    return number;
  });
  return {
    direct: Uint8Array.from(records, (record) => (record.quote.kind === 'direct' ? 1 : 0)),
    words: Uint16Array.from(records, (record) => Math.min(record.wordCount, 0xffff)),
    speaker,
    speakerNumber: (key) => numbers.get(key) ?? -1,
  };
}
