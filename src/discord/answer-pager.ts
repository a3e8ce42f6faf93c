import { randomBytes } from 'node:crypto';
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  ComponentType,
  MessageFlags,
  type APIActionRowComponent,
  type APIButtonComponent,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Message,
} from 'discord.js';
import type { Answer } from '../answer/answer.js';
import { answerEmbeds, pageCount } from './answer-embeds.js';
import { settlesWithin } from './deadline.js';
import type { PageStore } from '../store/page-store.js';
import { NO_MENTIONS, respond } from './respond.js';

const CUSTOM_ID_PREFIX = 'qd-page';

export interface AnswerPagerOptions {
  /** How long the buttons work. Interaction tokens last 15 minutes, so the default stays inside that. */
  ttlMs?: number;
  /** Answers kept for paging at once; the oldest are expired first. */
  maxSessions?: number;
  /** A button of another feature shown beside the paging ones on every page (e.g. "Wrong speaker?"), or null for none. */
  extraButton?: (answer: Answer, page: number) => APIButtonComponent | null;
  /**
   * Where answers are kept for paging besides this process's memory (PostgreSQL when the bot runs
   * with `DATABASE_URL`): a press this process has no session for (after a restart, or on another
   * process or shard) is served from there. Without one, such a press is told the results expired.
   */
  pages?: PageStore | undefined;
}

interface PagingSession {
  answer: Answer;
  ownerId: string;
  /** Takes the buttons off the answer's message: through the interaction, or by editing the bot's own message. */
  clearButtons: () => Promise<unknown>;
  timer: NodeJS.Timeout;
}

/** What {@link AnswerPager.post} hands its sender: the first page and its buttons. */
export interface AnswerPage {
  embeds: ReturnType<typeof answerEmbeds>;
  components: Array<APIActionRowComponent<APIButtonComponent>>;
}

/**
 * Sends answers one page at a time with Previous/Next buttons. Only the person who asked can turn
 * the pages (others are told so, privately); when the buttons expire they are removed from the
 * message rather than left to fail.
 */
export class AnswerPager {
  private readonly sessions = new Map<string, PagingSession>();
  private readonly ttlMs: number;
  private readonly maxSessions: number;
  private readonly extraButton: AnswerPagerOptions['extraButton'];
  private readonly pages: PageStore | undefined;

  constructor(options: AnswerPagerOptions = {}) {
    this.ttlMs = options.ttlMs ?? 14 * 60_000;
    this.maxSessions = options.maxSessions ?? 1_000;
    this.extraButton = options.extraButton;
    this.pages = options.pages;
  }

  /** Replies with the first page of `answer`, and buttons when there is more than one. */
  async reply(interaction: ChatInputCommandInteraction, answer: Answer, options: { ephemeral?: boolean } = {}): Promise<void> {
    const pages = pageCount(answer);
    if (pages === 1) {
      await respond(interaction, { embeds: answerEmbeds(answer, 0), components: this.rows(answer, 0, null), ...options });
      return;
    }
    const id = await this.sessionId(answer, interaction.user.id);
    // Known before it is sent: Discord shows the buttons as soon as it has the reply, which can be
    // well before it confirms it to us, and a press in between must find its pages.
    this.evictIfFull();
    const timer = setTimeout(() => void this.expire(id), this.ttlMs);
    timer.unref();
    this.sessions.set(id, { answer, ownerId: interaction.user.id, clearButtons: () => interaction.editReply({ components: [], allowedMentions: NO_MENTIONS }), timer });
    try {
      await respond(interaction, { embeds: answerEmbeds(answer, 0), components: this.rows(answer, 0, { id, pages }), ...options });
    } catch (error) {
      clearTimeout(timer);
      this.sessions.delete(id);
      throw error;
    }
  }

  /**
   * Sends the first page of `answer` with `send` (a reply to a mention, a DM) and pages it like a
   * command's answer, for `ownerId`. The session exists before the message is sent, so a press on
   * Next that races the send finds it.
   */
  async post(answer: Answer, ownerId: string, send: (page: AnswerPage) => Promise<Message>): Promise<Message> {
    const pages = pageCount(answer);
    if (pages === 1) return send({ embeds: answerEmbeds(answer, 0), components: this.rows(answer, 0, null) });
    const id = await this.sessionId(answer, ownerId);
    let sent: Message | null = null;
    this.evictIfFull();
    const timer = setTimeout(() => void this.expire(id), this.ttlMs);
    timer.unref();
    this.sessions.set(id, { answer, ownerId, clearButtons: async () => sent?.edit({ components: [], allowedMentions: NO_MENTIONS }), timer });
    try {
      sent = await send({ embeds: answerEmbeds(answer, 0), components: this.rows(answer, 0, { id, pages }) });
      return sent;
    } catch (error) {
      clearTimeout(timer);
      this.sessions.delete(id);
      throw error;
    }
  }

