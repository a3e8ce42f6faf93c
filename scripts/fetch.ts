import path from 'node:path';
import { parseArgs } from 'node:util';
import { FeedService } from '../src/feeds/feed-service.js';
import { FileFeedStateStore } from '../src/feeds/feed-state-file.js';
import { feedServiceOptions } from '../src/feeds/from-config.js';
import { outcomeLine, pollSummary } from '../src/feeds/poll-summary.js';
import { ConfigError, loadConfig } from '../src/ops/config.js';
import { createLogger } from '../src/ops/logger.js';
import { PostgresFeedState } from '../src/stores/postgres/feed-state.js';

const USAGE = `Usage: npm run fetch -- [options] [URL]

Polls every feed in FEEDS_FILE once (whatever its schedule) and writes new and updated articles
into the corpus folder under fetched/. With a URL, fetches that one article instead.
A running bot serves them after its next reload (/reload, SIGHUP, or CORPUS_WATCH=true).

Options:
  --corpus DIR      corpus folder (default: CORPUS_DIR or ./corpus)
  --outlet NAME     outlet to record for a single URL (default: the page's site name)
  -h, --help        show this help

Exit status: 0 when everything was read, 1 when a feed, the feed list or the URL had a problem.`;

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({ allowPositionals: true, options: { corpus: { type: 'string' }, outlet: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } } });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (args.values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const config = loadConfig();
  const logger = createLogger({ level: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL, format: config.LOG_FORMAT });
  const corpusDir = path.resolve(args.values.corpus ?? config.CORPUS_DIR);
  // With DATABASE_URL, the feed state the bot processes share (PostgreSQL), not this machine's file.
  const feedOptions = feedServiceOptions(config, { corpusDir, logger });
  const service = await FeedService.open({
    ...feedOptions,
    ...(config.DATABASE_URL ? { stateStore: await PostgresFeedState.open({ url: config.DATABASE_URL, importFrom: new FileFeedStateStore(feedOptions.stateFile) }) } : {}),
  });
  const [url, ...extra] = args.positionals;
  if (extra.length > 0) {
    process.stderr.write(`One URL at a time.\n\n${USAGE}\n`);
    return 2;
  }
  if (url !== undefined) {
    const { outcome } = await service.addArticle(url, args.values.outlet);
    process.stdout.write(`${outcomeLine(outcome)}\n`);
    return outcome.status === 'refused' ? 1 : 0;
  }
  const { feeds, problems } = await service.list();
  for (const problem of problems) process.stderr.write(`${problem}\n`);
  if (feeds.length === 0) {
    process.stdout.write(`No feeds listed in ${service.file.file}. Add some there (see .env.example, FEEDS_FILE) or with /feeds add.\n`);
    return problems.length > 0 ? 1 : 0;
  }
  process.stdout.write(`Polling ${feeds.length} feed(s) into ${corpusDir} (one request per site every ${config.FETCH_DELAY_MS / 1000} s)…\n`);
  const reports = await service.pollAll();
  if (reports.length === 0) {
    // pollAll polls every listed feed, so no report means the shared state's round was taken.
    process.stdout.write('Another process is polling these feeds right now (the feed state in PostgreSQL is shared); nothing polled.\n');
    return 0;
  }
  for (const line of pollSummary(reports)) process.stdout.write(`${line}\n`);
  const written = reports.flatMap((r) => (r.status === 'polled' ? r.items : [])).filter((i) => i.status === 'added' || i.status === 'updated').length;
  process.stdout.write(`${written} article(s) written. A running bot serves them after its next reload (/reload, SIGHUP, or CORPUS_WATCH=true).\n`);
  return problems.length > 0 || reports.some((r) => r.status === 'failed') ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(error instanceof ConfigError ? `${error.message}\n` : `npm run fetch failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
