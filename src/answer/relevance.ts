import type { ScoredHits } from '../search/quote-index.js';
import { isQuestionWord } from '../search/speaker-finder.js';
import { indexTerms, queryTerms, tokenize } from '../search/terms.js';
import type { AnswerSource } from '../store/answer-source.js';

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
}

export interface RelevanceOptions {
  /** Words typed in quotation marks: a quote containing them exactly ranks first. */
  phrase: string | null;
  /** Count a pronoun-only direct quote whose paragraph names the topic (a person asked about). */
  paragraphStandsIn: boolean;
}

/**
 * Classifies every hit of a topic search. The quote's own words come from the index's text
 * postings; only hits missing a key term there read their sentence, and only when a cheap
 * substring check says the sentence might hold it, so a topic with tens of thousands of hits
 * stays fast.
 */
export function classifyHits(version: AnswerSource, hits: ScoredHits, keys: readonly KeyTerm[], options: RelevanceOptions): HitRelevance {
  const rank = new Uint8Array(hits.count);
  const missing = new Uint16Array(hits.count);
  const all = (1 << keys.length) - 1;
  const groups = keys.map((key) => key.terms);
  const prefix = (term: string): boolean => version.index.prefixMatches(term);
  const anyFieldMask = new Map<readonly string[], number>();
  const phrase = options.phrase === null ? null : normaliseForPhrase(options.phrase);
  version.index.withTextMatches(groups, (textMask) => {
    for (let i = 0; i < hits.count; i += 1) {
      const doc = hits.docs[i]!;
      let held = textMask(doc) & all;
      let place: MatchPlace;
      if (held === all) {
        place = phrase !== null && normaliseForPhrase(version.quoteAt(doc)?.quote.text ?? '').includes(phrase) ? 'phrase' : 'quote';
      } else {
        const record = version.quoteAt(doc);
        const sentence = record?.quote.context ?? '';
        held |= sentenceMask(sentence, keys, all & ~held, prefix);
        if (held === all) place = 'sentence';
        else if (options.paragraphStandsIn && record?.quote.kind === 'direct' && (termsMask(hits.termsAt(i), keys, prefix, anyFieldMask) & all) === all && STAND_IN.test(record.quote.text)) place = 'paragraph';
        else place = isPartial(held, keys.length, phrase !== null) ? 'partial' : 'off-topic';
      }
      rank[i] = PLACE_RANK[place];
      missing[i] = all & ~held;
    }
  });
  return { rank, missing };
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

/** Which of the `wanted` key terms the sentence holds. */
function sentenceMask(sentence: string, keys: readonly KeyTerm[], wanted: number, prefix: (term: string) => boolean): number {
  if (wanted === 0 || sentence.length === 0) return 0;
  const lower = sentence.toLowerCase();
  // Most sentences lack the term outright; tokenising is only worth it when a stem might be there.
  // (Rewritten tokens such as "unitedstates" never appear as written, so they always tokenise.)
  let maybe = 0;
  keys.forEach((key, g) => {
    if ((wanted & (1 << g)) !== 0 && key.terms.some((term) => lower.includes(term.slice(0, 4)) || /^(?:unitedstates|unitedkingdom|europeanunion)$/.test(term))) maybe |= 1 << g;
  });
  if (maybe === 0) return 0;
  let held = 0;
  for (const token of tokenize(sentence)) {
    const terms = indexTerms(token);
    if (terms === null) continue;
    keys.forEach((key, g) => {
      if ((maybe & (1 << g)) !== 0 && terms.some((term) => key.terms.some((q) => term === q || (prefix(q) && term.startsWith(q))))) held |= 1 << g;
    });
    if (held === maybe) break;
  }
  return held;
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
