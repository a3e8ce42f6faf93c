import { ApplicationIntegrationType, InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { MAX_CLAIM_LENGTH, verifyClaim } from '../src/answer/verify.js';
import type { SlashCommand } from '../src/discord/slash-command.js';
import { replyWithVerification } from '../src/discord/verify-reply.js';

/** `/verify text:"this deserves attention at least"`: is this quote in the corpus, word for word, nearly, or not at all? */
export const verifyCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('verify')
    .setDescription('Check a quote against the corpus: exact, nearly exact, similar, or not there')
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .addStringOption((option) => option.setName('text').setDescription('The words someone is said to have said').setRequired(true).setMaxLength(MAX_CLAIM_LENGTH))
    .addBooleanOption((option) => option.setName('hide').setDescription('Show the result only to me'))
    .toJSON(),
  async execute(interaction, context) {
    const verification = verifyClaim(context.desk.version, interaction.options.getString('text', true));
    await replyWithVerification(interaction, verification, context, { ephemeral: interaction.options.getBoolean('hide') ?? false });
  },
};
