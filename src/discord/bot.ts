import { Client, Events, GatewayIntentBits } from 'discord.js';
import type { Logger } from 'pino';
import type { QuoteDesk } from '../desk/quote-desk.js';
import { AnswerPager, type AnswerPagerOptions } from './answer-pager.js';
import { COMMANDS } from './command-registry.js';
import { GuardedShardingStrategy } from './gateway-guard.js';
import { settlesWithin } from './deadline.js';
import { InteractionRouter } from './interaction-router.js';

export interface BotOptions {
  token: string;
  desk: QuoteDesk;
  logger: Logger;
  /** Discord's REST base, e.g. `http://127.0.0.1:PORT/api` for the loopback Discord in tests. */
  restApi?: string;
  paging?: AnswerPagerOptions;
  /**
   * The most `stop()` takes, whatever Discord does. Process managers kill ~10 s after SIGTERM
   * (Docker, Kubernetes' default is 30), so the default of 8 s leaves room to exit on our own.
   */
  shutdownMs?: number;
}

/** Default bound on shutdown; see {@link BotOptions.shutdownMs}. */
export const DEFAULT_SHUTDOWN_MS = 8_000;

export interface RunningBot {
  client: Client;
  router: InteractionRouter;
  pager: AnswerPager;
  /**
   * Stops taking interactions, finishes those in flight, expires paging buttons, logs out; each step
   * bounded so the whole stays within `shutdownMs` even when Discord's REST or gateway hangs.
   */
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
    ws: {
      buildStrategy: (manager) =>
        new GuardedShardingStrategy(manager, ({ error, event, dispatch, sequence, shardId }) =>
          logger.error({ err: error, shard: shardId, gatewayEvent: event, event: dispatch, seq: sequence }, 'a gateway event handler failed; the event was skipped'),
        ),
    },
  });
  const pager = new AnswerPager(options.paging);
  const router = new InteractionRouter(COMMANDS, { desk: options.desk, pager, logger });
  client.on(Events.InteractionCreate, router.handle);
  client.on(Events.Error, (error) => logger.error({ err: error }, 'discord client error'));
  client.on(Events.Warn, (message) => logger.warn({ message }, 'discord client warning'));
  client.on(Events.ShardResume, (shard, replayed) => logger.info({ shard, replayed }, 'gateway session resumed'));
  client.on(Events.ShardDisconnect, (event, shard) => logger.warn({ shard, code: event.code }, 'gateway disconnected'));
  client.on(Events.ShardReconnecting, (shard) => logger.info({ shard }, 'gateway reconnecting'));
  client.on(Events.ShardError, (error, shard) => logger.warn({ err: error, shard }, 'gateway connection error'));
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
        // Half the budget for answers in flight, then the buttons, keeping the last fifth (≤ 1 s)
        // for closing the gateway. Each step only waits; none is retried.
        const budget = options.shutdownMs ?? DEFAULT_SHUTDOWN_MS;
        const deadline = Date.now() + budget;
        const closingReserve = Math.min(1_000, budget / 5);
        logger.info({ inFlight: router.pending, budgetMs: budget }, 'shutting down: finishing interactions in flight');
        if (!(await router.drain(budget / 2))) logger.warn({ inFlight: router.pending }, 'shutdown: interactions still in flight were left');
        const { left } = await pager.close(deadline - Date.now() - closingReserve);
        if (left > 0) logger.warn({ buttonsLeft: left }, 'shutdown: Discord did not answer in time; buttons left in place');
        if (!(await settlesWithin(client.destroy(), Math.max(deadline - Date.now(), 250)))) logger.warn('shutdown: the gateway did not close in time');
        logger.info('bot stopped');
      })();
      return stopping;
    },
  };
}
