import { z } from 'zod';
import { IsoDateSchema } from '../corpus/article.js';
import { isStopword, tokenize } from './terms.js';

/** Narrowing a question can carry, written in it ("in 2004", "from the BBC") or given as command options. */
export const QuestionFiltersSchema = z.object({
  /** Earliest article date, inclusive. */
  from: IsoDateSchema.optional(),
  /** Latest article date, inclusive. */
  to: IsoDateSchema.optional(),
  /** Outlet name, compared case-insensitively ("BBC" matches "BBC News"). */
  source: z.string().trim().min(1).max(100).optional(),
});
export type QuestionFilters = z.infer<typeof QuestionFiltersSchema>;

export const ParsedQuestionSchema = z.object({
  /** Who the question asks about, as typed ("Putin"); resolved against known speakers later. */
  speaker: z.string().nullable(),
  /**
   * Whether the wording makes `speaker` surely a person ("what did X say"). For "X on Y" it is
   * false: if X names nobody known, the whole question is a topic ("sanctions on Russia").
   */
  speakerCertain: z.boolean(),
  /** What the quotes should be about, or null for "anything". */
  topic: z.string().nullable(),
  /**
   * How the question is put: `speaker` when a shape names whose words are wanted ("what did X
   * say", "X on Y"), `who` for "who said …" (a topic question whatever names it holds), `free`
   * when no shape fits ("Putin", "Blair Iraq"): the speaker finder then looks for names anywhere.
   */
  form: z.enum(['speaker', 'who', 'free']),
  /** Words typed inside quotation marks ("like a real man"): exact-phrase matches rank first. */
  phrase: z.string().nullable(),
  filters: QuestionFiltersSchema,
});
export type ParsedQuestion = z.infer<typeof ParsedQuestionSchema>;

const VERB = String.raw`(?:say|said|says|saying|tell|told|telling|think|thought|thinks|thinking|claim|claimed|mean|meant|comment|commented|announce|announced|argue|argued|warn|warned|promise|promised|state|stated)`;
const ABOUT = String.raw`(?:about|on|of|regarding|concerning|over|re)`;
const QUOTE_NOUN = String.raw`(?:quotes?|quotations?|comments?|remarks?|statements?|words?|views?|sayings?|take|thoughts|stance|position|opinions?)`;
/** "did Blair mention Iraq", "has Brown talked about pensions": the verb carries the topic itself. */
const MENTION = String.raw`(?:mention(?:ed)?|discuss(?:ed)?|address(?:ed)?|criticis(?:e|ed)|criticiz(?:e|ed)|prais(?:e|ed)|(?:talk(?:ed)?|speak|spoke|comment(?:ed)?|say|said)\s+(?:anything\s+|something\s+)?(?:about|on|of|regarding))`;

