import type { MarkedSpan } from './marks.js';
import type { Range } from './text.js';
import { isSpace, trimRange } from './text.js';

const ABBREVIATIONS = new Set(
  `mr mrs ms dr st jr sr prof gen col lt sgt capt rev gov sen rep inc corp ltd co no vs etc jan feb mar apr
jun jul aug sep sept oct nov dec mt ft approx dept est fig govt hon messrs mme maj cmdr adm u.s u.k e.g i.e`.split(/\s+/),
);

/** Full stop, exclamation or question mark: what may end a sentence. */
const STOP = /[.!?]/g;
/** The last answer of {@link stopFrom}: in `body`, the first stop at or after `from` is at `at` (-1: none). */
const lastStop = { body: '', from: 0, at: -1 };

/**
 * Offset of the first full stop, exclamation or question mark at or after `from`, or -1: one native
 * search instead of a loop over every character (a fortieth of extraction). The answer is remembered,
 * so that paragraphs without stops, each searching on past its end, keep the split linear.
 */
function stopFrom(body: string, from: number): number {
  if (body === lastStop.body && from >= lastStop.from && (lastStop.at < 0 || from <= lastStop.at)) return lastStop.at;
  STOP.lastIndex = from;
  const found = STOP.exec(body);
  lastStop.body = body;
  lastStop.from = from;
  lastStop.at = found === null ? -1 : found.index;
  return lastStop.at;
}

/**
 * Sentences of one paragraph, never cut inside a quotation: `"A. B," he said.` is one sentence, so the
 * cue and the words it attributes stay together. A full stop ends a sentence only when a capital,
 * digit or opening mark follows and the word before it is not an abbreviation or an initial.
 */
export function splitSentences(body: string, paragraph: Range, quotes: readonly MarkedSpan[], headingEnd: number): Range[] {
  const sentences: Range[] = [];
  let sentenceStart = paragraph.start;
  if (headingEnd > paragraph.start && headingEnd < paragraph.end) {
    sentences.push(trimRange(body, paragraph.start, headingEnd));
    sentenceStart = headingEnd;
  }
  let quoteIndex = 0;
  const cut = (at: number): void => {
    const range = trimRange(body, sentenceStart, at);
    if (range.end > range.start) sentences.push(range);
    sentenceStart = at;
  };
  let nextStop = -1;
  for (let i = sentenceStart; i < paragraph.end; i += 1) {
    while (quoteIndex < quotes.length && quoteEnd(quotes[quoteIndex]!, paragraph) <= i) quoteIndex += 1;
    const quote = quotes[quoteIndex];
    if (quote !== undefined && quoteBegin(quote) <= i) {
      // Jump over the quotation; a quote ending with "." followed by a new sentence ends one here.
      const end = quoteEnd(quote, paragraph);
      const last = body.charAt(quote.end - 1);
      if ((last === '.' || last === '!' || last === '?') && (quote.closeEnd >= 0 || end < paragraph.end) && (startsNewSentence(body, end, paragraph.end) || quote.closeEnd < 0)) {
        cut(end);
      }
      i = end - 1;
      quoteIndex += 1;
      continue;
    }
    const code = body.charCodeAt(i);
    if (code !== 46 && code !== 33 && code !== 63) {
      // Jump to the next full stop, question or exclamation mark, or the next quotation. The next
      // stop is searched once and remembered, so a body with no stops stays linear.
      if (nextStop <= i) {
        const found = stopFrom(body, i + 1);
        nextStop = found < 0 ? paragraph.end : Math.min(found, paragraph.end);
      }
      const nextQuote = quote !== undefined ? quoteBegin(quote) : paragraph.end;
      i = Math.max(i, Math.min(nextStop, nextQuote, paragraph.end) - 1);
      continue;
    }
    const char = body.charAt(i);
    let after = i + 1;
    while (after < paragraph.end && /[)\]'’"”]/.test(body.charAt(after))) after += 1;
    if (!startsNewSentence(body, after, paragraph.end)) continue;
    if (char === '.' && isAbbreviation(body, i)) continue;
    cut(after);
  }
  cut(paragraph.end);
  return sentences;
}

function quoteBegin(quote: MarkedSpan): number {
  return quote.open >= 0 ? quote.open : quote.start;
}

function quoteEnd(quote: MarkedSpan, paragraph: Range): number {
  return Math.min(quote.regionEnd, paragraph.end);
}

function startsNewSentence(body: string, at: number, limit: number): boolean {
  if (at >= limit) return false;
  if (!isSpace(body.charCodeAt(at))) return false;
  let next = at;
  while (next < limit && isSpace(body.charCodeAt(next))) next += 1;
  if (next >= limit) return false;
  const char = body.charAt(next);
  return /[\p{Lu}\p{N}"“'‘(\[]/u.test(char);
}

function isAbbreviation(body: string, dot: number): boolean {
  let start = dot;
  while (start > 0 && /[\p{L}.]/u.test(body.charAt(start - 1))) start -= 1;
  const word = body.slice(start, dot).toLowerCase();
  if (word.length === 0) return false;
  if (word.length === 1) return /\p{Lu}/u.test(body.charAt(start));
  return ABBREVIATIONS.has(word) || /^(?:\p{L}\.)+\p{L}$/u.test(word);
}
