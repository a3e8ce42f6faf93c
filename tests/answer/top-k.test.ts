import { describe, expect, it } from 'vitest';
import { topK } from '../../src/answer/top-k.js';

const ascending = (a: number, b: number): number => a - b;

describe('topK', () => {
  it('returns the k best items in order, as a full sort would', () => {
    const items = Array.from({ length: 1_000 }, (_, i) => (i * 7919) % 1_009);
    expect(topK(items, 50, ascending)).toEqual([...items].sort(ascending).slice(0, 50));
  });

  it('returns everything, sorted, when there are fewer items than k', () => {
    expect(topK([3, 1, 2], 50, ascending)).toEqual([1, 2, 3]);
  });

  it('keeps ties in the order the comparator gives them', () => {
    const items = [
      { score: 1, id: 'b' },
      { score: 2, id: 'a' },
      { score: 1, id: 'a' },
      { score: 0, id: 'c' },
    ];
    const compare = (x: { score: number; id: string }, y: { score: number; id: string }): number => y.score - x.score || x.id.localeCompare(y.id);
    expect(topK(items, 3, compare).map((item) => `${item.score}${item.id}`)).toEqual(['2a', '1a', '1b']);
  });

  it('leaves the input as it was and returns nothing for k = 0', () => {
    const items = [5, 4, 3, 2, 1];
    expect(topK(items, 0, ascending)).toEqual([]);
    topK(items, 2, ascending);
    expect(items).toEqual([5, 4, 3, 2, 1]);
  });
});
