import { DiscordAPIError, PermissionFlagsBits, RESTJSONErrorCodes, type Message, type MessageCreateOptions, type PermissionsBitField } from 'discord.js';
import type { Logger } from 'pino';
import type { Answer } from '../answer/answer.js';
import type { ServingDesk } from '../store/serving-desk.js';
import { MAX_QUESTION_LENGTH } from '../search/question.js';
import type { AnswerPager } from './answer-pager.js';
import { answerText, CONTENT_LIMIT } from './answer-text.js';
import { escapeForDiscord } from './escape.js';

/** No pings at all, the author of the message replied to included (discord.js pings them by default). */
export const NO_PINGS = { parse: [] as never[], repliedUser: false };

const HELP = 'Ask me about the news, like: @Quotedesk what did Putin say about Ukraine? (or use /ask)';
const CLOSING = 'I am restarting right now; please ask again in a minute.';

export interface MentionAskerOptions {
  desk: ServingDesk;
  pager: AnswerPager;
  logger: Logger;
  /** How long one user waits between questions by mention. Default 10 s. */
  cooldownMs?: number;
}

/** How the bot can answer where it was asked, given its permissions there. */
interface Route {
  /** False without Send Messages (Send Messages in Threads, in a thread): the answer goes to the asker's DMs. */
  canSend: boolean;
  /** False without Embed Links: the answer is plain text. */
  canEmbed: boolean;
  /** False without Read Message History: Discord refuses replies, so the answer is a plain message naming the asker. */
  canReply: boolean;
}

/** Errors from Discord that mean "you may not post that here", for which the asker's DMs are the fallback. */
const NOT_ALLOWED_HERE = new Set<number>([
  RESTJSONErrorCodes.MissingPermissions,
  RESTJSONErrorCodes.MissingAccess,
  RESTJSONErrorCodes.CannotReplyWithoutPermissionToReadMessageHistory,
]);

/**
 * Answers questions asked by mentioning the bot (`@Quotedesk what did Putin say about Ukraine?`)
 * in a channel or thread, or by any message in a DM with it: the same paged answer as `/ask`, as
 * a reply that pings nobody. Bots (itself included) are ignored; each user has a short cooldown.
 * Where the bot may not post, embed or reply, it falls back (DM, plain text, plain message) and
 * says why, so a question is never met with silence.
 */
export class MentionAsker {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly lastAsked = new Map<string, { at: number; warned: boolean }>();
  private readonly cooldownMs: number;
  private accepting = true;

  constructor(private readonly options: MentionAskerOptions) {
    this.cooldownMs = options.cooldownMs ?? 10_000;
  }

  /** The `messageCreate` listener. */
  readonly handle = (message: Message): void => {
    // Every message in every channel the bot sees arrives here (without content unless it mentions the bot): drop the rest at once.
    if (!isQuestionFor(message)) return;
    const work = this.consider(message)
      .catch((error: unknown) => this.options.logger.error({ err: error, message: message.id, channel: message.channelId }, 'mention answer failed'))
      .finally(() => this.inFlight.delete(work));
    this.inFlight.add(work);
  };

