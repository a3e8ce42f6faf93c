import {
  ComponentType,
  InteractionType,
  MessageFlags,
  MessageType,
  type APIAllowedMentions,
  type APIButtonComponent,
  type APIInteraction,
  type APIMessage,
  type APIUser,
  type RESTPostAPIWebhookWithTokenJSONBody,
} from 'discord.js';
import { snowflake } from './ids.js';

/** The message fields a callback, webhook post or edit may carry. */
export type MessageBody = Partial<RESTPostAPIWebhookWithTokenJSONBody> & { flags?: number };

/** Who would actually be pinged by `content` under `allowed`, the way Discord decides it. */
export function pingsOf(content: string, allowed: APIAllowedMentions | undefined): { everyone: boolean; users: string[]; roles: string[] } {
  const parse = new Set(allowed ? (allowed.parse ?? []) : ['everyone', 'users', 'roles']);
  const userIds = [...content.matchAll(/<@!?(\d+)>/g)].map((m) => m[1]!);
  const roleIds = [...content.matchAll(/<@&(\d+)>/g)].map((m) => m[1]!);
  return {
    everyone: parse.has('everyone') && /@(everyone|here)\b/.test(content),
    users: userIds.filter((id) => parse.has('users') || (allowed?.users ?? []).includes(id)),
    roles: roleIds.filter((id) => parse.has('roles') || (allowed?.roles ?? []).includes(id)),
  };
}

/**
 * Messages the bot created through interaction responses and webhooks, by id. A component's
 * `UPDATE_MESSAGE` edits the same stored message the command created, as on Discord, so every
 * exchange sees the message's current state.
 */
export class MessageStore {
  private readonly messages = new Map<string, APIMessage>();

  constructor(
    private readonly author: APIUser,
    private readonly lookupUser: (id: string) => APIUser | undefined,
  ) {}

  create(interaction: APIInteraction, body: MessageBody, state: { loading?: boolean } = {}): APIMessage {
    const flags = (body.flags ?? 0) | (state.loading ? MessageFlags.Loading : 0);
    const user = interaction.member?.user ?? interaction.user!;
    const message: APIMessage = {
      id: snowflake(),
      type: interaction.type === InteractionType.ApplicationCommand ? MessageType.ChatInputCommand : MessageType.Default,
      channel_id: interaction.channel?.id ?? '',
      author: this.author,
      content: '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      components: [],
      pinned: false,
      flags,
      webhook_id: interaction.application_id,
      application_id: interaction.application_id,
      interaction_metadata: {
        id: interaction.id,
        type: interaction.type,
        user,
        authorizing_integration_owners: { 0: interaction.guild_id ?? '' },
      } as APIMessage['interaction_metadata'],
    };
    this.apply(message, body);
    this.messages.set(message.id, message);
    return structuredClone(message);
  }

  /** Applies an edit the way Discord does: fields present replace, absent ones stay; a deferred message stops loading. */
  edit(id: string, body: MessageBody): APIMessage | undefined {
    const message = this.messages.get(id);
    if (!message) return undefined;
    this.apply(message, body);
    message.flags = (message.flags ?? 0) & ~MessageFlags.Loading;
    message.edited_timestamp = new Date().toISOString();
    return structuredClone(message);
  }

  /**
   * A message the bot left in the channel earlier, outside any interaction this fake saw (e.g. by an
   * older version of the bot, with components it no longer makes).
   */
  leftEarlier(channelId: string, body: MessageBody): APIMessage {
    const message: APIMessage = {
      id: snowflake(),
      type: MessageType.Default,
      channel_id: channelId,
      author: this.author,
      content: '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      components: [],
      pinned: false,
      flags: 0 as MessageFlags,
    };
    this.apply(message, body);
    this.messages.set(message.id, message);
    return structuredClone(message);
  }

  /** Keeps a message a test made up (e.g. to click a button on it). */
  put(message: APIMessage): void {
    if (!this.messages.has(message.id)) this.messages.set(message.id, structuredClone(message));
  }

  get(id: string): APIMessage | undefined {
    const message = this.messages.get(id);
    return message && structuredClone(message);
  }

  delete(id: string): boolean {
    return this.messages.delete(id);
  }

  private apply(message: APIMessage, body: MessageBody): void {
    if (body.content !== undefined) message.content = body.content ?? '';
    if (body.embeds !== undefined) message.embeds = (body.embeds ?? []).map((embed) => ({ type: 'rich', ...embed }) as never);
    if (body.components !== undefined) message.components = (body.components ?? []) as APIMessage['components'];
    if (body.attachments !== undefined) message.attachments = [];
    const pings = pingsOf(message.content, body.allowed_mentions ?? undefined);
    message.mention_everyone = pings.everyone;
    message.mention_roles = pings.roles;
    message.mentions = pings.users.map((id) => this.lookupUser(id) ?? { id, username: id, discriminator: '0', global_name: null, avatar: null });
  }
}

/** The buttons on a message, in order (link and premium buttons included; they have no custom id). */
export function buttonsOf(message: APIMessage | undefined): APIButtonComponent[] {
  return (message?.components ?? []).flatMap((row) =>
    'components' in row ? (row.components as Array<{ type: number }>).filter((c): c is APIButtonComponent => c.type === ComponentType.Button) : [],
  );
}