/** Question shapes, most specific first. Each yields the speaker and topic groups. */
const PATTERNS: ReadonlyArray<{ pattern: RegExp; speaker: number; topic: number; certain: boolean; who?: true }> = [
  // what did Putin say about Ukraine / what has Blair said / what does Brown think of the budget
  { pattern: new RegExp(String.raw`^(?:so\s+)?(?:what|which\s+\w+)\s+(?:did|does|do|has|have|had|was|is|are|were)\s+(.+?)\s+(?:ever\s+|actually\s+|really\s+|just\s+|recently\s+|been\s+)?${VERB}(?:\s+(?:anything|something|things?))?(?:\s+${ABOUT}\s+(.+))?$`, 'i'), speaker: 1, topic: 2, certain: true },
  // did Blair mention Iraq / has Brown ever talked about pensions / does Howard criticise Labour
  { pattern: new RegExp(String.raw`^(?:did|has|have|does|do|was|is)\s+(.+?)\s+(?:ever\s+|actually\s+|really\s+|recently\s+|been\s+)?${MENTION}\s+(.+)$`, 'i'), speaker: 1, topic: 2, certain: true },
  // what Blair said about Iraq / what Putin thinks of Trump
  { pattern: new RegExp(String.raw`^what\s+(.+?)\s+(?:has\s+|had\s+)?(?:said|says|thinks|thought|told)(?:\s+(?:anything|something))?(?:\s+${ABOUT}\s+(.+))?$`, 'i'), speaker: 1, topic: 2, certain: true },
  // did Putin say anything about Ukraine
  { pattern: new RegExp(String.raw`^(?:did|has|have|does)\s+(.+?)\s+${VERB}\s+(?:anything|something)(?:\s+${ABOUT}\s+(.+))?$`, 'i'), speaker: 1, topic: 2, certain: true },
  // how did Putin react to / respond to the sanctions
  { pattern: new RegExp(String.raw`^how\s+(?:did|does|has)\s+(.+?)\s+(?:react|respond|reply|answer)(?:ed)?(?:\s+(?:to|on|about)\s+(.+))?$`, 'i'), speaker: 1, topic: 2, certain: true },
  // quotes from Putin about Ukraine / comments by Blair on the war
  { pattern: new RegExp(String.raw`^(?:(?:show|find|give|get|list)\s+(?:me\s+)?)?(?:(?:the|some|any|all)\s+)?${QUOTE_NOUN}\s+(?:from|by)\s+(.+?)(?:\s+${ABOUT}\s+(.+))?$`, 'i'), speaker: 1, topic: 2, certain: true },
  // quotes about the NHS / comments on tuition fees: a topic question
  { pattern: new RegExp(String.raw`^(?:(?:show|find|give|get|list)\s+(?:me\s+)?)?(?:(?:the|some|any|all)\s+)?${QUOTE_NOUN}\s+${ABOUT}\s+(.+)$`, 'i'), speaker: 0, topic: 1, certain: false, who: true },
  // Putin's comments on Ukraine / Blair's view of the war
  { pattern: new RegExp(String.raw`^(.+?)['’]s?\s+${QUOTE_NOUN}(?:\s+${ABOUT}\s+(.+))?$`, 'i'), speaker: 1, topic: 2, certain: true },
  // who said ... / what was said about ...: a topic question
  { pattern: new RegExp(String.raw`^(?:who|what\s+was|what\s+has\s+been)\s+(?:has\s+|had\s+|ever\s+)*${VERB}\s+(?:(?:anything|something)\s+)?(?:${ABOUT}\s+|that\s+)?(.+)$`, 'i'), speaker: 0, topic: 1, certain: false, who: true },
  // Putin quotes / Blair quotes on Iraq
  { pattern: new RegExp(String.raw`^(.+?)\s+${QUOTE_NOUN}(?:\s+${ABOUT}\s+(.+))?$`, 'i'), speaker: 1, topic: 2, certain: false },
  // Putin on Ukraine / Putin about the election / Brown said on pensions
  { pattern: new RegExp(String.raw`^(.+?)\s+(?:(?:said|says|say|talking|speaking|comments?)\s+)?(?:on|about)\s+(.+)$`, 'i'), speaker: 1, topic: 2, certain: false },
];

/** The longest question we try to read; longer input is refused with a clear message upstream. */
export const MAX_QUESTION_LENGTH = 500;

/**
 * Reads a free question into speaker, topic and filters. It never throws: anything that fits no
 * shape is a bare topic, and the answerer decides what to say when there is nothing to search.
 *
 * @example
 * parseQuestion('What did Putin say about Ukraine in 2024?')
 * // { speaker: 'Putin', speakerCertain: true, topic: 'Ukraine', filters: { from: '2024-01-01', to: '2024-12-31' } }
 */
export function parseQuestion(question: string, options: { knownSources?: readonly string[]; today?: Date } = {}): ParsedQuestion {
  const cleaned = clean(question);
  const phrase = quotedPhrase(cleaned);
  const { rest, filters } = extractFilters(cleaned, options.knownSources ?? [], options.today ?? new Date());
  for (const { pattern, speaker, topic, certain, who } of PATTERNS) {
    const match = pattern.exec(rest);
    if (!match) continue;
    const speakerText = speaker > 0 ? tidy(match[speaker]) : null;
    const topicText = tidy(match[topic]);
    if (speaker > 0 && !speakerText) continue;
    return { speaker: speakerText, speakerCertain: certain, topic: meaningful(topicText), form: who ? 'who' : 'speaker', phrase, filters };
  }
  return { speaker: null, speakerCertain: false, topic: meaningful(tidy(rest)), form: 'free', phrase, filters };
}

/** The words inside the first pair of quotation marks, when there are at least two of them. */
function quotedPhrase(text: string): string | null {
  const match = /["“„«]([^"“”„«»]+)["”»]/u.exec(text) ?? /(?:^|\s)['‘]([^'‘’]+)['’](?:\s|$)/u.exec(text);
  const words = match?.[1]?.trim() ?? '';
  return words.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length >= 2 ? words : null;
}

