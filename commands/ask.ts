import { SlashCommandBuilder } from 'discord.js';
import { filterOptions, replyWithAnswer } from '../src/discord/answer-reply.js';
import { addFilterOptions, SERVER_AND_BOT_DM, SERVER_INSTALL } from '../src/discord/option-builders.js';
import type { SlashCommand } from '../src/discord/slash-command.js';
import { completeSource } from '../src/discord/source-autocomplete.js';
import { MAX_QUESTION_LENGTH } from '../src/search/question.js';

/** `/ask question:"what did Putin say about Ukraine"`: a free question, answered with cited quotes. */
export const askCommand: SlashCommand = {
  data: addFilterOptions(
    new SlashCommandBuilder()
      .setName('ask')
      .setDescription('Ask what someone said about something, e.g. "what did Putin say about Ukraine"')
      .setContexts(...SERVER_AND_BOT_DM)
      .setIntegrationTypes(...SERVER_INSTALL)
      .addStringOption((option) => option.setName('question').setDescription('Your question').setRequired(true).setMaxLength(MAX_QUESTION_LENGTH)),
  ).toJSON(),
  async execute(interaction, context) {
    const answer = await context.desk.ask({ question: interaction.options.getString('question', true), filters: filterOptions(interaction) });
    await replyWithAnswer(interaction, answer, context);
  },
  async autocomplete(interaction, context) {
    await completeSource(interaction, context);
  },
};
