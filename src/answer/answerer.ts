import { z } from 'zod';
import { IsoDateSchema } from '../corpus/article.js';
import type { QuoteFacts, QuoteRecord } from '../desk/corpus-version.js';
import type { Speaker } from '../quotes/speaker-directory.js';
import { MAX_QUESTION_LENGTH, parseQuestion, type QuestionFilters } from '../search/question.js';
import { indexTerms, tokenize } from '../search/terms.js';
import { findSpeakers, isPronoun, resolveMention, type SpeakerMention } from '../search/speaker-finder.js';
import type { AnswerSource, TopicHits } from '../store/answer-source.js';
import type { Answer, Snippet } from './answer.js';
import { askedSpeakers, speakersOf } from './asked-speakers.js';
import { classifyHits, keyTermsOf, MATCH_PLACES, missingWords, ON_TOPIC_RANK_LIMIT, PLACE_RANK, type KeyTerm } from './relevance.js';
import { citationFor } from './citation.js';
import { topK } from './top-k.js';
import { trimToSentences } from './trim.js';

/** The most snippets one answer carries; front ends page through them. */
export const MAX_SNIPPETS = 50;
/** Longest snippet text: long quotes become a sentence window around the asked-about words. */
export const SNIPPET_CHARS = 350;
/** Reported speech is the reporter's paraphrase, so it ranks below the speaker's own words. */
const REPORTED_WEIGHT = 0.35;
/** Two- or three-word fragments ("a disgrace") say little on their own. */
const FRAGMENT_WEIGHT = 0.6;

/**
 * Filters as a user types them (command options): checked here so every front end gets the same
 * plain-words errors. Blank values count as not given.
 */
export const FilterOptionsSchema = z.object({
  from: z.preprocess(blankToUndefined, IsoDateSchema.optional()),
  to: z.preprocess(blankToUndefined, IsoDateSchema.optional()),
  source: z.preprocess(blankToUndefined, z.string().trim().max(100, 'is longer than 100 characters').optional()),
});
export type FilterOptions = z.input<typeof FilterOptionsSchema>;

/** A free question ("what did Putin say about Ukraine"), optionally narrowed by options. */
export interface AskRequest {
  question: string;
  filters?: FilterOptions;
  /** Most snippets to carry (default {@link MAX_SNIPPETS}); `Infinity` for every match (`--all`, `--json`). */
  limit?: number;
}

/** A lookup by speaker, as `/quote` asks it: the speaker is certain, the topic optional. */
export interface LookupRequest {
  speaker: string;
  topic?: string | null;
  filters?: FilterOptions;
  limit?: number;
}

/**
 * Answers a free question from one corpus version. Never throws on user input: every problem
 * becomes an answer whose `status` and `message` say what went wrong and what to try instead.
 */
export function answerQuestion(version: AnswerSource, request: AskRequest): Answer {
  const question = request.question;
  const base = emptyAnswer(question, version);
  const trimmed = question.trim();
  if (trimmed.length === 0) {
    return { ...base, status: 'invalid', message: 'Ask me something, for example: "What did Putin say about Ukraine?"' };
  }
  if (trimmed.length > MAX_QUESTION_LENGTH) {
    return { ...base, status: 'invalid', message: `That question is ${trimmed.length} characters long; please keep it under ${MAX_QUESTION_LENGTH}.` };
  }
  const options = parseFilterOptions(request.filters);
  if (!options.ok) return { ...base, status: 'invalid', message: options.message };
  const parsed = parseQuestion(trimmed, { knownSources: version.outlets() });
  const filters = { ...parsed.filters, ...options.filters };
  const asked = askedSpeakers(parsed, version.speakers);
  if (asked.kind === 'pronoun') {
    return {
      ...base,
      status: 'invalid',
      interpretation: { speakers: [], topic: parsed.topic, filters },
      message: `"${asked.word}" doesn't say who you mean: each question is read on its own. Ask with a name, for example "What did Putin${parsed.topic ? ` say about ${parsed.topic}` : ' say'}?"`,
    };
  }
  if (asked.kind === 'unknown') return unknownSpeaker(version, base, asked.name, parsed.topic, filters);
  return answer(version, { question, mentions: asked.mentions, topic: asked.topic, phrase: parsed.phrase, filters, limit: request.limit ?? MAX_SNIPPETS });
}

