import type { Article } from '../corpus/article.js';
import type { ArticleText } from './article-text.js';
import { analyseText, sentenceAt, sentenceTokens, tokenAt } from './article-text.js';
import type { Cue } from './cues.js';
import { colonCue, dashCue, findCues, subjectCue } from './cues.js';
import type { DirectCandidate } from './direct.js';
import { attributeSpans } from './direct.js';
import { isLabelOrTitle, isScareQuote } from './not-speech.js';
import { People } from './people.js';
import type { AttributionConfidence, Quote } from './quote.js';
import { findReported } from './reported.js';
import type { SpeakerPhrase } from './speaker-phrase.js';
import type { Attribution } from './speakers.js';
import { SpeakerBook } from './speakers.js';

export interface ArticleSpeaker {
  /** Fullest name in this article: "Vladimir Putin"; for non-persons the surface: "Downing Street". */
  name: string;
  /** Other ways this article refers to them: "Putin", "Mr Putin", "the Russian President". */
  aliases: string[];
  /** False for organisations and anonymous sources ("a Downing Street spokesman", "the ministry"). */
  person: boolean;
}

export interface ArticleQuotes {
  quotes: Quote[];
  speakers: ArticleSpeaker[];
}

/** How far back (in paragraphs) a quote with no cue looks for the person who was speaking. */
const INHERIT_PARAGRAPHS = 2;
/** Bodies beyond this are cut before analysis: extraction must stay fast on any input. */
const MAX_BODY_CHARS = 2_000_000;

interface Draft {
  kind: Quote['kind'];
  start: number;
  end: number;
  attribution: Attribution | null;
  confidence: AttributionConfidence | null;
  cue: string | null;
  group: string;
}

/** A group's speaker and how it was found. */
interface GroupAttribution {
  attribution: Attribution;
  confidence: AttributionConfidence;
}

/**
 * Finds who said what in one article with transparent rules: quotation marks, speech-verb cues,
 * speaker names joined within the article, pronouns resolved to the person last speaking or named,
 * and reported speech. Never throws; every offset slices the quoted words back out of the body.
 */
export class QuoteExtractor {
  /** Bump on every rule change: it is part of the snapshot cache key. */
  static readonly version: string = '14';

  extract(article: Pick<Article, 'id' | 'body' | 'title'>): ArticleQuotes {
    try {
      return this.extractUnsafe(article);
    } catch {
      return { quotes: [], speakers: [] };
    }
  }

