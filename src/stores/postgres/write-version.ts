import type pg from 'pg';
import { sha256Hex } from '../../corpus/hash.js';
import type { LoadedArticle } from '../../corpus/article.js';
import type { InvertedIndexData } from '../../search/inverted-index.js';
import type { CorpusVersion, QuoteRecord } from '../../desk/corpus-version.js';
import type { ReloadReport } from '../../desk/reload-report.js';
import { insertRows } from './bulk-insert.js';
import { CANDIDATE_WEIGHTS } from './fetch-candidates.js';
import { DEFAULT_TERM_LIST_LENGTH, termLists } from './term-lists.js';
import { vectorsFromPostings, type QuoteTerms } from './terms-vector.js';

/** The channel readers LISTEN on; the payload is the new version's id. */
export const VERSION_CHANNEL = 'quotedesk_version';
/** Characters of each article body kept for citations of untitled articles (they show its first words). */
const LEAD_CHARS = 300;
/** maintenance_work_mem for the new version's index builds (SET LOCAL: this transaction only). */
const INDEX_BUILD_MEMORY = '1GB';
/** The quote columns questions filter, join or group on (fetch-candidates.ts): the ones the planner needs statistics of. */
const ANALYZED_QUOTE_COLUMNS = ['version_id', 'doc', 'article_no', 'speaker_key', 'reprint_key', 'published', 'terms', 'speaker_best', 'shadowed'];
/** Versions kept besides the current one, so answers in flight on the previous version finish on it. */
const KEPT_PREVIOUS = 1;

/** What an article says, hashed: a reload compares these to report added, changed and removed articles. */
export function contentHash(article: LoadedArticle): string {
  return sha256Hex(JSON.stringify([article.body, article.title, article.date, article.source, article.url]));
}

export interface WriteOptions {
  /** Quotes per frequent term's precomputed list (term-lists.ts); also the most a term matches before it gets one. */
  termListLength?: number;
  /** Each step's wall time, in the order they ran ('quotes', 'gin', …): where a write's time goes. */
  onStep?: (step: string, ms: number) => void;
}

/**
 * Writes a built corpus version (extracted by this process, the one writer) and makes it current,
 * all in one transaction, then announces it with NOTIFY, which PostgreSQL delivers only at commit:
 * a reader that hears of version N can read all of it, and nobody ever sees half of one.
 * Returns the new version's id. Older versions beyond the previous one are deleted afterwards.
 */