/** Answers a lookup by speaker (and optional topic). */
export function lookUpQuotes(version: AnswerSource, request: LookupRequest): Answer {
  const question = [request.speaker, request.topic].filter(Boolean).join(' on ');
  const base = emptyAnswer(question, version);
  const speakerText = request.speaker.trim();
  if (speakerText.length === 0) return { ...base, status: 'invalid', message: 'Tell me whose quotes to look up.' };
  if (speakerText.length > 200) return { ...base, status: 'invalid', message: 'That speaker name is too long (over 200 characters).' };
  if ((request.topic?.length ?? 0) > MAX_QUESTION_LENGTH) {
    return { ...base, status: 'invalid', message: `That topic is too long; please keep it under ${MAX_QUESTION_LENGTH} characters.` };
  }
  const options = parseFilterOptions(request.filters);
  if (!options.ok) return { ...base, status: 'invalid', message: options.message };
  const topic = request.topic?.trim() ? request.topic.trim() : null;
  const mention = resolveMention(speakerText, version.speakers);
  if (mention === null) return unknownSpeaker(version, base, speakerText, topic, options.filters);
  return answer(version, { question, mentions: [mention], topic, phrase: null, filters: options.filters, limit: request.limit ?? MAX_SNIPPETS });
}

function unknownSpeaker(version: AnswerSource, base: Answer, name: string, topic: string | null, filters: QuestionFilters): Answer {
  const suggestions = version.speakers.suggest(name);
  const hint = suggestions.length > 0 ? ` Did you mean ${orList(suggestions)}?` : '';
  return {
    ...base,
    interpretation: { speakers: [], topic, filters },
    status: 'unknown-speaker',
    suggestions,
    message: `I couldn't find a speaker named "${name}" in the corpus.${hint}`,
  };
}

interface Interpreted {
  question: string;
  mentions: readonly SpeakerMention[];
  topic: string | null;
  phrase: string | null;
  filters: QuestionFilters;
  limit: number;
}

function answer(version: AnswerSource, asked: Interpreted): Answer {
  const base = emptyAnswer(asked.question, version);
  const { filters } = asked;
  const speakers = speakersOf(asked.mentions);
  const interpretation = { speakers: speakers.map((speaker) => speaker.name), topic: asked.topic, filters };
  if (filters.from !== undefined && filters.to !== undefined && filters.from > filters.to) {
    return { ...base, interpretation, status: 'invalid', message: `The start date ${filters.from} is after the end date ${filters.to}.` };
  }
  const keys = asked.topic === null ? [] : keyTermsOf(asked.topic);
  if (speakers.length === 0 && keys.length === 0) {
    return { ...base, interpretation, status: 'invalid', message: 'I couldn\'t find anything to search for in that. Try a name and a topic, like "What did Putin say about Ukraine?"' };
  }
  const limit = Math.max(1, asked.limit);
  const ranked =
    keys.length > 0
      ? rankByTopic(version, asked.topic!, keys, speakers, filters, asked.phrase, limit)
      : rankBySpeaker(asked.mentions, version, filters, limit);
  const snippets = ranked.top.map((hit) => toSnippet(version, hit));
  const who = speakers.length > 0 ? andList(speakers.map((speaker) => speaker.name)) : null;
  const offered = asked.mentions.flatMap((mention) => mention.others);
  const suggestions = offered.map((speaker) => speaker.name);
  const notes = [sameSurnameNote(asked.mentions), undatedNote(ranked.undatedArticles, filters), uncheckedNote(ranked.unchecked), fetchedNote(ranked.fetched)].filter((note) => note.length > 0).join(' ');
  const counts = { onTopic: ranked.onTopic, partial: ranked.partial, exactPhrase: ranked.exactPhrase, undatedExcluded: ranked.undatedQuotes };
  const withNotes = (message: string): string => (notes ? `${message} ${notes}` : message);
  if (snippets.length === 0) {
    const quoted = speakers.reduce((sum, speaker) => sum + speaker.quoteCount, 0);
    const topicWords = asked.topic ? ` mentions "${asked.topic}"` : '';
    const message = who
      ? asked.topic
        ? `No quote by ${who}${topicWords}${describeFilters(filters)}. ${who} ${speakers.length > 1 ? 'are' : 'is'} quoted ${quoted} time${quoted === 1 ? '' : 's'} in the corpus: ask "what did ${speakers[0]!.name} say" to see ${speakers.length > 1 || quoted !== 1 ? 'them' : 'it'}.`
        : `No quotes from ${who}${describeFilters(filters)}. ${who} ${speakers.length > 1 ? 'are' : 'is'} quoted ${quoted} time${quoted === 1 ? '' : 's'} in the corpus; try without the filters.`
      : `No quote in the corpus${topicWords}${describeFilters(filters)}.`;
    return { ...base, interpretation, status: 'no-match', suggestions, counts, message: withNotes(message) };
  }
  const message = withNotes(describeAnswer(ranked, who, asked, keys.length > 0));
  return { ...base, interpretation, status: 'answered', message, suggestions, snippets, totalMatches: ranked.onTopic + ranked.partial, counts };
}

