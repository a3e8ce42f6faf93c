import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Logger } from 'pino';
import type { ServingDesk } from '../store/serving-desk.js';
import type { FeedService } from '../feeds/feed-service.js';
import type { AnswerPager } from './answer-pager.js';
import type { WrongSpeakerReports } from './wrong-speaker.js';

/** What every command handler may use: the desk (the core), the pager, and a logger. */
export interface CommandContext {
  desk: ServingDesk;
  pager: AnswerPager;
  logger: Logger;
  /** "Wrong speaker?" reports, when the bot takes them. */
  reports?: WrongSpeakerReports;
  /** Feeds and article fetching, when the bot runs them (`/feeds`, `/corpus add`). */
  feeds?: FeedService;
}

/**
 * One slash command: its definition (what `deploy-commands` registers) and its handlers. Each lives
 * in its own file under `commands/`.
 */
export interface SlashCommand {
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute(interaction: ChatInputCommandInteraction, context: CommandContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, context: CommandContext): Promise<void>;
}
