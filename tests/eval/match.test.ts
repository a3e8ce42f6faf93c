import { describe, expect, it } from 'vitest';
import { matchSpans, type Span } from '../../src/eval/match.js';

const ELECTION = 'I take this opportunity to congratulate him on his election.';
const span = (text: string, start: number): Span => ({ text, start, end: start + text.length });

describe('one-to-one matching', () => {
  it('credits one prediction to only one of two identical gold quotes: a repeated quote must be found twice', () => {
    const matching = matchSpans([span(ELECTION, 100), span(ELECTION, 900)], [span(ELECTION, 900)], 'exact');
    expect(matching.pairs).toHaveLength(1);
    expect(matching.unmatchedGold).toEqual([0]);
  });

  it('pairs a repeated quote with the prediction at the same position', () => {
    const matching = matchSpans([span(ELECTION, 100), span(ELECTION, 900)], [span(ELECTION, 900), span(ELECTION, 100)], 'exact');
    expect(matching.pairs.map(({ gold, predicted }) => [gold, predicted])).toEqual([
      [0, 1],
      [1, 0],
    ]);
  });

  it('counts a duplicated prediction once; the copy stays unmatched (a false positive)', () => {
    const matching = matchSpans([span(ELECTION, 100)], [span(ELECTION, 100), span(ELECTION, 100)], 'overlap');
    expect(matching.pairs).toHaveLength(1);
    expect(matching.unmatchedPredicted).toHaveLength(1);
  });

  it('gives a gold quote its exact prediction before any partial one', () => {
    const partial = span('I take this opportunity to congratulate him', 100);
    const exact = span(ELECTION, 100);
    const matching = matchSpans([span(ELECTION, 100)], [partial, exact], 'overlap');
    expect(matching.pairs).toEqual([{ gold: 0, predicted: 1, exact: true, overlap: 1 }]);
  });

  it('does not let a prediction taken by its exact gold row also match a neighbour it overlaps', () => {
    const whole = span(ELECTION, 100);
    const part = span('I take this opportunity to congratulate him on', 100);
    const matching = matchSpans([part, whole], [whole], 'overlap');
    expect(matching.pairs.map(({ gold, predicted }) => [gold, predicted])).toEqual([[1, 0]]);
    expect(matching.unmatchedGold).toEqual([0]);
  });
});
