import type { ArticleText } from './article-text.js';
import { sentenceTokens } from './article-text.js';
import type { Cue } from './cues.js';
import { phraseVerbEnd } from './cues.js';
import { FRAGMENT_VERBS, PHRASE_BREAKERS, REPORTING_VERBS, SPEECH_VERBS, VERB_MODIFIERS } from './lexicon.js';
import { isRoleWord } from './speaker-phrase.js';
import type { Range, Token } from './text.js';
import { tokensWithin, trimRange } from './text.js';

/** Reported speech: the content clause of a cue that is not (only) a quotation. */
export interface ReportedCandidate extends Range {
  cue: Cue;
}

const OPENING_MARKS = /^(?:"|“|''|``|„)$/;
const CLOSING_MARK = /^(?:"|”|'')$/;
const MIN_CLAUSE_WORDS = 3;
const TRAILING_CONJUNCTIONS = new Set(['and', 'but', 'or', 'while', 'as', 'although', 'though', 'because']);
/** Words that may sit between the verb and "that": "said on Tuesday that", "told reporters in London that". */
const MAX_WORDS_BEFORE_THAT = 8;
const LEADING_PREPOSITIONS = new Set(['in', 'on', 'at', 'during', 'after', 'before', 'last', 'yesterday', 'today', 'earlier', 'later', 'late', 'this', 'to', 'for', 'with', 'from', 'about', 'by', 'as', 'when', 'while', 'through', 'of', 'so', 'it']);

/**
 * Content clauses of reported speech, three ways round:
 * `X said (that) CLAUSE.`, `CLAUSE, X said, CLAUSE.` (the span keeps the parenthetical cue) and
 * `CLAUSE, X said.`; plus `according to X, CLAUSE`. The span never includes "that" or the final stop.
 */
export function findReported(text: ArticleText, cues: readonly Cue[], usedByQuotes: ReadonlySet<Cue>): ReportedCandidate[] {
  const seen = new Map<string, ReportedCandidate>();
  const cuesBySentence = new Map<number, Cue[]>();
  for (const cue of cues) {
    const list = cuesBySentence.get(cue.sentence) ?? [];
    list.push(cue);
    cuesBySentence.set(cue.sentence, list);
  }
  const { tokens } = text;
  for (const cue of cues) {
    if (cue.fragmentOnly) continue;
    const verb = text.tokens[cue.verb]!.lower;
    if (!cue.according && !REPORTING_VERBS.has(verb) && !verb.endsWith('ing') && verb !== 'pointed' && phraseVerbEnd(text, cue.verb) < 0) continue;
    let range = clauseOf(text, cue, usedByQuotes.has(cue));
    if (range === null) continue;
    // A "that" clause is content through and through ("He said that a few months ago, he told …").
    const thatBefore = tokens[tokenIndexAt(text, range.start) - 1]?.lower === 'that';
    if (!thatBefore) range = stopBeforeLaterCue(text, range, cue, cuesBySentence.get(cue.sentence) ?? []);
    if (range === null) continue;
    // "said the claims were "reheated" and that he was concentrating …": two reported statements.
    for (const part of splitAtAndThat(text, range)) {
      // Two cues can reach the same clause ("…, he said, adding that …"): the nearer (later) one wins.
      seen.set(`${part.start}:${part.end}`, { start: part.start, end: part.end, cue });
    }
  }
  return [...seen.values()].sort((a, b) => a.start - b.start);
}

function clauseOf(text: ArticleText, cue: Cue, attributesQuote: boolean): Range | null {
  const { tokens } = text;
  const [first, end] = sentenceTokens(text, cue.sentence);
  // ", saying he has …", "…, but admitted it was …": the subject was borrowed from earlier in the sentence,
  // so the content can only follow the verb.
  const participle = tokens[cue.verb]!.lower.endsWith('ing') && cue.speaker.last < cue.verb - 1;
  const borrowed = !cue.inverted && (cue.coordinated === true || participle);
  const cueFirst = cue.inverted || borrowed ? cue.verb : roleWordsBefore(tokens, Math.min(cue.verb, cue.speaker.first), first);
  const cueLast = cue.inverted ? Math.max(cue.verbEnd, cue.speaker.last) : cue.verbEnd;
  const before = tokens[cueFirst - 1];
  // `Despite this "underhand trick," the bill stood "no chance of becoming law," he said.`: the comma
  // sits inside the closing mark, but the sentence is the reporter's words with quoted pieces.
  const commaInsideMark = before !== undefined && CLOSING_MARK.test(before.text) && tokens[cueFirst - 2]?.text === ',' && !OPENING_MARKS.test(tokens[first]!.text);
  const commaBefore = !borrowed && before !== undefined && cueFirst > first && (before.text === ',' || commaInsideMark);
  let after = cueLast + 1;
  // "said on Tuesday", "said in a statement": adverbials after the cue.
  const adverbialEnd = skipAdverbial(tokens, after, end);
  const next = tokens[after];
  const nextAfterAdverbial = tokens[adverbialEnd];
  if (cue.according && cueFirst === first) {
    // "According to X, CLAUSE."
    if (next?.text !== ',') return null;
    return contentFrom(text, after + 1, end);
  }
  if (commaBefore) {
    const cueEndsSentence = nextAfterAdverbial === undefined || adverbialEnd >= end || /^[.!?]$/.test(nextAfterAdverbial.text);
    // "In a statement, he said abortion was a "very key issue"": a comma before the subject, content after the verb.
    const contentAfter = !cueEndsSentence && nextAfterAdverbial.text !== ',' && !commaInsideMark && !OPENING_MARKS.test(tokens[first]!.text);
    // `A world that was "fractured, divided and uncertain", Mr Blair said.`: the reporter's clause with a
    // quoted piece at its end is reported speech too; a sentence that is all quotation is not.
    const reporterClause = cueEndsSentence && !OPENING_MARKS.test(tokens[first]!.text) && wordsBeforeQuote(text, first, cueFirst) >= MIN_CLAUSE_WORDS;
    if (!contentAfter) {
      if (attributesQuote && !commaInsideMark && !reporterClause) return null;
      const left = trimRange(text.body, text.tokens[first]!.start, before.start);
      if (left.end <= left.start || OPENING_MARKS.test(tokens[first]!.text) || (!commaInsideMark && !reporterClause && endsWithQuote(tokens, cueFirst - 2))) return null;
      if (commaInsideMark) return clauseRange(text, first, cueFirst - 1);
      if (cueEndsSentence) return clauseRange(text, first, cueFirst - 2);
      if (nextAfterAdverbial!.text === ',') {
        if (!hasWords(tokens, adverbialEnd + 1, end, MIN_CLAUSE_WORDS)) return null;
        return clauseRange(text, first, end - 1);
      }
    }
    // ", said X that …" is unusual; fall through to the content after the verb.
  }
  if (cue.inverted) return null;
  if (next === undefined || after >= end) return null;
  // "told the seminar: "…"", "said in a statement: "…"": a colon right after the cue introduces a quotation.
  if (next.text === ':' || nextAfterAdverbial?.text === ':') return null;
  if (next.text === ':' || OPENING_MARKS.test(next.text)) return null;
  if (next.lower === 'that') return contentFrom(text, after + 1, end);
  const that = findThat(tokens, after, end);
  if (that >= 0) return contentFrom(text, that + 1, end);
  if (next.kind !== 'word') return null;
  // "he said as quoted by Reuters", "said, according to …": an attribution, not content.
  if ((next.lower === 'as' && /^(?:quoted|reported|cited|told)$/.test(tokens[after + 1]?.lower ?? '')) || next.lower === 'according') return null;
  // Without "that", the words after the verb must read as a clause ("he was ready"), not an object
  // ("recalled a stream of remarks") or an adverbial ("said at the club").
  const verb = text.tokens[cue.verb]!.lower;
  const accusation = ACCUSING_VERBS.has(verb) && hasWordSoon(tokens, after, end, 'of');
  // ("said in a letter to fellow senators", "said of the tax writers": an adverbial, not a clause.)
  const presentTense = SAY_VERBS.has(verb) && !(PREPOSITIONS.has(next.lower) && next.lower !== 'and' && next.lower !== 'or') && hasPresentTenseVerb(tokens, after, end);
  if (!accusation && !presentTense && !hasFiniteVerb(tokens, after, end) && !(OBJECT_CONTROL_VERBS.has(verb) && hasInfinitive(tokens, after, end))) return null;
  return contentFrom(text, after, end);
}

/** Content from token `from` to the sentence end: at least a few words, and not just a quotation. */
function contentFrom(text: ArticleText, from: number, end: number): Range | null {
  const { tokens } = text;
  if (from >= end || !hasWords(tokens, from, end, MIN_CLAUSE_WORDS)) return null;
  if (OPENING_MARKS.test(tokens[from]!.text) && text.tokenQuote[from + 1] !== undefined) {
    // The content is a direct quotation that fills the rest of the sentence: not reported speech.
    const quote = text.tokenQuote[from + 1]!;
    let last = end - 1;
    while (last > from && tokens[last]!.kind === 'punct' && text.tokenQuote[last] === -1) last -= 1;
    if (quote >= 0 && text.tokenQuote[last] === quote) return null;
  }
  return clauseRange(text, from, end - 1);
}

/** Auxiliaries that, right after ", but", continue the reporting clause's own verb phrase. */
const VERB_PHRASE_CONTINUATIONS = new Set(['has', 'have', 'had', 'did', 'does', 'also', 'then', 'later', 'declined', 'refused', 'gave', 'added', 'said']);

/**
 * Where the reported content ends before the sentence does: ", but has given few details" goes on
 * with the reporter's sentence, and ", as reported by Reuters" attributes the whole sentence.
 */
function contentEnd(text: ArticleText, from: number, to: number): number {
  const { tokens } = text;
  for (let i = from + 1; i < to; i += 1) {
    // "his comments would not affect the bid and added that …": the reporter's next verb, not the content's.
    if ((tokens[i]!.lower === 'and' || tokens[i]!.lower === 'but') && tokens[i - 1]!.text !== ',' && text.tokenQuote[i] === -1 && startsReportingVerb(tokens, i + 1, to)) return i - 1;
    if (tokens[i]!.text !== ',' || text.tokenQuote[i] !== -1) continue;
    // "Jack Straw, who argues CLAUSE, has said …": the main clause's verb comes back after the relative clause.
    // But "…, said Junya Tanase of JPMorgan, were …" is an inverted cue inside the content.
    // (Not ", called to stop …" or ", previously accused of …": participles of the content's noun.)
    const afterComma = tokens[i + 1]?.text ?? '';
    if (AFTER_RELATIVE_CLAUSE.has(afterComma) || (COORDINATED_SPEECH.test(afterComma) && afterComma !== 'called' && afterComma !== 'accused')) {
      if (startsReportingVerb(tokens, i + 1, to) && !startsInversion(tokens, i + 1)) return i - 1;
    }
    const next = tokens[i + 1]?.lower;
    const after = tokens[i + 2]?.lower;
    if ((next === 'but' || next === 'and') && after !== undefined && (VERB_PHRASE_CONTINUATIONS.has(after) || SPEECH_VERBS.has(after))) return i - 1;
    // ", adding: …", ", describing it as …", ", citing …": the reporter's participle, not the content.
    if (next !== undefined && /^\p{Ll}+ing$/u.test(tokens[i + 1]!.text) && (SPEECH_VERBS.has(next) || FRAGMENT_VERBS.has(next) || next === 'citing' || next === 'arguing')) return i - 1;
    if (next === 'as' && (after === 'reported' || after === 'quoted') && tokens[i + 3]?.lower === 'by') return i - 1;
    if (next === 'according' && after === 'to') return i - 1;
  }
  return to;
}

/** Finite speech verbs that cannot be read as nouns after "and": "and added", "but said", "and has made clear". */
const COORDINATED_SPEECH = /^(?:said|says|told|tells|added|adds|insisted|insists|warned|admitted|admits|argued|claimed|stressed|denied|conceded|suggested|urged|accused|insisted|maintained|acknowledged|predicted|pledged|promised|vowed|called)$/;

/** A reporting verb phrase (after optional auxiliaries and adverbs) starts at token `at`. */
function startsReportingVerb(tokens: readonly Token[], at: number, to: number): boolean {
  let i = at;
  while (i < to && tokens[i]!.kind === 'word' && (VERB_MODIFIERS.has(tokens[i]!.lower) && tokens[i]!.text === tokens[i]!.lower) && i < at + 3) i += 1;
  const verb = tokens[i];
  if (verb === undefined || i >= to) return false;
  if (COORDINATED_SPEECH.test(verb.text)) return true;
  // "and has made clear it …", "and made it clear that …".
  return verb.text === 'made' && (tokens[i + 1]?.lower === 'clear' || (tokens[i + 1]?.lower === 'it' && tokens[i + 2]?.lower === 'clear'));
}

/** Auxiliaries that may start the main clause's verb phrase again after a relative clause. */
const AFTER_RELATIVE_CLAUSE = new Set(['has', 'have', 'had', 'also', 'later', 'then']);

/** ", said Mr Smith", ", says the report": the verb is followed by its own (inverted) subject. */
function startsInversion(tokens: readonly Token[], at: number): boolean {
  const after = tokens[at + 1];
  return after !== undefined && after.kind === 'word' && (/^\p{Lu}/u.test(after.text) || after.lower === 'the' || after.lower === 'a');
}

/** Body range of tokens [from, to], without the sentence's closing stop. */
function clauseRange(text: ArticleText, from: number, toToken: number): Range | null {
  const { tokens } = text;
  const to = contentEnd(text, from, toToken);
  let last = to;
  while (last >= from && ((tokens[last]!.kind === 'punct' && /^[.!?,;:\-–—]$/.test(tokens[last]!.text)) || TRAILING_CONJUNCTIONS.has(tokens[last]!.lower))) last -= 1;
  if (last < from) return null;
  const range = trimRange(text.body, tokens[from]!.start, tokens[last]!.end);
  return range.end > range.start ? range : null;
}

function skipAdverbial(tokens: readonly Token[], from: number, end: number): number {
  let i = from;
  if (i < end && LEADING_PREPOSITIONS.has(tokens[i]!.lower)) {
    while (i < end && i < from + 6 && tokens[i]!.kind === 'word') i += 1;
  }
  return i;
}

function findThat(tokens: readonly Token[], from: number, end: number): number {
  for (let i = from; i < end && i <= from + MAX_WORDS_BEFORE_THAT; i += 1) {
    const token = tokens[i]!;
    if (token.lower === 'that') return i;
    if (token.kind !== 'word' || SPEECH_VERBS.has(token.lower)) return -1;
  }
  return -1;
}

function hasWords(tokens: readonly Token[], from: number, end: number, count: number): boolean {
  let words = 0;
  for (let i = from; i < end && words < count; i += 1) if (tokens[i]!.kind === 'word') words += 1;
  return words >= count;
}

/**
 * "…, bank president Masao Fujioka said.": lower-case role words written before the name belong to the
 * cue, so the comma before them is the one that ends the content. Returns where the cue starts.
 */
function roleWordsBefore(tokens: readonly Token[], at: number, floor: number): number {
  let i = at - 1;
  let role = false;
  while (i > floor && i >= at - 4 && tokens[i]!.kind === 'word' && /^\p{Ll}/u.test(tokens[i]!.text) && !PHRASE_BREAKERS.has(tokens[i]!.lower)) {
    if (isRoleWord(tokens[i]!.lower)) role = true;
    i -= 1;
  }
  return role && i < at - 1 && tokens[i]?.text === ',' ? i + 1 : at;
}

/** Words from `from` up to the first quotation in the sentence (or `to`). */
function wordsBeforeQuote(text: ArticleText, from: number, to: number): number {
  let words = 0;
  for (let i = from; i < to; i += 1) {
    const token = text.tokens[i]!;
    if (text.tokenQuote[i] !== -1 || OPENING_MARKS.test(token.text)) break;
    if (token.kind === 'word') words += 1;
  }
  return words;
}

function endsWithQuote(tokens: readonly Token[], index: number): boolean {
  const token = tokens[index];
  return token !== undefined && /^(?:"|”|'')$/.test(token.text);
}

/**
 * "if Trump suggested a meeting, Putin replied that …": a clause ends before the next cue's subject in
 * its sentence; what is left must still be a clause.
 */
function stopBeforeLaterCue(text: ArticleText, range: Range, cue: Cue, cues: readonly Cue[]): Range | null {
  const { tokens } = text;
  for (const later of cues) {
    if (later.sentence !== cue.sentence || later.verb <= cue.verb || later.inverted) continue;
    // "he would not apologise even if the prime minister asked.": a cue with nothing after it reports nothing.
    const afterLater = tokens[later.verbEnd + 1];
    if (afterLater === undefined || /^[.!?]$/.test(afterLater.text)) continue;
    const subjectStart = tokens[later.speaker.first]!.start;
    if (subjectStart <= range.start || subjectStart >= range.end) continue;
    const comma = tokens[later.speaker.first - 1];
    // A parenthetical cue (", Putin said,") stays inside the clause it interrupts.
    const after = tokens[later.verbEnd + 1];
    if (comma?.text === ',' && after?.text === ',') continue;
    const cut = comma !== undefined && comma.text === ',' ? comma.start : subjectStart;
    const trimmed = trimRange(text.body, range.start, cut);
    const words = tokensWithin(text.body, tokens, trimmed.start, trimmed.end).filter((token) => token.kind === 'word').length;
    return words >= MIN_CLAUSE_WORDS ? trimmed : null;
  }
  return range;
}

const FINITE_AUXILIARIES = new Set(
  `is are was were be been am has have had do does did will would shall should can could may might must
  isn't aren't wasn't weren't hasn't haven't hadn't don't doesn't didn't won't wouldn't can't couldn't shouldn't
  made took gave came went got saw knew thought told found felt became left kept began brought bought lost
  paid met ran sold won hit put set cut let rose fell grew led held stood understood needs wants means
  remains seems appears looks faces plans expects hopes intends believes knows thinks`.split(/\s+/),
);

/** A finite verb somewhere in the clause: an auxiliary, a common irregular past, or an -ed form. */
function hasFiniteVerb(tokens: readonly Token[], from: number, end: number): boolean {
  for (let i = from; i < end; i += 1) {
    const token = tokens[i]!;
    if (token.kind !== 'word') continue;
    const lower = token.lower;
    if (FINITE_AUXILIARIES.has(lower)) return true;
    if (/['’](?:s|re|ll|d|ve|m)$/.test(lower) && PRONOUN_SUBJECTS.has(lower.replace(/['’].*$/, ''))) return true;
    // "-ed" after a determiner is an adjective ("his prepared remarks").
    if (/^\p{Ll}{3,}ed$/u.test(token.text) && i > from && !MODIFIER_DETERMINERS.has(tokens[i - 1]!.lower)) return true;
  }
  return false;
}

/** Verbs of saying after which words are almost always a clause ("says the discord forebodes …"). */
const SAY_VERBS = new Set(['say', 'says', 'said']);

/** A present-tense "-s" verb after its subject: a word ending in -s that follows a non-determiner word. */
function hasPresentTenseVerb(tokens: readonly Token[], from: number, end: number): boolean {
  for (let i = from + 1; i < end && i <= from + 6; i += 1) {
    const token = tokens[i]!;
    if (token.kind !== 'word') return false;
    if (/^\p{Ll}{3,}[^su']s$/u.test(token.text) && !MODIFIER_DETERMINERS.has(tokens[i - 1]!.lower) && !PREPOSITIONS.has(tokens[i - 1]!.lower)) return true;
  }
  return false;
}

const PREPOSITIONS = new Set(['of', 'in', 'on', 'at', 'for', 'to', 'from', 'with', 'by', 'about', 'into', 'over', 'under', 'and', 'or']);

const MODIFIER_DETERMINERS = new Set(['the', 'a', 'an', 'his', 'her', 'its', 'their', 'our', 'my', 'your', 'this', 'that', 'these', 'those', 'some', 'any', 'no', 'more', 'most', 'less', 'well', 'very']);
/** "urged the government to redraft clauses": the content is an object and an infinitive. */
const OBJECT_CONTROL_VERBS = new Set(['urged', 'urges', 'urge', 'urging', 'asking', 'telling', 'warning', 'asked', 'asks', 'told', 'tells', 'warned', 'warns', 'advised', 'encouraged', 'invited', 'challenged', 'called']);

/** "accused the government of trying to confuse the issue": the object and its "of" phrase are the content. */
const ACCUSING_VERBS = new Set(['accused', 'accuses', 'accusing', 'accuse']);

function hasWordSoon(tokens: readonly Token[], from: number, end: number, word: string): boolean {
  for (let i = from + 1; i < end && i <= from + 6; i += 1) {
    if (tokens[i]!.lower === word) return true;
    if (tokens[i]!.kind !== 'word') return false;
  }
  return false;
}

function hasInfinitive(tokens: readonly Token[], from: number, end: number): boolean {
  for (let i = from + 1; i < end - 1 && i <= from + 8; i += 1) {
    // "to redraft", "to "practise what it preaches"": the verb may open a quotation.
    const verb = OPENING_MARKS.test(tokens[i + 1]!.text) ? tokens[i + 2] : tokens[i + 1];
    if (tokens[i]!.lower === 'to' && verb !== undefined && verb.kind === 'word' && /^\p{Ll}/u.test(verb.text)) return true;
    if (tokens[i]!.kind !== 'word') return false;
  }
  return false;
}

function tokenIndexAt(text: ArticleText, offset: number): number {
  let low = 0;
  let high = text.tokens.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (text.tokens[mid]!.end <= offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

const PRONOUN_SUBJECTS = new Set(['he', 'she', 'it', 'they', 'we', 'i', 'you', 'there', 'that']);

/** Splits a content clause at ", and that" / " and that" into the statements it joins. */
function splitAtAndThat(text: ArticleText, range: Range): Range[] {
  const parts: Range[] = [];
  const first = tokenIndexAt(text, range.start);
  let start = range.start;
  for (let i = first; i < text.tokens.length && text.tokens[i]!.end <= range.end; i += 1) {
    const token = text.tokens[i]!;
    if ((token.lower === 'and' || token.lower === 'but') && text.tokens[i + 1]?.lower === 'that' && text.tokenQuote[i] === -1) {
      let cut = i - 1;
      while (cut >= first && text.tokens[cut]!.kind === 'punct' && text.tokens[cut]!.text === ',') cut -= 1;
      if (cut >= first && text.tokens[cut]!.end > start) parts.push(trimRange(text.body, start, text.tokens[cut]!.end));
      start = text.tokens[i + 1]!.end;
      i += 1;
    }
  }
  parts.push(trimRange(text.body, start, range.end));
  return parts.filter((part) => part.end > part.start);
}
