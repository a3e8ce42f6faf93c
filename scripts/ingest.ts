import path from 'node:path';
import { parseArgs } from 'node:util';
import { CorpusDirError, formatRejection } from '../src/corpus/load.js';
import { ConfigError, loadConfig } from '../src/ops/config.js';
import { createLogger } from '../src/ops/logger.js';
import { ingestCorpus } from '../src/stores/postgres/ingest.js';

const USAGE = `Usage: npm run ingest -- [--corpus DIR]

The writer for a PostgreSQL-backed deployment: reads the corpus folder, extracts the quotes and
writes them to DATABASE_URL as a new corpus version; every bot process switches to it at once.
Run it after changing the corpus (or on a schedule); only one ingest runs at a time.`;

/** `npm run ingest`: one corpus version into PostgreSQL. Exit 0 written, 1 failed, 2 usage, 3 another ingest is running. */
async function main(): Promise<number> {
  const args = parseArgs({ options: { corpus: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } } });
  if (args.values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const config = loadConfig();
  if (!config.DATABASE_URL) {
    process.stderr.write(`DATABASE_URL is missing: ingest writes to PostgreSQL (see docs/scaling.md).\n\n${USAGE}\n`);
    return 2;
  }
  const logger = createLogger({ level: config.LOG_LEVEL, format: config.LOG_FORMAT, secrets: [new URL(config.DATABASE_URL).password].filter(Boolean) });
  const corpusDir = path.resolve(args.values.corpus ?? config.CORPUS_DIR);
  const result = await ingestCorpus({ url: config.DATABASE_URL, corpusDir, logger, trigger: 'npm run ingest' });
  if (result.status === 'busy') {
    process.stderr.write('Another ingest is running; this one did nothing.\n');
    return 3;
  }
  if (result.status === 'failed') {
    process.stderr.write(`Ingest failed, the current version keeps serving: ${result.reason}\n`);
    return 1;
  }
  const { report } = result;
  for (const rejection of report.rejected) process.stderr.write(`skipped ${formatRejection(rejection)}\n`);
  process.stdout.write(
    `Wrote corpus version ${report.versionId}: ${report.articles} articles, ${report.quotes} quotes, ${report.speakers} speakers ` +
      `(${report.added.length} added, ${report.changed.length} changed, ${report.removed.length} removed, ${report.rejected.length} rejected) in ${report.durationMs} ms.\n`,
  );
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof CorpusDirError) process.stderr.write(`${error.message}\n`);
    else process.stderr.write(`Ingest failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
