import type pg from 'pg';
import type { CorpusStats } from '../../desk/corpus-version.js';
import type { ReloadReport } from '../../desk/reload-report.js';
import { SpeakerDirectory, type ArticleSpeakers } from '../../quotes/speaker-directory.js';
import type { SourceBase } from '../../store/answer-plan.js';
import type { CorpusFigures } from '../../store/candidate-scoring.js';

/** Longest stretch the directory rebuild runs without letting answers through. */
const SLICE_MS = 10;

/**
 * What a reader process holds of one corpus version: the ids, the counts `/corpus` shows, the
 * BM25+ figures, and the speaker directory, rebuilt from the stored per-article speakers with the
 * embedded store's own code so a typed name resolves to the same people. Quotes stay in PostgreSQL.
 */
export interface ReaderVersion extends SourceBase {
  /** The `corpus_versions` row every query of an answer is bound to. */
  readonly versionId: number;
  readonly speakers: SpeakerDirectory;
  readonly stats: CorpusStats;
  readonly report: ReloadReport;
  readonly figures: CorpusFigures;
  readonly createdAt: Date;
}

/** The version readers should serve now, or null before the first ingest. */
export async function currentVersionId(client: pg.ClientBase | pg.Pool): Promise<number | null> {
  const result = await client.query<{ version_id: string }>('SELECT version_id FROM current_version');
  return result.rows[0] ? Number(result.rows[0].version_id) : null;
}

export async function readVersion(client: pg.ClientBase | pg.Pool, versionId: number): Promise<ReaderVersion> {
  const row = (
    await client.query<{ version_key: string; stats: CorpusStats; report: ReloadReport; quote_count: number; avg_text_len: number; avg_context_len: number; avg_title_len: number; created_at: Date }>(
      'SELECT version_key, stats, report, quote_count, avg_text_len, avg_context_len, avg_title_len, created_at FROM corpus_versions WHERE id = $1',
      [versionId],
    )
  ).rows[0];
  if (!row) throw new Error(`corpus version ${versionId} is not in the database`);
  const speakerRows = await client.query<{ article_no: number; name: string; aliases: string[]; person: boolean; quotes: number }>(
    'SELECT article_no, name, aliases, person, quotes FROM article_speakers WHERE version_id = $1 ORDER BY article_no, ord',
    [versionId],
  );
  const speakers = await SpeakerDirectory.buildSliced(groupByArticle(speakerRows.rows), SLICE_MS);
  const outlets = row.stats.outlets.map((outlet) => outlet.name);
  return {
    versionId,
    id: row.version_key,
    outlets: () => outlets,
    speakers,
    stats: row.stats,
    report: row.report,
    figures: { quoteCount: row.quote_count, averageFieldLengths: [row.avg_text_len, row.avg_context_len, row.avg_title_len] },
    createdAt: row.created_at,
  };
}

function* groupByArticle(rows: ReadonlyArray<{ article_no: number; name: string; aliases: string[]; person: boolean; quotes: number }>): Generator<ArticleSpeakers> {
  let at = 0;
  while (at < rows.length) {
    const articleNo = rows[at]!.article_no;
    const speakers: Array<{ name: string; aliases: string[]; person: boolean }> = [];
    const quoteCounts = new Map<string, number>();
    for (; at < rows.length && rows[at]!.article_no === articleNo; at += 1) {
      const row = rows[at]!;
      speakers.push({ name: row.name, aliases: row.aliases, person: row.person });
      quoteCounts.set(row.name, row.quotes);
    }
    yield { articleId: String(articleNo), speakers, quoteCounts };
  }
}
