import { z } from 'zod';

export const FeedStateSchema = z.object({
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  /** Epoch ms of the last poll attempt, successful or not: when the next one is due. */
  lastPolledAt: z.number().optional(),
  lastError: z.string().optional(),
  /** Item key → fingerprint of what the feed said about it (title, date, summary, link). */
  items: z.record(z.string(), z.string()).default({}),
});
export type FeedState = z.infer<typeof FeedStateSchema>;

export const ArticleStateSchema = z.object({
  /** Relative to the corpus folder. */
  file: z.string(),
  contentHash: z.string(),
});
export type ArticleState = z.infer<typeof ArticleStateSchema>;

export const FeedStateDataSchema = z.object({
  version: z.literal(1),
  feeds: z.record(z.string(), FeedStateSchema).default({}),
  /** Canonical URL → the file written for it. */
  articles: z.record(z.string(), ArticleStateSchema).default({}),
});
/** Everything the fetcher remembers: per feed, and per article written. */
export type FeedStateData = z.infer<typeof FeedStateDataSchema>;

/** What changed since the last save: feeds touched (null when forgotten) and articles recorded. */
export interface FeedStateChanges {
  feeds: ReadonlyMap<string, Readonly<FeedState> | null>;
  articles: ReadonlyMap<string, Readonly<ArticleState>>;
}

/**
 * Where the fetcher's memory lives. A file in the cache folder for one process (the default), or a
 * database shared by every process that may be the writer (src/stores/postgres/feed-state.ts), so a
 * writer that takes over polls on from where the last one stopped. The feed code sees only this.
 */
export interface FeedStateStore {
  /** Said in logs and problems: the file, or which database. */
  readonly where: string;
  /** Other processes write it too: re-read it before each poll round. */
  readonly shared: boolean;
  /** Everything remembered; an unreadable store starts empty and says why in `problem`. */
  load(): Promise<{ data: FeedStateData; problem: string | null }>;
  /** Keeps `changes` (a store may also write the whole of `data`), all or nothing. */
  save(data: Readonly<FeedStateData>, changes: FeedStateChanges): Promise<void>;
  /**
   * Runs one poll round while no other process sharing the store runs one; `ran: false`, without
   * running it, when another does. A store only this process uses just runs it.
   */
  exclusively<T>(work: () => Promise<T>): Promise<{ ran: true; result: T } | { ran: false }>;
  close(): Promise<void>;
}

export function emptyFeedState(): FeedStateData {
  return { version: 1, feeds: {}, articles: {} };
}
