import type { RESTPostAPIApplicationCommandsJSONBody } from 'discord.js';
import { askCommand } from '../../commands/ask.js';
import { corpusCommand } from '../../commands/corpus.js';
import { findThisQuoteCommand } from '../../commands/find-this-quote.js';
import { feedsCommand } from '../../commands/feeds.js';
import { quoteCommand } from '../../commands/quote.js';
import { reloadCommand } from '../../commands/reload.js';
import { verifyCommand } from '../../commands/verify.js';
import type { MessageCommand } from './message-command.js';
import type { SlashCommand } from './slash-command.js';

/** Every command the bot has, by name: what `deploy-commands` registers and what the router dispatches to. */
export const COMMANDS: ReadonlyMap<string, SlashCommand> = new Map(
  [askCommand, quoteCommand, verifyCommand, reloadCommand, corpusCommand, feedsCommand].map((command) => [command.data.name, command]),
);

/** Message context-menu commands, by name (Discord names these with spaces and capitals: "Find this quote"). */
export const MESSAGE_COMMANDS: ReadonlyMap<string, MessageCommand> = new Map([findThisQuoteCommand].map((command) => [command.data.name, command]));

/** The JSON bodies Discord's bulk-overwrite endpoint takes. */
export function commandDefinitions(): RESTPostAPIApplicationCommandsJSONBody[] {
  return [...[...COMMANDS.values()].map((command) => command.data), ...[...MESSAGE_COMMANDS.values()].map((command) => command.data)];
}
