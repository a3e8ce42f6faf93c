import { Client, Events, GatewayIntentBits } from 'discord.js';
import type { Logger } from 'pino';
import type { ServingDesk } from '../store/serving-desk.js';
import { AnswerPager, type AnswerPagerOptions } from './answer-pager.js';
import { COMMANDS } from './command-registry.js';
import { InteractionRouter } from './interaction-router.js';

export interface BotOptions {
  token: string;
  desk: ServingDesk;
  logger: Logger;
  /** Discord's REST base, e.g. `http://127.0.0.1:PORT/api` for the loopback Discord in tests. */
  restApi?: string;
  paging?: AnswerPagerOptions;
}

export interface RunningBot {
  client: Client;
  router: InteractionRouter;
  pager: AnswerPager;
  /** Stops taking interactions, finishes those in flight, expires paging buttons, logs out. */
  stop(): Promise<void>;
}

/**
 * Logs the bot in and wires interactions to the commands. Only the Guilds intent (slash commands
 * need nothing more; no message content), and no pings from any message, client-wide.
 */
export async function startBot(options: BotOptions): Promise<RunningBot> {
  const { logger } = options;
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    ...(options.restApi ? { rest: { api: options.restApi } } : {}),
  });
  const pager = new AnswerPager(options.paging);
  const router = new InteractionRouter(COMMANDS, { desk: options.desk, pager, logger });
  client.on(Events.InteractionCreate, router.handle);
  client.on(Events.Error, (error) => logger.error({ err: error }, 'discord client error'));
  client.on(Events.Warn, (message) => logger.warn({ message }, 'discord client warning'));
  client.on(Events.ShardResume, (shard, replayed) => logger.info({ shard, replayed }, 'gateway session resumed'));
  client.on(Events.ShardDisconnect, (event, shard) => logger.warn({ shard, code: event.code }, 'gateway disconnected'));
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(options.token);
  await ready;
  logger.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'bot ready');
  let stopping: Promise<void> | null = null;
  return {
    client,
    router,
    pager,
    stop() {
      stopping ??= (async () => {
        logger.info({ inFlight: router.pending }, 'shutting down: finishing interactions in flight');
        await router.drain();
        await pager.close();
        await client.destroy();
        logger.info('bot stopped');
      })();
      return stopping;
    },
  };
}
