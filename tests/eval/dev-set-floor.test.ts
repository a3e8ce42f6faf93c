import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluate, type Evaluation } from '../../src/eval/evaluate.js';
import { parseGold, type ParsedGold } from '../../src/eval/gold.js';
import { QuoteExtractor } from '../../src/quotes/extractor.js';
import { DEV_SET_FLOORS } from './floors.js';

const DEV_SET = fileURLToPath(new URL('../gold/dev.jsonl', import.meta.url));

/**
 * The regression floor of issue 3: extraction may only get better on the gold dev set. The dev set
 * must exist: a missing file fails here rather than silently skipping the guard.
 */
describe('extractor on the gold dev set (tests/gold/dev.jsonl)', () => {
  let gold: ParsedGold;
  let scores: Evaluation;

  beforeAll(() => {
    if (!existsSync(DEV_SET)) {
      throw new Error('tests/gold/dev.jsonl is missing: concatenate tests/gold/parts/*.jsonl into it (see tests/gold/README.md)');
    }
    gold = parseGold(readFileSync(DEV_SET, 'utf8'));
    scores = evaluate(gold.articles, new QuoteExtractor(), { timing: false });
  });

  it('has no malformed line', () => {
    expect(gold.problems).toEqual([]);
  });

  it(`keeps direct quote F1 (exact) at or above ${DEV_SET_FLOORS.directF1}`, () => {
    expect(scores.direct.f1).toBeGreaterThanOrEqual(DEV_SET_FLOORS.directF1);
  });

  it(`keeps direct quote F1 at 50% overlap at or above ${DEV_SET_FLOORS.directOverlapF1}`, () => {
    expect(scores.directOverlap.f1).toBeGreaterThanOrEqual(DEV_SET_FLOORS.directOverlapF1);
  });

  it(`keeps speaker accuracy at or above ${DEV_SET_FLOORS.speakerAccuracy}`, () => {
    expect(scores.speakerAccuracy).toBeGreaterThanOrEqual(DEV_SET_FLOORS.speakerAccuracy);
  });

  it(`keeps reported speech F1 at or above ${DEV_SET_FLOORS.reportedF1}`, () => {
    expect(scores.reported.f1).toBeGreaterThanOrEqual(DEV_SET_FLOORS.reportedF1);
  });
});
