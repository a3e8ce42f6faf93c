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
 * "G.K. Butterfield", "J.D. Vance": two initials written together before a capitalised word keep
 * their last full stop too, but "U.S.", "U.K.", "U.N.", "D.C." and "E.U." do not.
 */
const TITLE_ABBREVIATIONS = new Set('Mr|Mrs|Ms|Messrs|Dr|Sen|Sens|Rep|Reps|Gov|Govs|Gen|Lt|Col|Capt|Sgt|Cpl|Maj|Adm|Cmdr|Rev|Prof|Atty|Supt|Insp|Det|Pres|Jr|Sr|St|Fr'.split('|'));
const NOT_INITIALS = new Set(['U.S', 'U.K', 'U.N', 'D.C', 'E.U']);
/** Whether `body[end]` is a full stop that ends the word `body[start, end)` (title or initial) as part of it. */
function keepsFullStop(body: string, start: number, end: number): boolean {
  if (body.charCodeAt(end) !== 46) return false;
  let next = end + 1;
  if (!isWhite(body.charCodeAt(next))) return false;
  const word = body.slice(start, end);
  if (TITLE_ABBREVIATIONS.has(word)) return true;
  const lone = word.length === 1 && isUpper(word.charCodeAt(0));
  const pair = word.length === 3 && word.charCodeAt(1) === 46 && isUpper(word.charCodeAt(0)) && isUpper(word.charCodeAt(2)) && !NOT_INITIALS.has(word);
  if (!lone && !pair) return false;
  while (isWhite(body.charCodeAt(next))) next += 1;
  if (!isUpper(body.codePointAt(next) ?? -1)) return false;
  return lone || isLower(body.codePointAt(next + 1) ?? -1);
}

/**
 * Words and single punctuation marks of `body[from, to)`, in order. A word is letters and digits
 * with inner `'`, `’`, `-`, `&` or `.`; `''` and two backquotes are one mark; any other character
 * outside white space is a mark of its own. Scanned by hand: a regular expression with Unicode
 * classes (and the titles tried at every position) was a fifth of all extraction time.
 */
export function tokenize(body: string, from = 0, to = body.length): Token[] {
  const tokens: Token[] = [];
  const length = body.length;
  let i = from;
  while (i < to) {
    const code = body.charCodeAt(i);
    if (isWhite(code)) {
      i += 1;
      continue;
    }
    const start = i;
    let word = false;
    // Whether the token may have upper-case letters: most tokens are plain lower-case ASCII, and their
    // lower-case form is the text itself (toLowerCase on every token was a twentieth of extraction).
    let cased = code >= 128 || (code >= 65 && code <= 90);
    const width = wordCharWidth(body, i);
    if (width > 0) {
      word = true;
      i += width;
      for (;;) {
        const joiner = body.charCodeAt(i);
        // ASCII letters and digits, the common case, without a call.
        if ((joiner >= 97 && joiner <= 122) || (joiner >= 48 && joiner <= 57)) {
          i += 1;
          continue;
        }
        if (joiner >= 65 && joiner <= 90) {
          cased = true;
          i += 1;
          continue;
        }
        const inner = joiner < 128 ? 0 : wordCharWidth(body, i);
        if (inner > 0) {
          cased = true;
          i += inner;
          continue;
        }
        if ((joiner === 39 || joiner === 0x2019 || joiner === 45 || joiner === 38 || joiner === 46) && i + 1 < length) {
          const after = wordCharWidth(body, i + 1);
          if (after > 0) {
            const next = body.charCodeAt(i + 1);
            if (next >= 128 || (next >= 65 && next <= 90)) cased = true;
            i += 1 + after;
            continue;
          }
        }
        // "9/11", "24/7", "11/18/13": a slash between digits is inside one word.
        if (joiner === 47 && isDigit(body.charCodeAt(i - 1)) && isDigit(body.charCodeAt(i + 1))) {
          i += 2;
          continue;
        }
        break;
      }
      if (body.charCodeAt(i) === 46 && keepsFullStop(body, start, i)) i += 1;
    } else if ((code === 39 || code === 96) && body.charCodeAt(i + 1) === code) {
      i += 2;
    } else {
      i += code >= 0xd800 && code <= 0xdbff && i + 1 < length && (body.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
    }
    const end = Math.min(i, to);
    const text = body.slice(start, end);
    tokens.push({ text, lower: cased ? text.toLowerCase() : text, start, end, kind: word ? 'word' : 'punct' });
  }
  return tokens;
}

/**
 * What `tokenize(body, from, to)` returns, taken from `tokens` (the whole body's tokens) when the
 * range starts on a token boundary: the tokens starting inside the range, the last one cut at `to`
 * as `tokenize` cuts it. The rules look at the words of a quotation or of a paragraph's opening
 * many times; tokenizing them again was a tenth of extraction time. Where `from` falls inside a
 * token (a scan from there would read other words), the range is tokenized afresh.
 */
export function tokensWithin(body: string, tokens: readonly Token[], from: number, to: number): Token[] {
  const first = rangeIndexAt(tokens, from);
  if (first < tokens.length && tokens[first]!.start < from) return tokenize(body, from, to);
  let end = first;
  while (end < tokens.length && tokens[end]!.start < to) end += 1;
  const within = tokens.slice(first, end);
  const last = within[within.length - 1];
  if (last !== undefined && last.end > to) {
    const text = body.slice(last.start, to);
    within[within.length - 1] = { text, lower: text.toLowerCase(), start: last.start, end: to, kind: last.kind };
  }
  return within;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const UPPER_LETTER = /^\p{Lu}$/u;
const LOWER_LETTER = /^\p{Ll}$/u;

/** Code units of the letter or digit at `body[i]` (2 for an astral one), or 0 when there is none. */
function wordCharWidth(body: string, i: number): number {
  const code = body.charCodeAt(i);
  if (code < 128) return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) ? 1 : 0;
  if (Number.isNaN(code)) return 0;
  const point = body.codePointAt(i)!;
  const width = point > 0xffff ? 2 : 1;
  return LETTER_OR_DIGIT.test(String.fromCodePoint(point)) ? width : 0;
}

function isUpper(point: number): boolean {
  if (point < 128) return point >= 65 && point <= 90;
  return UPPER_LETTER.test(String.fromCodePoint(point));
}

function isLower(point: number): boolean {
  if (point < 0) return false;
  if (point < 128) return point >= 97 && point <= 122;
  return LOWER_LETTER.test(String.fromCodePoint(point));
}

/** JavaScript's `\s`: what the earlier regular expression took for white space. */
function isWhite(code: number): boolean {
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

export function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0x2028 || code === 0x2029 || (code >= 0x2000 && code <= 0x200a) || code === 0x3000;
}

/** A word that starts with a capital letter ("Putin", "BBC", "McDonald's"). */
export function isCapitalised(word: string): boolean {
  const code = word.charCodeAt(0);
  // ASCII first, without building two strings per call (the name rules ask this of every token).
  if (code < 128) return code >= 65 && code <= 90;
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
