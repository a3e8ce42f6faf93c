/**
 * The article body cut into paragraphs and tokens, with offsets into the body. Every other module
 * works on these offsets so that what the extractor returns always slices back out of the body.
 */

export interface Range {
  start: number;
  end: number;
}

export interface Token extends Range {
  text: string;
  /** Lower-cased `text`, computed once: the rules compare words case-insensitively most of the time. */
  lower: string;
  /** `word`: letters/digits (with inner apostrophes, hyphens, dots); `punct`: any other single mark. */
  kind: 'word' | 'punct';
}

/** Paragraphs are separated by a blank line; leading/trailing white space is not part of them. */
export function splitParagraphs(body: string): Range[] {
  const paragraphs: Range[] = [];
  const separator = /\n[ \t\r\f\v]*\n\s*/g;
  let start = 0;
  const push = (from: number, to: number): void => {
    let s = from;
    let e = to;
    while (s < e && isSpace(body.charCodeAt(s))) s += 1;
    while (e > s && isSpace(body.charCodeAt(e - 1))) e -= 1;
    if (e > s) paragraphs.push({ start: s, end: e });
  };
  for (let match = separator.exec(body); match !== null; match = separator.exec(body)) {
    push(start, match.index);
    start = match.index + match[0].length;
  }
  push(start, body.length);
  return paragraphs;
}

/**
 * Titles written with a full stop keep it, and so do initials, so that a name is one run of words:
 * `said Mr. Jones` (not "Mr"), `Sen. Jane Doe`, `Edward G. Smith`, `J. J. Brown`. An initial is a
 * lone capital with a full stop before another capitalised word; "U.S." stays "U.S" + ".".
 */
/** "G.K. Butterfield", "J.D. Vance": two initials written together before a capitalised word, not "U.S." or "D.C.". */
const RUN_OF_INITIALS = String.raw`(?!(?:U\.[SKN]|D\.C|E\.U)\.)\p{Lu}\.\p{Lu}\.(?=\s+\p{Lu}\p{Ll})`;
const TITLE_ABBREVIATIONS = 'Mr|Mrs|Ms|Messrs|Dr|Sen|Sens|Rep|Reps|Gov|Govs|Gen|Lt|Col|Capt|Sgt|Cpl|Maj|Adm|Cmdr|Rev|Prof|Atty|Supt|Insp|Det|Pres|Jr|Sr|St|Fr';
const TOKEN = new RegExp(`(?:${TITLE_ABBREVIATIONS})\\.(?=\\s)|${RUN_OF_INITIALS}|\\p{Lu}\\.(?=\\s+\\p{Lu})|[\\p{L}\\p{N}]+(?:[''’\\-&.][\\p{L}\\p{N}]+)*|''|\`\`|\\S`, 'gu');

/** Words and single punctuation marks of `body[from, to)`, in order. */
export function tokenize(body: string, from = 0, to = body.length): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = from;
  for (let match = TOKEN.exec(body); match !== null && match.index < to; match = TOKEN.exec(body)) {
    const text = match[0];
    const end = Math.min(match.index + text.length, to);
    const clipped = body.slice(match.index, end);
    const first = clipped.charCodeAt(0);
    tokens.push({
      text: clipped,
      lower: clipped.toLowerCase(),
      start: match.index,
      end,
      kind: isWordStart(first) ? 'word' : 'punct',
    });
  }
  return tokens;
}

export function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0x2028 || code === 0x2029 || (code >= 0x2000 && code <= 0x200a) || code === 0x3000;
}

function isWordStart(code: number): boolean {
  if (code < 128) return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  return /[\p{L}\p{N}]/u.test(String.fromCharCode(code));
}

/** A word that starts with a capital letter ("Putin", "BBC", "McDonald's"). */
export function isCapitalised(word: string): boolean {
  const first = word.charAt(0);
  return first !== first.toLowerCase() && first === first.toUpperCase();
}

/** The index of the first range whose end is after `offset` (binary search over sorted ranges). */
export function rangeIndexAt(ranges: readonly Range[], offset: number): number {
  let low = 0;
  let high = ranges.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (ranges[mid]!.end <= offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Trims white space off both ends of `body[start, end)`. */
export function trimRange(body: string, start: number, end: number): Range {
  let s = start;
  let e = end;
  while (s < e && isSpace(body.charCodeAt(s))) s += 1;
  while (e > s && isSpace(body.charCodeAt(e - 1))) e -= 1;
  return { start: s, end: e };
}
