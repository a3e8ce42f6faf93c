import { ApplicationIntegrationType, InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { everyText, feedListEmbeds } from '../src/discord/feed-replies.js';
import { escapeForDiscord } from '../src/discord/escape.js';
import { hasManageServer, requireManageServer } from '../src/discord/moderator.js';
import { respond, respondWithProblem } from '../src/discord/respond.js';
import type { SlashCommand } from '../src/discord/slash-command.js';
import { FeedListError } from '../src/feeds/feeds-file.js';

const NOT_SET_UP = 'Feeds are not set up on this bot.';
const MAX_CHOICES = 25;

/**
 * `/feeds list|add|remove`: the news feeds the bot follows, edited from Discord. Moderators only,
 * checked here as `/reload` is. Adding a feed fetches it once, so a wrong address is refused with
 * the reason before it is ever written to the feed list.
 */
export const feedsCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('feeds')
    .setDescription('News feeds the bot follows (moderators only)')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .addSubcommand((list) => list.setName('list').setDescription('The feeds followed, when each was last polled, and any errors'))
    .addSubcommand((add) =>
      add
        .setName('add')
        .setDescription('Follow an RSS, Atom or JSON feed')
        .addStringOption((url) => url.setName('url').setDescription('The feed address (http or https)').setRequired(true).setMaxLength(500))
        .addStringOption((name) => name.setName('name').setDescription('Outlet name shown on its articles (default: the feed title)').setMaxLength(100))
        .addStringOption((every) => every.setName('every').setDescription('How often to poll: 30m, 2h, 1d (default 30m, at least 5m)').setMaxLength(10)),
    )
    .addSubcommand((remove) =>
      remove
        .setName('remove')
        .setDescription('Stop following a feed (its articles stay in the corpus)')
        .addStringOption((feed) => feed.setName('feed').setDescription('The feed address or name').setRequired(true).setAutocomplete(true).setMaxLength(500)),
    )
    .toJSON(),
  async execute(interaction, context) {
    if (!(await requireManageServer(interaction, context, 'manage the feeds'))) return;
    const feeds = context.feeds;
    if (!feeds) return void (await respondWithProblem(interaction, NOT_SET_UP));
    const subcommand = interaction.options.getSubcommand();
    if (subcommand === 'list') {
      const { feeds: listed, problems } = await feeds.list();
      await respond(interaction, { embeds: feedListEmbeds(listed, problems, feeds.file.file), ephemeral: true });
      return;
    }
    await interaction.deferReply({ flags: 'Ephemeral' });
    try {
      if (subcommand === 'add') {
        const url = interaction.options.getString('url', true);
        const name = interaction.options.getString('name');
        const every = interaction.options.getString('every');
        const { feed, items } = await feeds.addFeed({ url, ...(name ? { name } : {}), ...(every ? { every } : {}) });
        context.logger.info({ user: interaction.user.id, feed: feed.url }, '/feeds add');
        await respond(interaction, {
          content: `Now following **${escapeForDiscord(feed.name)}** (${escapeForDiscord(feed.url)}), every ${everyText(feed.every)}. It lists ${items} item${items === 1 ? '' : 's'} now; new articles come in with the next poll.`,
        });
        return;
      }
      const feed = await feeds.removeFeed(interaction.options.getString('feed', true));
      context.logger.info({ user: interaction.user.id, feed: feed.url }, '/feeds remove');
      await respond(interaction, { content: `Stopped following **${escapeForDiscord(feed.name)}** (${escapeForDiscord(feed.url)}). The articles it brought in stay in the corpus.` });
    } catch (error) {
      if (!(error instanceof FeedListError)) throw error;
      await respond(interaction, { content: `${subcommand === 'add' ? 'Not added' : 'Not removed'}: ${escapeForDiscord(error.message)}.` });
    }
  },
  async autocomplete(interaction, context) {
    if (!context.feeds || !hasManageServer(interaction)) return void (await interaction.respond([]));
    const typed = String(interaction.options.getFocused()).toLowerCase();
    const { feeds } = await context.feeds.list();
    const choices = feeds
      .map(({ feed }) => feed)
      .filter((feed) => feed.name.toLowerCase().includes(typed) || feed.url.toLowerCase().includes(typed))
      .slice(0, MAX_CHOICES)
      .map((feed) => ({ name: `${feed.name} — ${feed.url}`.slice(0, 100), value: feed.url.length <= 100 ? feed.url : feed.name }));
    await interaction.respond(choices);
  },
};
