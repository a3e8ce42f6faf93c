/** Small measuring helpers: wall time, percentiles, memory after a forced GC. */

export async function timeIt<T>(step: () => T | Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await step();
  return { result, ms: performance.now() - started };
}

/** The `p`-th percentile (0–100) by nearest rank; 0 for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return 0;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/**
 * Memory in use after full collections: what stays alive, not what happened to be lying around.
 * The JS heap plus array buffers (typed arrays live outside the heap; leaving them out would flatter
 * an index that keeps its postings there).
 */
export function heapAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc (npm run bench does)');
  gc();
  gc();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

/** Peak resident set size of this process so far, in bytes. */
export function peakRss(): number {
  return process.resourceUsage().maxRSS * 1024;
}

export function round(value: number, digits = 1): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

export function megabytes(bytes: number): number {
  return bytes / (1024 * 1024);
}
