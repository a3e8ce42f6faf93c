import { SlashCommandBuilder, type APIEmbed } from 'discord.js';
import { fitEmbeds } from '../src/discord/embed-limits.js';
import { SERVER_AND_BOT_DM, SERVER_INSTALL } from '../src/discord/option-builders.js';
import { escapeForDiscord } from '../src/discord/escape.js';
import { respond } from '../src/discord/respond.js';
import type { SlashCommand } from '../src/discord/slash-command.js';
import { addArticleByUrl, corpusAddSubcommand } from './corpus-add.js';

const TOP_SPEAKERS = 10;
const TOP_OUTLETS = 10;

/** `/corpus`: what is loaded, so users know what they can ask about and moderators can check a reload. */
export const corpusCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('corpus')
    .setDescription('What the bot knows: articles, dates, outlets, top speakers')
    .setContexts(...SERVER_AND_BOT_DM)
    .setIntegrationTypes(...SERVER_INSTALL)
    .addSubcommand((info) => info.setName('info').setDescription('What the bot knows: articles, dates, outlets, top speakers'))
    .addSubcommand(corpusAddSubcommand)
    .toJSON(),
  async execute(interaction, context) {
    if (interaction.options.getSubcommand(false) === 'add') return addArticleByUrl(interaction, context);
    const version = context.desk.version;
    const stats = version.stats();
    const topSpeakers = version.speakers
      .all()
      .filter((speaker) => speaker.person)
      .sort((a, b) => b.quoteCount - a.quoteCount)
      .slice(0, TOP_SPEAKERS);
    const { at, report } = context.desk.lastReload;
    const reports = context.reports ? await context.reports.tally() : undefined;
    const embed: APIEmbed = {
      title: 'Corpus',
      description: `**${stats.articles}** articles · **${stats.quotes}** quotes (${stats.directQuotes} direct) · **${stats.speakers}** speakers`,
      fields: [
        { name: 'Dates', value: stats.earliestDate ? `${stats.earliestDate} to ${stats.latestDate}` : 'No dated articles', inline: true },
        { name: 'Last reloaded', value: `<t:${Math.floor(at.getTime() / 1000)}:R>`, inline: true },
        {
          name: 'Outlets',
          value: stats.outlets.length > 0 ? stats.outlets.slice(0, TOP_OUTLETS).map((o) => `${escapeForDiscord(o.name)} (${o.articles})`).join('\n') : 'Not recorded',
        },
        {
          name: 'Most quoted',
          value: topSpeakers.length > 0 ? topSpeakers.map((s) => `${escapeForDiscord(s.name)} (${s.quoteCount})`).join('\n') : 'Nobody yet',
        },
        ...(report.rejected.length > 0 ? [{ name: 'Rejected at last load', value: `${report.rejected.length} file(s) or line(s); a moderator can see them with /reload` }] : []),
        ...(reports === undefined
          ? []
          : [{ name: 'Speaker reports', value: reports ? `${reports.open} open (${reports.total} in all): quotes readers say are credited to the wrong person` : 'The report file could not be read; see the bot log.' }]),
      ],
      footer: { text: `corpus ${version.id.slice(0, 8)}` },
    };
    await respond(interaction, { embeds: fitEmbeds([embed]), ephemeral: true });
  },
};
