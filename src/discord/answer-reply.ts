import type { ChatInputCommandInteraction } from 'discord.js';
import type { Answer } from '../answer/answer.js';
import type { FilterOptions } from '../answer/answerer.js';
import type { CommandContext } from './slash-command.js';
import { respondWithProblem } from './respond.js';

/** The filter options `/ask` and `/quote` share, read from the interaction. */
export function filterOptions(interaction: ChatInputCommandInteraction): FilterOptions {
  return {
    source: interaction.options.getString('source') ?? undefined,
    from: interaction.options.getString('from') ?? undefined,
    to: interaction.options.getString('to') ?? undefined,
  };
}

/**
 * Sends an answer: found quotes go to the channel (or privately with `hide`), with paging; a
 * problem (unknown speaker, no match, bad option) goes privately to the asker in plain words.
 */
export async function replyWithAnswer(interaction: ChatInputCommandInteraction, answer: Answer, context: CommandContext): Promise<void> {
  context.logger.info(
    { command: interaction.commandName, status: answer.status, matches: answer.totalMatches, corpus: answer.corpusVersion, user: interaction.user.id },
    'answered',
  );
  if (answer.status !== 'answered') {
    await respondWithProblem(interaction, answer.message);
    return;
  }
  await context.pager.reply(interaction, answer, { ephemeral: interaction.options.getBoolean('hide') ?? false });
}
