import {
  ChannelType,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildSystemChannelFlags,
  GuildVerificationLevel,
  PermissionFlagsBits,
  type APIGuildMember,
  type APITextChannel,
  type ChannelFlags,
  type GuildMemberFlags,
  type RoleFlags,
  type APIRole,
  type APIUser,
  type GatewayGuildCreateDispatchData,
} from 'discord.js';
import { snowflake } from './ids.js';

/** What an ordinary member may do in the test guild: read, write, use slash commands; not manage anything. */
export const MEMBER_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.UseApplicationCommands;

/** A moderator: a member who may also Manage Server (what `/reload` requires). */
export const MODERATOR_PERMISSIONS = MEMBER_PERMISSIONS | PermissionFlagsBits.ManageGuild;

/** What the bot itself may do in the channel (sent as `app_permissions`). */
export const BOT_PERMISSIONS = MEMBER_PERMISSIONS | PermissionFlagsBits.AttachFiles;

export function makeUser(username: string, extra: Partial<APIUser> = {}): APIUser {
  return { id: snowflake(), username, discriminator: '0', global_name: username, avatar: null, ...extra };
}

/**
 * The guild, channel, roles and people the fake Discord serves. Roles carry the permissions that
 * `member.permissions` in discord.js is computed from, so a member's roles always agree with the
 * `permissions` string in the interactions they send.
 */
export class World {
  readonly bot: APIUser;
  readonly owner: APIUser = makeUser('guild-owner');
  /** Two ordinary members, so tests can show that one user's buttons refuse another. */
  readonly alice: APIUser = makeUser('alice');
  readonly bob: APIUser = makeUser('bob');
  readonly channel: APITextChannel;
  readonly roles: APIRole[];
  private readonly joinedAt = new Date().toISOString();

  constructor(
    readonly applicationId: string,
    readonly guildId: string,
    botName = 'Quotedesk',
  ) {
    this.bot = makeUser(botName, { id: applicationId, bot: true });
    this.roles = [this.role(guildId, '@everyone', MEMBER_PERMISSIONS, 0)];
    this.channel = {
      id: snowflake(),
      type: ChannelType.GuildText,
      guild_id: guildId,
      name: 'general',
      position: 0,
      permission_overwrites: [],
      nsfw: false,
      topic: null,
      last_message_id: null,
      rate_limit_per_user: 0,
      parent_id: null,
      flags: 0 as ChannelFlags,
    };
  }

  get everyoneRole(): APIRole {
    return this.roles[0]!;
  }

  /**
   * The role that grants exactly `permissions` on top of @everyone, and whether it had to be created
   * (the fake then announces it with GUILD_ROLE_CREATE before the interaction that uses it).
   */
  roleGranting(permissions: bigint): { role: APIRole | null; created: boolean } {
    const extra = permissions & ~BigInt(this.everyoneRole.permissions);
    if (extra === 0n) return { role: null, created: false };
    const existing = this.roles.find((role) => BigInt(role.permissions) === extra);
    if (existing) return { role: existing, created: false };
    const role = this.role(snowflake(), `perms-${extra.toString(16)}`, extra, this.roles.length);
    this.roles.push(role);
    return { role, created: true };
  }

  member(user: APIUser, roleIds: string[] = []): APIGuildMember {
    return {
      user,
      nick: null,
      avatar: null,
      banner: null,
      roles: roleIds,
      joined_at: this.joinedAt,
      premium_since: null,
      deaf: false,
      mute: false,
      flags: 0 as GuildMemberFlags,
      pending: false,
      communication_disabled_until: null,
    };
  }

  /** The GUILD_CREATE payload: the guild with its roles, its one text channel and the bot as a member. */
  guildCreate(): GatewayGuildCreateDispatchData {
    return {
      id: this.guildId,
      name: 'Quotedesk test guild',
      icon: null,
      splash: null,
      discovery_splash: null,
      banner: null,
      description: null,
      owner_id: this.owner.id,
      region: 'europe',
      afk_channel_id: null,
      afk_timeout: 300,
      widget_enabled: false,
      widget_channel_id: null,
      verification_level: GuildVerificationLevel.Low,
      default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
      explicit_content_filter: GuildExplicitContentFilter.AllMembers,
      roles: this.roles,
      emojis: [],
      stickers: [],
      features: [],
      mfa_level: GuildMFALevel.None,
      application_id: null,
      system_channel_id: this.channel.id,
      system_channel_flags: GuildSystemChannelFlags.SuppressJoinNotifications,
      rules_channel_id: null,
      public_updates_channel_id: null,
      safety_alerts_channel_id: null,
      max_presences: null,
      max_members: 500_000,
      vanity_url_code: null,
      premium_tier: GuildPremiumTier.None,
      premium_subscription_count: 0,
      premium_progress_bar_enabled: false,
      preferred_locale: 'en-US' as GatewayGuildCreateDispatchData['preferred_locale'],
      max_video_channel_users: 25,
      max_stage_video_channel_users: 50,
      nsfw_level: GuildNSFWLevel.Default,
      hub_type: null,
      incidents_data: null,
      joined_at: this.joinedAt,
      large: false,
      unavailable: false,
      member_count: 4,
      voice_states: [],
      members: [this.member(this.bot)],
      channels: [this.channel],
      threads: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  private role(id: string, name: string, permissions: bigint, position: number): APIRole {
    return {
      id,
      name,
      color: 0,
      colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
      hoist: false,
      icon: null,
      unicode_emoji: null,
      position,
      permissions: permissions.toString(),
      managed: false,
      mentionable: false,
      flags: 0 as RoleFlags,
    };
  }
}
