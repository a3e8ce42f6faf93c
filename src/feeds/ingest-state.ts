import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

const FeedStateSchema = z.object({
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  /** Epoch ms of the last poll attempt, successful or not: when the next one is due. */
  lastPolledAt: z.number().optional(),
  lastError: z.string().optional(),
  /** Item key → fingerprint of what the feed said about it (title, date, summary, link). */
  items: z.record(z.string(), z.string()).default({}),
});
export type FeedState = z.infer<typeof FeedStateSchema>;

const ArticleStateSchema = z.object({
  /** Relative to the corpus folder. */
  file: z.string(),
  contentHash: z.string(),
});

const StateFileSchema = z.object({
  version: z.literal(1),
  feeds: z.record(z.string(), FeedStateSchema).default({}),
  /** Canonical URL → the file written for it. */
  articles: z.record(z.string(), ArticleStateSchema).default({}),
});
type StateFile = z.infer<typeof StateFileSchema>;

/**
 * What the fetcher remembers between runs: feed validators (ETag, Last-Modified) for conditional
 * GETs, the items already seen, and which file holds which article. It lives outside the corpus
 * folder (in the cache folder); losing it costs one re-fetch, never a duplicate, because files
 * are named from the canonical URL.
 */
export class IngestState {
  private saving: Promise<void> = Promise.resolve();
  /** Content hash → canonical URL, kept beside `data.articles` so the duplicate check is one lookup. */
  private readonly byContent = new Map<string, string>();

  private constructor(
    private readonly file: string,
    private data: StateFile,
  ) {
    for (const [url, entry] of Object.entries(data.articles)) this.byContent.set(entry.contentHash, url);
  }

  /** Reads the state file; a missing or unreadable one starts empty (and says so through `problem`). */
  static async open(file: string): Promise<{ state: IngestState; problem: string | null }> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      return { state: new IngestState(file, emptyState()), problem: missing ? null : `could not read ${file}: ${(error as Error).message}` };
    }
    try {
      return { state: new IngestState(file, StateFileSchema.parse(JSON.parse(text))), problem: null };
    } catch (error) {
      return { state: new IngestState(file, emptyState()), problem: `${file} is not a valid feed state file (${(error as Error).message.split('\n')[0]}); starting afresh` };
    }
  }

  /** The feed's state, created empty on first use (a poll is about to fill it). */
  feed(url: string): FeedState {
    return (this.data.feeds[url] ??= { items: {} });
  }

  /** The feed's state if it was ever polled, without creating any: for listings. */
  peekFeed(url: string): Readonly<FeedState> | undefined {
    return this.data.feeds[url];
  }

  article(canonical: string): { file: string; contentHash: string } | undefined {
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
  }

  forgetFeed(url: string): void {
    delete this.data.feeds[url];
  }

  /**
   * Writes atomically (temporary file, then rename), so a crash never leaves half a state file;
   * saves run one after another, as feeds polled side by side save at the same moments.
   */
  save(): Promise<void> {
    const write = async (): Promise<void> => {
      await mkdir(path.dirname(this.file), { recursive: true });
      const temporary = `${this.file}.${process.pid}.tmp`;
      await writeFile(temporary, `${JSON.stringify(this.data, null, 1)}\n`);
      await rename(temporary, this.file);
    };
    const run = this.saving.then(write, write);
    this.saving = run.catch(() => undefined);
    return run;
  }
}

function emptyState(): StateFile {
  return { version: 1, feeds: {}, articles: {} };
}
