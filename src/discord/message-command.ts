import type { MessageContextMenuCommandInteraction, RESTPostAPIContextMenuApplicationCommandsJSONBody } from 'discord.js';
import type { CommandContext } from './slash-command.js';

/**
 * A message context-menu command (right-click a message → Apps → …): its definition and its
 * handler. Each lives in its own file under `commands/`, like the slash commands.
 */
export interface MessageCommand {
  data: RESTPostAPIContextMenuApplicationCommandsJSONBody;
  execute(interaction: MessageContextMenuCommandInteraction, context: CommandContext): Promise<void>;
}
