import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { emptyFeedState, FeedStateDataSchema, type FeedStateData, type FeedStateStore } from './feed-state-store.js';

/**
 * The fetcher's memory as one JSON file outside the corpus folder (in the cache folder), for a
 * single process. Losing it costs one re-fetch, never a duplicate, because files are named from
 * the canonical URL.
 */
export class FileFeedStateStore implements FeedStateStore {
  readonly shared = false;

  constructor(readonly file: string) {}

  get where(): string {
    return this.file;
  }

  async load(): Promise<{ data: FeedStateData; problem: string | null }> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      return { data: emptyFeedState(), problem: missing ? null : `could not read ${this.file}: ${(error as Error).message}` };
    }
    try {
      return { data: FeedStateDataSchema.parse(JSON.parse(text)), problem: null };
    } catch (error) {
      return { data: emptyFeedState(), problem: `${this.file} is not a valid feed state file (${(error as Error).message.split('\n')[0]}); starting afresh` };
    }
  }

  /** The whole state, atomically (temporary file, then rename): a crash never leaves half a file. */
  async save(data: Readonly<FeedStateData>): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    await writeFile(temporary, `${JSON.stringify(data, null, 1)}\n`);
    await rename(temporary, this.file);
  }

  async exclusively<T>(work: () => Promise<T>): Promise<{ ran: true; result: T }> {
    return { ran: true, result: await work() };
  }

  async close(): Promise<void> {}
}