/** The one sentence above the snippets: the on-topic count, then what else is listed and why. */
function describeAnswer(ranked: Ranking, who: string | null, asked: Interpreted, byTopic: boolean): string {
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  const from = who ? ` from ${who}` : '';
  const about = byTopic ? ` about "${asked.topic}"` : '';
  const parts: string[] = [];
  if (ranked.onTopic > 0) parts.push(`${plural(ranked.onTopic, 'quote')}${from}${about}${describeFilters(asked.filters)}.`);
  else parts.push(`No quote${from} has every word of "${asked.topic}"${describeFilters(asked.filters)}; ${plural(ranked.partial, 'quote')} ${ranked.partial === 1 ? 'has' : 'have'} some of them (marked partial).`);
  if (ranked.exactPhrase !== null) parts.push(`${ranked.exactPhrase === 0 ? 'None' : ranked.exactPhrase} of them ${ranked.exactPhrase === 1 ? 'contains' : 'contain'} the exact words "${asked.phrase}"${ranked.exactPhrase > 0 ? ', listed first' : ''}.`);
  if (ranked.onTopic > 0 && ranked.partial > 0) parts.push(`${plural(ranked.partial, 'more quote')} ${ranked.partial === 1 ? 'has' : 'have'} only some of its words (marked partial, listed after).`);
  return parts.join(' ');
}

/** "Johnson" answered for Alan Johnson while other Johnsons are quoted: say so, with their counts. */
function sameSurnameNote(mentions: readonly SpeakerMention[]): string {
  return mentions
    .filter((mention) => mention.others.length > 0)
    .map((mention) => {
      const shown = mention.others.slice(0, 5).map((speaker) => `${speaker.name} (${speaker.quoteCount})`);
      const more = mention.others.length > 5 ? ` and ${mention.others.length - 5} more` : '';
      return `Other people called "${mention.text}" are quoted too: ${shown.join(', ')}${more}; ask for one by full name.`;
    })
    .join(' ');
}

function fetchedNote(fetched: Ranking['fetched']): string {
  if (fetched === null) return '';
  return `(Counted among the ${fetched.candidates} best-scoring of ${fetched.matching} matching quotes, so the counts may be low.)`;
}

/**
 * A store that fetches candidates (PostgreSQL) returns only the best-scoring share of a common
 * topic's matches and says how many matched in all; the counts are then of that share.
 */
function fetchedShare(
  hits: TopicHits,
  version: AnswerSource,
  /** Every filter asked, dates included: the matches the store counted are those it lets through. */
  filter: ((doc: number) => boolean) | null,
): Ranking['fetched'] {
  if (hits.total === undefined) return null;
  const groups = new Set<number>();
  for (let i = 0; i < hits.count; i += 1) {
    const doc = hits.docs[i]!;
    const record = version.quoteAt(doc);
    if (record !== undefined && (filter === null || filter(doc))) groups.add(record.reprintKey);
  }
  return hits.total > groups.size ? { candidates: groups.size, matching: hits.total } : null;
}

