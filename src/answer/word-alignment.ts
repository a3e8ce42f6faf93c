import { isStopword } from '../search/terms.js';

/** One word of a text, where it stands, and the form words are compared in. */
export interface WordToken {
  /** The word as written. */
  text: string;
  /** Lower case, accents and curly apostrophes folded: "Putin’s" and "putin's" compare equal. */
  norm: string;
  start: number;
  end: number;
  /** False for words like "the" and "said", which count for less when judging how alike two texts are. */
  content: boolean;
}

/** Letters and digits, with inner apostrophes and hyphens kept ("he’s", "long-term"). */
const WORD = /[\p{L}\p{N}]+(?:['’\u2010-][\p{L}\p{N}]+)*/gu;

/** Splits text into words with their offsets; punctuation and spacing are what lies between them. */
export function wordsOf(text: string): WordToken[] {
  return [...text.matchAll(WORD)].map((match) => {
    const norm = normaliseWord(match[0]);
    return { text: match[0], norm, start: match.index, end: match.index + match[0].length, content: !isStopword(norm) };
  });
}

function normaliseWord(word: string): string {
  return word
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[’\u2010]/g, (c) => (c === '’' ? "'" : '-'))
    .toLowerCase();
}

/**
 * One step of an alignment: a claimed word found in the source (`same`), swapped for another
 * (`changed`), present only in the claim (`claim-only`: added), or a source word the claim left
 * out (`source-only`: cut). Indexes point into the token arrays given to {@link alignWords}.
 */
export type AlignmentStep =
  | { op: 'same' | 'changed'; claim: number; source: number }
  | { op: 'claim-only'; claim: number }
  | { op: 'source-only'; source: number };

export interface WordAlignment {
  steps: AlignmentStep[];
  /** The stretch of the source the claim lines up with, as token indexes (inclusive), or null when no word lines up. */
  window: { first: number; last: number } | null;
  same: number;
  /** Content words (not "the", "said") among `same`. */
  sameContent: number;
  changed: number;
  claimOnly: number;
  sourceOnly: number;
}

const CONTENT_MATCH = 3;
const STOPWORD_MATCH = 1;
const MISMATCH = -1;
const GAP = -1;
const FROM_DIAGONAL = 1;
const FROM_ABOVE = 2; // a claim word with no source word
const FROM_LEFT = 3; // a source word with no claim word

/**
 * Lines a claim up with the stretch of a source text it best matches: every claimed word is
 * accounted for, while the source's words before and after that stretch cost nothing (someone
 * quoting one sentence of a long quote has not "cut" the rest). This is semi-global alignment
 * (Needleman–Wunsch with free end gaps in the source); general diff libraries align both texts
 * end to end, which would count the whole rest of a long quote as cut. Content words weigh more
 * than "the" or "of", so the alignment follows the words that carry meaning.
 *
 * Cost is claim words × source words; callers bound both (a claim is at most a few hundred words,
 * and only a few dozen candidate quotes are aligned).
 */
export function alignWords(claim: readonly WordToken[], source: readonly WordToken[]): WordAlignment {
  const n = claim.length;
  const m = source.length;
  const width = m + 1;
  const score = new Int32Array((n + 1) * width);
  const from = new Uint8Array((n + 1) * width);
  for (let i = 1; i <= n; i += 1) {
    score[i * width] = score[(i - 1) * width]! + GAP;
    from[i * width] = FROM_ABOVE;
  }
  for (let i = 1; i <= n; i += 1) {
    const word = claim[i - 1]!;
    const matchScore = word.content ? CONTENT_MATCH : STOPWORD_MATCH;
    for (let j = 1; j <= m; j += 1) {
      const diagonal = score[(i - 1) * width + j - 1]! + (word.norm === source[j - 1]!.norm ? matchScore : MISMATCH);
      const above = score[(i - 1) * width + j]! + GAP;
      const left = score[i * width + j - 1]! + GAP;
      let best = diagonal;
      let step = FROM_DIAGONAL;
      if (above > best) {
        best = above;
        step = FROM_ABOVE;
      }
      if (left > best) {
        best = left;
        step = FROM_LEFT;
      }
      score[i * width + j] = best;
      from[i * width + j] = step;
    }
  }
  // The source's tail is free: end wherever the fully aligned claim scores best (earliest on ties).
  let end = 0;
  for (let j = 1; j <= m; j += 1) if (score[n * width + j]! > score[n * width + end]!) end = j;
  const steps: AlignmentStep[] = [];
  let i = n;
  let j = end;
  while (i > 0) {
    const step = j === 0 ? FROM_ABOVE : from[i * width + j]!;
    if (step === FROM_DIAGONAL) {
      steps.push({ op: claim[i - 1]!.norm === source[j - 1]!.norm ? 'same' : 'changed', claim: i - 1, source: j - 1 });
      i -= 1;
      j -= 1;
    } else if (step === FROM_ABOVE) {
      steps.push({ op: 'claim-only', claim: i - 1 });
      i -= 1;
    } else {
      steps.push({ op: 'source-only', source: j - 1 });
      j -= 1;
    }
  }
  steps.reverse();
  return summarise(claim, trimSourceEnds(steps));
}

/** Source words cut at either end of the aligned stretch are outside it, not cut from it. */
function trimSourceEnds(steps: AlignmentStep[]): AlignmentStep[] {
  let first = 0;
  let last = steps.length - 1;
  while (first <= last && steps[first]!.op === 'source-only') first += 1;
  while (last >= first && steps[last]!.op === 'source-only') last -= 1;
  return steps.slice(first, last + 1);
}

function summarise(claim: readonly WordToken[], steps: AlignmentStep[]): WordAlignment {
  const result: WordAlignment = { steps, window: null, same: 0, sameContent: 0, changed: 0, claimOnly: 0, sourceOnly: 0 };
  for (const step of steps) {
    if (step.op === 'same') {
      result.same += 1;
      if (claim[step.claim]!.content) result.sameContent += 1;
    } else if (step.op === 'changed') result.changed += 1;
    else if (step.op === 'claim-only') result.claimOnly += 1;
    else result.sourceOnly += 1;
    if (step.op !== 'claim-only') {
      result.window = result.window === null ? { first: step.source, last: step.source } : { first: result.window.first, last: step.source };
    }
  }
  return result;
}
