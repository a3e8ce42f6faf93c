import type { Quote } from '../quotes/quote.js';
import type { GoldArticle, GoldQuote } from './gold.js';
import { matchSpans, type Span } from './match.js';
import { tokenOverlap } from './normalise.js';
import { judgeSpeaker, judgeSpeakerStrictly } from './speaker.js';

/** What the scorer needs of an extractor quote; hand-made predictions in tests need no more. */
export type PredictedQuote = Pick<Quote, 'kind' | 'text' | 'start' | 'end' | 'speaker'> &
  Partial<Pick<Quote, 'speakerSurface' | 'cue'>>;

/** Counts behind precision (matched / predicted) and recall (matched / gold). */
export interface Tally {
  matched: number;
  predicted: number;
  gold: number;
}

export interface SpeakerTally {
  correct: number;
  wrong: number;
  /** Matched direct quotes whose gold speaker is a pronoun with no canonical name. */
  skipped: number;
  /** Of the `correct`, those whose given names disagree ("Bill Clinton" for Hillary Clinton): wrong by the strict rule. */
  givenNameWrong: number;
}

/**
 * A gold row nothing matched, with the prediction of the same kind whose span overlaps it most (if
 * any): a miss next to a too-long or too-short prediction is a boundary problem, not a blind spot.
 */
export interface Miss {
  gold: GoldQuote;
  nearest: { predicted: PredictedQuote; overlap: number } | null;
}

/** Everything the extractor got wrong in one article, for `npm run eval -- --errors`. */
export interface ArticleErrors {
  /** Gold direct quotes that no prediction matched, even at 50% token overlap. */
  missedDirect: Miss[];
  /** Predicted direct quotes that matched no gold row, even at 50% token overlap. */
  spuriousDirect: PredictedQuote[];
  /** Matched at overlap but not exactly: the boundaries differ. */
  boundary: Array<{ gold: GoldQuote; predicted: PredictedQuote }>;
  /** Matched direct quotes whose predicted speaker is judged wrong. */
  wrongSpeaker: Array<{ gold: GoldQuote; predicted: PredictedQuote }>;
  missedReported: Miss[];
  spuriousReported: PredictedQuote[];
}

export interface ArticleScore {
  id: string;
  direct: Tally;
  directOverlap: Tally;
  reported: Tally & {
    /** Predictions matching a gold `speechCue:false` row: neither credited nor counted as false positives. */
    ignored: number;
  };
  speaker: SpeakerTally;
  errors: ArticleErrors;
}

const goldSpan = (row: GoldQuote): Span => ({ text: row.quote, start: row.start, end: row.end });

/** Scores one article's predictions against its gold rows (rules in src/eval/README.md). */
export function scoreArticle(gold: GoldArticle, predictions: readonly PredictedQuote[]): ArticleScore {
  const goldDirect = gold.quotes.filter((row) => row.direct);
  const goldReported = gold.quotes.filter((row) => !row.direct && row.speechCue);
  const goldUnscored = gold.quotes.filter((row) => !row.direct && !row.speechCue);
  const predictedDirect = predictions.filter((quote) => quote.kind === 'direct');
  const predictedReported = predictions.filter((quote) => quote.kind === 'reported');

  const exact = matchSpans(goldDirect.map(goldSpan), predictedDirect, 'exact');
  const loose = matchSpans(goldDirect.map(goldSpan), predictedDirect, 'overlap');
  const speaker: SpeakerTally = { correct: 0, wrong: 0, skipped: 0, givenNameWrong: 0 };
  const boundary: ArticleErrors['boundary'] = [];
  const wrongSpeaker: ArticleErrors['wrongSpeaker'] = [];
  for (const pair of loose.pairs) {
    const row = goldDirect[pair.gold]!;
    const quote = predictedDirect[pair.predicted]!;
    if (!pair.exact) boundary.push({ gold: row, predicted: quote });
    const verdict = judgeSpeaker(row, quote.speaker);
    speaker[verdict] += 1;
    if (verdict === 'wrong') wrongSpeaker.push({ gold: row, predicted: quote });
    if (verdict === 'correct' && judgeSpeakerStrictly(row, quote.speaker) === 'wrong') speaker.givenNameWrong += 1;
  }

  const reported = matchSpans(goldReported.map(goldSpan), predictedReported, 'overlap');
  const leftOver = reported.unmatchedPredicted.map((p) => predictedReported[p]!);
  const unscored = matchSpans(goldUnscored.map(goldSpan), leftOver, 'overlap');
  const ignored = unscored.pairs.length;

  return {
    id: gold.id,
    direct: { matched: exact.pairs.length, predicted: predictedDirect.length, gold: goldDirect.length },
    directOverlap: { matched: loose.pairs.length, predicted: predictedDirect.length, gold: goldDirect.length },
    reported: {
      matched: reported.pairs.length,
      predicted: predictedReported.length - ignored,
      gold: goldReported.length,
      ignored,
    },
    speaker,
    errors: {
      missedDirect: loose.unmatchedGold.map((g) => miss(goldDirect[g]!, predictedDirect)),
      spuriousDirect: loose.unmatchedPredicted.map((p) => predictedDirect[p]!),
      boundary,
      wrongSpeaker,
      missedReported: reported.unmatchedGold.map((g) => miss(goldReported[g]!, predictedReported)),
      spuriousReported: unscored.unmatchedPredicted.map((p) => leftOver[p]!),
    },
  };
}

function miss(gold: GoldQuote, predictions: readonly PredictedQuote[]): Miss {
  let nearest: Miss['nearest'] = null;
  let mostShared = 0;
  for (const predicted of predictions) {
    const shared = Math.min(gold.end, predicted.end) - Math.max(gold.start, predicted.start);
    if (shared > mostShared) {
      mostShared = shared;
      nearest = { predicted, overlap: tokenOverlap(gold.quote, predicted.text) };
    }
  }
  return { gold, nearest };
}
