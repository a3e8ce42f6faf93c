import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Logger } from 'pino';
import type { ServingDesk } from '../store/serving-desk.js';
import type { AnswerPager } from './answer-pager.js';

/** What every command handler may use: the desk (the core), the pager, and a logger. */
export interface CommandContext {
  desk: ServingDesk;
  pager: AnswerPager;
  logger: Logger;
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
