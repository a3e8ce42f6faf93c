import { FileFeedStateStore } from './feed-state-file.js';
import type { ArticleState, FeedState, FeedStateChanges, FeedStateData, FeedStateStore } from './feed-state-store.js';

export type { FeedState } from './feed-state-store.js';

/**
 * What the fetcher remembers between runs: feed validators (ETag, Last-Modified) for conditional
 * GETs, the items already seen, and which file holds which article. Held in memory and kept in a
 * {@link FeedStateStore}: a file in the cache folder by default, or a database every process that
 * may be the writer shares. Losing it costs one re-fetch, never a duplicate, because files are
 * named from the canonical URL.
 */
export class IngestState {
  private saving: Promise<void> = Promise.resolve();
  /** Content hash → canonical URL, kept beside `data.articles` so the duplicate check is one lookup. */
  private byContent = new Map<string, string>();
  /** Touched since the last save: feeds handed out for changing (or forgotten), articles recorded. */
  private touchedFeeds = new Set<string>();
  private touchedArticles = new Set<string>();
  /** Re-reads begun and the latest one whose result was taken: an overtaken re-read is dropped. */
  private refreshesBegun = 0;
  private refreshTaken = 0;
  /** What the last re-read found wrong with the store, so the same problem is warned of once. */
  private lastProblem: string | null = null;

  private constructor(
    private readonly store: FeedStateStore,
    private data: FeedStateData,
    private readonly warn: (problem: string) => void,
  ) {
    this.index();
  }

  /**
   * Reads the state from a file (a path) or another store; a missing or unreadable one starts
   * empty (and says so through `problem`). The state owns the store from then on ({@link close}).
   * `warn` hears what is wrong with the store when it is re-read later (rows left out and polled
   * afresh), which never stops polling.
   */
  static async open(fileOrStore: string | FeedStateStore, warn: (problem: string) => void = () => undefined): Promise<{ state: IngestState; problem: string | null }> {
    const store = typeof fileOrStore === 'string' ? new FileFeedStateStore(fileOrStore) : fileOrStore;
    const { data, problem } = await store.load();
    return { state: new IngestState(store, data, warn), problem };
  }

  /** Where the state is kept, for logs. */
  get where(): string {
    return this.store.where;
  }

  /** The feed's state, created empty on first use (a poll is about to fill it, and the next save keeps it). */
  feed(url: string): FeedState {
    this.touchedFeeds.add(url);
    return (this.data.feeds[url] ??= { items: {} });
  }

  /** The feed's state if it was ever polled, without creating any: for listings. */
  peekFeed(url: string): Readonly<FeedState> | undefined {
    return this.data.feeds[url];
  }

  article(canonical: string): Readonly<ArticleState> | undefined {
    return this.data.articles[canonical];
  }

  /** The canonical URL whose file has this body, if any: the same story at a second address. */
  urlWithContent(hash: string): string | undefined {
    return this.byContent.get(hash);
  }

  recordArticle(canonical: string, file: string, hash: string): void {
    const previous = this.data.articles[canonical];
    if (previous && this.byContent.get(previous.contentHash) === canonical) this.byContent.delete(previous.contentHash);
    this.data.articles[canonical] = { file, contentHash: hash };
    this.byContent.set(hash, canonical);
    this.touchedArticles.add(canonical);
  }

  forgetFeed(url: string): void {
    delete this.data.feeds[url];
    this.touchedFeeds.add(url);
  }

  /**
   * Keeps what changed since the last save; saves run one after another, as feeds polled side by
   * side save at the same moments. A failed save keeps its changes for the next one.
   */
  save(): Promise<void> {
    const write = async (): Promise<void> => {
      const feeds = this.touchedFeeds;
      const articles = this.touchedArticles;
      this.touchedFeeds = new Set();
      this.touchedArticles = new Set();
      const changes: FeedStateChanges = {
        feeds: new Map([...feeds].map((url) => [url, this.data.feeds[url] ?? null])),
        articles: new Map([...articles].flatMap((url) => (this.data.articles[url] ? [[url, this.data.articles[url]] as const] : []))),
      };
      try {
        await this.store.save(this.data, changes);
      } catch (error) {
        for (const url of feeds) this.touchedFeeds.add(url);
        for (const url of articles) this.touchedArticles.add(url);
        throw error;
      }
    };
    const run = this.saving.then(write, write);
    this.saving = run.catch(() => undefined);
    return run;
  }

  /**
   * Runs one poll round alone among the processes sharing the store, on the state as they left it
   * (re-read first when the store is shared); `ran: false` when another process is polling.
   * Call it only when nothing of this process is using the state meanwhile (one round at a time).
   */
  exclusively<T>(work: () => Promise<T>): Promise<{ ran: true; result: T } | { ran: false }> {
    return this.store.exclusively(async () => {
      await this.refresh();
      return work();
    });
  }

  /**
   * Re-reads a shared store (what other processes polled meanwhile), after this process's own saves.
   * A re-read that a later one overtook is dropped: a listing's re-read still on the wire when a poll
   * round re-read and began filling the state must not replace the state under the round, or the
   * round's new validators would be saved from a discarded object. Rows the store could not read
   * are left out, so those feeds are polled afresh and saved whole again; `warn` hears of them.
   */
  async refresh(): Promise<void> {
    if (!this.store.shared) return;
    const ticket = ++this.refreshesBegun;
    await this.saving;
    if (this.touchedFeeds.size > 0 || this.touchedArticles.size > 0) await this.save();
    const { data, problem } = await this.store.load();
    // Said once while it lasts: a bad row of a feed no longer listed is never saved again, and a
    // warning every round would bury the log.
    if (problem !== null && problem !== this.lastProblem) this.warn(problem);
    this.lastProblem = problem;
    if (ticket < this.refreshTaken) return;
    this.refreshTaken = ticket;
    this.data = data;
    this.index();
  }

  close(): Promise<void> {
    return this.saving.then(() => this.store.close());
  }

  private index(): void {
    this.byContent = new Map(Object.entries(this.data.articles).map(([url, entry]) => [entry.contentHash, url]));
  }
}
