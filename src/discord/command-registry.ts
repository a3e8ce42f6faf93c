import { askCommand } from '../../commands/ask.js';
import { corpusCommand } from '../../commands/corpus.js';
import { feedsCommand } from '../../commands/feeds.js';
import { quoteCommand } from '../../commands/quote.js';
import { reloadCommand } from '../../commands/reload.js';
import type { SlashCommand } from './slash-command.js';

/** Every command the bot has, by name: what `deploy-commands` registers and what the router dispatches to. */
export const COMMANDS: ReadonlyMap<string, SlashCommand> = new Map(
  [askCommand, quoteCommand, reloadCommand, corpusCommand, feedsCommand].map((command) => [command.data.name, command]),
);

/** The JSON bodies Discord's bulk-overwrite endpoint takes. */
export function commandDefinitions(): Array<SlashCommand['data']> {
  return [...COMMANDS.values()].map((command) => command.data);
}
