import { ApplicationIntegrationType, InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { MAX_CLAIM_LENGTH, verifyClaim } from '../src/answer/verify.js';
import { respondWithProblem } from '../src/discord/respond.js';
import type { SlashCommand } from '../src/discord/slash-command.js';
import { replyWithVerification } from '../src/discord/verify-reply.js';

/** What a quote check says on a desk without the corpus in memory (PostgreSQL). */
export const NOT_IN_MEMORY = 'Checking quotes needs the corpus in memory; this bot serves it from PostgreSQL, where /verify is not available yet.';

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
    const version = context.desk.inMemoryVersion();
    if (version === null) return void (await respondWithProblem(interaction, NOT_IN_MEMORY));
    const verification = verifyClaim(version, interaction.options.getString('text', true));
    await replyWithVerification(interaction, verification, context, { ephemeral: interaction.options.getBoolean('hide') ?? false });
  },
};
