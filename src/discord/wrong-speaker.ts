import { randomBytes, randomUUID } from 'node:crypto';
import {
  ButtonBuilder,
  ButtonStyle,
  LabelBuilder,
  MessageFlags,
  ModalBuilder,
  TextInputBuilder,
  TextInputStyle,
  type APIButtonComponent,
  type ButtonInteraction,
  type ModalSubmitInteraction,
} from 'discord.js';
import type { Logger } from 'pino';
import type { Answer } from '../answer/answer.js';
import type { Verification } from '../answer/verify.js';
import type { ServingDesk } from '../store/serving-desk.js';
import { tallyReports, type ReportTally } from '../reports/open-reports.js';
import { ReportWriteError, type SpeakerReportLog } from '../reports/report-log.js';
import { MAX_SUGGESTED_SPEAKER, wrongSpeakerInput, type SpeakerReport } from '../reports/speaker-report.js';
import { SNIPPETS_PER_PAGE } from './answer-embeds.js';
import { escapeForDiscord } from './escape.js';
import { NO_MENTIONS } from './respond.js';

const CUSTOM_ID_PREFIX = 'qd-wrong';
const CUSTOM_ID = new RegExp(`^${CUSTOM_ID_PREFIX}:([0-9a-f]{12})(?::(\\d{1,3}))?$`);

/** What a report needs of one shown quote, taken when the answer is sent (quote ids are only stable within a corpus version). */
interface ShownQuote {
  quoteId: string;
  articleId: string;
  start: number | null;
  end: number | null;
  text: string;
  speaker: string;
}

interface RememberedAnswer {
  quotes: ShownQuote[];
  corpusVersion: string;
}

export interface WrongSpeakerOptions {
  log: SpeakerReportLog;
  desk: ServingDesk;
  logger: Logger;
  /** Answers that can still be reported on; the oldest are forgotten first. Default 5,000. */
  maxAnswers?: number;
}

/**
 * "Wrong speaker?" under each answer (and each quote check): opens a modal asking which quote and who really said it,
 * and appends the report to the report file. Reports are never shown publicly: the modal, its
 * errors and the thanks are all private to the reporter.
 */
export class WrongSpeakerReports {
  private readonly answers = new Map<string, RememberedAnswer>();
  private readonly keys = new WeakMap<object, string>();
  private readonly maxAnswers: number;

  constructor(private readonly options: WrongSpeakerOptions) {
    this.maxAnswers = options.maxAnswers ?? 5_000;
  }

  /** The button for page `page` of `answer` (its first quote is the modal's suggestion), or null for an answer without quotes. */
  buttonFor(answer: Answer, page: number): APIButtonComponent | null {
    if (answer.snippets.length === 0) return null;
    return new ButtonBuilder().setCustomId(`${CUSTOM_ID_PREFIX}:${this.remember(answer)}:${page}`).setLabel('Wrong speaker?').setStyle(ButtonStyle.Secondary).toJSON();
  }

  /** The button under a quote check's matches (numbered like an answer's quotes), or null when nothing matched. */
  buttonForVerification(verification: Verification): APIButtonComponent | null {
    if (verification.matches.length === 0) return null;
    const key = this.rememberQuotes(verification, verification.corpusVersion, verification.matches.map((match) => ({ quoteId: match.quoteId, articleId: match.citation.articleId, text: null, speaker: match.speaker })));
    return new ButtonBuilder().setCustomId(`${CUSTOM_ID_PREFIX}:${key}:0`).setLabel('Wrong speaker?').setStyle(ButtonStyle.Secondary).toJSON();
  }

