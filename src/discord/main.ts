import path from 'node:path';
import { CorpusDirError } from '../corpus/load.js';
import { watchCorpus } from '../desk/corpus-watch.js';
import { QuoteDesk } from '../desk/quote-desk.js';
import { corpusKey, FileSnapshotStore } from '../desk/snapshot.js';
import { FeedService } from '../feeds/feed-service.js';
import { corpusUrlLookup } from '../feeds/corpus-urls.js';
import { FileFeedStateStore } from '../feeds/feed-state-file.js';
import { feedServiceOptions } from '../feeds/from-config.js';
import { ConfigError, loadConfig } from '../ops/config.js';
import { createLogger } from '../ops/logger.js';
import { PostgresFeedState } from '../stores/postgres/feed-state.js';
import { SharedDesk } from '../stores/postgres/shared-desk.js';
import type { ServingDesk } from '../store/serving-desk.js';
import { startBot, type RunningBot } from './bot.js';

const TERMINAL_HINT = 'To try Quotedesk without Discord: npm run ask -- "What did Putin say about Ukraine?"';

/**
 * `npm start`: the Discord bot. Reloads the corpus on SIGHUP (and on file changes with
 * CORPUS_WATCH=true); on SIGINT/SIGTERM finishes the interactions in flight and exits 0.
 */
async function main(): Promise<void> {
  const config = loadConfig({ require: ['DISCORD_TOKEN', 'DISCORD_CLIENT_ID'] });
  const token = config.DISCORD_TOKEN!;
  const logger = createLogger({ level: config.LOG_LEVEL, format: config.LOG_FORMAT, secrets: [token, config.DATABASE_URL ? new URL(config.DATABASE_URL).password : undefined] });
  // What has started so far, so that a SIGTERM at any moment, start-up included, stops just that.
  const running: { desk?: ServingDesk; bot?: RunningBot; feeds?: FeedService; stopWatching?: () => void } = {};
  const shutdown = (signal: string): void => {
    logger.info({ signal }, 'signal received');
    // stop() is bounded by itself; this is the backstop should anything else hold the process.
    setTimeout(() => {
      logger.error('shutdown took longer than 10 s; exiting anyway');
      process.exit(1);
    }, 10_000).unref();
    running.stopWatching?.();
    Promise.all([running.feeds?.stop(), running.bot?.stop()]).then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'unclean shutdown');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  // SIGHUP's default is to end the process: taken from the start, it reloads once a corpus is served.
  process.on('SIGHUP', () => void running.desk?.reload({ whenBusy: 'join', trigger: 'SIGHUP' }));
  const corpusDir = path.resolve(config.CORPUS_DIR);
  // DATABASE_URL: answers from the corpus in PostgreSQL, shared with every other bot process (docs/scaling.md).
  const desk = config.DATABASE_URL
    ? await SharedDesk.open({ url: config.DATABASE_URL, corpusDir, logger })
    : await QuoteDesk.open({
        corpusDir,
        logger,
        snapshots: new FileSnapshotStore(path.resolve(config.CACHE_DIR), logger),
        rejectionListFile: path.resolve(config.CACHE_DIR, `rejected-${corpusKey(corpusDir)}.txt`),
      });
  const feedOptions = feedServiceOptions(config, { corpusDir, logger, reload: (trigger) => desk.reload({ whenBusy: 'again', trigger }) });
  const feeds = await FeedService.open({
    ...feedOptions,
    ...(desk instanceof QuoteDesk ? { corpusUrls: corpusUrlLookup(() => desk.version) } : {}),
    // Beside the corpus: whichever process polls next goes on from the same state, one at a time.
    ...(config.DATABASE_URL ? { stateStore: await PostgresFeedState.open({ url: config.DATABASE_URL, importFrom: new FileFeedStateStore(feedOptions.stateFile) }) } : {}),
  });
  running.desk = desk;
  running.feeds = feeds;
  running.bot = await startBot({
    token,
    desk,
    logger,
    feeds,
    reportsFile: path.resolve(config.SPEAKER_REPORTS_FILE),
    ...(config.DISCORD_API_URL ? { restApi: config.DISCORD_API_URL } : {}),
    ...(desk instanceof SharedDesk ? { paging: { pages: desk.pages } } : {}),
  });
  feeds.start();
  running.stopWatching = config.CORPUS_WATCH ? watchCorpus(corpusDir, () => void desk.reload({ whenBusy: 'again', trigger: 'file change' }), { logger }) : () => undefined;
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    // The terminal mode reads no Discord variable: point there only when nothing else is wrong.
    process.stderr.write(`${error.message}\n${error.onlyDiscord ? `${TERMINAL_HINT}\n` : ''}`);
  } else if (error instanceof CorpusDirError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    // The token may be inside an error from the login; never print it.
    const token = process.env.DISCORD_TOKEN;
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`Quotedesk could not start: ${token ? text.split(token).join('[redacted]') : text}\n`);
  }
  process.exit(1);
});
