/**
 * The bench's questions against a database already written (by `npm run ingest` or
 * scripts/bench/postgres-write.ts --server), without ingesting again: which questions make the
 * PostgreSQL p99, and how much of each is SQL. A query experiment then costs minutes, not the
 * bench's whole ingest (over an hour at 502k).
 *
 * usage: node --import tsx scripts/bench/postgres-questions.ts CORPUS_DIR DATABASE_URL [--answers FILE] [--passes N] [--show N] [--explain QUESTION]…
 *
 * The questions and the embedded index's answers (for the top-10 overlap) come from building
 * CORPUS_DIR with the embedded pipeline, which at 105k takes minutes; --answers keeps them in FILE
 * (written when missing, read when there), so later runs skip the build (postgres-write.ts
 * --answers writes the same file from the build it writes). Each question is timed
 * alone, one at a time, `--passes` times (default 3) after one untimed pass; printed: p50 / p99
 * overall and by kind, and the `--show` (default 15) questions with the slowest worst time, with
 * their SQL share (the time spent waiting on the pool's queries). `--explain QUESTION` (repeatable)
 * prints `EXPLAIN (ANALYZE, BUFFERS)` of every statement that question's answer runs, with the same
 * parameters, after the timed passes.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { loadCorpus } from '../../src/corpus/load.js';
import { CorpusVersion } from '../../src/desk/corpus-version.js';
import { PostgresQuoteStore } from '../../src/stores/postgres/postgres-store.js';
import { expectedAnswersOf, wholeAnswer, type ExpectedAnswers } from './expected-answers.js';
import { percentile, round } from './stats.js';

const args = parseArgs({ allowPositionals: true, options: { answers: { type: 'string' }, passes: { type: 'string', default: '3' }, show: { type: 'string', default: '15' }, explain: { type: 'string', multiple: true, default: [] } } });
const [corpusDir, url] = args.positionals;
if (!corpusDir || !url) throw new Error('usage: postgres-questions.ts CORPUS_DIR DATABASE_URL [--answers FILE] [--passes N] [--show N]');
const passes = Number(args.values.passes);
const show = Number(args.values.show);

const expected = await expectedAnswers(corpusDir, args.values.answers);

const store = await PostgresQuoteStore.open({ url, poolSize: 4 });
// The time each answer spends waiting on its queries (they may overlap: an upper bound of the SQL share).
let sqlMs = 0;
/** While set, each statement's plan is collected here too (run once more under EXPLAIN ANALYZE). */
let explained: string[] | null = null;
const pool = store.database;
const query = pool.query.bind(pool) as (text: string, values?: unknown[]) => Promise<{ rows: Array<Record<string, unknown>> }>;
(pool as unknown as { query: typeof query }).query = async (text: string, values?: unknown[]) => {
  const before = performance.now();
  try {
    return await query(text, values);
  } finally {
    sqlMs += performance.now() - before;
    if (explained !== null && typeof text === 'string') {
      const plan = await query(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, values);
      explained.push(plan.rows.map((row) => String(row['QUERY PLAN'])).join('\n'));
    }
  }
};

let overlapSum = 0;
let overlapCount = 0;
let identical = 0;
for (const { question } of expected.questions) {
  const ours = await store.ask({ question });
  const theirs = expected.answers[question]!;
  if (wholeAnswer(ours) === theirs.whole) identical += 1;
  if (theirs.top10.length === 0) continue;
  const got = new Set(ours.snippets.slice(0, 10).map((snippet) => snippet.quoteId));
  overlapSum += theirs.top10.filter((id) => got.has(id)).length / theirs.top10.length;
  overlapCount += 1;
}

const timings = new Map<string, { kind: string; ms: number[]; sql: number[] }>(expected.questions.map(({ kind, question }) => [question, { kind, ms: [], sql: [] }]));
const loadBefore = loadavg()[0]!;
for (let pass = 0; pass < passes; pass += 1) {
  for (const { question } of expected.questions) {
    sqlMs = 0;
    const before = performance.now();
    await store.ask({ question });
    const entry = timings.get(question)!;
    entry.ms.push(performance.now() - before);
    entry.sql.push(sqlMs);
  }
}
for (const question of args.values.explain) {
  explained = [];
  await store.ask({ question });
  process.stdout.write(`\nEXPLAIN of ${JSON.stringify(question)}:\n${explained.join('\n---\n')}\n`);
}
explained = null;
await store.close();

const all = [...timings.values()].flatMap((entry) => entry.ms);
const byKind = new Map<string, number[]>();
for (const entry of timings.values()) byKind.set(entry.kind, [...(byKind.get(entry.kind) ?? []), ...entry.ms]);
const fmt = (ms: number): string => round(ms, 1).toFixed(1);
process.stdout.write(
  `${expected.questions.length} questions × ${passes} passes, load ${loadBefore.toFixed(1)}–${loadavg()[0]!.toFixed(1)}: p50 ${fmt(percentile(all, 50))} / p95 ${fmt(percentile(all, 95))} / p99 ${fmt(percentile(all, 99))} ms; ` +
    `by kind p99: ${[...byKind].map(([kind, list]) => `${kind} ${fmt(percentile(list, 99))}`).join(', ')}; ` +
    `top-10 overlap ${(overlapSum / Math.max(1, overlapCount)).toFixed(3)}, identical ${(identical / expected.questions.length).toFixed(3)}\n`,
);
const slowest = [...timings].sort(([, a], [, b]) => Math.max(...b.ms) - Math.max(...a.ms)).slice(0, show);
for (const [question, { kind, ms, sql }] of slowest) {
  process.stdout.write(`  max ${fmt(Math.max(...ms))}  median ${fmt(percentile(ms, 50))}  (sql median ${fmt(percentile(sql, 50))})  ${kind}  ${JSON.stringify(question)}\n`);
}

/** The questions and the embedded answers: from FILE when it is there, else built (and kept in FILE when given). */
async function expectedAnswers(dir: string, file: string | undefined): Promise<ExpectedAnswers> {
  if (file !== undefined && existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as ExpectedAnswers;
  const built = expectedAnswersOf(await CorpusVersion.build(await loadCorpus(dir)));
  if (file !== undefined) writeFileSync(file, JSON.stringify(built));
  return built;
}
