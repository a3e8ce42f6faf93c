/**
 * The PostgreSQL backend beside the embedded index, on one corpus folder, in one process (started
 * by scripts/bench/postgres.ts): the embedded pipeline's ingest and question latency, then
 * `npm run ingest`'s (the same extraction plus the write), the database's size, the PostgreSQL
 * store's question latency over the same questions, and how many of the first ten snippets the two
 * share. Prints progress on stderr and one `BENCH_RESULT {…}` line on stdout.
 *
 * usage: run-postgres.ts NAME CORPUS_DIR DATABASE_URL LATENCY_OPTIONS_JSON
 */
import { loadavg } from 'node:os';
import pg from 'pg';
import type { Answer } from '../../src/answer/answer.js';
import { answerQuestion } from '../../src/answer/answerer.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { CorpusVersion } from '../../src/desk/corpus-version.js';
import { ingestCorpus } from '../../src/stores/postgres/ingest.js';
import { PostgresQuoteStore } from '../../src/stores/postgres/postgres-store.js';
import type { LatencyOptions } from './latency.js';
import { measureLatency } from './latency.js';
import { buildQuestions } from './questions.js';
import { RESULT_MARK } from './result.js';
import { heapAfterGc, megabytes, percentile, round, timeIt } from './stats.js';

const [name, corpusDir, url, latencyJson] = process.argv.slice(2);
if (!name || !corpusDir || !url || !latencyJson) throw new Error('usage: run-postgres.ts NAME CORPUS_DIR DATABASE_URL LATENCY_OPTIONS_JSON');
const latencyOptions = JSON.parse(latencyJson) as LatencyOptions;
const say = (line: string): void => void process.stderr.write(`  [${name}/postgres] ${line}\n`);

/** What the PostgreSQL backend measured on one corpus, beside the embedded index. */
export interface PostgresResult {
  corpus: string;
  articles: number;
  quotes: number;
  questions: number;
  embedded: { ingestMs: number; p50: number; p99: number; heapBytes: number };
  postgres: {
    ingestMs: number;
    stagesMs: Record<string, number>;
    databaseBytes: number;
    tableBytes: Record<string, number>;
    p50: number;
    p95: number;
    p99: number;
    p99ByKind: Record<string, number>;
    /** The slowest single answers timed, slowest first: which questions set the p99. */
    slowest: Array<{ kind: string; question: string; ms: number }>;
    samples: number;
    /** Heap of a reader process (speaker directory and version figures), after GC, above the process's own baseline. */
    readerHeapBytes: number;
  };
  ingestRatio: number;
  /** Mean over answered questions of |embedded top 10 ∩ PostgreSQL top 10| / |embedded top 10|. */
  top10Overlap: number;
  /** Share of questions whose whole answer (status, message, every snippet) is the same. */
  identicalAnswers: number;
  /** The machine's 1-minute load average as each phase ended: figures from a shared machine are read against it. */
  loadAverage: Record<'start' | 'embeddedIngest' | 'embeddedQueries' | 'postgresIngest' | 'postgresQueries', number>;
}

const load = (): number => round(loadavg()[0]!, 2);
const loadAverage: PostgresResult['loadAverage'] = { start: load(), embeddedIngest: 0, embeddedQueries: 0, postgresIngest: 0, postgresQueries: 0 };
const baseline = heapAfterGc();
const embeddedIngest = await timeIt(async () => CorpusVersion.build(await loadCorpus(corpusDir)));
let version: CorpusVersion | null = embeddedIngest.result;
loadAverage.embeddedIngest = load();
const embeddedHeap = heapAfterGc() - baseline;
say(`embedded ingest ${Math.round(embeddedIngest.ms)} ms, heap ${megabytes(embeddedHeap).toFixed(0)} MB`);
const questions = buildQuestions(version);
const embeddedAnswers = new Map<string, Answer>(questions.map(({ question }) => [question, answerQuestion(version!, { question })]));
const embeddedLatency = measureLatency(
  questions.map(({ kind, question }) => ({ kind, input: question })),
  (question) => answerQuestion(version!, { question }),
  latencyOptions,
);
loadAverage.embeddedQueries = load();
say(`embedded queries p50 ${embeddedLatency.latency.p50} ms, p99 ${embeddedLatency.latency.p99} ms`);
const articles = version.articles.length;
const quotes = version.stats().quotes;
version = null;

