import type { AutocompleteInteraction } from 'discord.js';
import type { CommandContext } from './slash-command.js';

/** Offers the corpus's outlets that start with (or contain) what was typed. */
export async function completeSource(interaction: AutocompleteInteraction, context: CommandContext): Promise<void> {
  const typed = String(interaction.options.getFocused()).toLowerCase().trim();
  const outlets = context.desk.version.outlets();
  const ranked = [...outlets.filter((name) => name.toLowerCase().startsWith(typed)), ...outlets.filter((name) => !name.toLowerCase().startsWith(typed) && name.toLowerCase().includes(typed))];
  await interaction.respond(ranked.slice(0, 25).map((name) => ({ name: name.slice(0, 100), value: name.slice(0, 100) })));
}
