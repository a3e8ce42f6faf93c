/**
 * The longest the event loop was held up while some work ran: a timer set every few milliseconds
 * notes how late it fires. What a bot answering during a reload feels: an answer arriving during
 * a stall waits for it.
 */
const TICK_MS = 2;

export class StallMeter {
  private timer: NodeJS.Timeout | null = null;
  private last = 0;
  private longest = 0;

  start(): this {
    this.longest = 0;
    this.last = performance.now();
    const tick = (): void => {
      const now = performance.now();
      this.longest = Math.max(this.longest, now - this.last - TICK_MS);
      this.last = now;
      this.timer = setTimeout(tick, TICK_MS);
    };
    this.timer = setTimeout(tick, TICK_MS);
    return this;
  }

  /** Stops and returns the longest stall seen, in ms (counting the time since the last tick). */
  stop(): number {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.longest = Math.max(this.longest, performance.now() - this.last - TICK_MS);
    return Math.max(0, this.longest);
  }
}

/** Runs `work` with a stall meter around it. */
export async function withStalls<T>(work: () => Promise<T>): Promise<{ result: T; ms: number; cpuMs: number; longestStallMs: number }> {
  const meter = new StallMeter().start();
  const started = performance.now();
  // CPU time beside wall time: on a shared machine the wall time also counts other processes' turns.
  const cpu = process.cpuUsage();
  try {
    const result = await work();
    const used = process.cpuUsage(cpu);
    return { result, ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000, longestStallMs: meter.stop() };
  } finally {
    meter.stop();
  }
}
