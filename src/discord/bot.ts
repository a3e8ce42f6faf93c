import { Client, Events, GatewayIntentBits, Partials } from 'discord.js';
import type { Logger } from 'pino';
import type { QuoteDesk } from '../desk/quote-desk.js';
import { AnswerPager, type AnswerPagerOptions } from './answer-pager.js';
import { COMMANDS, MESSAGE_COMMANDS } from './command-registry.js';
import { InteractionRouter } from './interaction-router.js';
import { MentionAsker, NO_PINGS, type MentionAskerOptions } from './mention-asker.js';
import { SpeakerReportLog } from '../reports/report-log.js';
import { WrongSpeakerReports } from './wrong-speaker.js';

export interface BotOptions {
  token: string;
  desk: QuoteDesk;
  logger: Logger;
  /** Discord's REST base, e.g. `http://127.0.0.1:PORT/api` for the loopback Discord in tests. */
  restApi?: string;
  paging?: AnswerPagerOptions;
  mentions?: Pick<MentionAskerOptions, 'cooldownMs'>;
  /** Where "Wrong speaker?" reports go (JSON Lines, appended). Default `data/speaker-reports.jsonl`. */
  reportsFile?: string;
}

export interface RunningBot {
  client: Client;
  router: InteractionRouter;
  pager: AnswerPager;
  mentions: MentionAsker;
  reports: WrongSpeakerReports;
  /** Stops taking interactions, finishes those in flight, expires paging buttons, logs out. */
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
  });
  const reportLog = new SpeakerReportLog(options.reportsFile ?? 'data/speaker-reports.jsonl', logger);
  const reports = new WrongSpeakerReports({ log: reportLog, desk: options.desk, logger });
  const pager = new AnswerPager({ ...options.paging, extraButton: (answer, page) => reports.buttonFor(answer, page) });
  const router = new InteractionRouter(COMMANDS, { desk: options.desk, pager, logger, reports }, MESSAGE_COMMANDS);
  client.on(Events.InteractionCreate, router.handle);
  const mentions = new MentionAsker({ desk: options.desk, pager, logger, ...options.mentions });
  client.on(Events.MessageCreate, mentions.handle);
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
    mentions,
    reports,
    stop() {
      stopping ??= (async () => {
        logger.info({ inFlight: router.pending }, 'shutting down: finishing interactions in flight');
        await Promise.all([router.drain(), mentions.drain()]);
        await Promise.all([pager.close(), reportLog.flush()]);
        await client.destroy();
        logger.info('bot stopped');
      })();
      return stopping;
    },
  };
}