  /** Stops answering and waits (up to `timeoutMs`) for answers being sent. */
  async drain(timeoutMs = 10_000): Promise<void> {
    this.accepting = false;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
      timer.unref();
    });
    await Promise.race([Promise.allSettled([...this.inFlight]), timeout]);
    clearTimeout(timer);
  }

  get pending(): number {
    return this.inFlight.size;
  }

  private async consider(message: Message): Promise<void> {
    const inDm = !message.inGuild();
    const question = message.content.replace(new RegExp(`<@!?${message.client.user.id}>`, 'g'), ' ').replace(/\s+/g, ' ').trim();
    const { logger } = this.options;
    if (!this.accepting) return void (await this.send(message, { text: CLOSING }));
    const wait = this.cooldownLeft(message.author.id);
    if (wait !== null) {
      if (wait.warn) await this.send(message, { text: `You can ask me again in ${Math.ceil(wait.ms / 1000)} s.` });
      logger.debug({ user: message.author.id, waitMs: wait.ms }, 'mention ignored: cooldown');
      return;
    }
    if (question.length === 0) return void (await this.send(message, { text: HELP }));
    const answer = await this.options.desk.ask({ question: question.slice(0, MAX_QUESTION_LENGTH + 1) });
    logger.info({ via: 'mention', status: answer.status, matches: answer.totalMatches, corpus: answer.corpusVersion, user: message.author.id, dm: inDm }, 'answered');
    await this.send(message, answer.status === 'answered' ? { answer } : { text: answer.message });
  }

  /** Milliseconds this user still has to wait, and whether to tell them (once per wait); null when they may ask. */
  private cooldownLeft(userId: string): { ms: number; warn: boolean } | null {
    const now = Date.now();
    const last = this.lastAsked.get(userId);
    if (last && now - last.at < this.cooldownMs) {
      const warn = !last.warned;
      last.warned = true;
      return { ms: this.cooldownMs - (now - last.at), warn };
    }
    if (this.lastAsked.size > 10_000) for (const [id, entry] of this.lastAsked) if (now - entry.at >= this.cooldownMs) this.lastAsked.delete(id);
    this.lastAsked.set(userId, { at: now, warned: false });
    return null;
  }

  /** Sends an answer (paged embeds) or a plain line where the question was asked, by the best route the permissions allow. */
  private async send(message: Message, what: { answer: Answer } | { text: string }): Promise<void> {
    const route = routeFor(message);
    if (!route.canSend) {
      await this.sendPrivately(message, what, `I can't post in that channel (I need the ${message.channel.isThread() ? 'Send Messages in Threads' : 'Send Messages'} permission there), so here is my answer privately.`);
      return;
    }
    try {
      await this.sendHere(message, what, route);
    } catch (error) {
      if (!(error instanceof DiscordAPIError) || typeof error.code !== 'number' || !NOT_ALLOWED_HERE.has(error.code)) throw error;
      this.options.logger.warn({ err: error, channel: message.channelId }, 'not allowed to answer in the channel; answering by DM');
      await this.sendPrivately(message, what, "Discord didn't let me answer in that channel (missing permissions), so here is my answer privately.");
    }
  }

  private async sendHere(message: Message, what: { answer: Answer } | { text: string }, route: Route): Promise<void> {
    // Without Read Message History Discord refuses replies: a plain message, naming (not pinging) the asker.
    const forAsker = route.canReply ? null : `<@${message.author.id}> *(I can't reply to messages here without Read Message History.)*`;
    const post = (body: MessageCreateOptions): Promise<Message> => {
      if (route.canReply) return message.reply({ ...body, allowedMentions: NO_PINGS });
      if (!message.channel.isSendable()) return Promise.reject(new Error('channel is not sendable'));
      return message.channel.send({ ...body, allowedMentions: NO_PINGS });
    };
    const lines = (...parts: Array<string | null>): string => parts.filter((part): part is string => part !== null).join('\n');
    if ('text' in what) {
      await post({ content: lines(forAsker, escapeForDiscord(what.text)) });
      return;
    }
    if (!route.canEmbed) {
      const room = CONTENT_LIMIT - (forAsker ? forAsker.length + 1 : 0);
      await post({ content: lines(forAsker, answerText(what.answer, "I can't show embeds here: a moderator can give me the Embed Links permission.", room)) });
      return;
    }
    await this.options.pager.post(what.answer, message.author.id, (page) => post({ ...(forAsker ? { content: forAsker } : {}), embeds: page.embeds, components: page.components }));
  }

  /** The asker's DMs: the note saying why, then the answer. A closed DM leaves only the log. */
  private async sendPrivately(message: Message, what: { answer: Answer } | { text: string }, why: string): Promise<void> {
    try {
      const dm = await message.author.createDM();
      if ('text' in what) {
        await dm.send({ content: `${escapeForDiscord(why)}\n${escapeForDiscord(what.text)}`, allowedMentions: NO_PINGS });
        return;
      }
      await this.options.pager.post(what.answer, message.author.id, (page) => dm.send({ content: escapeForDiscord(why), embeds: page.embeds, components: page.components, allowedMentions: NO_PINGS }));
    } catch (error) {
      this.options.logger.warn({ err: error, user: message.author.id, channel: message.channelId }, 'could not answer a mention: no permission in the channel and DMs closed');
    }
  }
}

/** A person's message that mentions the bot, or any person's message in a DM with it. */
function isQuestionFor(message: Message): boolean {
  if (message.author.bot || message.system || message.webhookId !== null) return false;
  return !message.inGuild() || new RegExp(`<@!?${message.client.user.id}>`).test(message.content);
}

/** What the bot may do where `message` was posted; in DMs, everything. */
function routeFor(message: Message): Route {
  if (!message.inGuild()) return { canSend: true, canEmbed: true, canReply: true };
  const me = message.guild.members.me;
  const permissions: Readonly<PermissionsBitField> | null = me ? message.channel.permissionsFor(me) : null;
  // Unknown (not cached): try the normal reply; Discord's refusal, if any, sends us to the fallback.
  if (!permissions) return { canSend: true, canEmbed: true, canReply: true };
  const send = message.channel.isThread() ? PermissionFlagsBits.SendMessagesInThreads : PermissionFlagsBits.SendMessages;
  return {
    canSend: permissions.has([PermissionFlagsBits.ViewChannel, send]),
    canEmbed: permissions.has(PermissionFlagsBits.EmbedLinks),
    canReply: permissions.has(PermissionFlagsBits.ReadMessageHistory),
  };
}
