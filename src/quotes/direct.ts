import type { ArticleText } from './article-text.js';
import { sentenceAt, tokenAt } from './article-text.js';
import type { Cue } from './cues.js';
import { CAPITALISED_FUNCTION_WORDS, PHRASE_BREAKERS } from './lexicon.js';
import type { MarkedSpan } from './marks.js';

/** A quoted span with the cue that attributes it (if any) and the group of pieces it belongs to. */
export interface DirectCandidate {
  span: MarkedSpan;
  /** The cue next to (or introducing) this piece, or null when the piece carries none. */
  cue: Cue | null;
  /** Where the cue sits: after the closing mark, before the opening one, or elsewhere in the sentence. */
  cuePosition: 'after' | 'before' | 'sentence' | null;
  /** Pieces of one quote (split around the cue, or running over paragraphs) share a group number. */
  group: number;
}

const POST_CUE_SKIP = new Set([',', '-', '–', '—', '(']);
/** Between an introducing cue and the quote: "said:", "told the BBC:", "said in a statement:", "said that". */
const MAX_INTRO_GAP = 8;
const MAX_DESCRIPTOR_WORDS = 4;

/** Finds, for every quoted span, the cue that attributes it, and joins split and continued pieces. */
export function attributeSpans(text: ArticleText, cues: readonly Cue[]): DirectCandidate[] {
  const cueByFirstToken = new Map<number, Cue>();
  for (const cue of cues) {
    const first = cue.lead ?? (cue.inverted ? cue.verb : Math.min(cue.verb, cue.speaker.first));
    if (!cueByFirstToken.has(first)) cueByFirstToken.set(first, cue);
  }
  const cuesBySentence = new Map<number, Cue[]>();
  for (const cue of cues) {
    const list = cuesBySentence.get(cue.sentence) ?? [];
    list.push(cue);
    cuesBySentence.set(cue.sentence, list);
  }
  const candidates: DirectCandidate[] = [];
  let group = -1;
  text.marked.forEach((span, index) => {
    const { cue, position } = cueFor(text, span, cueByFirstToken, cuesBySentence);
    const previous = candidates[index - 1];
    let joins = false;
    if (previous !== undefined && span.continuesPrevious) joins = true;
    else if (previous !== undefined && previous.span.paragraph === span.paragraph && previous.cuePosition === 'after' && followsCueDirectly(text, previous, span, cue)) joins = true;
    if (!joins) group += 1;
    candidates.push({ span, cue, cuePosition: position, group });
  });
  return candidates;
}

function cueFor(text: ArticleText, span: MarkedSpan, cueByFirstToken: Map<number, Cue>, cuesBySentence: Map<number, Cue[]>): { cue: Cue | null; position: DirectCandidate['cuePosition'] } {
  const { tokens } = text;
  if (span.closeEnd >= 0) {
    let t = tokenAt(text, span.closeEnd);
    while (t < tokens.length && POST_CUE_SKIP.has(tokens[t]!.text)) t += 1;
    // `," private political analyst Stephen Hess told Reuters`: lower-case descriptors may come first.
    for (let u = t; u < tokens.length && u <= t + MAX_DESCRIPTOR_WORDS; u += 1) {
      const cue = cueByFirstToken.get(u);
      // The cue must be in the quote's own sentence: `…voters." She said …` starts another statement.
      if (cue !== undefined && cue.sentence === sentenceAt(text, span.end - 1)) return { cue, position: 'after' };
      // `"Not much power or insight!" Trump tweeted Friday.`: after "!", "?" or "." a capitalised speaker
      // starts a new sentence, yet a cue with no content clause of its own still closes the quote.
      if (cue !== undefined && u === t && closesWithCueAfterMark(text, span, cue)) return { cue, position: 'after' };
      const token = tokens[u]!;
      if (token.kind !== 'word' || token.text !== token.lower || text.tokenQuote[u] !== -1 || PHRASE_BREAKERS.has(token.lower) || CAPITALISED_FUNCTION_WORDS.has(token.lower)) break;
    }
  }
  const openAt = span.open >= 0 ? span.open : span.start;
  const sentence = sentenceAt(text, openAt);
  const openToken = tokenAt(text, openAt);
  const before = (cuesBySentence.get(sentence) ?? []).filter((cue) => cue.verbEnd < openToken && text.tokenQuote[cue.verb] === -1);
  const nearest = outermostReporter(text, before, openToken);
  if (nearest !== undefined) {
    const gap = openToken - nearest.verbEnd - 1;
    return { cue: nearest, position: gap <= MAX_INTRO_GAP && !nearest.fragmentOnly ? 'before' : 'sentence' };
  }
  // `…were not prepared to "put up with" the attitudes they came across, Prof Lovenduski said.`
  if (span.closeEnd >= 0) {
    const closeToken = tokenAt(text, span.closeEnd);
    const later = (cuesBySentence.get(sentenceAt(text, span.end - 1)) ?? []).find((cue) => Math.min(cue.verb, cue.speaker.first) >= closeToken);
    if (later !== undefined) return { cue: later, position: 'sentence' };
  }
  return { cue: null, position: null };
}