function uncheckedNote(unchecked: number): string {
  if (unchecked === 0) return '';
  return `(Broad topic: ${unchecked} more quote${unchecked === 1 ? '' : 's'} in paragraphs mentioning it ${unchecked === 1 ? 'was' : 'were'} not checked, so the count may be low.)`;
}

function undatedNote(undatedArticles: number, filters: QuestionFilters): string {
  if (undatedArticles === 0 || (filters.from === undefined && filters.to === undefined)) return '';
  return `${undatedArticles} undated article${undatedArticles === 1 ? ' was' : 's were'} left out by the date filter (their quotes match otherwise).`;
}

interface Ranked {
  record: QuoteRecord;
  terms: readonly string[];
  match: Snippet['match'];
}

/** The best matches in order, and what they count. */
interface Ranking {
  top: Ranked[];
  onTopic: number;
  partial: number;
  exactPhrase: number | null;
  /** On-topic quotes, and their articles, that only the date filter kept out because the article has no date. */
  undatedQuotes: number;
  undatedArticles: number;
  /** Quotes matching through their paragraph whose sentence was not read (a very broad topic). */
  unchecked: number;
  /** When the store handed over only its best-scoring share of the matches: how many of how many. */
  fetched: { candidates: number; matching: number } | null;
}

/**
 * Topic matches. A quote is on topic when every key term is in it or in its sentence (see
 * {@link classifyHits}); quotes with only some of a several-word topic come after every on-topic
 * one, labelled; quotes whose paragraph alone mentions the topic are left out. Within the
 * on-topic ones: exact phrase matches first, then, when a speaker was asked about, their own
 * words before paraphrases, then by where the match is and score (a paraphrase counting for less
 * than the speaker's own words); ties in corpus order. Hits stay in typed arrays until the best
 * few are picked, as a common topic matches tens of thousands of quotes.
 */
function rankByTopic(
  version: AnswerSource,
  topic: string,
  keys: readonly KeyTerm[],
  speakers: readonly Speaker[],
  filters: QuestionFilters,
  phrase: string | null,
  limit: number,
): Ranking {
  const { direct, words } = version.facts;
  const dated = filters.from !== undefined || filters.to !== undefined;
  const filter = docFilter(version, speakers, { ...(filters.source !== undefined ? { source: filters.source } : {}) });
  // The scope carries the date filters too, so a store that fetches candidates fetches dated ones;
  // the embedded index applies only `filter` and dates are checked below, counting undated articles.
  const candidates = speakerPositions(version, speakers);
  const hits = version.index.searchScored(topic, { ...(filter ? { filter } : {}), ...(candidates ? { candidates } : {}), scope: { speakerKeys: speakers.map((speaker) => speaker.key), filters } });
  let topicIsPerson: boolean | undefined;
  const paragraphStandsIn = speakers.length === 0 ? null : (): boolean => (topicIsPerson ??= namesOnlyPeople(topic, version));
  const relevance = classifyHits(version, hits, keys, { phrase, paragraphStandsIn });
  const bySpeaker = speakers.length > 0;
  const tier = new Uint8Array(hits.count);
  const weighted = new Float64Array(hits.count);
  const kept = new Uint32Array(hits.count);
  let keptCount = 0;
  const undatedArticles = new Set<string>();
  let undatedQuotes = 0;
  for (let i = 0; i < hits.count; i += 1) {
    const rank = relevance.rank[i]!;
    if (rank === PLACE_RANK['off-topic']) continue;
    const doc = hits.docs[i]!;
    if (dated) {
      const record = version.quoteAt(doc);
      if (record === undefined) continue;
      const date = record.article.date;
      if (date === null) {
        if (rank <= ON_TOPIC_RANK_LIMIT) {
          undatedQuotes += 1;
          undatedArticles.add(record.article.id);
        }
        continue;
      }
      if ((filters.from !== undefined && date < filters.from) || (filters.to !== undefined && date > filters.to)) continue;
    }
    const onTopic = rank <= ON_TOPIC_RANK_LIMIT;
    const phraseFirst = rank === PLACE_RANK.phrase ? 0 : 1;
    // phrase | on topic | speaker's own words | place: one byte, compared as a number.
    tier[i] = (phraseFirst << 6) | ((onTopic ? 0 : 1) << 5) | ((bySpeaker && direct[doc] !== 1 ? 1 : 0) << 4) | rank;
    weighted[i] = hits.scores[i]! * weightFor(direct[doc] === 1, words[doc]!);
    kept[keptCount++] = i;
  }
  const inCorpusOrder = corpusOrderOf(version.facts);
  const compare = (i: number, j: number): number => tier[i]! - tier[j]! || weighted[j]! - weighted[i]! || inCorpusOrder(hits.docs[i]!, hits.docs[j]!);
  const keptDocs = new Uint32Array(keptCount);
  for (let k = 0; k < keptCount; k += 1) keptDocs[k] = hits.docs[kept[k]!]!;
  const unique = version
    .bestPerReprint(keptDocs, keptCount, (a, b) => compare(kept[a]!, kept[b]!) < 0)
    .map((at) => kept[at]!)
    .filter((i) => version.quoteAt(hits.docs[i]!) !== undefined);
  let onTopic = 0;
  let exact = 0;
  for (const i of unique) {
    if (relevance.rank[i]! <= ON_TOPIC_RANK_LIMIT) onTopic += 1;
    if (relevance.rank[i] === PLACE_RANK.phrase) exact += 1;
  }
  const top = topK(unique, limit, compare).map((i) => {
    const place = MATCH_PLACES[relevance.rank[i]!]!;
    return {
      record: version.quoteAt(hits.docs[i]!)!,
      terms: hits.termsAt(i),
      match: place === 'off-topic' ? null : { place, missing: missingWords(keys, relevance.missing[i]!) },
    };
  });
  return { top, onTopic, partial: unique.length - onTopic, exactPhrase: phrase === null ? null : exact, undatedQuotes, undatedArticles: undatedArticles.size, unchecked: relevance.unchecked, fetched: fetchedShare(hits, version, dated ? docFilter(version, speakers, filters) : filter) };
}

