import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { CorpusLoad } from '../corpus/load.js';
import type { ArticleQuotes } from '../quotes/extractor.js';
import { QuoteExtractor } from '../quotes/extractor.js';
import { QuoteSchema } from '../quotes/quote.js';
import { QuoteIndex } from '../search/quote-index.js';
import type { CorpusVersion, PrebuiltParts } from './corpus-version.js';

/** Bump when the files below change shape, so old snapshots are rebuilt rather than misread. */
const SNAPSHOT_FORMAT = 2;

const ManifestSchema = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  versionId: z.string(),
  extractorVersion: z.string(),
  articles: z.number().int().nonnegative(),
  quotes: z.number().int().nonnegative(),
  createdAt: z.string(),
});

const ArticleQuotesSchema = z.object({
  quotes: z.array(QuoteSchema),
  speakers: z.array(z.object({ name: z.string(), aliases: z.array(z.string()), person: z.boolean() })),
});
const QuotesFileSchema = z.record(z.string(), ArticleQuotesSchema);

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
    const folder = this.folderFor(versionId);
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
      const quotesFile = QuotesFileSchema.parse(JSON.parse(await readFile(path.join(folder, 'quotes.json'), 'utf8')));
      const quotesByArticle = matchArticles(quotesFile, load);
      const index = QuoteIndex.fromJSON(await readFile(path.join(folder, 'index.json'), 'utf8'));
      const quoteCount = [...quotesByArticle.values()].reduce((sum, entry) => sum + entry.quotes.length, 0);
      if (quoteCount !== manifest.quotes || index.size !== quoteCount) throw new Error('its quote counts do not agree');
      return { quotesByArticle, index };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.logger?.warn({ folder, reason }, 'snapshot unusable (%s); rebuilding from the corpus', reason);
      await rm(folder, { recursive: true, force: true }).catch(() => undefined);
      return null;
    }
  }

  async write(version: CorpusVersion): Promise<void> {
    const folder = this.folderFor(version.id);
    const temporary = `${folder}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
    try {
      await mkdir(temporary, { recursive: true });
      const quotes = Object.fromEntries(version.quotesByArticle);
      const quoteCount = version.stats().quotes;
      await writeFile(path.join(temporary, 'quotes.json'), JSON.stringify(quotes));
      await writeFile(path.join(temporary, 'index.json'), JSON.stringify(version.index.toJSON()));
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
      await this.prune(version.id);
    } catch (error) {
      this.logger?.warn({ err: error, folder }, 'could not write the snapshot; the next start will rebuild');
      await rm(temporary, { recursive: true, force: true }).catch(() => undefined);
    }
  }

  private folderFor(versionId: string): string {
    return path.join(this.cacheDir, `snapshot-${versionId}`);
  }

  /** Removes older snapshots (one corpus, one snapshot: the cache never grows) and temporary folders left by a crash. */
  private async prune(keepVersionId: string): Promise<void> {
    const entries = await readdir(this.cacheDir, { withFileTypes: true }).catch(() => []);
    const snapshots = entries.filter((entry) => entry.isDirectory() && entry.name.startsWith('snapshot-'));
    const stale = snapshots.filter((entry) => entry.name.includes('.tmp-') && !entry.name.includes(`.tmp-${process.pid}-`));
    const old = snapshots.filter((entry) => !entry.name.includes('.tmp-') && entry.name !== `snapshot-${keepVersionId}`);
    for (const entry of [...stale, ...old]) {
      await rm(path.join(this.cacheDir, entry.name), { recursive: true, force: true }).catch(() => undefined);
    }
  }
}

/** The snapshot must cover exactly the loaded articles, with every quote's offsets pointing at its words. */
function matchArticles(quotesFile: z.infer<typeof QuotesFileSchema>, load: CorpusLoad): Map<string, ArticleQuotes> {
  const result = new Map<string, ArticleQuotes>();
  for (const article of load.articles) {
    const entry = quotesFile[article.id];
    if (!entry) throw new Error(`it has no quotes for article ${article.id}`);
    for (const quote of entry.quotes) {
      if (article.body.slice(quote.start, quote.end) !== quote.text) throw new Error(`quote ${quote.id} does not match its article`);
    }
    result.set(article.id, entry);
  }
  if (Object.keys(quotesFile).length !== load.articles.length) throw new Error('it holds articles the corpus does not');
  return result;
}
