import { PermissionFlagsBits, type AutocompleteInteraction, type ChatInputCommandInteraction } from 'discord.js';
import { respondWithProblem } from './respond.js';
import type { CommandContext } from './slash-command.js';

/** True when the invoking member has Manage Server in the channel, as the interaction tells it. */
export function hasManageServer(interaction: ChatInputCommandInteraction | AutocompleteInteraction): boolean {
  return interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false;
}

/**
 * The server-side check every moderator command makes before acting: refuses privately with
 * "Only moderators with the Manage Server permission can {action}." and logs who tried.
 */
export async function requireManageServer(interaction: ChatInputCommandInteraction, context: CommandContext, action: string): Promise<boolean> {
  if (hasManageServer(interaction)) return true;
  context.logger.warn({ user: interaction.user.id, guild: interaction.guildId, command: interaction.commandName }, `${interaction.commandName} refused: missing Manage Server`);
  await respondWithProblem(interaction, `Only moderators with the Manage Server permission can ${action}.`);
  return false;
}
