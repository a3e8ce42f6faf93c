import type { ChatInputCommandInteraction, SlashCommandSubcommandBuilder } from 'discord.js';
import { articleAddedText } from '../src/discord/feed-replies.js';
import { requireManageServer } from '../src/discord/moderator.js';
import { respond, respondWithProblem } from '../src/discord/respond.js';
import type { CommandContext } from '../src/discord/slash-command.js';

/** `/corpus add url: [outlet:]`: one article by address, fetched, written into the corpus and served. */
export function corpusAddSubcommand(add: SlashCommandSubcommandBuilder): SlashCommandSubcommandBuilder {
  return add
    .setName('add')
    .setDescription('Add one article by its address (moderators only)')
    .addStringOption((url) => url.setName('url').setDescription('The article page (http or https)').setRequired(true).setMaxLength(500))
    .addStringOption((outlet) => outlet.setName('outlet').setDescription('Outlet name to show (default: the site name on the page)').setMaxLength(100));
}

/**
 * Moderators only, checked here as `/reload` is (the rest of `/corpus` is for everyone). The
 * reply says what was added and that it is served, or why nothing was.
 */
export async function addArticleByUrl(interaction: ChatInputCommandInteraction, context: CommandContext): Promise<void> {
  if (!(await requireManageServer(interaction, context, 'add articles'))) return;
  if (!context.feeds) return void (await respondWithProblem(interaction, 'Adding articles by URL is not set up on this bot.'));
  await interaction.deferReply({ flags: 'Ephemeral' });
  const url = interaction.options.getString('url', true);
  const outlet = interaction.options.getString('outlet') ?? undefined;
  const added = await context.feeds.addArticle(url, outlet);
  context.logger.info({ user: interaction.user.id, url, status: added.outcome.status }, '/corpus add');
  await respond(interaction, { content: articleAddedText(added) });
}
