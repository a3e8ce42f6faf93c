import robotsParserModule from 'robots-parser';
import { FetchFailure } from './fetch-errors.js';
import { HostHeldError, HostQueue, MAX_HOLD_WAIT_MS } from './host-queue.js';
import { requestOnce, type RawResponse } from './http-request.js';
import { retryAfterMs } from './retry-after.js';

/** How the bot behaves on other people's servers. Every field has a safe default except the contact. */
export interface PoliteFetcherOptions {
  /** Page where a site owner can find who runs this bot; goes into the User-Agent. */
  contactUrl?: string;
  /** Pause between two requests to one host (default 5 s; robots.txt Crawl-delay can lengthen it). */
  hostDelayMs?: number;
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  allowPrivateAddresses?: boolean;
  /** How long a host's robots.txt is trusted before it is read again. */
  robotsTtlMs?: number;
  /**
   * Longest Retry-After waited out before the next request to that host (default 60 s); a longer
   * one makes requests to it fail at once as `rate-limited` until then, to be tried again later.
   */
  maxRetryAfterWaitMs?: number;
  now?: () => number;
}

// robots-parser is CommonJS (`module.exports = fn`) while its types declare a default export.
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;

/** The robots.txt product token: what a site owner writes after `User-agent:` to address us. */
export const ROBOTS_AGENT = 'Quotedesk';
const MAX_CRAWL_DELAY_MS = 60_000;

export interface FetchRequest {
  /** `Accept` header: what we can use. */
  accept: string;
  /** From the last fetch of the same URL, for a conditional GET. */
  etag?: string;
  lastModified?: string;
}

export type FetchResult =
  | { status: 'not-modified'; url: URL }
  | { status: 'ok'; url: URL; contentType: string; body: Buffer; etag?: string; lastModified?: string };

interface RobotsEntry {
  fetchedAt: number;
  /** Why `url` may not be fetched, or null when it may. */
  refusal(url: URL): string | null;
}

/**
 * Fetches pages the way archives trust a crawler to: robots.txt first, one request at a time per
 * host with a pause, a User-Agent with a contact, Retry-After obeyed, conditional GETs, redirects
 * followed a few times (each hop checked again), and hard limits on time and size.
 */
export class PoliteFetcher {
  readonly userAgent: string;
  private readonly queue: HostQueue;
  private readonly robots = new Map<string, Promise<RobotsEntry>>();
  private readonly options: Required<Omit<PoliteFetcherOptions, 'contactUrl'>>;

  constructor(options: PoliteFetcherOptions = {}) {
    this.options = {
      hostDelayMs: options.hostDelayMs ?? 5_000,
      timeoutMs: options.timeoutMs ?? 20_000,
      maxBytes: options.maxBytes ?? 5 * 1024 * 1024,
      maxRedirects: options.maxRedirects ?? 5,
      allowPrivateAddresses: options.allowPrivateAddresses ?? false,
      robotsTtlMs: options.robotsTtlMs ?? 60 * 60 * 1000,
      maxRetryAfterWaitMs: options.maxRetryAfterWaitMs ?? MAX_HOLD_WAIT_MS,
      now: options.now ?? Date.now,
    };
    this.userAgent = `${ROBOTS_AGENT}/0.1 (news quote bot; +${options.contactUrl ?? 'no contact configured'})`;
    this.queue = new HostQueue(this.options.hostDelayMs, this.options.now, this.options.maxRetryAfterWaitMs);
  }

  /** When the next request to `host` may go out (epoch ms): for reports and tests of Retry-After. */
  nextAllowedAt(host: string): number {
    return this.queue.nextAllowedAt(host);
  }

  /** GETs `address`, following redirects; rejects with a {@link FetchFailure} saying why not. */
  async fetch(address: string | URL, request: FetchRequest): Promise<FetchResult> {
    let url = parseUrl(address);
    const visited = new Set<string>();
    for (let hop = 0; ; hop++) {
      visited.add(url.href);
      await this.checkRobots(url);
      const conditional = hop === 0 ? { ...(request.etag ? { 'if-none-match': request.etag } : {}), ...(request.lastModified ? { 'if-modified-since': request.lastModified } : {}) } : {};
      const response = await this.send(url, () => requestOnce(url, this.requestOptions({ accept: request.accept, ...conditional })));
      if (response.status === 304) return { status: 'not-modified', url };
      if (response.status >= 300 && response.status < 400) {
        const location = response.headers.location;
        if (!location) throw new FetchFailure('http-status', `${url.href} answered ${response.status} without saying where to go`, response.status);
        const next = parseUrl(new URL(location, url));
        if (visited.has(next.href)) throw new FetchFailure('redirect-loop', `${parseUrl(address).href} redirects in a loop (back to ${next.href})`);
        if (hop + 1 > this.options.maxRedirects) throw new FetchFailure('too-many-redirects', `${parseUrl(address).href} redirected more than ${this.options.maxRedirects} times`);
        url = next;
        continue;
      }
      return this.finish(url, response);
    }
  }

