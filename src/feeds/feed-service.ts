import type { Logger } from 'pino';
import type { ReloadResult } from '../desk/reload-report.js';
import { FeedConfigSchema, FeedListError, FeedsFile, type FeedConfig } from './feeds-file.js';
import { FeedFormatError } from './feed-parse.js';
import { FetchFailure } from './fetch-errors.js';
import { WorkerExtractor } from './article-extractor.js';
import type { CorpusUrlLookup } from './corpus-urls.js';
import { ArticleIngest, type ArticleOutcome, type FeedPollReport } from './ingest.js';
import type { FeedStateStore } from './feed-state-store.js';
import { IngestState } from './ingest-state.js';
import { PoliteFetcher, type PoliteFetcherOptions } from './polite-fetcher.js';

export interface FeedServiceOptions {
  corpusDir: string;
  /** The moderator-edited feed list (YAML or JSON). */
  feedsFile: string;
  /** Where validators, seen items and written files are remembered (outside the corpus folder). */
  stateFile: string;
  /**
   * Remembered there instead of in `stateFile`: a store shared by every process that may be the
   * writer (with DATABASE_URL, PostgreSQL's), which then also polls one process at a time. The
   * service closes it when it stops.
   */
  stateStore?: FeedStateStore;
  fetcher?: PoliteFetcherOptions;
  /** The desk's reload, called once after a round that wrote files, so new articles are served. */
  reload?: (trigger: string) => Promise<ReloadResult>;
  logger?: Logger;
  /** How often the schedule is checked (default 30 s); each feed is polled on its own `every`. */
  tickMs?: number;
  now?: () => number;
  /** Read pages on a worker thread (default true), so a big page never pauses the bot's answers. */
  extractInWorker?: boolean;
  /** The served corpus's articles by URL (see corpus-urls.ts), so nothing already there is fetched in twice. */
  corpusUrls?: CorpusUrlLookup;
}

export interface FeedStatus {
  feed: FeedConfig;
  lastPolledAt: number | null;
  lastError: string | null;
}

/** Result of a moderator adding one article: what happened to it, and the reload that serves it. */
export interface ArticleAdded {
  outcome: ArticleOutcome;
  reload: ReloadResult | null;
}

const WROTE = new Set(['added', 'updated']);

/**
 * The running bot's feeds: polls each listed feed on its schedule, adds single URLs for
 * moderators, edits the feed list, and asks the desk to reload after writing files. It only
 * writes files and calls reload; the core never waits on the network.
 */
export class FeedService {
  readonly file: FeedsFile;
  private timer: NodeJS.Timeout | null = null;
  private round: Promise<FeedPollReport[]> | null = null;

  private constructor(
    private readonly options: FeedServiceOptions,
    private readonly state: IngestState,
    readonly ingest: ArticleIngest,
    readonly fetcher: PoliteFetcher,
    private readonly extractor: WorkerExtractor | null,
  ) {
    this.file = new FeedsFile(options.feedsFile);
  }

