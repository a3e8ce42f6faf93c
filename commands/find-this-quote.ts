import { ApplicationCommandType, ApplicationIntegrationType, ContextMenuCommandBuilder, InteractionContextType, MessageFlags } from 'discord.js';
import { NOT_IN_MEMORY } from './verify.js';
import { verifyClaim } from '../src/answer/verify.js';
import type { MessageCommand } from '../src/discord/message-command.js';
import { NO_MENTIONS } from '../src/discord/respond.js';
import { replyWithVerification } from '../src/discord/verify-reply.js';

/**
 * "Find this quote" on any message: checks the words in it (the part in quotation marks, when
 * there is one) against the corpus. The result is private: checking someone's message should not
 * post a verdict on them in the channel; the checker can share it if they choose.
 */
export const findThisQuoteCommand: MessageCommand = {
  data: new ContextMenuCommandBuilder()
    .setName('Find this quote')
    .setType(ApplicationCommandType.Message)
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .toJSON(),
  async execute(interaction, context) {
    const text = interaction.targetMessage.content.trim();
    if (text.length === 0) {
      await interaction.reply({ content: 'That message has no text for me to check. Use /verify and paste the quote.', flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
      return;
    }
    const version = context.desk.inMemoryVersion();
    if (version === null) {
      await interaction.reply({ content: NOT_IN_MEMORY, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
      return;
    }
    await replyWithVerification(interaction, verifyClaim(version, text), context, { ephemeral: true });
  },
};
