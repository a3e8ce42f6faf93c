import type { Latency } from './result.js';
import { percentile, round } from './stats.js';

export interface Timed {
  kind: string;
  input: string;
}

export interface LatencyOptions {
  /** Stop starting new timed passes after this long; at least one pass always runs. */
  budgetMs: number;
  maxPasses: number;
  /** How many inputs to run once, untimed, first (JIT warm-up). */
  warmUp: number;
}

/**
 * Latency of `run` over a fixed list: a short untimed warm-up, then whole timed passes. Each input
 * is timed alone, so p99 is the 99th-slowest-in-100 single call, not an average.
 */
export function measureLatency(inputs: readonly Timed[], run: (input: string) => unknown, options: LatencyOptions) {
  for (const { input } of inputs.slice(0, options.warmUp)) run(input);
  const samples: number[] = [];
  const byKind = new Map<string, number[]>();
  const started = performance.now();
  for (let pass = 0; pass < options.maxPasses && (pass === 0 || performance.now() - started < options.budgetMs); pass += 1) {
    for (const { kind, input } of inputs) {
      const before = performance.now();
      run(input);
      const ms = performance.now() - before;
      samples.push(ms);
      const list = byKind.get(kind) ?? [];
      list.push(ms);
      byKind.set(kind, list);
    }
  }
  const latency: Latency = {
    p50: round(percentile(samples, 50), 3),
    p95: round(percentile(samples, 95), 3),
    p99: round(percentile(samples, 99), 3),
    samples: samples.length,
  };
  const p99ByKind = Object.fromEntries([...byKind].map(([kind, list]) => [kind, round(percentile(list, 99), 2)]));
  return { latency, p99ByKind };
}
