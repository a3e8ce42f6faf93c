import { describe, expect, it } from 'vitest';
import { runInSlices, runToEnd } from '../src/time-slices.js';

function* countTo(n: number, busyMsPerStep: number): Generator<void, number> {
  for (let i = 0; i < n; i += 1) {
    const until = performance.now() + busyMsPerStep;
    while (performance.now() < until);
    yield;
  }
  return n;
}

describe('time slices', () => {
  it('runToEnd returns what the computation returns', () => {
    expect(runToEnd(countTo(5, 0))).toBe(5);
  });

  it('runInSlices lets timers run between slices of a long computation', async () => {
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 1);
    const result = await runInSlices(countTo(40, 1), 5);
    clearInterval(timer);
    expect(result).toBe(40);
    expect(ticks).toBeGreaterThan(0);
  });

  it('runToEnd lets nothing through until the computation is done', () => {
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 1);
    runToEnd(countTo(20, 1));
    clearInterval(timer);
    expect(ticks).toBe(0);
  });
});
