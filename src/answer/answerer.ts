import { z } from 'zod';
import { IsoDateSchema } from '../corpus/article.js';
import type { QuoteRecord } from '../desk/corpus-version.js';
import type { Speaker } from '../quotes/speaker-directory.js';
import { MAX_QUESTION_LENGTH, parseQuestion, type QuestionFilters } from '../search/question.js';
import { indexTerms, tokenize } from '../search/terms.js';
import type { AnswerSource } from '../store/answer-source.js';
import type { Answer, Snippet } from './answer.js';
import { citationFor } from './citation.js';
import { topK } from './top-k.js';
import { trimToSentences } from './trim.js';

/** The most snippets one answer carries; front ends page through them. */
export const MAX_SNIPPETS = 50;
/** Longest snippet text: long quotes become a sentence window around the asked-about words. */
export const SNIPPET_CHARS = 350;
/** Reported speech is the reporter's paraphrase, so it ranks below the speaker's own words. */
const REPORTED_WEIGHT = 0.35;
/** A direct quote matching only through its paragraph is on topic when it scores this share of the best hit. */
const CONTEXT_MATCH_SHARE = 0.25;
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
}

/** A lookup by speaker, as `/quote` asks it: the speaker is certain, the topic optional. */
export interface LookupRequest {
  speaker: string;
  topic?: string | null;
  filters?: FilterOptions;
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
  let speakerText = parsed.speaker;
  let topic = parsed.topic;
  if (speakerText !== null && !parsed.speakerCertain && version.speakers.resolve(speakerText).length === 0) {
    // "sanctions on Russia": no speaker called "sanctions", so the whole thing is the topic.
    topic = [speakerText, topic].filter((part) => part !== null).join(' ');
    speakerText = null;
  }
  return answer(version, { question, speakerText, topic, filters });
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
  return answer(version, { question, speakerText, topic, filters: options.filters });
}

interface Interpreted {
  question: string;
  speakerText: string | null;
  topic: string | null;
  filters: QuestionFilters;
}

function answer(version: AnswerSource, asked: Interpreted): Answer {
  const base = emptyAnswer(asked.question, version);
  const { filters } = asked;
  const interpretation = { speakers: [] as string[], topic: asked.topic, filters };
  if (filters.from !== undefined && filters.to !== undefined && filters.from > filters.to) {
    return { ...base, interpretation, status: 'invalid', message: `The start date ${filters.from} is after the end date ${filters.to}.` };
  }
  let speakers: Speaker[] = [];
  if (asked.speakerText !== null) {
    speakers = version.speakers.resolve(asked.speakerText);
    if (speakers.length === 0) {
      const suggestions = version.speakers.suggest(asked.speakerText);
      const hint = suggestions.length > 0 ? ` Did you mean ${orList(suggestions)}?` : '';
      return { ...base, interpretation, status: 'unknown-speaker', suggestions, message: `I couldn't find a speaker named "${asked.speakerText}" in the corpus.${hint}` };
    }
    interpretation.speakers = speakers.map((speaker) => speaker.name);
  }
  const hasTopicWords = asked.topic !== null && tokenize(asked.topic).some((token) => indexTerms(token) !== null);
  if (asked.speakerText === null && !hasTopicWords) {
    return { ...base, interpretation, status: 'invalid', message: 'I couldn\'t find anything to search for in that. Try a name and a topic, like "What did Putin say about Ukraine?"' };
  }
  const ranked = hasTopicWords ? rankByTopic(version, asked.topic!, speakers, filters) : rankBySpeaker(speakers, version, recordFilter(filters));
  const snippets = ranked.top.map(({ record, terms }) => toSnippet(version, record, terms));
  const who = speakers.length > 0 ? orList(speakers.map((speaker) => speaker.name)) : null;
  if (snippets.length === 0) {
    const quoted = speakers.reduce((sum, speaker) => sum + speaker.quoteCount, 0);
    const message = who
      ? `No quotes from ${who}${asked.topic ? ` about "${asked.topic}"` : ''}${describeFilters(filters)}. ${who} is quoted ${quoted} time${quoted === 1 ? '' : 's'} in the corpus; try without the topic or filters.`
      : `No quotes about "${asked.topic}"${describeFilters(filters)} in the corpus.`;
    return { ...base, interpretation, status: 'no-match', message };
  }
  const count = `${ranked.total} quote${ranked.total === 1 ? '' : 's'}`;
  const message = `${count}${who ? ` from ${who}` : ''}${hasTopicWords ? ` about "${asked.topic}"` : ''}${describeFilters(filters)}.`;
  return { ...base, interpretation, status: 'answered', message, snippets, totalMatches: ranked.total };
}

interface Ranked {
  record: QuoteRecord;
  score: number;
  terms: readonly string[];
}

/** The best {@link MAX_SNIPPETS} matches in order, and how many distinct quotes matched in all. */
interface Ranking {
  top: Ranked[];
  total: number;
}

