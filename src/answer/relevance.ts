import type { ScoredHits } from '../search/quote-index.js';
import { isQuestionWord } from '../search/speaker-finder.js';
import { indexTerms, queryTerms, tokenize } from '../search/terms.js';
import type { QuoteRecord } from '../desk/corpus-version.js';
import type { AnswerSource } from '../store/answer-source.js';
import { kthLargest } from '../kth-largest.js';

/**
 * Whether a quote is about what was asked. A topic's key terms must be in the quote itself or in
 * the sentence it stands in; a quote whose paragraph alone mentions the topic is not about it
 * (the index searches paragraphs for recall, so "Brown on pensions" used to answer with Brown's
 * words on the economy printed beside a pensions paragraph).
 */

/** One word of a topic and the index terms it may match ("Ukraine" → ukrain…). */
export interface KeyTerm {
  word: string;
  terms: readonly string[];
}

/**
 * Where a quote matches, best first. `phrase`: the quote holds the asked-for words exactly;
 * `quote`: every key term is in the quote; `sentence`: in the quote and the sentence around it;
 * `paragraph`: a quote about a person that says "he" or "him", in a paragraph naming them;
 * `partial`: some key terms only; `off-topic`: none in the quote or its sentence.
 */
export const MATCH_PLACES = ['phrase', 'quote', 'sentence', 'paragraph', 'partial', 'off-topic'] as const;
export type MatchPlace = (typeof MATCH_PLACES)[number];
export const PLACE_RANK: Readonly<Record<MatchPlace, number>> = { phrase: 0, quote: 1, sentence: 2, paragraph: 3, partial: 4, 'off-topic': 5 };
/** Places that count as on the topic (in the answer's count). */
export const ON_TOPIC_RANK_LIMIT = PLACE_RANK.paragraph;

/** The words of a topic that must be matched: not stopwords, not words that only ask ("quotes", "mention"). */
export function keyTermsOf(topic: string): KeyTerm[] {
  const seen = new Set<string>();
  const keys: KeyTerm[] = [];
  for (const token of tokenize(topic)) {
    if (isQuestionWord(token)) continue;
    const terms = queryTerms(token);
    if (terms === null || terms.length === 0) continue;
    const id = terms.join(' ');
    if (seen.has(id)) continue;
    seen.add(id);
    keys.push({ word: token, terms });
  }
  return keys.slice(0, 16);
}

/** Per hit: where it matches and which key terms it lacks (bit g for key term g). */
export interface HitRelevance {
  rank: Uint8Array;
  missing: Uint16Array;
  /** Hits matching through their paragraph whose sentence was not read (see {@link SENTENCE_CHECKS}). */
  unchecked: number;
}

export interface RelevanceOptions {
  /** Words typed in quotation marks: a quote containing them exactly ranks first. */
  phrase: string | null;
  /**
   * Whether to count a pronoun-only direct quote whose paragraph names the topic (a person asked
   * about). Asked only when such a quote is met: finding out reads the question against the directory.
   * Null when it cannot be so (no speaker was asked about): then no quote's text is read for a
   * pronoun at all, which for a broad topic at 502k articles was a regular expression over each of
   * some hundred thousand quotes matching through their paragraph.
   */
  paragraphStandsIn: (() => boolean) | null;
}

/**
 * Most sentences read per answer, where the hits do not say which terms their sentence holds (a
 * store that cannot tell, or a topic matching over 32 index terms): its sentence must then be read
 * from the quote, a cache miss or more per hit. A broad topic at 500k articles matches a hundred
 * thousand quotes through their paragraphs, so only the best scoring few hundred are read (their
 * paragraph holds the words most densely); the answer says how many were not.
 */
export const SENTENCE_CHECKS = 300;

/**
 * Classifies every hit of a topic search: the quote's own words from the index's text-field
 * matches; for hits lacking a key term there, their sentence, from the index's sentence
 * membership when the hits carry it (every hit, no reading), else read (the best scoring
 * {@link SENTENCE_CHECKS} of them, skipping any sentence a substring test shows cannot hold it).
 */
