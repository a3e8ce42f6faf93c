import path from 'node:path';
import { CorpusDirError } from '../corpus/load.js';
import { watchCorpus } from '../desk/corpus-watch.js';
import { QuoteDesk } from '../desk/quote-desk.js';
import { corpusKey, FileSnapshotStore } from '../desk/snapshot.js';
import { ConfigError, loadConfig } from '../ops/config.js';
import { createLogger } from '../ops/logger.js';
import { startBot } from './bot.js';

const TERMINAL_HINT = 'To try Quotedesk without Discord: npm run ask -- "What did Putin say about Ukraine?"';

/**
 * `npm start`: the Discord bot. Reloads the corpus on SIGHUP (and on file changes with
 * CORPUS_WATCH=true); on SIGINT/SIGTERM finishes the interactions in flight and exits 0.
 */
async function main(): Promise<void> {
  const config = loadConfig({ require: ['DISCORD_TOKEN', 'DISCORD_CLIENT_ID'] });
  const token = config.DISCORD_TOKEN!;
  const logger = createLogger({ level: config.LOG_LEVEL, format: config.LOG_FORMAT, secrets: [token] });
  const corpusDir = path.resolve(config.CORPUS_DIR);
  const desk = await QuoteDesk.open({
    corpusDir,
    logger,
    snapshots: new FileSnapshotStore(path.resolve(config.CACHE_DIR), logger),
    rejectionListFile: path.resolve(config.CACHE_DIR, `rejected-${corpusKey(corpusDir)}.txt`),
  });
  const bot = await startBot({ token, desk, logger, ...(config.DISCORD_API_URL ? { restApi: config.DISCORD_API_URL } : {}) });
  const stopWatching = config.CORPUS_WATCH ? watchCorpus(corpusDir, () => void desk.reload({ whenBusy: 'again', trigger: 'file change' }), { logger }) : () => undefined;
  process.on('SIGHUP', () => void desk.reload({ whenBusy: 'join', trigger: 'SIGHUP' }));
  const shutdown = (signal: string): void => {
    logger.info({ signal }, 'signal received');
    stopWatching();
    bot.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'unclean shutdown');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n${TERMINAL_HINT}\n`);
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
