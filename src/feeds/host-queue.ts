/**
 * Thrown instead of running a request to a host that asked (Retry-After) to be left alone for
 * longer than the queue waits in line: the caller says so and tries again later.
 */
export class HostHeldError extends Error {
  override name = 'HostHeldError';
  constructor(
    readonly host: string,
    /** Epoch ms the host asked us to wait until. */
    readonly until: number,
  ) {
    super(`${host} asked to be left alone until ${new Date(until).toISOString()}`);
  }
}

/** Default for the longest Retry-After waited out in line (see {@link HostQueue}). */
export const MAX_HOLD_WAIT_MS = 60_000;

/**
 * One request at a time per host, with a pause between them: the politeness news sites expect of
 * a crawler. A host that answered 429/503 with Retry-After is left alone until that time: a short
 * wait is waited out in line, a longer one fails each request at once ({@link HostHeldError}).
 * Why not wait it out: every request queued behind it would wait too, so one site asking for an
 * hour held a whole feed round (and a moderator's `/corpus add`) for that hour, and a wait past
 * setTimeout's 24.8 days fired after 1 ms, sending the request straight away.
 */
export class HostQueue {
  private readonly hosts = new Map<string, { tail: Promise<void>; notBefore: number; heldUntil: number; delayMs: number }>();

  constructor(
    /** Minimum pause between two requests to one host. */
    private readonly delayMs: number,
    private readonly now: () => number = Date.now,
    /** Longest Retry-After waited out in line; past it, requests fail with {@link HostHeldError}. */
    private readonly maxHoldWaitMs: number = MAX_HOLD_WAIT_MS,
  ) {}

  /** Runs `work` when the host is free and its pause is over; requests to other hosts run alongside. */
  run<T>(host: string, work: () => Promise<T>): Promise<T> {
    const entry = this.entry(host);
    const result = entry.tail.then(async () => {
      if (entry.heldUntil - this.now() > this.maxHoldWaitMs) throw new HostHeldError(host, entry.heldUntil);
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
    entry.heldUntil = Math.max(entry.heldUntil, until);
  }

  /** A longer pause for one host than the default (robots.txt Crawl-delay); never shorter. */
  slowDown(host: string, delayMs: number): void {
    const entry = this.entry(host);
    entry.delayMs = Math.max(this.delayMs, delayMs);
  }

  private entry(host: string) {
    let entry = this.hosts.get(host);
    if (!entry) {
      entry = { tail: Promise.resolve(), notBefore: 0, heldUntil: 0, delayMs: this.delayMs };
      this.hosts.set(host, entry);
    }
    return entry;
  }

  /** When the next request to `host` may go out (epoch ms; 0 when never contacted). */
  nextAllowedAt(host: string): number {
    return this.hosts.get(host)?.notBefore ?? 0;
  }
}