  private extractUnsafe(article: Pick<Article, 'id' | 'body' | 'title'>): ArticleQuotes {
    const body = typeof article.body === 'string' ? article.body : '';
    if (body.length === 0) return { quotes: [], speakers: [] };
    const text = analyseText(body.length > MAX_BODY_CHARS ? body.slice(0, MAX_BODY_CHARS) : body);
    const people = new People(text);
    const allCues = findCues(text);
    // Coordinated cues ("…, but admitted it was …") only report speech: quotes keep their own cues.
    const cues = allCues.filter((cue) => cue.coordinated === undefined);
    const book = new SpeakerBook(text, people);
    const attributions = new Map<Cue, Attribution>();
    for (const cue of allCues) attributions.set(cue, book.attribute(cue));

    const drafts: Draft[] = [];
    const spans = attributeSpans(text, cues);
    /** Stand-in cues (colon, sentence subject) of pieces that have no speech verb. */
    const standIns = new Map<Cue, AttributionConfidence>();
    /** Stand-ins from a colon ending the previous paragraph: their speaker is not passed on to later quotes. */
    const introductions = new Set<Cue>();
    const cueSentences = new Set(allCues.map((cue) => cue.sentence));
    const isKnownPerson = (phrase: SpeakerPhrase): boolean => {
      const entity = people.resolveName(phrase.nameFirst, phrase.nameLast);
      return entity.person === true && entity.words.length > 1;
    };
    for (const candidate of spans) {
      if (candidate.cue !== null || candidate.span.open < 0) continue;
      const openToken = tokenAt(text, candidate.span.open);
      // `Jeb Bush: "The mission is …"`, `He then listed the qualities: "…"`: a colon introduces the words.
      const afterColon = text.tokens[openToken - 1]?.text === ':';
      const colon = afterColon ? colonCue(text, openToken - 1) : null;
      // `"I'm so ashamed to be an American." ― Jacklyn Ashley`: a dash after the quote names who wrote it.
      const dash = colon === null && candidate.span.closeEnd >= 0 ? dashCue(text, tokenAt(text, candidate.span.closeEnd)) : null;
      if (dash !== null) {
        candidate.cue = dash;
        candidate.cuePosition = 'sentence';
        standIns.set(dash, 'colon');
        attributions.set(dash, book.attribute(dash));
        continue;
      }
      if (colon !== null) {
        candidate.cue = colon;
        candidate.cuePosition = 'sentence';
        standIns.set(colon, 'colon');
        attributions.set(colon, book.attribute(colon));
        continue;
      }
      const sentence = sentenceAt(text, candidate.span.open);
      // `On Monday, Trump groused … that CNN "doesn't treat me properly"`: a surname alone may be the
      // subject when the article names that person in full. Such attributions are marked 'subject' (weak).
      const subject = subjectCue(text, sentence, openToken, isKnownPerson);
      const leadIn = subject ?? leadInCue(text, candidate, openToken, cueSentences, isKnownPerson);
      const introduction = leadIn === null ? colonParagraphCue(text, candidate, openToken, cueSentences, isKnownPerson) : null;
      const found = leadIn ?? introduction;
      if (found === null) continue;
      if (introduction !== null) introductions.add(introduction);
      candidate.cue = found;
      candidate.cuePosition = 'sentence';
      standIns.set(found, 'subject');
      attributions.set(found, book.attribute(found));
    }
    const candidates = spans.filter((candidate) => !isLabelOrTitle(text, candidate) && !isScareQuote(text, candidate));
    const groupAttribution = attributeGroups(text, candidates, attributions, cues, standIns, introductions);
    const usedCues = new Set<Cue>();
    candidates.forEach((candidate, index) => {
      const groupFound = groupAttribution.get(candidate.group);
      const found = ownCueOverStandIn(candidate, groupFound, attributions, standIns);
      if (candidate.cue !== null && candidate.cuePosition !== 'sentence') usedCues.add(candidate.cue);
      const cue = candidate.cue !== null ? cueText(text, candidate.cue) : null;
      // A piece that keeps its own speaker is a quotation of its own, not a piece of its group's.
      const group = found === groupFound ? `g${candidate.group}` : `g${candidate.group}.${index}`;
      drafts.push({ kind: 'direct', start: candidate.span.start, end: candidate.span.end, attribution: found?.attribution ?? null, confidence: found === undefined || found.attribution.speaker === null ? null : found.confidence, cue, group });
    });
    let reportedGroup = 0;
    for (const reported of findReported(text, allCues, usedCues)) {
      const attribution = attributions.get(reported.cue) ?? null;
      const confidence = attribution === null || attribution.speaker === null ? null : cueConfidence(reported.cue);
      drafts.push({ kind: 'reported', start: reported.start, end: reported.end, attribution, confidence, cue: cueText(text, reported.cue), group: `r${reportedGroup++}` });
    }
    drafts.sort((a, b) => a.start - b.start || (a.kind === b.kind ? 0 : a.kind === 'direct' ? -1 : 1));

    const groupIds = new Map<string, string>();
    const quotes: Quote[] = [];
    const used = new Set<string>();
    drafts.forEach((draft, n) => {
      const id = `${article.id}#${n}`;
      if (!groupIds.has(draft.group)) groupIds.set(draft.group, id);
      const speaker = draft.attribution?.speaker ?? null;
      if (speaker !== null) used.add(speaker);
      quotes.push({
        id,
        articleId: article.id,
        kind: draft.kind,
        text: body.slice(draft.start, draft.end),
        start: draft.start,
        end: draft.end,
        speakerSurface: draft.attribution?.surface ?? null,
        speaker,
        confidence: speaker === null ? null : draft.confidence,
        cue: draft.cue,
        context: contextOf(text, draft.start, draft.end),
        group: groupIds.get(draft.group)!,
      });
    });
    return { quotes, speakers: book.speakers(used) };
  }
}

/**
 * `Clinton touted her record as a co-sponsor. "We need to find ways …"`: a quotation that opens its
 * sentence right after a sentence of the same paragraph with a person as its subject, and with no
 * quotation or cue of its own, is presented as that person's words (a weak, 'subject' attribution).
 */