  /** Handles a Previous/Next press; returns false for buttons that are not ours. */
  async handleButton(interaction: ButtonInteraction): Promise<boolean> {
    const match = new RegExp(`^${CUSTOM_ID_PREFIX}:([\\w-]+):(\\d+)$`).exec(interaction.customId);
    if (!match) return false;
    const session = this.sessions.get(match[1]!) ?? (await this.pages?.get(match[1]!)) ?? null;
    if (!session) {
      await interaction.update({ components: [], allowedMentions: NO_MENTIONS });
      await interaction.followUp({ content: 'These results have expired. Ask again to get fresh ones.', flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
      return true;
    }
    if (interaction.user.id !== session.ownerId) {
      await interaction.reply({
        content: 'Only the person who asked can turn these pages. Ask your own question with /ask or /quote.',
        flags: MessageFlags.Ephemeral,
        allowedMentions: NO_MENTIONS,
      });
      return true;
    }
    const pages = pageCount(session.answer);
    const page = Math.min(Number(match[2]), pages - 1);
    await interaction.update({ embeds: answerEmbeds(session.answer, page), components: this.rows(session.answer, page, { id: match[1]!, pages }), allowedMentions: NO_MENTIONS });
    return true;
  }

  /**
   * Expires every session now (shutdown): buttons are removed so nobody presses a dead one. Waits
   * at most `timeoutMs` for Discord, all removals at once, and returns how many were still
   * unanswered then (their buttons stay; a press later gets "This interaction failed").
   */
  async close(timeoutMs = Number.POSITIVE_INFINITY): Promise<{ left: number }> {
    const ids = [...this.sessions.keys()];
    let finished = 0;
    const removals = Promise.allSettled(ids.map((id) => this.expire(id).finally(() => (finished += 1))));
    if (Number.isFinite(timeoutMs)) await settlesWithin(removals, timeoutMs);
    else await removals;
    return { left: ids.length - finished };
  }

  /**
   * A new session's id: the shared store's when there is one (so any process finds it), else
   * random. A store that cannot take it costs only that: the pages are still turned here.
   */
  private async sessionId(answer: Answer, ownerId: string): Promise<string> {
    const shared = await this.pages?.put(answer, ownerId, this.ttlMs).catch(() => undefined);
    return shared ?? randomBytes(6).toString('hex');
  }

  get openSessions(): number {
    return this.sessions.size;
  }

  private async expire(id: string): Promise<void> {
    const session = this.sessions.get(id);
    if (!session) return;
    clearTimeout(session.timer);
    this.sessions.delete(id);
    await session.clearButtons().catch(() => undefined);
  }

  /** The paging buttons (when there is more than one page) with the extra button beside them. */
  private rows(answer: Answer, page: number, paging: { id: string; pages: number } | null): Array<APIActionRowComponent<APIButtonComponent>> {
    const extra = this.extraButton?.(answer, page) ?? null;
    if (paging === null) return extra ? [{ type: ComponentType.ActionRow, components: [extra] }] : [];
    const row = buttons(paging.id, page, paging.pages);
    return [extra ? { ...row, components: [...row.components, extra] } : row];
  }

  private evictIfFull(): void {
    while (this.sessions.size >= this.maxSessions) {
      const oldest = this.sessions.keys().next().value;
      if (oldest === undefined) return;
      void this.expire(oldest);
    }
  }
}

function buttons(id: string, page: number, pages: number): APIActionRowComponent<APIButtonComponent> {
  return new ActionRowBuilder<ButtonBuilder>()
    .addComponents(
      new ButtonBuilder().setStyle(ButtonStyle.Secondary).setLabel('Previous').setCustomId(`${CUSTOM_ID_PREFIX}:${id}:${page - 1}`).setDisabled(page === 0),
      new ButtonBuilder().setStyle(ButtonStyle.Secondary).setLabel(`${page + 1} / ${pages}`).setCustomId(`${CUSTOM_ID_PREFIX}:${id}:${page}:label`).setDisabled(true),
      new ButtonBuilder().setStyle(ButtonStyle.Primary).setLabel('Next').setCustomId(`${CUSTOM_ID_PREFIX}:${id}:${page + 1}`).setDisabled(page >= pages - 1),
    )
    .toJSON();
}
