import path from 'node:path';
import { ConfigError, loadConfig } from '../ops/config.js';
import { ingestCorpus } from '../stores/postgres/ingest.js';
import { createLogger } from '../ops/logger.js';
import { PostgresPageStore } from '../stores/postgres/answer-pages.js';
import { NoCorpusVersionError, PostgresQuoteStore } from '../stores/postgres/postgres-store.js';
import { createInteractionServer } from './http-interactions/interaction-server.js';
import { discordPublicKey } from './http-interactions/signature.js';

/**
 * `npm run start:http`: one stateless replica answering Discord's interaction requests over HTTP,
 * from the corpus in PostgreSQL. Run as many as the load needs behind a load balancer; set the
 * balancer's address as the application's Interactions Endpoint URL. SIGTERM/SIGINT stop taking
 * requests, finish those in flight and exit 0.
 */
async function main(): Promise<void> {
  const config = loadConfig({ require: ['DISCORD_CLIENT_ID'] });
  const problems = [
    config.DATABASE_URL ? null : 'DATABASE_URL is missing: replicas serve the corpus from PostgreSQL (docs/scaling.md)',
    config.DISCORD_PUBLIC_KEY ? null : 'DISCORD_PUBLIC_KEY is missing: set it to the public key on the General Information page',
  ].filter((problem): problem is string => problem !== null);
  if (problems.length > 0) throw new ConfigError(problems);
  const logger = createLogger({ level: config.LOG_LEVEL, format: config.LOG_FORMAT, secrets: [config.DISCORD_TOKEN, new URL(config.DATABASE_URL!).password] });
  const store = await PostgresQuoteStore.open({ url: config.DATABASE_URL!, logger, waitForVersionMs: 60_000 });
  const endpoint = createInteractionServer({
    publicKey: discordPublicKey(config.DISCORD_PUBLIC_KEY!),
    applicationId: config.DISCORD_CLIENT_ID!,
    logger,
    ...(config.DISCORD_API_URL ? { restApi: config.DISCORD_API_URL } : {}),
    backend: {
      store,
      completeSpeakers: (prefix, limit) => store.version.speakers.complete(prefix, limit),
      outlets: () => store.version.outlets(),
      stats: () => store.version.stats,
      pages: new PostgresPageStore(store.database),
      // /reload makes this replica the writer for one ingest of its CORPUS_DIR (one at a time, whichever replica is asked).
      reload: async (trigger) => {
        const result = await ingestCorpus({ url: config.DATABASE_URL!, corpusDir: path.resolve(config.CORPUS_DIR), logger, trigger });
        if (result.status === 'reloaded') await store.refresh();
        return result;
      },
    },
  });
  const port = await endpoint.listen(config.INTERACTIONS_PORT, config.INTERACTIONS_HOST);
  logger.info({ port, host: config.INTERACTIONS_HOST, version: store.versionId }, 'interactions endpoint listening');
  const shutdown = (signal: string): void => {
    logger.info({ signal, inFlight: endpoint.inFlight }, 'signal received: finishing requests in flight');
    endpoint
      .close()
      .then(() => store.close())
      .then(
        () => {
          logger.info('interactions endpoint stopped');
          process.exit(0);
        },
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
  if (error instanceof ConfigError || error instanceof NoCorpusVersionError) process.stderr.write(`${error.message}\n`);
  else process.stderr.write(`Quotedesk could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
