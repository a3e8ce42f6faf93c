import path from 'node:path';
import pg from 'pg';
import type { Logger } from 'pino';
import { loadCorpus } from '../../corpus/load.js';
import { CorpusVersion, type BuildStage } from '../../desk/corpus-version.js';
import type { ReloadReport, ReloadResult } from '../../desk/reload-report.js';
import { migrate } from './migrate.js';
import { currentVersionId } from './reader-version.js';
import { contentHash, writeVersion, type WriteOptions } from './write-version.js';

/** Held for the whole of an ingest: one writer at a time, whichever process or machine it runs on. */
const WRITER_LOCK = 7_314_002;

export interface IngestOptions {
  url: string;
  corpusDir: string;
  logger?: Logger;
  trigger?: string;
  /** Each step's wall time: the embedded build's stages, then 'write' (the transaction). */
  onStage?: (stage: BuildStage | 'load' | 'write', ms: number) => void;
  /** See {@link WriteOptions.termListLength}; tests shorten it to exercise the lists on a small corpus. */
  termListLength?: number;
}

/**
 * The writer: reads the corpus folder, extracts and indexes it with the embedded pipeline (the
 * only place quotes are extracted), and writes the result as a new corpus version in one
 * transaction that readers hear of by NOTIFY. A second ingest while one runs anywhere returns
 * `busy`; a failed one leaves the current version serving. An empty folder never replaces a
 * corpus that has articles.
 */
export async function ingestCorpus(options: IngestOptions): Promise<ReloadResult> {
  const { logger } = options;
  const client = new pg.Client({ connectionString: options.url });
  await client.connect();
  try {
    await migrate(client);
    const locked = (await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [WRITER_LOCK])).rows[0]!.locked;
    if (!locked) return { status: 'busy' };
    const previousId = await currentVersionId(client);
    const servingVersion = previousId === null ? '' : await versionKey(client, previousId);
    try {
      const started = performance.now();
      let at = performance.now();
      const load = await loadCorpus(options.corpusDir);
      options.onStage?.('load', performance.now() - at);
      const previous = previousId === null ? new Map<string, string>() : await articleHashes(client, previousId);
      if (load.articles.length === 0 && previous.size > 0) {
        const reason = `the corpus folder yielded no articles (${load.rejected.length} file(s) or line(s) rejected); keeping the ${previous.size} articles already loaded`;
        logger?.warn({ rejected: load.rejected }, 'ingest refused: %s', reason);
        return { status: 'failed', reason, rejected: load.rejected, servingVersion };
      }
      const version = await CorpusVersion.build(load, undefined, options.onStage ? { onStage: options.onStage } : {});
      const stats = version.stats();
      const report: ReloadReport = {
        versionId: version.id,
        previousVersionId: servingVersion || null,
        articles: stats.articles,
        quotes: stats.quotes,
        speakers: stats.speakers,
        durationMs: 0,
        stagesMs: {},
        fromSnapshot: false,
        // The writer extracts every article: PostgreSQL keeps no per-article quotes to reuse yet.
        extracted: stats.articles,
        corpusDir: path.resolve(options.corpusDir),
        ...diffByHash(previous, version),
        rejected: load.rejected,
        rejectionListFile: null,
      };
      at = performance.now();
      report.durationMs = Math.round(at - started);
      const id = await writeVersion(client, version, report, options.termListLength === undefined ? {} : { termListLength: options.termListLength });
      options.onStage?.('write', performance.now() - at);
      logger?.info({ trigger: options.trigger, version: version.id, versionId: id, articles: stats.articles, quotes: stats.quotes, durationMs: Math.round(performance.now() - started) }, 'corpus version written');
      return { status: 'reloaded', report };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      logger?.error({ err: error }, 'ingest failed; the current version keeps serving');
      return { status: 'failed', reason, rejected: [], servingVersion };
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [WRITER_LOCK]).catch(() => undefined);
    }
  } finally {
    await client.end();
  }
}

async function versionKey(client: pg.ClientBase, id: number): Promise<string> {
  return (await client.query<{ version_key: string }>('SELECT version_key FROM corpus_versions WHERE id = $1', [id])).rows[0]?.version_key ?? '';
}

async function articleHashes(client: pg.ClientBase, versionId: number): Promise<Map<string, string>> {
  const rows = await client.query<{ id: string; content_hash: string }>('SELECT id, content_hash FROM articles WHERE version_id = $1', [versionId]);
  return new Map(rows.rows.map((row) => [row.id, row.content_hash]));
}

function diffByHash(previous: ReadonlyMap<string, string>, version: CorpusVersion): { added: string[]; changed: string[]; removed: string[] } {
  const old = new Map(previous);
  const added: string[] = [];
  const changed: string[] = [];
  for (const article of version.articles) {
    const hash = old.get(article.id);
    if (hash === undefined) added.push(article.id);
    else if (hash !== contentHash(article)) changed.push(article.id);
    old.delete(article.id);
  }
  return { added: added.sort(), changed: changed.sort(), removed: [...old.keys()].sort() };
}