/**
 * The asked speakers' index positions, ascending, for the search to look up instead of scoring a
 * common term's every posting; undefined when no speaker was asked or the source keeps no
 * positions (then the filter alone narrows, as before).
 */
function speakerPositions(version: AnswerSource, speakers: readonly Speaker[]): Uint32Array | undefined {
  if (speakers.length === 0 || version.positionsBy === undefined) return undefined;
  const lists = [...new Set(speakers.map((speaker) => speaker.key))].map((key) => version.positionsBy!(key));
  if (lists.length === 1) return lists[0]!;
  const joined = new Uint32Array(lists.reduce((sum, list) => sum + list.length, 0));
  let at = 0;
  for (const list of lists) (joined.set(list, at), (at += list.length));
  return joined.sort();
}

/** Whether a topic is a person the corpus quotes ("Trump"), whom a quote may call "he". */
function namesOnlyPeople(topic: string, version: AnswerSource): boolean {
  const found = findSpeakers(topic, version.speakers);
  return found.mentions.length > 0 && keyTermsOf(found.rest).length === 0;
}

const NO_TERMS: readonly string[] = [];

/**
 * With no topic: the speaker's own words first, newest first, fuller quotes before fragments.
 * Several people asked about together take turns, so each is on the first page.
 */
function rankBySpeaker(mentions: readonly SpeakerMention[], version: AnswerSource, filters: QuestionFilters, limit: number): Ranking {
  const passes = recordFilter(filters);
  const byDate = recordFilter({ ...(filters.source !== undefined ? { source: filters.source } : {}) });
  const dated = filters.from !== undefined || filters.to !== undefined;
  const undatedArticles = new Set<string>();
  let undatedQuotes = 0;
  const lists: Array<Array<{ record: QuoteRecord; score: number }>> = [];
  const totals: number[] = [];
  const seen = new Set<string>();
  for (const speaker of speakersOf(mentions)) {
    if (seen.has(speaker.key)) continue;
    seen.add(speaker.key);
    const candidates: Array<{ record: QuoteRecord; score: number }> = [];
    for (const record of version.quotesBy(speaker.key)) {
      if (passes === null || passes(record)) candidates.push({ record, score: weightFor(record.quote.kind === 'direct', record.wordCount) });
      else if (dated && record.article.date === null && (byDate === null || byDate(record))) {
        undatedQuotes += 1;
        undatedArticles.add(record.article.id);
      }
    }
    const compare = (a: { record: QuoteRecord; score: number }, b: { record: QuoteRecord; score: number }): number =>
      b.score - a.score || byNewest(a.record, b.record) || byCorpusOrder(a.record, b.record);
    const unique = bestCopies(candidates, compare);
    totals.push(unique.length);
    lists.push(topK(unique, limit, compare));
  }
  const total = totals.reduce((sum, count) => sum + count, 0);
  const top: Ranked[] = [];
  const shown = lists.reduce((sum, list) => sum + list.length, 0);
  for (let round = 0; top.length < Math.min(limit, shown); round += 1) {
    for (const list of lists) if (round < list.length && top.length < limit) top.push({ record: list[round]!.record, terms: NO_TERMS, match: null });
  }
  return { top, onTopic: total, partial: 0, exactPhrase: null, undatedQuotes, undatedArticles: undatedArticles.size, unchecked: 0, fetched: null };
}

