import type { ArticleScore, SpeakerTally, Tally } from './score-article.js';

/** Precision, recall and F1 with the counts they come from. A ratio with a zero denominator is 0. */
export interface Prf extends Tally {
  precision: number;
  recall: number;
  f1: number;
}

/** How fast extraction ran, measured apart from scoring and file reading. */
export interface Throughput {
  articlesPerSecond: number;
  /** Full passes over the gold articles that were timed. */
  passes: number;
  seconds: number;
}

/** The result of one eval run: what `--json` prints and what the regression floor test asserts. */
export interface Scores {
  articles: number;
  direct: Prf;
  directOverlap: Prf;
  /** Correct / (correct + wrong) over direct quotes matched at overlap; pronoun-only gold speakers skipped. */
  speakerAccuracy: number;
  /** speakerAccuracy where given names must also agree when both sides have one ("Bill" ≠ "Hillary" Clinton). */
  speakerAccuracyStrict: number;
  /** Matched direct quotes left out of speakerAccuracy because the gold speaker is only a pronoun. */
  speakerSkipped: number;
  speaker: SpeakerTally;
  reported: Prf & { ignored: number };
  articlesPerSecond: number;
  throughput: Throughput;
  /** Per-article counts and errors, in gold file order, for `--errors`. */
  perArticle: ArticleScore[];
}

const ratio = (numerator: number, denominator: number): number => (denominator === 0 ? 0 : numerator / denominator);

export function prf(tally: Tally): Prf {
  const precision = ratio(tally.matched, tally.predicted);
  const recall = ratio(tally.matched, tally.gold);
  return { ...tally, precision, recall, f1: ratio(2 * precision * recall, precision + recall) };
}

function sumTallies(tallies: readonly Tally[]): Tally {
  return tallies.reduce(
    (sum, tally) => ({ matched: sum.matched + tally.matched, predicted: sum.predicted + tally.predicted, gold: sum.gold + tally.gold }),
    { matched: 0, predicted: 0, gold: 0 },
  );
}

/** Micro-averages article scores: every quote weighs the same, whichever article it is in. */
export function summarise(articles: readonly ArticleScore[], throughput: Throughput): Scores {
  const speaker: SpeakerTally = { correct: 0, wrong: 0, skipped: 0, givenNameWrong: 0 };
  for (const article of articles) {
    speaker.correct += article.speaker.correct;
    speaker.wrong += article.speaker.wrong;
    speaker.skipped += article.speaker.skipped;
    speaker.givenNameWrong += article.speaker.givenNameWrong;
  }
  return {
    articles: articles.length,
    direct: prf(sumTallies(articles.map((article) => article.direct))),
    directOverlap: prf(sumTallies(articles.map((article) => article.directOverlap))),
    speakerAccuracy: ratio(speaker.correct, speaker.correct + speaker.wrong),
    speakerAccuracyStrict: ratio(speaker.correct - speaker.givenNameWrong, speaker.correct + speaker.wrong),
    speakerSkipped: speaker.skipped,
    speaker,
    reported: {
      ...prf(sumTallies(articles.map((article) => article.reported))),
      ignored: articles.reduce((sum, article) => sum + article.reported.ignored, 0),
    },
    articlesPerSecond: throughput.articlesPerSecond,
    throughput,
    perArticle: [...articles],
  };
}