export function classifyHits(version: AnswerSource, hits: ScoredHits, keys: readonly KeyTerm[], options: RelevanceOptions): HitRelevance {
  const rank = new Uint8Array(hits.count);
  const missing = new Uint16Array(hits.count);
  const all = (1 << keys.length) - 1;
  const prefix = (term: string): boolean => version.index.prefixMatches(term);
  const masks = new Map<readonly string[], number>();
  const phrase = options.phrase === null ? null : normaliseForPhrase(options.phrase);
  // Which key terms each matched index term stands for, by its bit: a hit's key terms are then
  // an OR over its few set bits, with no string work per hit.
  const keysOfBit = new Uint16Array(32);
  hits.derivedTerms.slice(0, 32).forEach((term, bit) => (keysOfBit[bit] = termsMask([term], keys, prefix, masks)));
  const overflow = hits.derivedTerms.length > 32;
  const keysIn = (mask: number): number => {
    let held = 0;
    for (let bits = mask; bits !== 0; bits &= bits - 1) held |= keysOfBit[31 - Math.clz32(bits & -bits)]!;
    return held;
  };
  // Past 32 matched index terms (a very short prefix) no field is tracked term by term.
  const textHeld = (i: number): number => (overflow && hits.inText(i) ? termsMask(hits.termsAt(i), keys, prefix, masks) : keysIn(hits.textMasks[i]!)) & all;
  const sentenceMasks = overflow ? undefined : hits.sentenceMasks;
  // Without the index's sentence bits, sentences are read: first choose which (see SENTENCE_CHECKS).
  let inText: Uint16Array | null = null;
  let checked: Uint8Array | null = null;
  if (sentenceMasks === undefined) {
    inText = new Uint16Array(hits.count);
    const needSentence: number[] = [];
    for (let i = 0; i < hits.count; i += 1) {
      inText[i] = textHeld(i);
      // A sentence lies inside its paragraph: a hit whose paragraph matched nothing cannot gain there.
      if (inText[i] !== all && hits.inContext(i)) needSentence.push(i);
    }
    if (needSentence.length > SENTENCE_CHECKS) checked = bestScoring(needSentence, hits.scores, SENTENCE_CHECKS, hits.count);
  }
  const allInParagraph = (i: number): boolean => ((overflow ? termsMask(hits.termsAt(i), keys, prefix, masks) : keysIn(hits.termMasks[i]!)) & all) === all;
  const partialOrOff = (held: number): number => (isPartial(held, keys.length, phrase !== null) ? PARTIAL : OFF_TOPIC);
  const standsInFor = options.paragraphStandsIn;
  let unchecked = 0;
  for (let i = 0; i < hits.count; i += 1) {
    let held = inText === null ? textHeld(i) : inText[i]!;
    let place: number;
    if (held === all) {
      place = phrase !== null && normaliseForPhrase(version.quoteAt(hits.docs[i]!)?.quote.text ?? '').includes(phrase) ? PHRASE : QUOTE;
    } else if (!hits.inContext(i)) {
      place = partialOrOff(held);
    } else if (checked !== null && checked[i] === 0) {
      unchecked += 1;
      place = OFF_TOPIC;
    } else {
      // The record is read only when the index cannot answer: no sentence bits, or a person asked about.
      let record: QuoteRecord | undefined | null = null;
      if (sentenceMasks !== undefined) held |= keysIn(sentenceMasks[i]!) & all;
      else held |= sentenceMask((record = version.quoteAt(hits.docs[i]!))?.quote.context ?? '', keys, all & ~held, prefix);
      if (held === all) place = SENTENCE;
      else if (standsInFor !== null && allInParagraph(i) && standsIn(record === null ? version.quoteAt(hits.docs[i]!) : record) && standsInFor()) place = PARAGRAPH;
      else place = partialOrOff(held);
    }
    rank[i] = place;
    missing[i] = all & ~held;
  }
  return { rank, missing, unchecked };
}

const { phrase: PHRASE, quote: QUOTE, sentence: SENTENCE, paragraph: PARAGRAPH, partial: PARTIAL, 'off-topic': OFF_TOPIC } = PLACE_RANK;

/** A direct quote that calls someone "he" or "her", so the person its paragraph names may be who it is about. */
function standsIn(record: QuoteRecord | undefined): boolean {
  return record?.quote.kind === 'direct' && STAND_IN.test(record.quote.text);
}

/**
 * Flags (1) on the `limit` positions of `candidates` with the highest scores (ties: any): the
 * threshold by selection in linear time, as a broad topic has tens of thousands of candidates.
 */
function bestScoring(candidates: readonly number[], scores: Float64Array, limit: number, count: number): Uint8Array {
  const values = Float64Array.from(candidates, (i) => scores[i]!);
  const threshold = kthLargest(values, limit);
  const chosen = new Uint8Array(count);
  let taken = 0;
  for (const i of candidates) if (scores[i]! > threshold && taken < limit) (chosen[i] = 1), (taken += 1);
  for (const i of candidates) if (scores[i] === threshold && chosen[i] === 0 && taken < limit) (chosen[i] = 1), (taken += 1);
  return chosen;
}


