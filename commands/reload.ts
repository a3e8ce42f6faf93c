import { ApplicationIntegrationType, InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { requireManageServer } from '../src/discord/moderator.js';
import { reloadEmbeds } from '../src/discord/reload-embed.js';
import { respond, respondWithProblem } from '../src/discord/respond.js';
import type { SlashCommand } from '../src/discord/slash-command.js';

/**
 * `/reload`: re-reads the corpus folder without restarting. Moderators only: Discord hides it from
 * others (`default_member_permissions`), and it is checked again here because server admins can
 * override that default per channel or role.
 */
export const reloadCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('reload')
    .setDescription('Reload the article corpus (moderators only)')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .toJSON(),
  async execute(interaction, context) {
    if (!(await requireManageServer(interaction, context, 'reload the corpus'))) return;
    if (context.desk.isReloading) {
      await respondWithProblem(interaction, 'A reload is already running. Its report goes to whoever started it; try again in a moment.');
      return;
    }
    await interaction.deferReply({ flags: 'Ephemeral' });
    const result = await context.desk.reload({ whenBusy: 'refuse', trigger: `/reload by ${interaction.user.id}` });
    if (result.status === 'busy') {
      await respond(interaction, { content: 'A reload is already running; try again in a moment.' });
      return;
    }
    await respond(interaction, { embeds: reloadEmbeds(result) });
  },
};