  /** Opens the report modal; returns false for buttons that are not ours. */
  async handleButton(interaction: ButtonInteraction): Promise<boolean> {
    const match = CUSTOM_ID.exec(interaction.customId);
    if (!match) return false;
    const remembered = this.answers.get(match[1]!);
    if (!remembered) {
      await interaction.reply({ content: 'This answer is too old to report on. Ask again, and report from the new answer.', flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
      return true;
    }
    const count = remembered.quotes.length;
    const first = Math.min(count, Number(match[2] ?? 0) * SNIPPETS_PER_PAGE + 1);
    const modal = new ModalBuilder()
      .setCustomId(`${CUSTOM_ID_PREFIX}:${match[1]}`)
      .setTitle('Report a wrong speaker')
      .addLabelComponents(
        new LabelBuilder()
          .setLabel('Which quote? (its number in the answer)')
          .setDescription(count === 1 ? 'The answer has one quote.' : `A number from 1 to ${count}.`)
          .setTextInputComponent(new TextInputBuilder().setCustomId('quote').setStyle(TextInputStyle.Short).setMinLength(1).setMaxLength(3).setRequired(true).setValue(String(first))),
        new LabelBuilder()
          .setLabel('Who really said it?')
          .setDescription('The name as the article gives it, or "unknown" if it does not say.')
          .setTextInputComponent(new TextInputBuilder().setCustomId('speaker').setStyle(TextInputStyle.Short).setMinLength(2).setMaxLength(MAX_SUGGESTED_SPEAKER).setRequired(true).setPlaceholder('e.g. Dmitry Peskov')),
      );
    await interaction.showModal(modal);
    return true;
  }

  /** Records a submitted report; returns false for modals that are not ours. */
  async handleModal(interaction: ModalSubmitInteraction): Promise<boolean> {
    const match = CUSTOM_ID.exec(interaction.customId);
    if (!match) return false;
    const privately = (content: string) => interaction.reply({ content, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
    const remembered = this.answers.get(match[1]!);
    if (!remembered) {
      await privately('This answer is too old to report on. Ask again, and report from the new answer.');
      return true;
    }
    const input = wrongSpeakerInput(remembered.quotes.length).safeParse({
      quote: interaction.fields.getTextInputValue('quote'),
      speaker: interaction.fields.getTextInputValue('speaker'),
    });
    if (!input.success) {
      const issue = input.error.issues[0]!;
      const field = issue.path[0] === 'quote' ? 'The quote number' : 'The speaker';
      await privately(`${field} ${issue.message}. Nothing was recorded; press "Wrong speaker?" to try again.`);
      return true;
    }
    const quote = remembered.quotes[input.data.quote - 1]!;
    if (input.data.speaker.toLowerCase() === quote.speaker.toLowerCase()) {
      await privately(`Quote ${input.data.quote} is already credited to ${escapeForDiscord(quote.speaker)}. Nothing was recorded.`);
      return true;
    }
    const report: SpeakerReport = {
      id: randomUUID(),
      quoteId: quote.quoteId,
      articleId: quote.articleId,
      start: quote.start,
      end: quote.end,
      quoteText: quote.text,
      shownSpeaker: quote.speaker,
      suggestedSpeaker: input.data.speaker,
      reporterId: interaction.user.id,
      guildId: interaction.guildId,
      channelId: interaction.channelId,
      corpusVersion: remembered.corpusVersion,
      reportedAt: new Date().toISOString(),
    };
    try {
      await this.options.log.append(report);
    } catch (error) {
      if (!(error instanceof ReportWriteError)) throw error;
      await privately("I couldn't save your report just now: the report file can't be written. It is kept and will be saved as soon as it can; nothing is lost, and the moderators can see the problem in the bot's log.");
      return true;
    }
    this.options.logger.info({ report: report.id, quote: report.quoteId, reporter: report.reporterId }, 'speaker report recorded');
    await privately(`Thank you. Your report that quote ${input.data.quote} is by ${escapeForDiscord(input.data.speaker)}, not ${escapeForDiscord(quote.speaker)}, is recorded for the moderators. It is not shown publicly.`);
    return true;
  }

  /** How many reports stand against the corpus being served, or null when the report file cannot be read. */
  async tally(): Promise<ReportTally | null> {
    try {
      const { reports } = await this.options.log.readAll();
      const version = this.options.desk.inMemoryVersion();
      // Without the corpus in memory (PostgreSQL) a report cannot be checked against it: all count as open.
      return version === null ? { total: reports.length, open: reports.length } : tallyReports(version, reports);
    } catch (error) {
      this.options.logger.warn({ err: error, file: this.options.log.file }, 'could not read the speaker reports');
      return null;
    }
  }

  private remember(answer: Answer): string {
    return this.rememberQuotes(answer, answer.corpusVersion, answer.snippets.map((snippet) => ({ quoteId: snippet.quoteId, articleId: snippet.citation.articleId, text: snippet.text, speaker: snippet.speaker })));
  }

  /** Keeps what a report on `shown` needs, once per `identity` (an answer is rendered again on each page turn). */
  private rememberQuotes(identity: object, corpusVersion: string, shown: Array<{ quoteId: string; articleId: string; text: string | null; speaker: string }>): string {
    const known = this.keys.get(identity);
    if (known !== undefined && this.answers.has(known)) return known;
    const key = randomBytes(6).toString('hex');
    const version = this.options.desk.inMemoryVersion();
    const sameVersion = version !== null && version.id === corpusVersion;
    const quotes = shown.map((quote): ShownQuote => {
      const record = sameVersion ? version.quote(quote.quoteId) : undefined;
      return {
        quoteId: quote.quoteId,
        articleId: quote.articleId,
        start: record?.quote.start ?? null,
        end: record?.quote.end ?? null,
        text: record?.quote.text ?? quote.text ?? '',
        speaker: quote.speaker,
      };
    });
    while (this.answers.size >= this.maxAnswers) {
      const oldest = this.answers.keys().next().value;
      if (oldest === undefined) break;
      this.answers.delete(oldest);
    }
    this.answers.set(key, { quotes, corpusVersion });
    this.keys.set(identity, key);
    return key;
  }
}
