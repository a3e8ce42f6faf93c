import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluate, type Evaluation } from '../../src/eval/evaluate.js';
import { parseGold, type ParsedGold } from '../../src/eval/gold.js';
import { QuoteExtractor } from '../../src/quotes/extractor.js';
import { DEV_SET_FLOORS, TEST_SET_FLOORS, US_WRITTEN_FLOORS } from './floors.js';

/**
 * The regression floors of issue 3: extraction may only get better, on the gold dev set it was
 * tuned on and on the held-out test set it never saw. Both files must exist: a missing file fails
 * here rather than silently skipping the guard.
 */
describe.each([
  { file: 'dev.jsonl', floors: DEV_SET_FLOORS },
  { file: 'test.jsonl', floors: TEST_SET_FLOORS },
  { file: 'us-written.jsonl', floors: US_WRITTEN_FLOORS },
])('extractor on the gold set tests/gold/$file', ({ file, floors }) => {
  const goldPath = fileURLToPath(new URL(`../gold/${file}`, import.meta.url));
  let gold: ParsedGold;
  let scores: Evaluation;

  beforeAll(() => {
    if (!existsSync(goldPath)) throw new Error(`tests/gold/${file} is missing (see tests/gold/README.md)`);
    gold = parseGold(readFileSync(goldPath, 'utf8'));
    scores = evaluate(gold.articles, new QuoteExtractor(), { timing: false });
  });

  it('has no malformed line', () => {
    expect(gold.problems).toEqual([]);
  });

  it(`keeps direct quote F1 (exact) at or above ${floors.directF1}`, () => {
    expect(scores.direct.f1).toBeGreaterThanOrEqual(floors.directF1);
  });

  it(`keeps direct quote F1 at 50% overlap at or above ${floors.directOverlapF1}`, () => {
    expect(scores.directOverlap.f1).toBeGreaterThanOrEqual(floors.directOverlapF1);
  });

  it(`keeps speaker accuracy at or above ${floors.speakerAccuracy}`, () => {
    expect(scores.speakerAccuracy).toBeGreaterThanOrEqual(floors.speakerAccuracy);
  });

  it(`keeps reported speech F1 at or above ${floors.reportedF1}`, () => {
    expect(scores.reported.f1).toBeGreaterThanOrEqual(floors.reportedF1);
  });
});
