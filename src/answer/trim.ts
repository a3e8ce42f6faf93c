/**
 * Long quotes are shown as a window of whole sentences around the words the user asked about, so a
 * snippet stays readable in a Discord embed yet is never cut mid-word or mid-sentence.
 */
export interface TrimmedText {
  text: string;
  /** True when words were left out; the text then starts and/or ends with "…". */
  trimmed: boolean;
}

/**
 * @param text the full quote
 * @param maxChars the longest snippet wanted (the ellipses are counted)
 * @param isRelevant marks words the user asked about; the window is centred on the sentence with most of them
 */
export function trimToSentences(
  text: string,
  maxChars: number,
  isRelevant: (word: string) => boolean = () => false,
): TrimmedText {
  // Most quotes need no respacing, and a global replace costs several times the test.
  const clean = (UNEVEN_SPACE.test(text) ? text.replace(/\s+/g, ' ') : text).trim();
  if (clean.length <= maxChars) return { text: clean, trimmed: false };
  const sentences = splitSentences(clean);
  const scores = sentences.map((s) => s.split(/[^\p{L}\p{N}]+/u).filter(isRelevant).length);
  let best = 0;
  scores.forEach((score, i) => {
    if (score > scores[best]!) best = i;
  });
  let first = best;
  let last = best;
  const lengthOf = (a: number, b: number): number =>
    sentences.slice(a, b + 1).join(' ').length + (a > 0 ? 2 : 0) + (b < sentences.length - 1 ? 2 : 0);
  if (lengthOf(first, last) > maxChars) return cutAtWord(sentences[best]!, maxChars, best > 0);
  for (;;) {
    const canGrowRight = last + 1 < sentences.length && lengthOf(first, last + 1) <= maxChars;
    const canGrowLeft = first > 0 && lengthOf(first - 1, last) <= maxChars;
    if (canGrowRight) last += 1;
    else if (canGrowLeft) first -= 1;
    else break;
  }
  const body = sentences.slice(first, last + 1).join(' ');
  return { text: `${first > 0 ? '… ' : ''}${body}${last < sentences.length - 1 ? ' …' : ''}`, trimmed: true };
}

/** Whitespace other than single spaces. */
const UNEVEN_SPACE = /[^\S ]| {2}/;

/** Sentence ends: . ! ? (optionally followed by a closing mark) then a space and a capital or an opening mark. */
export function splitSentences(text: string): string[] {
  const parts = text.split(/(?<=[.!?…]["'”’)]?)\s+(?=["'“‘(]?[\p{Lu}\p{N}])/u);
  return parts.map((part) => part.trim()).filter((part) => part.length > 0);
}

function cutAtWord(sentence: string, maxChars: number, leadingEllipsis: boolean): TrimmedText {
  const budget = maxChars - 2 - (leadingEllipsis ? 2 : 0);
  const head = sentence.slice(0, budget + 1);
  const lastSpace = head.lastIndexOf(' ');
  const cut = (lastSpace > budget / 2 ? head.slice(0, lastSpace) : sentence.slice(0, budget)).replace(/[\s,;:–—-]+$/u, '');
  return { text: `${leadingEllipsis ? '… ' : ''}${cut} …`, trimmed: true };
}
