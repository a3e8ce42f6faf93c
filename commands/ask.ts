import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord.js';
import { filterOptions, replyWithAnswer } from '../src/discord/answer-reply.js';
import { FILTER_OPTIONS } from '../src/discord/option-builders.js';
import type { SlashCommand } from '../src/discord/slash-command.js';
import { completeSource } from '../src/discord/source-autocomplete.js';
import { MAX_QUESTION_LENGTH } from '../src/search/question.js';

/** `/ask question:"what did Putin say about Ukraine"`: a free question, answered with cited quotes. */
export const askCommand: SlashCommand = {
  data: {
    type: ApplicationCommandType.ChatInput,
    name: 'ask',
    description: 'Ask what someone said about something, e.g. "what did Putin say about Ukraine"',
    options: [
      { type: ApplicationCommandOptionType.String, name: 'question', description: 'Your question', required: true, max_length: MAX_QUESTION_LENGTH },
      ...FILTER_OPTIONS,
    ],
  },
  async execute(interaction, context) {
    const answer = await context.desk.ask({ question: interaction.options.getString('question', true), filters: filterOptions(interaction) });
    await replyWithAnswer(interaction, answer, context);
  },
  async autocomplete(interaction, context) {
    await completeSource(interaction, context);
  },
};