const stagesMs: Record<string, number> = {};
const ingest = await timeIt(() => ingestCorpus({ url, corpusDir, onStage: (stage, ms) => (stagesMs[stage] = round(ms)) }));
loadAverage.postgresIngest = load();
if (ingest.result.status !== 'reloaded') throw new Error(`ingest ${ingest.result.status}`);
say(`postgres ingest ${Math.round(ingest.ms)} ms (${Object.entries(stagesMs).map(([stage, ms]) => `${stage} ${Math.round(ms)}`).join(', ')})`);
const sizes = await databaseSizes(url);
say(`database ${megabytes(sizes.database).toFixed(0)} MB`);

const readerBaseline = heapAfterGc();
const store = await PostgresQuoteStore.open({ url, poolSize: 4 });
const readerHeapBytes = heapAfterGc() - readerBaseline;
let overlapSum = 0;
let overlapCount = 0;
let identical = 0;
for (const { question } of questions) {
  const ours = await store.ask({ question });
  const theirs = embeddedAnswers.get(question)!;
  if (JSON.stringify(ours.snippets) === JSON.stringify(theirs.snippets) && ours.message === theirs.message && ours.status === theirs.status) identical += 1;
  const expected = theirs.snippets.slice(0, 10).map((snippet) => snippet.quoteId);
  if (expected.length === 0) continue;
  const got = new Set(ours.snippets.slice(0, 10).map((snippet) => snippet.quoteId));
  overlapSum += expected.filter((id) => got.has(id)).length / expected.length;
  overlapCount += 1;
}
const timed = await measureAsync(questions.map(({ kind, question }) => ({ kind, question })), (question) => store.ask({ question }), latencyOptions);
await store.close();
loadAverage.postgresQueries = load();
say(`postgres queries p50 ${timed.p50} ms, p99 ${timed.p99} ms (by kind: ${Object.entries(timed.p99ByKind).map(([kind, ms]) => `${kind} ${ms}`).join(', ')}); top-10 overlap ${(overlapSum / Math.max(1, overlapCount)).toFixed(3)}`);
say(`slowest: ${timed.slowest.map((t) => `${t.ms} ms ${t.kind} "${t.question}"`).join('; ')}`);

const result: PostgresResult = {
  corpus: name,
  articles,
  quotes,
  questions: questions.length,
  embedded: { ingestMs: round(embeddedIngest.ms), p50: embeddedLatency.latency.p50, p99: embeddedLatency.latency.p99, heapBytes: embeddedHeap },
  postgres: { ingestMs: round(ingest.ms), stagesMs, databaseBytes: sizes.database, tableBytes: sizes.tables, ...timed, readerHeapBytes },
  ingestRatio: round(ingest.ms / embeddedIngest.ms, 2),
  top10Overlap: round(overlapSum / Math.max(1, overlapCount), 3),
  identicalAnswers: round(identical / questions.length, 3),
  loadAverage,
};
process.stdout.write(`${RESULT_MARK}${JSON.stringify(result)}\n`);

/** {@link measureLatency} for an async call: each question timed alone, one at a time. */
async function measureAsync(inputs: ReadonlyArray<{ kind: string; question: string }>, run: (question: string) => Promise<unknown>, options: LatencyOptions) {
  for (const { question } of inputs.slice(0, options.warmUp)) await run(question);
  const samples: number[] = [];
  const byKind = new Map<string, number[]>();
  const timed: Array<{ kind: string; question: string; ms: number }> = [];
  const started = performance.now();
  for (let pass = 0; pass < options.maxPasses && (pass === 0 || performance.now() - started < options.budgetMs); pass += 1) {
    for (const { kind, question } of inputs) {
      const before = performance.now();
      await run(question);
      const ms = performance.now() - before;
      samples.push(ms);
      timed.push({ kind, question, ms: round(ms, 1) });
      byKind.set(kind, [...(byKind.get(kind) ?? []), ms]);
    }
  }
  return {
    p50: round(percentile(samples, 50), 2),
    p95: round(percentile(samples, 95), 2),
    p99: round(percentile(samples, 99), 2),
    p99ByKind: Object.fromEntries([...byKind].map(([kind, list]) => [kind, round(percentile(list, 99), 2)])),
    slowest: timed.sort((a, b) => b.ms - a.ms).slice(0, 8),
    samples: samples.length,
  };
}

async function databaseSizes(databaseUrl: string): Promise<{ database: number; tables: Record<string, number> }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('VACUUM ANALYZE');
    const database = Number((await client.query<{ size: string }>('SELECT pg_database_size(current_database()) AS size')).rows[0]!.size);
    const rows = await client.query<{ name: string; size: string }>(
      "SELECT relname AS name, pg_total_relation_size(oid) AS size FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace ORDER BY 2 DESC",
    );
    return { database, tables: Object.fromEntries(rows.rows.map((row) => [row.name, Number(row.size)])) };
  } finally {
    await client.end();
  }
}
