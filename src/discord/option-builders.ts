import { ApplicationIntegrationType, InteractionContextType, type SlashCommandOptionsOnlyBuilder } from 'discord.js';

/**
 * Where the answering commands work: in servers, and in a DM with the bot. Installed to servers only
 * (no user install), so these replace what the deprecated `dm_permission: true` meant.
 */
export const SERVER_AND_BOT_DM = [InteractionContextType.Guild, InteractionContextType.BotDM] as const;
export const SERVER_INSTALL = [ApplicationIntegrationType.GuildInstall] as const;

/** The filter options `/ask` and `/quote` both take, defined once so they cannot drift apart. */
export function addFilterOptions(builder: SlashCommandOptionsOnlyBuilder): SlashCommandOptionsOnlyBuilder {
  return builder
    .addStringOption((option) => option.setName('source').setDescription('Only quotes from this outlet').setAutocomplete(true).setMaxLength(100))
    .addStringOption((option) => option.setName('from').setDescription('Earliest article date, YYYY-MM-DD').setMinLength(10).setMaxLength(10))
    .addStringOption((option) => option.setName('to').setDescription('Latest article date, YYYY-MM-DD').setMinLength(10).setMaxLength(10))
    .addBooleanOption((option) => option.setName('hide').setDescription('Show the answer only to me'));
}