  static async open(options: FeedServiceOptions): Promise<FeedService> {
    const where = options.stateStore?.where ?? options.stateFile;
    const warn = (problem: string): void => options.logger?.warn({ feedState: where }, problem);
    const { state, problem } = await IngestState.open(options.stateStore ?? options.stateFile, warn);
    if (problem) warn(problem);
    const fetcher = new PoliteFetcher(options.fetcher);
    if (!options.fetcher?.contactUrl) options.logger?.warn('FETCH_CONTACT_URL is not set: site owners cannot tell who runs this bot');
    const clock = options.now;
    const extractor = options.extractInWorker === false ? null : new WorkerExtractor();
    const ingest = new ArticleIngest({
      corpusDir: options.corpusDir,
      state,
      fetcher,
      ...(options.logger ? { logger: options.logger } : {}),
      ...(clock ? { now: () => new Date(clock()) } : {}),
      ...(extractor ? { extract: extractor.extract } : {}),
      ...(options.corpusUrls ? { corpusUrls: options.corpusUrls } : {}),
    });
    return new FeedService(options, state, ingest, fetcher, extractor);
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  /** The listed feeds with when each was last polled and its last error; bad entries as problems. */
  async list(): Promise<{ feeds: FeedStatus[]; problems: string[] }> {
    const { feeds, problems } = await this.file.read();
    // What other processes polled meanwhile, unless a round of this one is using the state now.
    if (this.round === null) await this.state.refresh().catch((error: unknown) => this.options.logger?.warn({ err: error, feedState: this.state.where }, 'could not re-read the feed state; listing what this process knows'));
    return {
      feeds: feeds.map((feed) => {
        const state = this.state.peekFeed(feed.url);
        return { feed, lastPolledAt: state?.lastPolledAt ?? null, lastError: state?.lastError ?? null };
      }),
      problems,
    };
  }

  /**
   * Checks that `url` is a feed we can read (fetching it once), then lists it. The name defaults
   * to the feed's own title. Throws {@link FeedListError} with the reason when it cannot be added.
   */
  async addFeed(input: { url: string; name?: string; every?: string; include?: string[]; exclude?: string[] }): Promise<{ feed: FeedConfig; items: number }> {
    const shape = FeedConfigSchema.safeParse({ ...input, name: input.name ?? 'unnamed' });
    if (!shape.success) throw new FeedListError(shape.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; '));
    const { feeds } = await this.file.read();
    if (feeds.some((feed) => feed.url === shape.data.url)) throw new FeedListError(`${shape.data.url} is already followed`);
    let parsed;
    try {
      parsed = await this.ingest.readFeed(shape.data.url);
    } catch (error) {
      if (error instanceof FetchFailure || error instanceof FeedFormatError) throw new FeedListError(error.message);
      throw error;
    }
    const name = input.name?.trim() || parsed.title || new URL(shape.data.url).hostname;
    const feed = await this.file.add({ ...input, url: shape.data.url, name: name.slice(0, 100) });
    this.options.logger?.info({ feed: feed.url, name: feed.name }, 'feed added');
    return { feed, items: parsed.items.length };
  }

  /** Stops following a feed (by URL or name). Articles it brought in stay in the corpus. */
  async removeFeed(urlOrName: string): Promise<FeedConfig> {
    const feed = await this.file.remove(urlOrName);
    this.state.forgetFeed(feed.url);
    await this.state.save();
    this.options.logger?.info({ feed: feed.url }, 'feed removed');
    return feed;
  }

  /** A moderator's `/corpus add url:`: fetch, write, reload; the outcome says what happened or why not. */
  async addArticle(url: string, outlet?: string): Promise<ArticleAdded> {
    const outcome = await this.ingest.addArticle(url, { explicit: true, ...(outlet ? { outlet } : {}) });
    const reload = WROTE.has(outcome.status) && this.options.reload ? await this.options.reload(`article added: ${outcome.url}`) : null;
    return { outcome, reload };
  }

  /** Polls the feeds whose `every` has passed since their last poll (all of them, first time). */
  pollDue(): Promise<FeedPollReport[]> {
    return this.runRound((feed) => {
      const last = this.state.peekFeed(feed.url)?.lastPolledAt;
      return last === undefined || this.now() - last >= feed.every;
    });
  }

  /** Polls every listed feed now, whatever its schedule (`npm run fetch`). */
  pollAll(): Promise<FeedPollReport[]> {
    return this.runRound(() => true);
  }

  /** Starts the schedule: checks every `tickMs`, polls what is due. Does not keep the process alive. */
  start(): void {
    if (this.timer) return;
    const tick = (): void => {
      this.pollDue().catch((error: unknown) => this.options.logger?.error({ err: error }, 'feed poll failed'));
    };
    this.timer = setInterval(tick, this.options.tickMs ?? 30_000);
    this.timer.unref();
    tick();
  }

  /**
   * Stops the schedule and waits (up to `waitMs`) for a round in progress. A round cut short
   * loses nothing: files and state are written whole or not at all, and the next start resumes.
   */
  async stop(waitMs = 5_000): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.round) await this.waitForRound(waitMs);
    await this.extractor?.close();
    await this.state.close();
  }

  private async waitForRound(waitMs: number): Promise<void> {
    if (!this.round) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, waitMs);
      timer.unref();
    });
    await Promise.race([this.round.then(() => undefined, () => undefined), timeout]);
    clearTimeout(timer);
  }

  /**
   * One round at a time: a slow feed is never polled twice at once. Feeds on different hosts run
   * side by side. With a shared state store, one round at a time across processes too: a process
   * whose turn it is not polls nothing (its next tick tries again).
   */
  private runRound(due: (feed: FeedConfig) => boolean): Promise<FeedPollReport[]> {
    if (this.round) return this.round;
    const round = this.state.exclusively(() => this.pollRound(due)).then((outcome) => {
      if (outcome.ran) return outcome.result;
      this.options.logger?.debug({ feedState: this.state.where }, 'another process is polling the feeds; skipping this round');
      return [];
    }).finally(() => {
      this.round = null;
    });
    this.round = round;
    return round;
  }

  private async pollRound(due: (feed: FeedConfig) => boolean): Promise<FeedPollReport[]> {
    const { feeds, problems } = await this.file.read();
    for (const problem of problems) this.options.logger?.warn({ feedsFile: this.file.file }, problem);
    const reports = await Promise.all(feeds.filter(due).map((feed) => this.ingest.pollFeed(feed)));
    for (const report of reports) this.log(report);
    const written = reports.reduce((sum, report) => sum + (report.status === 'polled' ? report.items.filter((item) => WROTE.has(item.status)).length : 0), 0);
    if (written > 0 && this.options.reload) await this.options.reload(`feeds: ${written} new or updated article${written === 1 ? '' : 's'}`);
    return reports;
  }

  private log(report: FeedPollReport): void {
    const logger = this.options.logger;
    if (!logger) return;
    if (report.status === 'failed') return void logger.warn({ feed: report.feed.url, reason: report.reason }, 'feed could not be polled');
    if (report.status === 'not-modified') return void logger.debug({ feed: report.feed.url }, 'feed not modified');
    const counts: Record<string, number> = {};
    for (const item of report.items) counts[item.status] = (counts[item.status] ?? 0) + 1;
    logger.info({ feed: report.feed.url, seen: report.seen, ...counts }, 'feed polled');
    for (const item of report.items) {
      if (item.status === 'refused' || item.status === 'skipped') logger.debug({ feed: report.feed.url, url: item.url, status: item.status, reason: item.reason }, 'feed item not added');
    }
  }
}
