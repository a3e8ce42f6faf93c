import pg from 'pg';
import { emptyFeedState, FeedStateSchema, type FeedStateChanges, type FeedStateData, type FeedStateStore } from '../../feeds/feed-state-store.js';
import { migratePool } from './migrate.js';

/** Held by the process polling the feeds for the length of one round (ingest.ts holds 7_314_002 while writing a version). */
const FEEDS_LOCK = 7_314_003;

interface FeedRow {
  url: string;
  etag: string | null;
  last_modified: string | null;
  polled_ms: number | null;
  last_error: string | null;
  items: unknown;
}

/**
 * The fetcher's memory in PostgreSQL (tables `feeds` and `feed_articles`, migration 005), shared by
 * every process that may be the writer: a process that takes over finds the validators, seen items
 * and written files where the last one left them, and poll rounds run one process at a time (an
 * advisory lock held for the round, released by PostgreSQL should the process die).
 */
export class PostgresFeedState implements FeedStateStore {
  readonly shared = true;

  private constructor(private readonly pool: pg.Pool) {}

  /**
   * Connects and brings the schema up to date. `importFrom` (the file a single process kept):
   * copied in once, when the database holds no feed state yet, so moving a bot to PostgreSQL
   * re-fetches nothing.
   */
  static async open(options: { url: string; importFrom?: FeedStateStore }): Promise<PostgresFeedState> {
    // One connection holds the round's lock; saves during the round take another.
    const pool = new pg.Pool({ connectionString: options.url, max: 3 });
    pool.on('error', () => undefined);
    try {
      await migratePool(pool);
      const store = new PostgresFeedState(pool);
      if (options.importFrom) await store.importOnce(options.importFrom);
      return store;
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
  }

  private async importOnce(from: FeedStateStore): Promise<void> {
    const held = await this.pool.query<{ empty: boolean }>('SELECT NOT EXISTS (SELECT 1 FROM feeds) AND NOT EXISTS (SELECT 1 FROM feed_articles) AS empty');
    if (!held.rows[0]!.empty) return;
    const { data, problem } = await from.load();
    if (problem) return;
    // Two processes importing at once write the same rows: upserts, harmless.
    await this.save(data, { feeds: new Map(Object.entries(data.feeds)), articles: new Map(Object.entries(data.articles)) });
  }

  get where(): string {
    return 'PostgreSQL (tables feeds, feed_articles)';
  }

  async load(): Promise<{ data: FeedStateData; problem: string | null }> {
    const [feeds, articles] = await Promise.all([
      this.pool.query<FeedRow>(`SELECT url, etag, last_modified, round(extract(epoch FROM last_polled_at) * 1000)::float8 AS polled_ms, last_error, items FROM feeds`),
      this.pool.query<{ url: string; file: string; content_hash: string }>('SELECT url, file, content_hash FROM feed_articles'),
    ]);
    const data = emptyFeedState();
    const bad: string[] = [];
    for (const row of feeds.rows) {
      const parsed = FeedStateSchema.safeParse({
        ...(row.etag === null ? {} : { etag: row.etag }),
        ...(row.last_modified === null ? {} : { lastModified: row.last_modified }),
        ...(row.polled_ms === null ? {} : { lastPolledAt: row.polled_ms }),
        ...(row.last_error === null ? {} : { lastError: row.last_error }),
        items: row.items,
      });
      if (parsed.success) data.feeds[row.url] = parsed.data;
      else bad.push(row.url);
    }
    for (const row of articles.rows) data.articles[row.url] = { file: row.file, contentHash: row.content_hash };
    return { data, problem: bad.length === 0 ? null : `the feed state of ${bad.join(', ')} in PostgreSQL is not valid; polling ${bad.length === 1 ? 'it' : 'them'} afresh` };
  }

  /** Writes only what changed, in one transaction; values travel as array parameters. */
  async save(_data: Readonly<FeedStateData>, changes: FeedStateChanges): Promise<void> {
    const kept = [...changes.feeds].flatMap(([url, state]) => (state === null ? [] : [{ url, state }]));
    const forgotten = [...changes.feeds].flatMap(([url, state]) => (state === null ? [url] : []));
    const articles = [...changes.articles];
    if (kept.length === 0 && forgotten.length === 0 && articles.length === 0) return;
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      if (forgotten.length > 0) await client.query('DELETE FROM feeds WHERE url = ANY ($1::text[])', [forgotten]);
      if (kept.length > 0) {
        await client.query(
          `INSERT INTO feeds (url, etag, last_modified, last_polled_at, last_error, items)
           SELECT url, etag, last_modified, to_timestamp(polled_ms / 1000), last_error, items::jsonb
             FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[], $5::text[], $6::text[]) AS t(url, etag, last_modified, polled_ms, last_error, items)
           ON CONFLICT (url) DO UPDATE SET etag = EXCLUDED.etag, last_modified = EXCLUDED.last_modified, last_polled_at = EXCLUDED.last_polled_at,
                                           last_error = EXCLUDED.last_error, items = EXCLUDED.items`,
          [
            kept.map(({ url }) => url),
            kept.map(({ state }) => state.etag ?? null),
            kept.map(({ state }) => state.lastModified ?? null),
            kept.map(({ state }) => state.lastPolledAt ?? null),
            kept.map(({ state }) => state.lastError ?? null),
            kept.map(({ state }) => JSON.stringify(state.items)),
          ],
        );
      }
      if (articles.length > 0) {
        await client.query(
          `INSERT INTO feed_articles (url, file, content_hash) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
           ON CONFLICT (url) DO UPDATE SET file = EXCLUDED.file, content_hash = EXCLUDED.content_hash`,
          [articles.map(([url]) => url), articles.map(([, entry]) => entry.file), articles.map(([, entry]) => entry.contentHash)],
        );
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async exclusively<T>(work: () => Promise<T>): Promise<{ ran: true; result: T } | { ran: false }> {
    const client = await this.pool.connect();
    let locked = false;
    try {
      locked = (await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [FEEDS_LOCK])).rows[0]!.locked;
      if (!locked) return { ran: false };
      return { ran: true, result: await work() };
    } finally {
      // A connection that could not unlock may still hold the lock: closed, not pooled, so it lets go.
      let broken: Error | undefined;
      if (locked) await client.query('SELECT pg_advisory_unlock($1)', [FEEDS_LOCK]).catch((error: unknown) => (broken = error instanceof Error ? error : new Error(String(error))));
      client.release(broken);
    }
  }

  private closing: Promise<void> | null = null;

  /** Ends the connections; a second call waits for the first. */
  close(): Promise<void> {
    return (this.closing ??= this.pool.end());
  }
}