function clean(question: string): string {
  return question
    .slice(0, MAX_QUESTION_LENGTH)
    .replace(/[\u200B-\u200F\u202A-\u202E\u2066-\u2069]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(?:hey|hi|ok|okay|please)[,!]?\s+/i, '')
    .replace(/^(?:(?:can|could|would)\s+you\s+)?(?:please\s+)?(?:tell|show|give|find)\s+me\s+(?=what|how|quotes?|comments?|remarks?|any|some|all|the)/i, '')
    .replace(/^(?:i\s+want\s+to\s+know|i'?d\s+like\s+to\s+know|do\s+you\s+know)\s+/i, '')
    .replace(/[\s?!.]+$/u, '')
    .trim();
}

function tidy(text: string | undefined): string | null {
  if (text === undefined) return null;
  const trimmed = text
    .replace(/^["'“”‘’]+|["'“”‘’]+$/g, '')
    .replace(/^(?:the\s+)?(?:topic|subject|issue|matter)\s+of\s+/i, '')
    .trim();
  return trimmed.length > 0 ? trimmed : null;
}

/** A topic made only of stopwords ("it", "that") is no topic. */
function meaningful(topic: string | null): string | null {
  if (topic === null) return null;
  return tokenize(topic).some((token) => !isStopword(token)) ? topic : null;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const DATE = String.raw`(\d{4}(?:-\d{2}(?:-\d{2})?)?)`;

/** Pulls date and outlet phrases out of the question, leaving the rest to the shape patterns. */
function extractFilters(text: string, knownSources: readonly string[], today: Date): { rest: string; filters: QuestionFilters } {
  const filters: QuestionFilters = {};
  let rest = text;
  const take = (pattern: RegExp, apply: (match: RegExpExecArray) => boolean): void => {
    const match = pattern.exec(rest);
    if (match && apply(match)) rest = (rest.slice(0, match.index) + ' ' + rest.slice(match.index + match[0].length)).replace(/\s+/g, ' ').trim();
  };
  // "last year" is a date, not a topic: read against today's date, as the asker means it.
  const year = today.getUTCFullYear();
  take(/\s*\b(?:in\s+|during\s+)?(last|this|past)\s+year\b/i, (m) =>
    m[1]!.toLowerCase() === 'this' ? setRange(filters, `${year}-01-01`, `${year}-12-31`) : setRange(filters, `${year - 1}-01-01`, `${year - 1}-12-31`),
  );
  take(new RegExp(String.raw`\s*\b(?:between|from)\s+${DATE}\s+(?:and|to|until|till)\s+${DATE}\b`, 'i'), (m) =>
    setRange(filters, startOf(m[1]!), endOf(m[2]!)),
  );
  take(new RegExp(String.raw`\s*\b(?:since|after|from)\s+${DATE}\b`, 'i'), (m) => setRange(filters, startOf(m[1]!), undefined));
  take(new RegExp(String.raw`\s*\b(?:before|until|till|up\s+to)\s+${DATE}\b`, 'i'), (m) => setRange(filters, undefined, endOf(m[1]!)));
  take(new RegExp(String.raw`\s*\b(?:in|during)\s+(${MONTHS.join('|')})\s+(\d{4})\b`, 'i'), (m) => {
    const month = String(MONTHS.indexOf(m[1]!.toLowerCase()) + 1).padStart(2, '0');
    return setRange(filters, startOf(`${m[2]}-${month}`), endOf(`${m[2]}-${month}`));
  });
  take(new RegExp(String.raw`\s*\b(?:in|during)\s+${DATE}\b`, 'i'), (m) => setRange(filters, startOf(m[1]!), endOf(m[1]!)));
  for (const source of [...knownSources].sort((a, b) => b.length - a.length)) {
    take(sourcePattern(source), () => {
      filters.source = source;
      return true;
    });
  }
  return { rest, filters };
}

/** Compiled once per outlet name: every question is checked against every outlet. */
const sourcePatterns = new Map<string, RegExp>();

function sourcePattern(source: string): RegExp {
  let pattern = sourcePatterns.get(source);
  if (pattern === undefined) {
    const name = escapeRegExp(source).replace(/\\ /g, '\\s+');
    const short = escapeRegExp(source.replace(/\s+news$/i, ''));
    pattern = new RegExp(String.raw`\s*\b(?:in|from|on|by|according\s+to|reported\s+by)\s+(?:the\s+)?(?:${name}|${short})\b`, 'i');
    if (sourcePatterns.size >= 1_000) sourcePatterns.clear();
    sourcePatterns.set(source, pattern);
  }
  return pattern;
}

function setRange(filters: QuestionFilters, from: string | undefined, to: string | undefined): boolean {
  if (from !== undefined && !IsoDateSchema.safeParse(from).success) return false;
  if (to !== undefined && !IsoDateSchema.safeParse(to).success) return false;
  if (from !== undefined) filters.from = from;
  if (to !== undefined) filters.to = to;
  return true;
}

function startOf(date: string): string {
  return date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date;
}

function endOf(date: string): string {
  if (date.length === 4) return `${date}-12-31`;
  if (date.length === 7) {
    const [year, month] = date.split('-').map(Number) as [number, number];
    const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
    return `${date}-${String(lastDay).padStart(2, '0')}`;
  }
  return date;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
