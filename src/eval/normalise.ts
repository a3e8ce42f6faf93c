/**
 * How two quote texts are made comparable. Gold spans and extractor spans disagree in harmless ways
 * (one keeps the opening mark, the other the comma before the closing mark); these rules remove
 * exactly those differences and nothing else, so "equal after normalisation" still means
 * "the same words, the same boundaries".
 */

/** Double quotation marks of every kind, and the two-character `''` / ` `` ` used as double marks. */
const DOUBLE_MARKS = /''|``|["\u201C\u201D\u201E\u201F\u00AB\u00BB\u301D\u301E\uFF02]/g;
/** Single marks: also apostrophes, so they are only stripped at the ends, never inside words. */
const SINGLE_MARKS = "'\u2018\u2019\u201A\u201B\u2039\u203A`";
const EDGE_JUNK_START = new RegExp(`^[\\s${SINGLE_MARKS}]+`, 'u');
const EDGE_JUNK_END = new RegExp(`[\\s${SINGLE_MARKS},.;:]+$`, 'u');

/**
 * Strips quotation marks of all kinds (double marks anywhere, single marks at either end), surrounding
 * white space, and trailing `,` `.` `;` `:`.
 */
export function normaliseQuote(text: string): string {
  return text.replace(DOUBLE_MARKS, '').replace(EDGE_JUNK_START, '').replace(EDGE_JUNK_END, '');
}

/** Words of a normalised quote, lower-cased; "don't" and "Blair's" stay one token. */
export function quoteTokens(text: string): string[] {
  return normaliseQuote(text).toLowerCase().match(/[\p{L}\p{N}]+(?:['\u2019][\p{L}\p{N}]+)*/gu) ?? [];
}

/**
 * Share of tokens two quotes have in common, counted with multiplicity and divided by the token count
 * of the LONGER quote: 0.5 means each quote has at least half of its words in the other, so a
 * one-word prediction cannot "match" a long gold quote, nor a whole paragraph a short one.
 */
export function tokenOverlap(a: string, b: string): number {
  const left = quoteTokens(a);
  const right = quoteTokens(b);
  const longer = Math.max(left.length, right.length);
  if (longer === 0) return 0;
  const counts = new Map<string, number>();
  for (const token of left) counts.set(token, (counts.get(token) ?? 0) + 1);
  let shared = 0;
  for (const token of right) {
    const unmatched = counts.get(token) ?? 0;
    if (unmatched > 0) {
      shared += 1;
      counts.set(token, unmatched - 1);
    }
  }
  return shared / longer;
}