/**
 * A partial match holds at least half of a several-word topic ("fees" of "tuition fees", two of
 * "oil prices Nigeria"); one word of four is noise, not a lead. A quoted phrase wants its words
 * together, so it has no partial matches.
 */
function isPartial(held: number, keyCount: number, phrase: boolean): boolean {
  if (phrase || keyCount < 2 || held === 0) return false;
  let count = 0;
  for (let bits = held; bits !== 0; bits &= bits - 1) count += 1;
  return count * 2 >= keyCount;
}

/** A quote that refers to someone without naming them. */
const STAND_IN = /\b(?:he|him|his|she|her)\b/i;

/**
 * Which of the `wanted` key terms the sentence holds. Only the words starting like a key term's
 * stem are turned into index terms: tokenising whole sentences was most of a broad topic's time
 * (tens of thousands of hits match through their paragraph alone).
 */
function sentenceMask(sentence: string, keys: readonly KeyTerm[], wanted: number, prefix: (term: string) => boolean): number {
  if (wanted === 0 || sentence.length === 0) return 0;
  let held = 0;
  for (let g = 0; g < keys.length; g += 1) {
    const bit = 1 << g;
    if ((wanted & bit) === 0) continue;
    const key = keys[g]!;
    if (isRewritten(key)) {
      if (tokenize(sentence).some((token) => holdsKey(indexTerms(token), key, prefix))) held |= bit;
      continue;
    }
    // A plain case-insensitive search for the stems' starts (most sentences have none), then the
    // index terms of each whole word found starting there.
    const quick = quickPattern(key);
    quick.lastIndex = 0;
    for (let match = quick.exec(sentence); match !== null; match = quick.exec(sentence)) {
      const start = match.index;
      if (start > 0 && isWordChar(sentence.charCodeAt(start - 1))) continue;
      let end = start + match[0].length;
      while (end < sentence.length && isWordChar(sentence.charCodeAt(end))) end += 1;
      if (holdsKey(indexTerms(sentence.slice(start, end)), key, prefix)) {
        held |= bit;
        break;
      }
    }
  }
  return held;
}

function holdsKey(terms: readonly string[] | null, key: KeyTerm, prefix: (term: string) => boolean): boolean {
  return terms !== null && terms.some((term) => key.terms.some((q) => term === q || (prefix(q) && term.startsWith(q))));
}

const rewrittenKeys = new WeakMap<KeyTerm, boolean>();

/** Key terms rewritten from several words ("unitedstates" for "U.S."): never written as such, so read by tokenising. */
function isRewritten(key: KeyTerm): boolean {
  let rewritten = rewrittenKeys.get(key);
  if (rewritten === undefined) {
    rewritten = key.terms.some((term) => /^(?:unitedstates|unitedkingdom|europeanunion)$/.test(term));
    rewrittenKeys.set(key, rewritten);
  }
  return rewritten;
}

/** Letters and digits, as the tokenizer splits words (ASCII fast path, anything past it counts as a letter). */
function isWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code > 127;
}

const quickPatterns = new WeakMap<KeyTerm, RegExp>();

/** The stems' starts anywhere, in any case: no word boundaries, no Unicode classes, so it runs fast. */
function quickPattern(key: KeyTerm): RegExp {
  let pattern = quickPatterns.get(key);
  if (pattern === undefined) {
    pattern = new RegExp(key.terms.map((term) => stemStart(term).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'gi');
    quickPatterns.set(key, pattern);
  }
  return pattern;
}

/**
 * Where a key term's words start: its stem less the last two letters (Porter's "company" →
 * "compani", "sensibility" → "sensibl"), at least four letters.
 */
function stemStart(term: string): string {
  return term.slice(0, Math.max(4, term.length - 2));
}

/** Which key terms a hit's matched index terms (any field) cover; cached per shared terms array. */
function termsMask(matched: readonly string[], keys: readonly KeyTerm[], prefix: (term: string) => boolean, cache: Map<readonly string[], number>): number {
  const known = cache.get(matched);
  if (known !== undefined) return known;
  let mask = 0;
  keys.forEach((key, g) => {
    if (matched.some((term) => key.terms.some((q) => term === q || (prefix(q) && term.startsWith(q))))) mask |= 1 << g;
  });
  cache.set(matched, mask);
  return mask;
}

/** Lower case, letters and digits only, single spaces: quotes and questions compared as words. */
export function normaliseForPhrase(text: string): string {
  return ` ${text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `;
}

/** The key terms a hit lacks, as the words typed. */
export function missingWords(keys: readonly KeyTerm[], missing: number): string[] {
  return keys.filter((_, g) => (missing & (1 << g)) !== 0).map((key) => key.word);
}
