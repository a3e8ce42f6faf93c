import { fileURLToPath } from 'node:url';
import { REST, Routes, ShardingManager, type RESTGetAPIGatewayBotResult } from 'discord.js';
import { ConfigError, loadConfig } from '../ops/config.js';
import { createLogger } from '../ops/logger.js';

const BOT_SCRIPT = fileURLToPath(new URL('./main.ts', import.meta.url));

/**
 * `npm run start:sharded`: the gateway bot split into shards with discord.js's ShardingManager,
 * one process per shard (each the ordinary `npm start` bot, which discord.js tells its shard
 * through the environment). Discord requires sharding past 2,500 servers. With DATABASE_URL set
 * every shard serves the one corpus in PostgreSQL instead of building its own index; a shard that
 * dies is started again. SIGTERM/SIGINT stop every shard gracefully.
 */
async function main(): Promise<void> {
  const config = loadConfig({ require: ['DISCORD_TOKEN', 'DISCORD_CLIENT_ID'] });
  const token = config.DISCORD_TOKEN!;
  const logger = createLogger({ level: config.LOG_LEVEL, format: config.LOG_FORMAT, secrets: [token] });
  const totalShards = config.SHARD_COUNT ?? (await recommendedShards(token, config.DISCORD_API_URL));
  const manager = new ShardingManager(BOT_SCRIPT, { token, totalShards, execArgv: ['--import', 'tsx'], respawn: true });
  manager.on('shardCreate', (shard) => {
    logger.info({ shard: shard.id, totalShards }, 'shard started');
    shard.on('death', () => logger.warn({ shard: shard.id }, 'shard exited; starting it again'));
  });
  await manager.spawn({ delay: config.SHARD_SPAWN_DELAY_MS, timeout: 120_000 });
  logger.info({ totalShards }, 'all shards ready');
  const shutdown = (signal: string): void => {
    logger.info({ signal }, 'signal received: stopping every shard');
    const exits = [...manager.shards.values()].map(
      (shard) =>
        new Promise<void>((resolve) => {
          if (!shard.process || shard.process.exitCode !== null) return resolve();
          shard.process.once('exit', () => resolve());
          shard.process.kill('SIGTERM');
        }),
    );
    manager.respawn = false;
    void Promise.all(exits).then(() => {
      logger.info('all shards stopped');
      process.exit(0);
    });
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

/** Discord's recommended shard count for this bot (GET /gateway/bot), through the configured API. */
async function recommendedShards(token: string, api: string | undefined): Promise<number> {
  const rest = new REST({ ...(api ? { api } : {}) }).setToken(token);
  const gateway = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
  return gateway.shards;
}

main().catch((error: unknown) => {
  const token = process.env.DISCORD_TOKEN;
  const text = error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`Quotedesk could not start its shards: ${token ? text.split(token).join('[redacted]') : text}\n`);
  process.exit(1);
});
