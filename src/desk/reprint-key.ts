/**
 * A number that is equal for the same words by the same speaker, however an outlet cased or
 * punctuated them: wire stories reprinted by several articles become one snippet, not ten.
 *
 * Computed once per quote when a corpus version is built, so an answer deduplicates thousands of
 * hits by comparing numbers instead of normalising every hit's text on every question. Two 32-bit
 * FNV-1a hashes make a 53-bit key: across 2.5 million quotes (≈500k articles) the chance that any
 * two different quotes share one is under 0.1%, and even then only if both answer the same question.
 */
export function reprintKey(speakerKey: string | null, text: string): number {
  // Plain locals rather than a `mix` closure: its captured state made this 3× slower, and it runs
  // over every quote's words at every build and start.
  let low = 0x811c9dc5;
  let high = 0x01000193 ^ 0x5bd1e995;
  const speaker = speakerKey ?? '';
  for (let i = 0; i <= speaker.length; i += 1) {
    const code = i < speaker.length ? speaker.charCodeAt(i) : 0x7c; // '|' between speaker and words
    low = Math.imul(low ^ code, 0x01000193);
    high = Math.imul(high ^ code, 0x5bd1e995) ^ (high >>> 15);
  }
  // The words, lower-cased, with every run of non-word characters as one space and none at either end.
  let pendingSpace = false;
  let started = false;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    const lower = code >= 0x41 && code <= 0x5a ? code + 32 : code;
    // ASCII letters, digits and '_' only, as /\W/ has it: "don’t" and "don't" are the same words.
    if (!((lower >= 0x61 && lower <= 0x7a) || (lower >= 0x30 && lower <= 0x39) || lower === 0x5f)) {
      pendingSpace = started;
      continue;
    }
    if (pendingSpace) {
      low = Math.imul(low ^ 0x20, 0x01000193);
      high = Math.imul(high ^ 0x20, 0x5bd1e995) ^ (high >>> 15);
      pendingSpace = false;
    }
    started = true;
    low = Math.imul(low ^ lower, 0x01000193);
    high = Math.imul(high ^ lower, 0x5bd1e995) ^ (high >>> 15);
  }
  return (low >>> 0) * 0x200000 + (high >>> 11);
}

/** Words as a reader counts them: runs of non-space characters. */
export function wordCount(text: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    const space = code === 0x20 || (code >= 0x09 && code <= 0x0d) || code === 0xa0 || code === 0x2028 || code === 0x2029 || code === 0x3000 || (code >= 0x2000 && code <= 0x200a);
    if (space) inWord = false;
    else if (!inWord) {
      inWord = true;
      count += 1;
    }
  }
  return count;
}
