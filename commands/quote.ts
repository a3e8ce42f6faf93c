import { SlashCommandBuilder } from 'discord.js';
import { filterOptions, replyWithAnswer } from '../src/discord/answer-reply.js';
import { addFilterOptions, SERVER_AND_BOT_DM, SERVER_INSTALL } from '../src/discord/option-builders.js';
import type { SlashCommand } from '../src/discord/slash-command.js';
import { completeSource } from '../src/discord/source-autocomplete.js';

/** Discord's cap on autocomplete choices. */
const MAX_CHOICES = 25;
/** Discord's cap on a choice's name and value. */
const MAX_CHOICE_LENGTH = 100;

/** `/quote speaker:Putin topic:Ukraine`: quotes by one speaker, with the speaker name autocompleted. */
export const quoteCommand: SlashCommand = {
  data: addFilterOptions(
    new SlashCommandBuilder()
      .setName('quote')
      .setDescription('Look up quotes by a speaker, optionally on a topic')
      .setContexts(...SERVER_AND_BOT_DM)
      .setIntegrationTypes(...SERVER_INSTALL)
      .addStringOption((option) => option.setName('speaker').setDescription('Who said it').setRequired(true).setAutocomplete(true).setMaxLength(MAX_CHOICE_LENGTH))
      .addStringOption((option) => option.setName('topic').setDescription('What about (optional)').setMaxLength(200)),
  ).toJSON(),
  async execute(interaction, context) {
    const answer = await context.desk.lookUp({
      speaker: interaction.options.getString('speaker', true),
      topic: interaction.options.getString('topic'),
      filters: filterOptions(interaction),
    });
    await replyWithAnswer(interaction, answer, context);
  },
  async autocomplete(interaction, context) {
    const focused = interaction.options.getFocused(true);
    if (focused.name === 'source') {
      await completeSource(interaction, context);
      return;
    }
    const speakers = context.desk.version.speakers.complete(String(focused.value), MAX_CHOICES);
    await interaction.respond(
      speakers.map((speaker) => {
        const count = ` — ${speaker.quoteCount} quote${speaker.quoteCount === 1 ? '' : 's'}`;
        return { name: `${speaker.name.slice(0, MAX_CHOICE_LENGTH - count.length)}${count}`, value: speaker.name.slice(0, MAX_CHOICE_LENGTH) };
      }),
    );
  },
};