/**
 * Topic matches. When a speaker was asked about, their own words on the topic come first: direct
 * quotes whose words match, or whose paragraph matches nearly as well as the best hit (a quote
 * saying "him" in a paragraph about Trump). Then everything else by score, where a paraphrase
 * counts for less than the speaker's own words; ties in corpus order. A common topic matches tens
 * of thousands of quotes, so hits stay in typed arrays until the best few are picked.
 */
function rankByTopic(version: AnswerSource, topic: string, speakers: readonly Speaker[], filters: QuestionFilters): Ranking {
  const { direct, words } = version.facts;
  const filter = docFilter(version, speakers, filters);
  const hits = version.index.searchScored(topic, { ...(filter ? { filter } : {}), scope: { speakerKeys: speakers.map((speaker) => speaker.key), filters } });
  let best = 0;
  for (let i = 0; i < hits.count; i += 1) if (hits.scores[i]! > best) best = hits.scores[i]!;
  const bySpeaker = speakers.length > 0;
  const tier = new Uint8Array(hits.count);
  const weighted = new Float64Array(hits.count);
  for (let i = 0; i < hits.count; i += 1) {
    const doc = hits.docs[i]!;
    const onTopic = hits.inText(i) || hits.scores[i]! >= best * CONTEXT_MATCH_SHARE;
    tier[i] = bySpeaker && direct[doc] === 1 && onTopic ? 0 : 1;
    weighted[i] = hits.scores[i]! * weightFor(direct[doc] === 1, words[doc]!);
  }
  const compare = (i: number, j: number): number => tier[i]! - tier[j]! || weighted[j]! - weighted[i]! || hits.docs[i]! - hits.docs[j]!;
  const unique = version.bestPerReprint(hits.docs, hits.count, (i, j) => compare(i, j) < 0).filter((i) => version.quoteAt(hits.docs[i]!) !== undefined);
  const top = topK(unique, MAX_SNIPPETS, compare).map((i) => ({ record: version.quoteAt(hits.docs[i]!)!, score: weighted[i]!, terms: hits.termsAt(i) }));
  return { top, total: hits.total ?? unique.length };
}

const NO_TERMS: readonly string[] = [];

/** With no topic: the speaker's own words first, newest first, fuller quotes before fragments. */
function rankBySpeaker(speakers: readonly Speaker[], version: AnswerSource, passes: RecordFilter | null): Ranking {
  const candidates: Ranked[] = [];
  for (const speaker of speakers) {
    for (const record of version.quotesBy(speaker.key)) {
      if (passes === null || passes(record)) candidates.push({ record, score: weightFor(record.quote.kind === 'direct', record.wordCount), terms: NO_TERMS });
    }
  }
  const compare = (a: Ranked, b: Ranked): number => b.score - a.score || byNewest(a.record, b.record) || byCorpusOrder(a.record, b.record);
  const unique = bestCopies(candidates, compare);
  return { top: topK(unique, MAX_SNIPPETS, compare), total: unique.length };
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
function bestCopies(candidates: readonly Ranked[], compare: (a: Ranked, b: Ranked) => number): Ranked[] {
  const best = new Map<number, Ranked>();
  for (const candidate of candidates) {
    const held = best.get(candidate.record.reprintKey);
    if (held === undefined || compare(candidate, held) < 0) best.set(candidate.record.reprintKey, candidate);
  }
  return [...best.values()];
}

function toSnippet(version: AnswerSource, record: QuoteRecord, terms: readonly string[]): Snippet {
  const wanted = new Set(terms);
  const isRelevant = (word: string): boolean => (indexTerms(word) ?? []).some((term) => wanted.has(term));
  // A comma left inside the closing mark ("…at least,") reads as a typo once the sentence around it is gone.
  const { text, trimmed } = trimToSentences(record.quote.text.replace(/[\s,;:]+$/u, ''), SNIPPET_CHARS, isRelevant);
  return {
    quoteId: record.quote.id,
    kind: record.quote.kind,
    speaker: speakerName(version, record),
    text,
    trimmed,
    context: record.quote.context,
    citation: citationFor(record.article),
  };
}

/** The corpus-wide name ("Vladimir Putin" even where this article wrote only "Putin"). */
function speakerName(version: AnswerSource, record: QuoteRecord): string {
  const speaker = record.speakerKey === null ? undefined : version.speakers.get(record.speakerKey);
  return speaker?.name ?? record.quote.speaker ?? record.quote.speakerSurface ?? 'Unattributed';
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

function emptyAnswer(question: string, version: AnswerSource): Answer {
  return {
    question,
    status: 'no-match',
    message: '',
    interpretation: { speakers: [], topic: null, filters: {} },
    suggestions: [],
    snippets: [],
    totalMatches: 0,
    corpusVersion: version.id,
  };
}

function blankToUndefined(value: unknown): unknown {
  return typeof value === 'string' && value.trim().length === 0 ? undefined : (value ?? undefined);
}