function leadInCue(text: ArticleText, candidate: DirectCandidate, openToken: number, cueSentences: ReadonlySet<number>, isKnownPerson: (phrase: SpeakerPhrase) => boolean): Cue | null {
  const sentence = text.tokenSentence[openToken] ?? -1;
  if (sentence < 1 || text.sentenceFirstToken[sentence] !== openToken || candidate.span.continuesPrevious) return null;
  const previous = sentence - 1;
  if (text.sentenceParagraph[previous] !== text.sentenceParagraph[sentence] || cueSentences.has(previous)) return null;
  const [first, end] = sentenceTokens(text, previous);
  if (end - first < 3 || text.tokens[end - 1]!.text !== '.') return null;
  for (let i = first; i < end; i += 1) if (text.tokenQuote[i] !== -1 || /^["“”]$|^''$/.test(text.tokens[i]!.text)) return null;
  return subjectCue(text, previous, end, isKnownPerson);
}

/**
 * `Republican nominee Donald Trump issued the following statement:` ⏎⏎ `"Our prayers are with …"`: a
 * paragraph that ends with a colon introduces the quotation opening the next paragraph, and the person
 * who is its subject (no speech verb of its own) is presented as saying it: a weak, 'subject' attribution.
 */
function colonParagraphCue(text: ArticleText, candidate: DirectCandidate, openToken: number, cueSentences: ReadonlySet<number>, isKnownPerson: (phrase: SpeakerPhrase) => boolean): Cue | null {
  const sentence = text.tokenSentence[openToken] ?? -1;
  if (sentence < 1 || text.sentenceFirstToken[sentence] !== openToken || candidate.span.continuesPrevious) return null;
  const previous = sentence - 1;
  const paragraph = text.sentenceParagraph[sentence] ?? -1;
  if (text.sentenceParagraph[previous] !== paragraph - 1 || cueSentences.has(previous)) return null;
  const [first, end] = sentenceTokens(text, previous);
  const { tokens } = text;
  if (end - first < 3 || tokens[end - 1]!.text !== ':') return null;
  for (let i = first; i < end; i += 1) if (text.tokenQuote[i] !== -1 || /^["“”]$|^''$/.test(tokens[i]!.text)) return null;
  const cue = subjectCue(text, previous, end - 1, isKnownPerson);
  if (cue === null) return null;
  // `Trump did support the idea …, and NBC News has proof:`: after a clause break the colon is another subject's.
  for (let i = cue.speaker.last + 1; i < end - 1; i += 1) {
    if (tokens[i]!.text === ';' || (tokens[i]!.text === ',' && CLAUSE_JOINERS.has(tokens[i + 1]!.lower))) return null;
    // `Roe received a letter from the council:`, `Roe shared a post by Smith:`: the words are someone else's.
    if (tokens[i]!.lower === 'from' || tokens[i]!.lower === 'by') return null;
  }
  // The subject must issue the words (`issued the following statement`, `writing at`), not receive,
  // face, quote or pass them on (`was handed a note`, `faced a question`, `quoted Smith at length`).
  for (let i = cue.speaker.last + 1; i < Math.min(cue.speaker.last + 1 + ISSUING_VERB_REACH, end - 1); i += 1) {
    if (ISSUING_VERBS.has(tokens[i]!.lower)) return cue;
  }
  return null;
}

/** Verbs by which a colon paragraph's subject puts out the words that follow; within a few words of it (`then`, `later`). */
const ISSUING_VERBS = new Set([
  'issued', 'issues', 'released', 'releases', 'posted', 'posts', 'tweeted', 'tweets', 'wrote', 'writes', 'writing',
  'said', 'says', 'added', 'adds', 'told', 'tells', 'stated', 'states', 'declared', 'declares', 'announced', 'announces',
  'explained', 'explains', 'responded', 'responds', 'replied', 'replies', 'offered', 'offers', 'put', 'puts', 'had', 'has',
]);
const ISSUING_VERB_REACH = 3;

/** Words that open a new clause after a comma: its subject, not the sentence's, introduces a colon. */
const CLAUSE_JOINERS = new Set(['and', 'but', 'while', 'so', 'yet', 'whereas', 'although', 'though']);

/**
 * A piece's own speech verb beats a stand-in (colon, subject) its group took from the first piece:
 * `From Andrea Peyser writing at The New York Post:` ⏎⏎ `"… oral spanking.` ⏎⏎ `"You've called women …,"
 * Kelly charged`: the block quote is the columnist's, the piece she quotes with its own cue is Kelly's.
 */
function ownCueOverStandIn(candidate: DirectCandidate, found: GroupAttribution | undefined, attributions: ReadonlyMap<Cue, Attribution>, standIns: ReadonlyMap<Cue, AttributionConfidence>): GroupAttribution | undefined {
  if (found === undefined || (found.confidence !== 'colon' && found.confidence !== 'subject')) return found;
  // Only a name: "says the DJ", "he adds" after `G Money … thinks "…` most often mean the same person.
  if (candidate.cue === null || candidate.cuePosition === 'sentence' || standIns.has(candidate.cue)) return found;
  const { speaker } = candidate.cue;
  if (speaker.kind !== 'name' || speaker.first !== speaker.nameFirst) return found;
  const attribution = attributions.get(candidate.cue);
  if (attribution === undefined || attribution.speaker === null || attribution.speaker === found.attribution.speaker) return found;
  return { attribution, confidence: cueConfidence(candidate.cue) };
}

/** A speech verb's confidence: a pronoun at the cue leans on resolution, a name does not. */
function cueConfidence(cue: Cue): AttributionConfidence {
  return cue.speaker.kind === 'pronoun' ? 'pronoun' : 'cue';
}

/**
 * One attribution per group of pieces: the first piece's own cue wins; a group with no cue takes the
 * speaker of the last cue before it, within the same or the previous paragraphs.
 */
function attributeGroups(text: ArticleText, candidates: readonly DirectCandidate[], attributions: ReadonlyMap<Cue, Attribution>, cues: readonly Cue[], standIns: ReadonlyMap<Cue, AttributionConfidence>, introductions: ReadonlySet<Cue>): Map<number, GroupAttribution> {
  const result = new Map<number, GroupAttribution>();
  const introduced = new Set<number>();
  for (const candidate of candidates) {
    if (result.has(candidate.group) || candidate.cue === null) continue;
    const attribution = attributions.get(candidate.cue);
    if (attribution === undefined) continue;
    result.set(candidate.group, { attribution, confidence: standIns.get(candidate.cue) ?? cueConfidence(candidate.cue) });
    if (introductions.has(candidate.cue)) introduced.add(candidate.group);
  }
  let cueIndex = 0;
  let lastSpoken: { attribution: Attribution; paragraph: number } | null = null;
  for (const candidate of candidates) {
    const at = candidate.span.open >= 0 ? candidate.span.open : candidate.span.start;
    while (cueIndex < cues.length && text.tokens[cues[cueIndex]!.verb]!.start < at) {
      const cue = cues[cueIndex]!;
      const attribution = attributions.get(cue);
      if (attribution !== undefined && attribution.speaker !== null && !cue.fragmentOnly) lastSpoken = { attribution, paragraph: text.sentenceParagraph[cue.sentence] ?? 0 };
      cueIndex += 1;
    }
    if (result.has(candidate.group)) {
      const own = result.get(candidate.group)!.attribution;
      // An introduction's block quotation may quote others: its writer is not taken to go on speaking.
      if (own.speaker !== null && !introduced.has(candidate.group)) lastSpoken = { attribution: own, paragraph: candidate.span.paragraph };
      continue;
    }
    if (lastSpoken !== null && candidate.span.paragraph - lastSpoken.paragraph <= INHERIT_PARAGRAPHS - 1) {
      result.set(candidate.group, { attribution: { surface: lastSpoken.attribution.speaker ?? lastSpoken.attribution.surface, speaker: lastSpoken.attribution.speaker }, confidence: 'inherited' });
    }
  }
  return result;
}

function cueText(text: ArticleText, cue: Cue): string {
  return text.body.slice(text.tokens[cue.verb]!.start, text.tokens[cue.verbEnd]!.end);
}

/** The sentence(s) holding `body[start, end)`. */
function contextOf(text: ArticleText, start: number, end: number): string {
  if (text.sentences.length === 0) return text.body.slice(start, end);
  const first = text.sentences[sentenceAt(text, start)]!;
  const last = text.sentences[sentenceAt(text, Math.max(start, end - 1))]!;
  return text.body.slice(Math.min(first.start, start), Math.max(last.end, end));
}
