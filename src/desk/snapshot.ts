import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { CorpusLoad } from '../corpus/load.js';
import type { ArticleQuotes } from '../quotes/extractor.js';
import { QuoteExtractor } from '../quotes/extractor.js';
import { IndexDecoder, encodeIndex } from '../search/index-codec.js';
import { LayeredQuoteIndex } from '../search/layered-index.js';
import { QuoteIndex } from '../search/quote-index.js';
import { Slice } from '../time-slices.js';
import type { CorpusVersion, PrebuiltParts } from './corpus-version.js';
import { encodeLayeredIndex } from './layered-snapshot.js';
import { isStoredArticleQuotes, restoreQuotes, storeQuotes } from './snapshot-quotes.js';

/** Longest stretch the snapshot writer makes lines without letting answers through. */
const WRITE_SLICE_MS = 10;

/** Bump when the files below change shape, so old snapshots are rebuilt rather than misread. */
const SNAPSHOT_FORMAT = 3;

const ManifestSchema = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  versionId: z.string(),
  extractorVersion: z.string(),
  articles: z.number().int().nonnegative(),
  quotes: z.number().int().nonnegative(),
  createdAt: z.string(),
});


/**
 * The part of a snapshot's name that says which corpus folder it belongs to: one cache folder may
 * serve several corpora (`npm run ask -- --corpus elsewhere`), and each keeps its own snapshot.
 */
export function corpusKey(corpusDir: string): string {
  return createHash('sha256').update(path.resolve(corpusDir)).digest('hex').slice(0, 12);
}

/** Reads and writes start-up snapshots; a read that finds nothing usable returns null and says why. */
export interface SnapshotStore {
  read(versionId: string, load: CorpusLoad): Promise<PrebuiltParts | null>;
  write(version: CorpusVersion): Promise<void>;
}

/**
 * Snapshots of extracted quotes and the built index in a cache folder, one sub-folder per corpus
 * version (corpus file hashes + extractor version), so a restart with an unchanged corpus skips
 * extraction and indexing. Each snapshot is written to a temporary folder and renamed into place,
 * so a crash mid-write leaves no half snapshot behind. Any snapshot that cannot be read or does not
 * match the corpus is ignored with a log line, and the corpus is rebuilt: never a crash.
 */
export class FileSnapshotStore implements SnapshotStore {
  constructor(
    private readonly cacheDir: string,
    private readonly logger?: Logger,
  ) {}

  async read(versionId: string, load: CorpusLoad): Promise<PrebuiltParts | null> {
    const folder = this.folderFor(load.dir, versionId);
    let manifestText: string;
    try {
      manifestText = await readFile(path.join(folder, 'manifest.json'), 'utf8');
    } catch {
      this.logger?.info({ cacheDir: this.cacheDir, versionId }, 'no snapshot for this corpus version; building from the corpus');
      return null;
    }
    try {
      const manifest = ManifestSchema.parse(JSON.parse(manifestText));
      if (manifest.versionId !== versionId || manifest.extractorVersion !== QuoteExtractor.version) {
        throw new Error(`it was made for version ${manifest.versionId}`);
      }
      const quotesByArticle = await readQuotes(path.join(folder, 'quotes.json'), load);
      const decoder = new IndexDecoder();
      await forEachLine(path.join(folder, 'index.json'), (line) => decoder.push(line));
      const data = decoder.finish();
      const quoteCount = [...quotesByArticle.values()].reduce((sum, entry) => sum + entry.quotes.length, 0);
      if (quoteCount !== manifest.quotes || data.ids.length !== quoteCount) throw new Error('its quote counts do not agree');
      const ids = quoteIdsInOrder(load, quotesByArticle);
      if (!data.ids.every((id, i) => id === ids[i])) throw new Error('its index does not hold its quotes in corpus order');
      // The same ids, as the quotes' own strings: one copy of each instead of two.
      return { quotesByArticle, index: QuoteIndex.fromData({ ...data, ids }) };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.logger?.warn({ folder, reason }, 'snapshot unusable (%s); rebuilding from the corpus', reason);
      await rm(folder, { recursive: true, force: true }).catch(() => undefined);
      return null;
    }
  }

