import { normaliseQuote, tokenOverlap } from './normalise.js';

/** A quote span on either side of the comparison: a gold row or an extractor prediction. */
export interface Span {
  text: string;
  start: number;
  end: number;
}

/** `exact`: equal after normalisation only. `overlap`: equal, or at least half the tokens shared. */
export type MatchMode = 'exact' | 'overlap';

/** The minimum `tokenOverlap` for two quotes to count as the same quote in `overlap` mode. */
export const OVERLAP_THRESHOLD = 0.5;

/** A gold span paired with the prediction it was matched to (indices into the input arrays). */
export interface MatchedPair {
  gold: number;
  predicted: number;
  exact: boolean;
  overlap: number;
}

export interface Matching {
  pairs: MatchedPair[];
  unmatchedGold: number[];
  unmatchedPredicted: number[];
}

interface Candidate extends MatchedPair {
  sharedChars: number;
  startDistance: number;
}

/**
 * Pairs gold spans with predicted spans one to one: no gold row is credited twice, and no prediction
 * counts for two gold rows (a quote repeated in an article must be found twice). Candidates are taken
 * greedily, best first: exact matches before overlap matches, higher token overlap first, then the
 * pair whose character spans overlap more, then the pair whose starts are closer, so a repeated
 * sentence is paired with the occurrence at the same place.
 */
export function matchSpans(gold: readonly Span[], predicted: readonly Span[], mode: MatchMode): Matching {
  const candidates: Candidate[] = [];
  const goldNormalised = gold.map((span) => normaliseQuote(span.text));
  const predictedNormalised = predicted.map((span) => normaliseQuote(span.text));
  gold.forEach((goldSpan, g) => {
    predicted.forEach((predictedSpan, p) => {
      const exact = goldNormalised[g] !== '' && goldNormalised[g] === predictedNormalised[p];
      if (mode === 'exact' && !exact) return;
      const overlap = exact ? 1 : tokenOverlap(goldSpan.text, predictedSpan.text);
      if (!exact && overlap < OVERLAP_THRESHOLD) return;
      candidates.push({
        gold: g,
        predicted: p,
        exact,
        overlap,
        sharedChars: Math.max(0, Math.min(goldSpan.end, predictedSpan.end) - Math.max(goldSpan.start, predictedSpan.start)),
        startDistance: Math.abs(goldSpan.start - predictedSpan.start),
      });
    });
  });
  candidates.sort(
    (a, b) =>
      Number(b.exact) - Number(a.exact) ||
      b.overlap - a.overlap ||
      b.sharedChars - a.sharedChars ||
      a.startDistance - b.startDistance ||
      a.gold - b.gold ||
      a.predicted - b.predicted,
  );
  const goldTaken = new Set<number>();
  const predictedTaken = new Set<number>();
  const pairs: MatchedPair[] = [];
  for (const candidate of candidates) {
    if (goldTaken.has(candidate.gold) || predictedTaken.has(candidate.predicted)) continue;
    goldTaken.add(candidate.gold);
    predictedTaken.add(candidate.predicted);
    pairs.push({ gold: candidate.gold, predicted: candidate.predicted, exact: candidate.exact, overlap: candidate.overlap });
  }
  pairs.sort((a, b) => a.gold - b.gold);
  return {
    pairs,
    unmatchedGold: gold.map((_, g) => g).filter((g) => !goldTaken.has(g)),
    unmatchedPredicted: predicted.map((_, p) => p).filter((p) => !predictedTaken.has(p)),
  };
}