function byNewest(a: QuoteRecord, b: QuoteRecord): number {
  const left = a.article.date ?? '';
  const right = b.article.date ?? '';
  return left === right ? 0 : left > right ? -1 : 1;
}

/** How much a hit counts: the speaker's own words over a paraphrase, a sentence over a two-word fragment. */
function weightFor(direct: boolean, words: number): number {
  return (direct ? 1 : REPORTED_WEIGHT) * (words <= 3 ? FRAGMENT_WEIGHT : 1);
}

/**
 * Compares two index positions by their articles' corpus order, how ties between equal hits are
 * broken: the positions' own order, unless a layered index numbered its delta after its base.
 */
export function corpusOrderOf(facts: QuoteFacts): (a: number, b: number) => number {
  const order = facts.corpusOrder;
  return order === undefined ? (a, b) => a - b : (a, b) => order[a]! - order[b]!;
}

function byCorpusOrder(a: QuoteRecord, b: QuoteRecord): number {
  return a.article.id === b.article.id ? a.quote.start - b.quote.start : a.article.id < b.article.id ? -1 : 1;
}

type RecordFilter = (record: QuoteRecord) => boolean;

/**
 * Which index positions the speaker and filters let through, or null for all. The speaker check
 * reads a typed array; only date and outlet filters, which few questions carry, read the quote.
 */
function docFilter(version: AnswerSource, speakers: readonly Speaker[], filters: QuestionFilters): ((doc: number) => boolean) | null {
  const byRecord = recordFilter(filters);
  const numbers = new Set(speakers.map((speaker) => version.facts.speakerNumber(speaker.key)));
  const speakerOf = version.facts.speaker;
  const bySpeaker = speakers.length > 0 ? (doc: number): boolean => speakerOf[doc] !== -1 && numbers.has(speakerOf[doc]!) : null;
  if (byRecord === null) return bySpeaker;
  return (doc) => {
    if (bySpeaker !== null && !bySpeaker(doc)) return false;
    const record = version.quoteAt(doc);
    return record !== undefined && byRecord(record);
  };
}

/** What the date and outlet filters let through; null when there are none. */
function recordFilter(filters: QuestionFilters): RecordFilter | null {
  const source = filters.source?.toLowerCase();
  if (filters.from === undefined && filters.to === undefined && source === undefined) return null;
  return (record) => {
    const date = record.article.date;
    if (filters.from !== undefined && (date === null || date < filters.from)) return false;
    if (filters.to !== undefined && (date === null || date > filters.to)) return false;
    if (source !== undefined && !(record.article.source ?? '').toLowerCase().includes(source)) return false;
    return true;
  };
}

/**
 * The same words by the same speaker reprinted by several articles are one snippet: the
 * best-ranked copy of each, in no particular order. (Topic answers do this on typed arrays, see
 * {@link AnswerSource.bestPerReprint}.)
 */
