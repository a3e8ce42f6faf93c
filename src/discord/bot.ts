import { Client, Events, GatewayIntentBits, Partials } from 'discord.js';
import type { Logger } from 'pino';
import type { ServingDesk } from '../store/serving-desk.js';
import type { FeedService } from '../feeds/feed-service.js';
import { AnswerPager, type AnswerPagerOptions } from './answer-pager.js';
import { COMMANDS, MESSAGE_COMMANDS } from './command-registry.js';
import { GuardedShardingStrategy } from './gateway-guard.js';
import { settlesWithin } from './deadline.js';
import { InteractionRouter } from './interaction-router.js';
import { MentionAsker, NO_PINGS, type MentionAskerOptions } from './mention-asker.js';
import { SpeakerReportLog } from '../reports/report-log.js';
import { WrongSpeakerReports } from './wrong-speaker.js';

export interface BotOptions {
  token: string;
  desk: ServingDesk;
  logger: Logger;
  /** Discord's REST base, e.g. `http://127.0.0.1:PORT/api` for the loopback Discord in tests. */
  restApi?: string;
  paging?: AnswerPagerOptions;
  /**
   * The most `stop()` takes, whatever Discord does. Process managers kill ~10 s after SIGTERM
   * (Docker, Kubernetes' default is 30), so the default of 8 s leaves room to exit on our own.
   */
  shutdownMs?: number;
  mentions?: Pick<MentionAskerOptions, 'cooldownMs'>;
  /** Where "Wrong speaker?" reports go (JSON Lines, appended). Default `data/speaker-reports.jsonl`. */
  reportsFile?: string;
  /** Feeds and article fetching for `/feeds` and `/corpus add`; without it those commands say they are off. */
  feeds?: FeedService;
}

/** Default bound on shutdown; see {@link BotOptions.shutdownMs}. */
export const DEFAULT_SHUTDOWN_MS = 8_000;

export interface RunningBot {
  client: Client;
  router: InteractionRouter;
  pager: AnswerPager;
  mentions: MentionAsker;
  reports: WrongSpeakerReports;
  /**
   * Stops taking interactions, finishes those in flight, expires paging buttons, logs out; each step
   * bounded so the whole stays within `shutdownMs` even when Discord's REST or gateway hangs.
   */
  stop(): Promise<void>;
}

/**
 * Logs the bot in and wires interactions to the commands and mentions to the mention asker.
 * Non-privileged intents only: Guilds, and guild and DM messages, whose content Discord sends for
 * messages that mention the bot and for DMs without the Message Content intent. No pings from any
 * message, client-wide, not even of the person replied to.
 */
export async function startBot(options: BotOptions): Promise<RunningBot> {
  const { logger } = options;
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages],
    // DM channels are not cached until used: without this partial discord.js drops DMs.
    partials: [Partials.Channel],
    allowedMentions: NO_PINGS,
    ...(options.restApi ? { rest: { api: options.restApi } } : {}),
    ws: {
      buildStrategy: (manager) =>
        new GuardedShardingStrategy(manager, ({ error, event, dispatch, sequence, shardId }) =>
          logger.error({ err: error, shard: shardId, gatewayEvent: event, event: dispatch, seq: sequence }, 'a gateway event handler failed; the event was skipped'),
        ),
    },
  });
  const reportLog = new SpeakerReportLog(options.reportsFile ?? 'data/speaker-reports.jsonl', logger);
  const reports = new WrongSpeakerReports({ log: reportLog, desk: options.desk, logger });
  const pager = new AnswerPager({ ...options.paging, extraButton: (answer, page) => reports.buttonFor(answer, page) });
  const router = new InteractionRouter(COMMANDS, { desk: options.desk, pager, logger, reports, ...(options.feeds ? { feeds: options.feeds } : {}) }, MESSAGE_COMMANDS);
  client.on(Events.InteractionCreate, router.handle);
  const mentions = new MentionAsker({ desk: options.desk, pager, logger, ...options.mentions });
  client.on(Events.MessageCreate, mentions.handle);
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
    mentions,
    reports,
    stop() {
      stopping ??= (async () => {
        // Half the budget for answers in flight, then the buttons, keeping the last fifth (≤ 1 s)
        // for closing the gateway. Each step only waits; none is retried.
        const budget = options.shutdownMs ?? DEFAULT_SHUTDOWN_MS;
        const deadline = Date.now() + budget;
        const closingReserve = Math.min(1_000, budget / 5);
        logger.info({ inFlight: router.pending, budgetMs: budget }, 'shutting down: finishing interactions in flight');
        const [drained] = await Promise.all([router.drain(budget / 2), mentions.drain(budget / 2)]);
        if (!drained) logger.warn({ inFlight: router.pending }, 'shutdown: interactions still in flight were left');
        const [{ left }] = await Promise.all([pager.close(deadline - Date.now() - closingReserve), settlesWithin(reportLog.flush(), Math.max(deadline - Date.now() - closingReserve, 0))]);
        if (left > 0) logger.warn({ buttonsLeft: left }, 'shutdown: Discord did not answer in time; buttons left in place');
        if (!(await settlesWithin(client.destroy(), Math.max(deadline - Date.now(), 250)))) logger.warn('shutdown: the gateway did not close in time');
        logger.info('bot stopped');
      })();
      return stopping;
    },
  };
}
