import type { Prf, Scores } from './scores.js';

const fixed = (value: number): string => value.toFixed(3);
const count = (value: number): string => value.toLocaleString('en-GB');
const round = (value: number, digits = 4): number => Number(value.toFixed(digits));

/** The human-readable score table printed by `npm run eval`. */
export function formatScoreTable(scores: Scores): string {
  const header = ['metric', 'precision', 'recall', 'F1', 'matched', 'predicted', 'gold'];
  const row = (name: string, metric: Prf): string[] => [
    name,
    fixed(metric.precision),
    fixed(metric.recall),
    fixed(metric.f1),
    count(metric.matched),
    count(metric.predicted),
    count(metric.gold),
  ];
  const rows = [header, row('direct (exact)', scores.direct), row('directOverlap', scores.directOverlap), row('reported', scores.reported)];
  const widths = header.map((_, column) => Math.max(...rows.map((cells) => cells[column]!.length)));
  const lines = rows.map((cells) =>
    cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  '),
  );
  const { speaker, throughput } = scores;
  const ignored = scores.reported.ignored > 0 ? ` (${count(scores.reported.ignored)} reported predictions on unscored speechCue:false rows ignored)` : '';
  return [
    ...lines,
    ...(ignored === '' ? [] : [ignored.trim()]),
    '',
    `speaker accuracy  ${fixed(scores.speakerAccuracy)}  (${count(speaker.correct)} correct, ${count(speaker.wrong)} wrong of the directOverlap matches; ${count(speaker.skipped)} skipped: gold speaker only a pronoun)`,
    `  given names too ${fixed(scores.speakerAccuracyStrict)}  (${count(speaker.givenNameWrong)} of the correct have a different given name: "Bill Clinton" for Hillary Clinton)`,
    `speed             ${count(Math.round(throughput.articlesPerSecond))} articles/s  (extraction only: ${count(throughput.passes)} passes × ${count(scores.articles)} article${scores.articles === 1 ? '' : 's'} in ${throughput.seconds.toFixed(2)} s)`,
  ].join('\n');
}

/** Anything the CLI knows beyond the scores, added to the JSON line. */
export interface RunFacts {
  malformedLines: number;
  extractorVersion?: string;
}

/**
 * The `--json` summary: the keys issue 3 fixes (`articles`, `direct`, `directOverlap`,
 * `speakerAccuracy`, `reported`, `articlesPerSecond`) plus the counts behind every ratio.
 * Ratios are rounded to 4 decimals; per-article details are left out to keep it one readable line.
 */
export function scoresJson(scores: Scores, facts: RunFacts): Record<string, unknown> {
  const metric = (value: Prf): Record<string, number> => ({
    precision: round(value.precision),
    recall: round(value.recall),
    f1: round(value.f1),
    matched: value.matched,
    predicted: value.predicted,
    gold: value.gold,
  });
  return {
    articles: scores.articles,
    direct: metric(scores.direct),
    directOverlap: metric(scores.directOverlap),
    speakerAccuracy: round(scores.speakerAccuracy),
    speakerAccuracyStrict: round(scores.speakerAccuracyStrict),
    speakerSkipped: scores.speakerSkipped,
    speaker: scores.speaker,
    reported: { ...metric(scores.reported), ignored: scores.reported.ignored },
    articlesPerSecond: round(scores.articlesPerSecond, 1),
    timing: { passes: scores.throughput.passes, seconds: round(scores.throughput.seconds, 3) },
    malformedLines: facts.malformedLines,
    ...(facts.extractorVersion === undefined ? {} : { extractorVersion: facts.extractorVersion }),
  };
}