export async function writeVersion(client: pg.ClientBase, version: CorpusVersion, report: ReloadReport, options: WriteOptions = {}): Promise<number> {
  // The rows are numbered by index position and the term vectors read from the index's postings,
  // which only a version built in one piece numbers alike (a layered reload's folded index is in
  // corpus order instead). The writer always builds afresh (see ingest.ts); this says so if not.
  if (version.facts.corpusOrder !== undefined) throw new Error('writeVersion needs a corpus version built in one piece, not a layered reload of one');
  const data = version.index.toData();
  const articleNumbers = new Map(version.articles.map((article, n) => [article.id, n]));
  const hashes = new Map(version.articles.map((article) => [article.id, contentHash(article)]));
  let stepStarted = performance.now();
  const step = (name: string): void => {
    const now = performance.now();
    options.onStep?.(name, now - stepStarted);
    stepStarted = now;
  };
  await client.query('BEGIN');
  try {
    const inserted = await client.query<{ id: string }>(
      `INSERT INTO corpus_versions (version_key, stats, report, quote_count, avg_text_len, avg_context_len, avg_title_len)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [version.id, JSON.stringify(version.stats()), JSON.stringify(report), data.ids.length, data.averageFieldLengths[0], data.averageFieldLengths[1], data.averageFieldLengths[2]],
    );
    const versionId = Number(inserted.rows[0]!.id);
    await insertRows(client, 'articles', [
      { name: 'version_id', value: () => versionId },
      { name: 'article_no', value: ([, n]) => n },
      { name: 'id', value: ([a]) => a.id },
      { name: 'title', value: ([a]) => a.title },
      { name: 'published', value: ([a]) => a.date },
      { name: 'source', value: ([a]) => a.source },
      { name: 'url', value: ([a]) => a.url },
      { name: 'file', value: ([a]) => a.origin.file },
      { name: 'line', value: ([a]) => a.origin.line ?? null },
      { name: 'lead', value: ([a]) => a.body.slice(0, LEAD_CHARS) },
      { name: 'content_hash', value: ([a]) => hashes.get(a.id)! },
    ], version.articles.map((article, n) => [article, n] as const));
    step('articles');
    // The version's quotes go into a table of their own, indexed after loading (a GIN index built
    // in bulk, not row by row) and attached as the partition for this version. The name is built
    // from our own sequence number, never from input.
    const partition = `quotes_v${versionId}`;
    const speakerBest = speakerBestCopies(version);
    const shadowed = shadowedCopies(version, hashes);
    await client.query(`CREATE TABLE ${partition} (LIKE quotes INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`);
    await insertRows(client, partition, [
      { name: 'version_id', value: () => versionId },
      { name: 'doc', value: (row) => row.doc },
      { name: 'id', value: (row) => row.record.quote.id },
      { name: 'article_no', value: (row) => articleNumbers.get(row.record.article.id) },
      { name: 'kind', value: (row) => row.record.quote.kind },
      { name: 'text', value: (row) => row.record.quote.text },
      { name: 'start_offset', value: (row) => row.record.quote.start },
      { name: 'end_offset', value: (row) => row.record.quote.end },
      { name: 'speaker_surface', value: (row) => row.record.quote.speakerSurface },
      { name: 'speaker', value: (row) => row.record.quote.speaker },
      { name: 'speaker_key', value: (row) => row.record.speakerKey },
      { name: 'confidence', value: (row) => row.record.quote.confidence },
      { name: 'cue', value: (row) => row.record.quote.cue },
      { name: 'context', value: (row) => row.record.quote.context },
      // No paragraph column: left out of the COPY, it is neither computed nor sent, and stays
      // null. Readers count a candidate's fields from its field lengths and terms vector, and read
      // the paragraph only of versions written without those (migration 009).
      { name: 'grp', value: (row) => row.record.quote.group },
      { name: 'word_count', value: (row) => row.record.wordCount },
      { name: 'reprint_key', value: (row) => row.record.reprintKey },
      { name: 'published', value: (row) => row.record.article.date },
      { name: 'source_lower', value: (row) => row.record.article.source?.toLowerCase() ?? null },
      { name: 'terms', value: (row) => row.terms.vector },
      // Array literals, read by COPY as the column's type.
      { name: 'field_lengths', value: (row) => `{${row.terms.lengths.join(',')}}` },
      { name: 'speaker_best', value: (row) => speakerBest.has(row.doc) },
      { name: 'shadowed', value: (row) => shadowed.has(row.doc) },
    ], eachQuoteRow(version, data), { freeze: true });
    step('quotes');
    // Room for the index builds to sort in memory (a larger corpus otherwise spills and merges on disk).
    await client.query(`SET LOCAL maintenance_work_mem = '${INDEX_BUILD_MEMORY}'`);
    // Everything PostgreSQL does to the loaded table on its own, sent as one multi-statement query
    // (no parameters: the names are built from our own sequence number), so it works through all
    // of them in its own processes while this one computes the frequent terms' lists without
    // attending to the connection. The GIN and b-tree definitions are the partitioned table's,
    // so attaching adopts them instead of building others.
    const building = client.query([
      `ALTER TABLE ${partition} ADD PRIMARY KEY (version_id, doc)`,
      `ALTER TABLE ${partition} ADD CONSTRAINT ${partition}_version CHECK (version_id = ${versionId})`,
      // The terms of quotes a topic can show, and of undated articles' copies, which a date filter counts (migration 010).
      `CREATE INDEX ${partition}_terms_shown ON ${partition} USING gin (terms) WHERE NOT shadowed`,
      `CREATE INDEX ${partition}_terms_undated ON ${partition} USING gin (terms) WHERE published IS NULL`,
      `CREATE INDEX ${partition}_speaker ON ${partition} (version_id, speaker_key) WHERE speaker_key IS NOT NULL`,
      `CREATE INDEX ${partition}_published ON ${partition} (version_id, published)`,
      `CREATE INDEX ${partition}_speaker_best ON ${partition} (version_id, speaker_key) WHERE speaker_best`,
      // What a speaker- or date-narrowed topic question reads (fetch-candidates.ts): only quotes
      // that can be shown, so verbatim reprints add no rows to intersect with the terms' matches.
      `CREATE INDEX ${partition}_speaker_shown ON ${partition} (version_id, speaker_key) WHERE speaker_key IS NOT NULL AND NOT shadowed`,
      `CREATE INDEX ${partition}_published_shown ON ${partition} (version_id, published) WHERE NOT shadowed`,
      `ALTER TABLE quotes ATTACH PARTITION ${partition} FOR VALUES IN (${versionId})`,
      // Statistics before any reader sees the version (they become visible with it, at commit),
      // or the planner guesses a handful of rows and ANDs in the date index. Only the new table
      // (a question reads its own version's partition, planned with that partition's statistics),
      // and only the columns questions filter, join or group on.
      `ANALYZE ${partition} (${ANALYZED_QUOTE_COLUMNS.join(', ')})`,
    ].join(';\n'));
    // Awaited below; this only keeps it handled should computing the lists throw first.
    building.catch(() => undefined);
    const lists = listRows(version, data, options.termListLength ?? DEFAULT_TERM_LIST_LENGTH, shadowed);
    step('term lists (beside index builds)');
    await building;
    step('index builds, attach, analyze');
    await insertRows(client, 'article_speakers', [
      { name: 'version_id', value: () => versionId },
      { name: 'article_no', value: (row) => row.articleNo },
      { name: 'ord', value: (row) => row.ord },
      { name: 'name', value: (row) => row.name },
      { name: 'aliases', value: (row) => JSON.stringify(row.aliases) },
      { name: 'person', value: (row) => row.person },
      { name: 'quotes', value: (row) => row.quotes },
    ], eachArticleSpeaker(version, articleNumbers));
    step('article speakers');
    const speakers = version.speakers.all();
    await insertRows(client, 'speakers', [
      { name: 'version_id', value: () => versionId },
      { name: 'key', value: (s) => s.key },
      { name: 'name', value: (s) => s.name },
      { name: 'person', value: (s) => s.person },
      { name: 'quote_count', value: (s) => s.quoteCount },
      { name: 'article_count', value: (s) => s.articleCount },
    ], speakers);
    await insertRows(client, 'speaker_aliases', [
      { name: 'version_id', value: () => versionId },
      { name: 'key', value: ([key]) => key },
      { name: 'alias', value: ([, alias]) => alias },
    ], uniquePairs(speakers.flatMap((s) => s.aliases.map((alias) => [s.key, alias] as const))));
    await insertRows(client, 'term_stats', [
      { name: 'version_id', value: () => versionId },
      { name: 'term', value: (t) => data.terms[t] },
      { name: 'in_text', value: (t) => data.offsets[0]![t + 1]! - data.offsets[0]![t]! },
      { name: 'in_context', value: (t) => data.offsets[1]![t + 1]! - data.offsets[1]![t]! },
      { name: 'in_title', value: (t) => data.offsets[2]![t + 1]! - data.offsets[2]![t]! },
    ], data.terms.keys());
    step('speakers, term stats');
    await insertRows(client, 'term_lists', [
      { name: 'version_id', value: () => versionId },
      { name: 'term', value: (list) => list.term },
      { name: 'docs', value: (list) => list.docs },
      { name: 'groups', value: (list) => list.groups },
    ], lists);
    step('term lists insert');
    await client.query(
      `INSERT INTO current_version (only_row, version_id) VALUES (true, $1) ON CONFLICT (only_row) DO UPDATE SET version_id = EXCLUDED.version_id`,
      [versionId],
    );
    // Not term_lists: it is only read by primary key, and sampling its large arrays took seconds.
    await client.query('ANALYZE term_stats, articles');
    await client.query('SELECT pg_notify($1, $2)', [VERSION_CHANNEL, String(versionId)]);
    await client.query('COMMIT');
    step('analyze, commit');
    await deleteOldVersions(client);
    step('old versions');
    return versionId;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** Drops versions older than the previous one: their quote partitions whole, the rest by cascade. */
async function deleteOldVersions(client: pg.ClientBase): Promise<void> {
  const old = await client.query<{ id: string }>('SELECT id FROM corpus_versions WHERE id < ALL (SELECT id FROM corpus_versions ORDER BY id DESC LIMIT $1)', [KEPT_PREVIOUS + 1]);
  for (const { id } of old.rows) {
    await client.query('BEGIN');
    try {
      await client.query(`DROP TABLE IF EXISTS quotes_v${Number(id)}`);
      await client.query('DELETE FROM corpus_versions WHERE id = $1', [id]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }
}

/** The frequent terms' lists as rows to insert, their arrays as array literals, which COPY reads as they are. */
function listRows(version: CorpusVersion, data: ReturnType<CorpusVersion['index']['toData']>, length: number, shadowed: ReadonlySet<number>): Array<{ term: string; docs: string; groups: string }> {
  // A shadowed copy is never shown: its earlier twin stands in the lists, and for the group counts.
  const listed = (doc: number) => {
    const record = shadowed.has(doc) ? undefined : version.quoteAt(doc);
    if (record === undefined) return undefined;
    const weight = (record.quote.kind === 'direct' ? 1 : CANDIDATE_WEIGHTS.reported) * (record.wordCount <= 3 ? CANDIDATE_WEIGHTS.fragment : 1);
    return { reprintKey: record.reprintKey, weight };
  };
  const rows: Array<{ term: string; docs: string; groups: string }> = [];
  for (const list of termLists(data, listed, length)) rows.push({ term: list.term, docs: `{${list.docs.join(',')}}`, groups: `{${list.groups.join(',')}}` });
  return rows;
}

/**
 * Per speaker and reprint group, the copy a speaker question shows (fetch-candidates.ts
 * fetchSpeakerQuotes orders them the same way: the answerer's weight, newest, article id in byte
 * order, position): the index positions of those copies.
 */
export function speakerBestCopies(version: CorpusVersion): Set<number> {
  const best = new Map<string, Map<number, number>>();
  const weight = (record: QuoteRecord): number => (record.quote.kind === 'direct' ? 1 : CANDIDATE_WEIGHTS.reported) * (record.wordCount <= 3 ? CANDIDATE_WEIGHTS.fragment : 1);
  const better = (a: QuoteRecord, b: QuoteRecord): boolean => {
    const byWeight = weight(b) - weight(a);
    if (byWeight !== 0) return byWeight < 0;
    const [left, right] = [a.article.date, b.article.date];
    if (left !== right) return right === null || (left !== null && left > right);
    const byId = Buffer.compare(Buffer.from(a.article.id), Buffer.from(b.article.id));
    if (byId !== 0) return byId < 0;
    return a.quote.start < b.quote.start;
  };
  const ids = version.index.ids;
  for (let doc = 0; doc < ids.length; doc += 1) {
    const record = version.quoteAt(doc);
    if (record === undefined || record.speakerKey === null) continue;
    let groups = best.get(record.speakerKey);
    if (groups === undefined) best.set(record.speakerKey, (groups = new Map()));
    const held = groups.get(record.reprintKey);
    if (held === undefined || better(record, version.quoteAt(held)!)) groups.set(record.reprintKey, doc);
  }
  return new Set([...best.values()].flatMap((groups) => [...groups.values()]));
}

/**
 * Quotes that repeat an earlier one exactly: the same reprint group (speaker and words), in an
 * article with the same content hash (body, headline, date, outlet, link), at the same offsets, so
 * the same sentence and paragraph. The embedded answerer ranks such copies equal and shows the
 * first in corpus order; these are the others (index positions).
 */
export function shadowedCopies(version: CorpusVersion, hashes: ReadonlyMap<string, string>): Set<number> {
  const ids = version.index.ids;
  const groupSizes = new Map<number, number>();
  for (let doc = 0; doc < ids.length; doc += 1) {
    const record = version.quoteAt(doc);
    if (record !== undefined) groupSizes.set(record.reprintKey, (groupSizes.get(record.reprintKey) ?? 0) + 1);
  }
  const seen = new Set<string>();
  const shadowed = new Set<number>();
  for (let doc = 0; doc < ids.length; doc += 1) {
    const record = version.quoteAt(doc);
    // A quote alone in its group has no twin: most of them, and no key is kept for those.
    if (record === undefined || groupSizes.get(record.reprintKey)! < 2) continue;
    const key = `${record.reprintKey}|${hashes.get(record.article.id)}|${record.quote.start}|${record.quote.end}`;
    if (seen.has(key)) shadowed.add(doc);
    else seen.add(key);
  }
  return shadowed;
}

/** Each indexed quote's row: its record, and terms vector and field lengths taken from the index itself. */
function* eachQuoteRow(version: CorpusVersion, data: InvertedIndexData): Generator<{ doc: number; record: QuoteRecord; terms: QuoteTerms }> {
  const vectors = vectorsFromPostings(data);
  const fieldLengths = data.fieldLengths;
  for (let doc = 0; doc < data.ids.length; doc += 1) {
    const vector = vectors.next().value as string;
    const record = version.quoteAt(doc);
    if (record === undefined) continue;
    // The index counted these fields' lengths from the quote's text, paragraph and headline.
    yield { doc, record, terms: { vector, lengths: [fieldLengths[0]![doc]!, fieldLengths[1]![doc]!, fieldLengths[2]![doc]!] } };
  }
}

function* eachArticleSpeaker(
  version: CorpusVersion,
  articleNumbers: ReadonlyMap<string, number>,
): Generator<{ articleNo: number; ord: number; name: string; aliases: readonly string[]; person: boolean; quotes: number }> {
  for (const [articleId, extracted] of version.quotesByArticle) {
    const articleNo = articleNumbers.get(articleId);
    if (articleNo === undefined) continue;
    const counts = new Map<string, number>();
    for (const quote of extracted.quotes) if (quote.speaker !== null) counts.set(quote.speaker, (counts.get(quote.speaker) ?? 0) + 1);
    let ord = 0;
    for (const speaker of extracted.speakers) {
      yield { articleNo, ord: ord++, name: speaker.name, aliases: speaker.aliases, person: speaker.person, quotes: counts.get(speaker.name) ?? 0 };
    }
  }
}

function uniquePairs(pairs: ReadonlyArray<readonly [string, string]>): Array<readonly [string, string]> {
  const seen = new Set<string>();
  return pairs.filter(([key, alias]) => {
    const id = `${key}\u0000${alias}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