  private finish(url: URL, response: RawResponse): FetchResult {
    const { status, headers } = response;
    if (status === 429 || status === 503) {
      const wait = retryAfterMs(headers['retry-after'], this.options.now());
      if (wait !== null) this.queue.holdUntil(url.host, this.options.now() + wait);
      const when = wait !== null ? `; asked to wait ${Math.ceil(wait / 1000)} s before trying again` : '';
      throw new FetchFailure('rate-limited', `${url.host} is busy (HTTP ${status})${when}`, status);
    }
    if (status < 200 || status >= 300) throw new FetchFailure('http-status', `${url.href} answered HTTP ${status}`, status);
    const etag = headerText(headers.etag);
    const lastModified = headerText(headers['last-modified']);
    return {
      status: 'ok',
      url,
      contentType: headerText(headers['content-type']) ?? '',
      body: response.body,
      ...(etag ? { etag } : {}),
      ...(lastModified ? { lastModified } : {}),
    };
  }

  /** One request through the host's queue; a host still asking to be left alone is a `rate-limited` failure, sent nothing. */
  private async send<T>(url: URL, work: () => Promise<T>): Promise<T> {
    try {
      return await this.queue.run(url.host, work);
    } catch (error) {
      if (!(error instanceof HostHeldError)) throw error;
      throw new FetchFailure('rate-limited', `${error.host} asked to be left alone until ${new Date(error.until).toISOString()} (Retry-After), so nothing is sent to it before then`);
    }
  }

  private requestOptions(headers: Record<string, string>) {
    return { headers: { 'user-agent': this.userAgent, ...headers }, timeoutMs: this.options.timeoutMs, maxBytes: this.options.maxBytes, allowPrivateAddresses: this.options.allowPrivateAddresses };
  }

  private async checkRobots(url: URL): Promise<void> {
    const refusal = (await this.robotsFor(url)).refusal(url);
    if (refusal !== null) throw new FetchFailure('robots', refusal);
  }

  /** robots.txt per origin, cached; 4xx = no rules, 5xx or unreachable = keep out for now (as Google does). */
  private robotsFor(url: URL): Promise<RobotsEntry> {
    const origin = url.origin;
    const cached = this.robots.get(origin);
    const now = this.options.now();
    if (cached) {
      return cached.then((entry) => (now - entry.fetchedAt < this.options.robotsTtlMs ? entry : this.loadRobots(url)));
    }
    return this.loadRobots(url);
  }

  private loadRobots(url: URL): Promise<RobotsEntry> {
    const robotsUrl = new URL('/robots.txt', url.origin);
    const load = this.send(url, () => requestOnce(robotsUrl, this.requestOptions({ accept: 'text/plain' }))).then((response): RobotsEntry => {
      const fetchedAt = this.options.now();
      if (response.status >= 200 && response.status < 300) {
        const rules = robotsParser(robotsUrl.href, response.body.toString('utf8'));
        const crawlDelay = rules.getCrawlDelay(ROBOTS_AGENT);
        if (typeof crawlDelay === 'number' && crawlDelay > 0) this.queue.slowDown(url.host, Math.min(MAX_CRAWL_DELAY_MS, crawlDelay * 1000));
        return {
          fetchedAt,
          refusal: (target) => (rules.isAllowed(target.href, ROBOTS_AGENT) === false ? `robots.txt of ${target.host} does not allow ${ROBOTS_AGENT} to fetch ${target.pathname}` : null),
        };
      }
      if (response.status >= 500) {
        this.robots.delete(url.origin);
        return { fetchedAt, refusal: (target) => `robots.txt of ${target.host} answered HTTP ${response.status}, so nothing there is fetched until it can be read` };
      }
      return { fetchedAt, refusal: () => null };
    });
    // A failed robots.txt fetch (unreachable host, refused address) is the page's failure too, and is not cached.
    load.catch(() => this.robots.delete(url.origin));
    this.robots.set(url.origin, load);
    return load;
  }
}

function parseUrl(address: string | URL): URL {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new FetchFailure('bad-url', `"${String(address)}" is not a web address`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FetchFailure('bad-url', `only http and https addresses are fetched, not ${url.protocol.replace(':', '')}`);
  if (url.username || url.password) throw new FetchFailure('bad-url', 'addresses with a user name or password are not fetched');
  url.hash = '';
  return url;
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