/** Verbs whose content clause reports someone else's words as the reporter's own account. */
const OUTER_REPORTING_VERBS = new Set(['said', 'says', 'say', 'added', 'adds', 'argued', 'argues', 'claimed', 'claims', 'insisted', 'insists', 'wrote', 'writes', 'explained', 'explains', 'noted', 'notes', 'stressed', 'stresses', 'warned', 'warns']);
/** Between a reporting verb and a cue inside its content clause: a break here means a new clause. */
const CLAUSE_BREAKS = new Set([',', ';', ':', '(', ')', '-', '–', '—', 'but', 'while', 'and', 'whereas', 'although', 'though', 'when', 'after', 'before', 'as']);

/**
 * The cue a quotation opened after takes: the nearest one, unless that cue sits inside the content
 * clause of an earlier speech verb (`Mr Howard said the police had said ID cards could "help them …"`,
 * `Trump said that Romney begged him … and "would have dropped to his knees"`): then the words are the
 * outer speaker's, who is the one quoted saying them.
 */
function outermostReporter(text: ArticleText, before: readonly Cue[], openToken: number): Cue | undefined {
  let chosen = before[before.length - 1];
  // `he said, "…"` introduces the quotation itself; `called all women "Betty"` names something.
  if (chosen === undefined || chosen.fragmentOnly || openToken - chosen.verbEnd <= 2) return chosen;
  for (let k = before.length - 2; k >= 0 && chosen !== undefined; k -= 1) {
    const outer = before[k]!;
    // "Mr Howard denied Mr Yeo … said the plans "stink"": only a plain report makes the inner words the reporter's.
    if (!OUTER_REPORTING_VERBS.has(text.tokens[outer.verb]!.lower) || outer.verbEnd !== outer.verb) break;
    if (outer.inverted || outer.according || outer.fragmentOnly || outer.lead !== undefined || outer.coordinated !== undefined) break;
    const innerStart = Math.min(chosen.verb, chosen.speaker.first);
    if (innerStart <= outer.verbEnd) break;
    let nested = true;
    for (let t = outer.verbEnd + 1; t < innerStart && nested; t += 1) {
      const token = text.tokens[t]!;
      nested = !CLAUSE_BREAKS.has(token.lower) && text.tokenQuote[t] === -1 && !/^["“”]$|^''$/.test(token.text);
    }
    if (!nested) break;
    chosen = outer;
  }
  return chosen;
}

/** Words after a verb that start a content clause: `"…?" Smith said the plan …` is a new statement. */
const CLAUSE_OPENERS = new Set(['that', 'the', 'a', 'an', 'it', 'he', 'she', 'they', 'we', 'i', 'this', 'there', 'his', 'her', 'their']);

function closesWithCueAfterMark(text: ArticleText, span: MarkedSpan, cue: Cue): boolean {
  const last = text.body.charAt(span.end - 1);
  if (last !== '!' && last !== '?' && last !== '.') return false;
  if (cue.sentence !== sentenceAt(text, span.end - 1) + 1 || cue.fragmentOnly || cue.according) return false;
  // `“…indict both?”` ⏎⏎ `Issa continued, “Yes.”`: a cue opening the next paragraph is that paragraph's.
  if (text.sentenceParagraph[cue.sentence] !== span.paragraph) return false;
  const next = text.tokens[cue.verbEnd + 1];
  if (last !== '.') return next === undefined || next.kind === 'punct' || !CLAUSE_OPENERS.has(next.lower);
  // US copy puts the full stop inside too: `"We will win the state." Trump said.` Then the cue must be
  // a whole short sentence of its own paragraph, ending at its speaker and verb.
  const end = Math.max(cue.verbEnd, cue.speaker.last);
  const after = text.tokens[end + 1];
  return after === undefined || after.text === '.' || text.sentenceParagraph[text.tokenSentence[end + 1] ?? -1] !== span.paragraph;
}

/**
 * `"…," Putin said at the club. "I take this opportunity…"`: the second piece opens the very next
 * sentence (or continues the same one after the cue) and carries no cue of its own.
 */
function followsCueDirectly(text: ArticleText, previous: DirectCandidate, span: MarkedSpan, ownCue: Cue | null): boolean {
  if (previous.cue === null) return false;
  if (ownCue !== null && ownCue !== previous.cue) return false;
  const previousSentence = sentenceAt(text, previous.span.start);
  const sentence = sentenceAt(text, span.open >= 0 ? span.open : span.start);
  if (sentence === previousSentence) return true;
  if (sentence !== previousSentence + 1) return false;
  return text.sentences[sentence]!.start === span.open;
}
