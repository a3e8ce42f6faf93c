import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ComponentType,
  InteractionContextType,
  InteractionType,
  type APIApplicationCommand,
  type APIApplicationCommandAutocompleteInteraction,
  type APIApplicationCommandInteractionDataBasicOption,
  type APIApplicationCommandOption,
  type APIChatInputApplicationCommandInteraction,
  type APIInteractionGuildMember,
  type APIMessage,
  type APIMessageComponentButtonInteraction,
  type APIMessageComponentSelectMenuInteraction,
  type APIUser,
  type Locale,
} from 'discord.js';
import { interactionToken, snowflake } from './ids.js';
import { BOT_PERMISSIONS, type World } from './world.js';

/**
 * Command options as a test writes them: `{ question: 'what did Putin say?', hide: true }`, typed from
 * the registered command when there is one (else from the JS type), or Discord's own option array.
 */
export type OptionValues = Record<string, string | number | boolean> | APIApplicationCommandInteractionDataBasicOption[];

/** Who acts, where, and with which permissions. */
export interface Invoker {
  user: APIUser;
  /** The member's permissions in the channel; also granted through a role so discord.js' `member.permissions` agrees. */
  permissions: bigint;
  roleIds: string[];
  locale: Locale;
}

function optionType(name: string, value: string | number | boolean, declared: APIApplicationCommandOption[] | undefined): ApplicationCommandOptionType {
  const option = declared?.find((o) => o.name === name);
  if (option) return option.type;
  if (typeof value === 'boolean') return ApplicationCommandOptionType.Boolean;
  if (typeof value === 'number') return Number.isInteger(value) ? ApplicationCommandOptionType.Integer : ApplicationCommandOptionType.Number;
  return ApplicationCommandOptionType.String;
}

export function toOptions(values: OptionValues | undefined, command: APIApplicationCommand | undefined, focused?: string): APIApplicationCommandInteractionDataBasicOption[] {
  if (Array.isArray(values)) return values;
  return Object.entries(values ?? {}).map(([name, value]) => {
    const type = optionType(name, value, command?.options);
    return (name === focused ? { name, type, value: String(value), focused: true } : { name, type, value }) as APIApplicationCommandInteractionDataBasicOption;
  });
}

export function base(world: World, invoker: Invoker) {
  const member: APIInteractionGuildMember = { ...world.member(invoker.user, invoker.roleIds), user: invoker.user, permissions: invoker.permissions.toString() };
  const { channel } = world;
  return {
    id: snowflake(),
    application_id: world.applicationId,
    token: interactionToken(),
    version: 1 as const,
    guild_id: world.guildId,
    guild: { id: world.guildId, locale: 'en-US' as Locale, features: [] },
    channel_id: channel.id,
    channel: { id: channel.id, type: channel.type, guild_id: world.guildId, name: channel.name, position: channel.position, permission_overwrites: [], nsfw: false, parent_id: null, topic: null, last_message_id: null, rate_limit_per_user: 0, flags: channel.flags },
    member,
    app_permissions: BOT_PERMISSIONS.toString(),
    locale: invoker.locale,
    guild_locale: 'en-US' as Locale,
    entitlements: [],
    authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: world.guildId },
    context: InteractionContextType.Guild,
    attachment_size_limit: 10 * 1024 * 1024,
  };
}

export function commandInteraction(world: World, invoker: Invoker, name: string, options: APIApplicationCommandInteractionDataBasicOption[], command: APIApplicationCommand | undefined): APIChatInputApplicationCommandInteraction {
  return {
    ...base(world, invoker),
    type: InteractionType.ApplicationCommand,
    data: { id: command?.id ?? snowflake(), name, type: ApplicationCommandType.ChatInput, options, ...(command?.guild_id ? { guild_id: command.guild_id } : {}) },
  } as APIChatInputApplicationCommandInteraction;
}

export function autocompleteInteraction(world: World, invoker: Invoker, name: string, options: APIApplicationCommandInteractionDataBasicOption[], command: APIApplicationCommand | undefined): APIApplicationCommandAutocompleteInteraction {
  return {
    ...base(world, invoker),
    type: InteractionType.ApplicationCommandAutocomplete,
    data: { id: command?.id ?? snowflake(), name, type: ApplicationCommandType.ChatInput, options, ...(command?.guild_id ? { guild_id: command.guild_id } : {}) },
  } as APIApplicationCommandAutocompleteInteraction;
}

export function buttonInteraction(world: World, invoker: Invoker, message: APIMessage, customId: string): APIMessageComponentButtonInteraction {
  return {
    ...base(world, invoker),
    type: InteractionType.MessageComponent,
    message,
    data: { custom_id: customId, component_type: ComponentType.Button },
  } as APIMessageComponentButtonInteraction;
}

export function stringSelectInteraction(world: World, invoker: Invoker, message: APIMessage, customId: string, values: string[]): APIMessageComponentSelectMenuInteraction {
  return {
    ...base(world, invoker),
    type: InteractionType.MessageComponent,
    message,
    data: { custom_id: customId, component_type: ComponentType.StringSelect, values },
  } as APIMessageComponentSelectMenuInteraction;
}
