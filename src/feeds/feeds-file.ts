import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isMap, isSeq, parseDocument, YAMLMap, YAMLSeq, type Document } from 'yaml';
import { z } from 'zod';

const DURATION = /^(\d+)\s*(s|m|h|d)$/;
const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
/** Polling a feed more often than this is not polite, whatever the file says. */
export const MIN_POLL_MS = 5 * 60_000;

/** `every: 30m` — how often a feed is polled: seconds, minutes, hours or days, at least 5 minutes. */
export const PollIntervalSchema = z
  .string()
  .trim()
  .regex(DURATION, 'must be a duration such as 30m, 2h or 1d')
  .transform((text) => {
    const [, amount, unit] = DURATION.exec(text)!;
    return Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS];
  })
  .refine((ms) => ms >= MIN_POLL_MS, 'must be at least 5m (polling more often is not polite)');

const keywords = z.array(z.string().trim().min(1, 'keywords must not be empty')).default([]);

/** One feed a moderator follows. `name` is shown as the outlet of every article from it. */
export const FeedConfigSchema = z.object({
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) address' }),
  name: z.string().trim().min(1, 'is empty').max(100, 'is longer than 100 characters'),
  every: PollIntervalSchema.default(30 * 60_000),
  /** Keep an item only if its title or summary has one of these (case-insensitive); empty = keep all. */
  include: keywords,
  /** Skip an item whose title or summary has any of these. */
  exclude: keywords,
});
export type FeedConfig = z.infer<typeof FeedConfigSchema>;
export type FeedConfigInput = z.input<typeof FeedConfigSchema>;

export interface FeedsFileRead {
  feeds: FeedConfig[];
  /** One line per bad entry ("feed 3 (url): every must be …"); the good entries still count. */
  problems: string[];
}

/**
 * The moderator-edited list of feeds (`feeds.yaml`, or `.json`): `feeds:` holding entries with
 * url, name, every, include, exclude. Read fresh on every poll, so edits apply without a restart;
 * `/feeds add` and `/feeds remove` edit it through the YAML document, keeping comments.
 */
export class FeedsFile {
  private editing: Promise<unknown> = Promise.resolve();

  constructor(readonly file: string) {}

  private get isJson(): boolean {
    return path.extname(this.file).toLowerCase() === '.json';
  }

  async read(): Promise<FeedsFileRead> {
    const text = await this.readText();
    if (text === null) return { feeds: [], problems: [] };
    let data: unknown;
    try {
      data = this.isJson ? JSON.parse(text) : this.parseYaml(text).toJS();
    } catch (error) {
      return { feeds: [], problems: [`${this.file}: ${(error as Error).message.split('\n')[0]}`] };
    }
    if (data === null || data === undefined) return { feeds: [], problems: [] };
    const entries = (data as { feeds?: unknown }).feeds;
    if (typeof data !== 'object' || !Array.isArray(entries)) {
      return { feeds: [], problems: [`${this.file}: expected a "feeds:" list at the top level`] };
    }
    const feeds: FeedConfig[] = [];
    const problems: string[] = [];
    const seen = new Set<string>();
    entries.forEach((entry: unknown, index) => {
      const label = `${this.file}: feed ${index + 1}${typeof (entry as { url?: unknown })?.url === 'string' ? ` (${(entry as { url: string }).url})` : ''}`;
      const parsed = FeedConfigSchema.safeParse(entry);
      if (!parsed.success) {
        problems.push(`${label}: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'entry'} ${issue.message}`).join('; ')}`);
        return;
      }
      if (seen.has(parsed.data.url)) return void problems.push(`${label}: listed twice; the first entry is used`);
      seen.add(parsed.data.url);
      feeds.push(parsed.data);
    });
    return { feeds, problems };
  }

  /** Appends a feed; refuses one whose URL is already listed. */
  add(feed: FeedConfigInput): Promise<FeedConfig> {
    return this.edit(async () => {
      const checked = FeedConfigSchema.parse(feed);
      const { feeds } = await this.read();
      if (feeds.some((existing) => existing.url === checked.url)) throw new FeedListError(`${checked.url} is already followed`);
      const entry = { url: checked.url, name: checked.name, ...(feed.every ? { every: feed.every } : {}), ...(checked.include.length ? { include: checked.include } : {}), ...(checked.exclude.length ? { exclude: checked.exclude } : {}) };
      await this.modify((list) => list.push(entry), (doc) => {
        const seq = doc.get('feeds');
        if (isSeq(seq)) seq.add(doc.createNode(entry));
        else doc.set('feeds', doc.createNode([entry]));
      });
      return checked;
    });
  }

  /** Removes the feed with this URL (or, failing that, this name); returns it. */
  remove(urlOrName: string): Promise<FeedConfig> {
    return this.edit(async () => {
      const { feeds } = await this.read();
      const wanted = urlOrName.trim();
      const feed = feeds.find((f) => f.url === wanted) ?? feeds.find((f) => f.name.toLowerCase() === wanted.toLowerCase());
      if (!feed) throw new FeedListError(`no followed feed has the address or name "${wanted}"`);
      const matches = (entry: unknown): boolean => (entry as { url?: unknown } | null)?.url === feed.url;
      await this.modify(
        (list) => list.splice(list.findIndex(matches), 1),
        (doc) => {
          const seq = doc.get('feeds');
          if (!isSeq(seq)) return;
          const index = seq.items.findIndex((item) => isMap(item) && item.get('url') === feed.url);
          if (index !== -1) seq.delete(index);
        },
      );
      return feed;
    });
  }

  private edit<T>(work: () => Promise<T>): Promise<T> {
    const run = this.editing.then(work, work);
    this.editing = run.catch(() => undefined);
    return run;
  }

  private async modify(onJson: (list: unknown[]) => void, onYaml: (doc: Document) => void): Promise<void> {
    const text = (await this.readText()) ?? '';
    let out: string;
    if (this.isJson) {
      const data = text.trim() === '' ? { feeds: [] } : (JSON.parse(text) as { feeds?: unknown[] });
      data.feeds ??= [];
      onJson(data.feeds);
      out = `${JSON.stringify(data, null, 2)}\n`;
    } else {
      const doc = text.trim() === '' ? parseDocument('# Feeds Quotedesk follows (see .env.example, FEEDS_FILE).\nfeeds: []\n') : this.parseYaml(text);
      onYaml(doc);
      const seq = doc.get('feeds');
      if (seq instanceof YAMLSeq) seq.flow = seq.items.length === 0;
      out = doc.toString();
    }
    await mkdir(path.dirname(path.resolve(this.file)), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    await writeFile(temporary, out);
    await rename(temporary, this.file);
  }

  private parseYaml(text: string): Document {
    const doc = parseDocument(text);
    if (doc.errors.length > 0) throw new Error(`not valid YAML: ${doc.errors[0]!.message}`);
    if (doc.contents !== null && !(doc.contents instanceof YAMLMap)) throw new Error('expected a "feeds:" list at the top level');
    return doc;
  }

  private async readText(): Promise<string | null> {
    try {
      return await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }
}

/** A feed list edit that cannot be made, with the reason for the moderator. */
export class FeedListError extends Error {
  override name = 'FeedListError';
}
