import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kthLargest } from '../../src/kth-largest.js';

describe('kthLargest (choosing which sentences to read)', () => {
  it('gives the k-th largest value, as sorting would, ties and all', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 60 }), fc.nat(), (numbers, pick) => {
        const k = 1 + (pick % numbers.length);
        const sorted = [...numbers].sort((a, b) => b - a);
        expect(kthLargest(Float64Array.from(numbers), k)).toBe(sorted[k - 1]);
      }),
      { numRuns: 500 },
    );
  });
});
