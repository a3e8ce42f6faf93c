import { CAPITALISED_FUNCTION_WORDS, GIVEN_NAMES, HONORIFICS, PHRASE_BREAKERS, ROLE_NOUNS } from './lexicon.js';
import type { MarkedSpan } from './marks.js';
import type { Range, Token } from './text.js';
import { isCapitalised, tokensWithin, trimRange } from './text.js';

/** Finite verbs: a heading ("Putin on restoring relations with US") has none of these. */
const FINITE_VERBS = new Set(
  `is are was were be been has have had said says say will would can could should may might must did does do told
  added wants want needs need seems seem got gets made makes took takes gave gives came comes went goes`.split(/\s+/),
);

const MAX_HEADING_WORDS = 12;

/**
 * Section headings that the source ran into the next paragraph without punctuation, e.g.
 * "Putin on restoring relations with US Russia, Putin said, was ready…" or a question heading
 * "What was Putin's response on Ukraine crisis? During his address…". They must never be read as
 * part of a quote or of reported speech, so they become sentences of their own.
 */
export function findRunInHeadings(body: string, paragraphs: readonly Range[], marked: readonly MarkedSpan[], bodyTokens: readonly Token[]): Range[] {
  const headings: Range[] = [];
  let quote = 0;
  for (const paragraph of paragraphs) {
    while (quote < marked.length && (marked[quote]!.open >= 0 ? marked[quote]!.open : marked[quote]!.start) < paragraph.start) quote += 1;
    const firstQuoteAt = quote < marked.length ? (marked[quote]!.open >= 0 ? marked[quote]!.open : marked[quote]!.start) : Infinity;
    const heading = headingAt(body, paragraph, firstQuoteAt, bodyTokens);
    if (heading !== null) headings.push(heading);
  }
  return headings;
}

/** A Reuters-style dateline: "WASHINGTON, Feb 26 - ", "NEW YORK, March 3 - ". */
const DATELINE = /^[A-Z][A-Z .'&-]{1,40}(?:, [A-Z][a-z]{2,8}\.? \d{1,2})? - /;

function headingAt(body: string, paragraph: Range, firstQuoteAt: number, bodyTokens: readonly Token[]): Range | null {
  const dateline = DATELINE.exec(body.slice(paragraph.start, Math.min(paragraph.end, paragraph.start + 80)));
  if (dateline !== null) return trimRange(body, paragraph.start, paragraph.start + dateline[0].length);
  const windowEnd = Math.min(paragraph.end, paragraph.start + 200, firstQuoteAt);
  const tokens = tokensWithin(body, bodyTokens, paragraph.start, windowEnd);
  if (tokens.length < 4 || tokens[0]!.kind !== 'word' || !isCapitalised(tokens[0]!.text)) return null;
  // A short question followed by more text: "What was Putin's response on Ukraine crisis? During …".
  const question = tokens.findIndex((token) => token.kind === 'punct' && /[.!?;:,]/.test(token.text));
  if (question > 1 && question <= MAX_HEADING_WORDS && tokens[question]!.text === '?' && tokens[question + 1] !== undefined) {
    const next = tokens[question + 1]!;
    if (next.kind === 'word' && isCapitalised(next.text) && /^(?:what|why|how|who|where|when|which|is|are|can|will|should|does|do|did|was)$/.test(tokens[0]!.lower)) {
      return trimRange(body, paragraph.start, tokens[question]!.end);
    }
  }
  // An unpunctuated heading: capitalised start, no finite verb, then a capitalised word opens the text.
  if (CAPITALISED_FUNCTION_WORDS.has(tokens[0]!.lower)) return null;
  let sawLowerCase = false;
  for (let k = 1; k < Math.min(tokens.length - 2, MAX_HEADING_WORDS); k += 1) {
    const previous = tokens[k - 1]!;
    const token = tokens[k]!;
    if (token.kind !== 'word' || previous.kind !== 'word') return null;
    if (FINITE_VERBS.has(previous.lower) || /ed$/.test(previous.lower)) return null;
    if (!isCapitalised(previous.text)) sawLowerCase = true;
    if (!isCapitalised(token.text) || !sawLowerCase || k < 2) continue;
    if (HONORIFICS.has(token.lower) || ROLE_NOUNS.has(token.lower)) continue;
    if (PHRASE_BREAKERS.has(previous.lower) || ROLE_NOUNS.has(previous.lower) || CAPITALISED_FUNCTION_WORDS.has(previous.lower) || HONORIFICS.has(previous.lower)) continue;
    // "US Russia" splits; "Vladimir Putin" does not, unless the next word is a given name.
    const previousIsAcronym = /^\p{Lu}{2,}$/u.test(previous.text);
    const previousIsLower = !isCapitalised(previous.text);
    if (!previousIsLower && !previousIsAcronym && !GIVEN_NAMES.has(token.lower)) continue;
    // A lower-case noun followed by a capitalised word mid-sentence is common ("the minister Jack Straw").
    if (previousIsLower && !GIVEN_NAMES.has(token.lower) && !restLooksLikeClause(tokens, k)) continue;
    if (!restLooksLikeClause(tokens, k)) continue;
    return trimRange(body, paragraph.start, token.start);
  }
  return null;
}

/** The words after a heading read as a sentence: a verb (or a cue comma) soon follows. */
function restLooksLikeClause(tokens: readonly Token[], from: number): boolean {
  for (let i = from + 1; i < Math.min(tokens.length, from + 6); i += 1) {
    const token = tokens[i]!;
    if (token.text === ',') return true;
    if (FINITE_VERBS.has(token.lower) || /ed$/.test(token.lower)) return true;
    if (token.kind === 'word' && !isCapitalised(token.text)) return true;
  }
  return false;
}
