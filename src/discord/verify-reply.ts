import { ComponentType, MessageFlags, type ChatInputCommandInteraction, type MessageContextMenuCommandInteraction } from 'discord.js';
import type { Verification } from '../answer/verify.js';
import { escapeForDiscord } from './escape.js';
import { NO_MENTIONS } from './respond.js';
import type { CommandContext } from './slash-command.js';
import { verificationEmbeds } from './verify-embeds.js';

/**
 * Sends a quote check: what was found (or that nothing matches) as an embed, publicly unless
 * `ephemeral`, with "Wrong speaker?" under the matches; a claim that cannot be checked (too short,
 * too long) privately, in plain words.
 */
export async function replyWithVerification(
  interaction: ChatInputCommandInteraction | MessageContextMenuCommandInteraction,
  verification: Verification,
  context: CommandContext,
  options: { ephemeral: boolean },
): Promise<void> {
  context.logger.info(
    { command: interaction.commandName, status: verification.status, best: verification.matches[0]?.match ?? null, corpus: verification.corpusVersion, user: interaction.user.id },
    'verified',
  );
  const ephemeral = options.ephemeral || verification.status === 'invalid';
  const body =
    verification.status === 'invalid'
      ? { content: escapeForDiscord(verification.message) }
      : { embeds: verificationEmbeds(verification), components: reportRow(verification, context) };
  await interaction.reply({ ...body, allowedMentions: NO_MENTIONS, ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}) });
}

function reportRow(verification: Verification, context: CommandContext) {
  const button = context.reports?.buttonForVerification(verification) ?? null;
  return button ? [{ type: ComponentType.ActionRow as const, components: [button] }] : [];
}
