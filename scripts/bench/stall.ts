/**
 * The longest the event loop was held up while some work ran: a timer set every few milliseconds
 * notes how late it fires. What a bot answering during a reload feels: an answer arriving during
 * a stall waits for it.
 *
 * On a shared machine a late timer is often not our code at all: the process was simply not
 * scheduled (load average ~16 on 2 cores while these figures were taken; gaps of 100–170 ms
 * showed between two turns of a loop whose turn takes microseconds). So each gap is also measured
 * in CPU time used by the process during it: `longestBusy` is the longest stretch the process
 * itself was computing, which is what our code can be held to; `longest` is the wall time.
 */
const TICK_MS = 2;

export interface Stalls {
  /** Longest wall-clock gap between timer turns, less the tick. */
  longestMs: number;
  /** Longest gap counted in the process's own CPU time (capped at the wall gap). */
  longestBusyMs: number;
}

export class StallMeter {
  private timer: NodeJS.Timeout | null = null;
  private last = 0;
  private lastCpu = 0;
  private longest = 0;
  private longestBusy = 0;

  start(): this {
    this.longest = 0;
    this.longestBusy = 0;
    this.last = performance.now();
    this.lastCpu = cpuMs();
    const tick = (): void => {
      this.note();
      this.timer = setTimeout(tick, TICK_MS);
    };
    this.timer = setTimeout(tick, TICK_MS);
    return this;
  }

  /** Stops and returns the longest stalls seen (counting the time since the last tick). */
  stop(): Stalls {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
      this.note();
    }
    return { longestMs: Math.max(0, this.longest), longestBusyMs: Math.max(0, this.longestBusy) };
  }

  private note(): void {
    const now = performance.now();
    const cpu = cpuMs();
    const gap = now - this.last - TICK_MS;
    this.longest = Math.max(this.longest, gap);
    this.longestBusy = Math.max(this.longestBusy, Math.min(gap, cpu - this.lastCpu - TICK_MS));
    this.last = now;
    this.lastCpu = cpu;
  }
}

function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** Runs `work` with a stall meter around it; `cpuMs` is the process's CPU time during it. */
export async function withStalls<T>(work: () => Promise<T>): Promise<{ result: T; ms: number; cpuMs: number; stalls: Stalls }> {
  const meter = new StallMeter().start();
  const started = performance.now();
  // CPU time beside wall time: on a shared machine the wall time also counts other processes' turns.
  const cpu = cpuMs();
  try {
    const result = await work();
    return { result, ms: performance.now() - started, cpuMs: cpuMs() - cpu, stalls: meter.stop() };
  } finally {
    meter.stop();
  }
}