  async write(version: CorpusVersion): Promise<void> {
    const folder = this.folderFor(version.load.dir, version.id);
    const temporary = `${folder}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
    try {
      await mkdir(temporary, { recursive: true });
      const quoteCount = version.stats().quotes;
      await writeLines(path.join(temporary, 'quotes.json'), quoteLines(version));
      // A layered index is written as the one index it stands for, merged run by run, never folded whole.
      const index = version.index instanceof LayeredQuoteIndex ? encodeLayeredIndex(version.index.layers) : encodeIndex(version.index.toData());
      await writeLines(path.join(temporary, 'index.json'), index);
      const manifest: z.infer<typeof ManifestSchema> = {
        format: SNAPSHOT_FORMAT,
        versionId: version.id,
        extractorVersion: QuoteExtractor.version,
        articles: version.articles.length,
        quotes: quoteCount,
        createdAt: new Date().toISOString(),
      };
      await writeFile(path.join(temporary, 'manifest.json'), JSON.stringify(manifest));
      await rm(folder, { recursive: true, force: true });
      await rename(temporary, folder);
      this.logger?.info({ folder, quotes: quoteCount }, 'snapshot written');
      await this.prune(version.load.dir, version.id);
    } catch (error) {
      this.logger?.warn({ err: error, folder }, 'could not write the snapshot; the next start will rebuild');
      await rm(temporary, { recursive: true, force: true }).catch(() => undefined);
    }
  }

  private folderFor(corpusDir: string, versionId: string): string {
    return path.join(this.cacheDir, `snapshot-${corpusKey(corpusDir)}-${versionId}`);
  }

  /**
   * Removes this corpus's older snapshots (one corpus, one snapshot: the cache never grows),
   * temporary folders left by a crash, and snapshots named the way before corpus keys (which no
   * version reads). Other corpora's snapshots are theirs: never touched.
   */
  private async prune(corpusDir: string, keepVersionId: string): Promise<void> {
    const entries = await readdir(this.cacheDir, { withFileTypes: true }).catch(() => []);
    const mine = `snapshot-${corpusKey(corpusDir)}-`;
    const keep = path.basename(this.folderFor(corpusDir, keepVersionId));
    const stale = entries.filter((entry) => {
      if (!entry.isDirectory() || !entry.name.startsWith('snapshot-')) return false;
      if (entry.name.includes('.tmp-')) return !entry.name.includes(`.tmp-${process.pid}-`);
      if (LEGACY_NAME.test(entry.name)) return true;
      return entry.name.startsWith(mine) && entry.name !== keep;
    });
    for (const entry of stale) await rm(path.join(this.cacheDir, entry.name), { recursive: true, force: true }).catch(() => undefined);
  }
}

/** `snapshot-<16 hex>-x<version>`: a snapshot written before names carried the corpus key. */
const LEGACY_NAME = /^snapshot-[0-9a-f]{16}-x[^-]+$/;

/**
 * quotes.json is one JSON object, written one article per line so that neither writing nor reading
 * it ever needs one string of the whole (V8 strings stop at ~512 MB; at 500k articles the file is
 * larger). A file rewritten on one line by hand is read too.
 */
function* quoteLines(version: CorpusVersion): Generator<string> {
  yield '{\n';
  let first = true;
  for (const article of version.articles) {
    const extracted = version.quotesByArticle.get(article.id);
    if (!extracted) continue;
    yield `${first ? '' : ',\n'}${JSON.stringify(article.id)}:${JSON.stringify(storeQuotes(article, extracted))}`;
    first = false;
  }
  yield '\n}\n';
}

/** The snapshot must cover exactly the loaded articles, with every quote's offsets pointing at its words. */
async function readQuotes(file: string, load: CorpusLoad): Promise<Map<string, ArticleQuotes>> {
  const articles = new Map(load.articles.map((article) => [article.id, article]));
  const result = new Map<string, ArticleQuotes>();
  const take = (entries: Record<string, unknown>): void => {
    for (const [articleId, value] of Object.entries(entries)) {
      const article = articles.get(articleId);
      if (!article || result.has(articleId)) throw new Error('it holds articles the corpus does not');
      if (!isStoredArticleQuotes(value)) throw new Error(`its quotes for article ${articleId} are malformed`);
      result.set(articleId, restoreQuotes(article, value));
    }
  };
  await forEachLine(file, (line) => {
    const text = line.trim();
    if (text === '{' || text === '}' || text === '') return;
    take(JSON.parse(text.startsWith('{') ? text : `{${text.replace(/,$/, '')}}`) as Record<string, unknown>);
  });
  for (const article of load.articles) {
    if (!result.has(article.id)) throw new Error(`it has no quotes for article ${article.id}`);
  }
  return result;
}

/** Quote ids in the order the index was built: corpus order, then quote order. */
function quoteIdsInOrder(load: CorpusLoad, quotesByArticle: ReadonlyMap<string, ArticleQuotes>): string[] {
  const ids: string[] = [];
  for (const article of load.articles) for (const quote of quotesByArticle.get(article.id)?.quotes ?? []) ids.push(quote.id);
  return ids;
}

/**
 * Bytes gathered before each write: lines are encoded into one buffer reused for the whole file.
 * A write stream makes a new buffer of every string written, and at 105k articles those (over
 * 100 MB of short-lived buffers) kept forcing the collector to run, scavenges of 40-200 ms each
 * while it marked (V8 collects when young array buffers pass twice the young generation).
 */
const WRITE_BUFFER_BYTES = 256 * 1024;

async function writeLines(file: string, lines: Iterable<string>): Promise<void> {
  const handle = await open(file, 'w');
  try {
    const buffer = Buffer.allocUnsafe(WRITE_BUFFER_BYTES);
    let used = 0;
    const flush = async (): Promise<void> => {
      for (let at = 0; at < used; ) at += (await handle.write(buffer, at, used - at)).bytesWritten;
      used = 0;
    };
    const slice = new Slice(WRITE_SLICE_MS);
    for (const text of lines) {
      await slice.pauseIfDue();
      // UTF-8 takes at most 3 bytes per UTF-16 code unit.
      if (used + text.length * 3 > buffer.length) await flush();
      if (text.length * 3 > buffer.length) await handle.write(text);
      else used += buffer.write(text, used);
    }
    await flush();
  } finally {
    await handle.close();
  }
}

async function forEachLine(file: string, onLine: (line: string) => void): Promise<void> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const text of lines) onLine(text);
}