function bestCopies<T extends { record: QuoteRecord }>(candidates: readonly T[], compare: (a: T, b: T) => number): T[] {
  const best = new Map<number, T>();
  for (const candidate of candidates) {
    const held = best.get(candidate.record.reprintKey);
    if (held === undefined || compare(candidate, held) < 0) best.set(candidate.record.reprintKey, candidate);
  }
  return [...best.values()];
}

function toSnippet(version: AnswerSource, hit: Ranked): Snippet {
  const { record, terms } = hit;
  const wanted = new Set(terms);
  const isRelevant = (word: string): boolean => (indexTerms(word) ?? []).some((term) => wanted.has(term));
  // A comma left inside the closing mark ("…at least,") reads as a typo once the sentence around it is gone.
  const { text, trimmed } = trimToSentences(record.quote.text.replace(/[\s,;:]+$/u, ''), SNIPPET_CHARS, isRelevant);
  return {
    quoteId: record.quote.id,
    kind: record.quote.kind,
    speaker: speakerName(version, record),
    confidence: record.quote.confidence ?? null,
    text,
    trimmed,
    context: record.quote.context,
    citation: citationFor(record.article),
    match: hit.match,
  };
}

/** What a snippet says when nobody is named: an honest blank beats a pronoun printed as a name. */
export const SPEAKER_UNKNOWN = 'speaker unknown';

/**
 * The corpus-wide name ("Vladimir Putin" even where this article wrote only "Putin"). A speaker
 * the extractor could not resolve ("he", "it", "they") is shown as {@link SPEAKER_UNKNOWN}.
 */
export function speakerName(version: AnswerSource, record: QuoteRecord): string {
  const speaker = record.speakerKey === null ? undefined : version.speakers.get(record.speakerKey);
  const name = speaker?.name ?? record.quote.speaker ?? record.quote.speakerSurface;
  return name === null || name === undefined || !namesSomeone(name) ? SPEAKER_UNKNOWN : name;
}

/** Names already judged by {@link namesSomeone}: an answer shows up to 50 snippets, mostly by a few speakers. */
const judgedNames = new Map<string, boolean>();

/** Whether a speaker name names someone: not a pronoun, and has a letter. */
function namesSomeone(name: string): boolean {
  let judged = judgedNames.get(name);
  if (judged === undefined) {
    judged = !isPronoun(name) && /\p{L}/u.test(name);
    if (judgedNames.size >= 10_000) judgedNames.clear();
    judgedNames.set(name, judged);
  }
  return judged;
}

function parseFilterOptions(options: FilterOptions | undefined): { ok: true; filters: QuestionFilters } | { ok: false; message: string } {
  const result = FilterOptionsSchema.safeParse(options ?? {});
  if (result.success) {
    const filters: QuestionFilters = {};
    if (result.data.from !== undefined) filters.from = result.data.from;
    if (result.data.to !== undefined) filters.to = result.data.to;
    if (result.data.source !== undefined) filters.source = result.data.source;
    return { ok: true, filters };
  }
  const issue = result.error.issues[0]!;
  const field = String(issue.path[0] ?? 'option');
  const given = (options as Record<string, unknown> | undefined)?.[field];
  return { ok: false, message: `The ${field} option${typeof given === 'string' ? ` "${given}"` : ''} ${issue.message}.` };
}

function describeFilters(filters: QuestionFilters): string {
  const parts: string[] = [];
  if (filters.from !== undefined && filters.to !== undefined) parts.push(` between ${filters.from} and ${filters.to}`);
  else if (filters.from !== undefined) parts.push(` since ${filters.from}`);
  else if (filters.to !== undefined) parts.push(` until ${filters.to}`);
  if (filters.source !== undefined) parts.push(` in ${filters.source}`);
  return parts.join('');
}

function orList(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

function andList(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function emptyAnswer(question: string, version: AnswerSource): Answer {
  return {
    question,
    status: 'no-match',
    message: '',
    interpretation: { speakers: [], topic: null, filters: {} },
    suggestions: [],
    snippets: [],
    totalMatches: 0,
    counts: { onTopic: 0, partial: 0, exactPhrase: null, undatedExcluded: 0 },
    corpusVersion: version.id,
  };
}

function blankToUndefined(value: unknown): unknown {
  return typeof value === 'string' && value.trim().length === 0 ? undefined : (value ?? undefined);
}
