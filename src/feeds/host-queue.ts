/**
 * One request at a time per host, with a pause between them: the politeness news sites expect of
 * a crawler. A host that answered 429/503 with Retry-After is left alone until that time.
 */
export class HostQueue {
  private readonly hosts = new Map<string, { tail: Promise<void>; notBefore: number; delayMs: number }>();

  constructor(
    /** Minimum pause between two requests to one host. */
    private readonly delayMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Runs `work` when the host is free and its pause is over; requests to other hosts run alongside. */
  run<T>(host: string, work: () => Promise<T>): Promise<T> {
    const entry = this.entry(host);
    const result = entry.tail.then(async () => {
      const wait = entry.notBefore - this.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      try {
        return await work();
      } finally {
        entry.notBefore = Math.max(entry.notBefore, this.now() + entry.delayMs);
      }
    });
    entry.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  /** The host asked us to wait (Retry-After): nothing is sent to it before `until` (epoch ms). */
  holdUntil(host: string, until: number): void {
    const entry = this.entry(host);
    entry.notBefore = Math.max(entry.notBefore, until);
  }

  /** A longer pause for one host than the default (robots.txt Crawl-delay); never shorter. */
  slowDown(host: string, delayMs: number): void {
    const entry = this.entry(host);
    entry.delayMs = Math.max(this.delayMs, delayMs);
  }

  private entry(host: string) {
    let entry = this.hosts.get(host);
    if (!entry) {
      entry = { tail: Promise.resolve(), notBefore: 0, delayMs: this.delayMs };
      this.hosts.set(host, entry);
    }
    return entry;
  }

  /** When the next request to `host` may go out (epoch ms; 0 when never contacted). */
  nextAllowedAt(host: string): number {
    return this.hosts.get(host)?.notBefore ?? 0;
  }
}
