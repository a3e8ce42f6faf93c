import {
  ChannelType,
  GatewayDispatchEvents,
  MessageFlags,
  MessageType,
  OverwriteType,
  PermissionFlagsBits,
  type APIChannel,
  type APIDMChannel,
  type APIMessage,
  type APIThreadChannel,
  type APIUser,
} from 'discord.js';
import { discordError, ok, type RecordedRequest, type Reply } from './http.js';
import { snowflake } from './ids.js';
import { pingsOf, type MessageBody, type MessageStore } from './messages.js';
import type { RestRouter } from './rest-router.js';
import type { ChangeSignal } from './signal.js';
import { invalidFormBody, messageProblems } from './validate.js';
import type { World } from './world.js';

/** Where a user writes: the guild's text channel, a thread in it, or a DM with the bot. */
export type Place = { kind: 'channel' } | { kind: 'thread'; thread: APIThreadChannel } | { kind: 'dm'; user?: APIUser };

export interface SayOptions {
  content: string;
  /** Who writes; default `alice`. */
  user?: APIUser;
  where?: Place;
  /** Replying to this message (a message reference). */
  replyTo?: APIMessage;
}

/** One message the bot posted through the channel routes, or tried to. */
export interface ChannelPost {
  channelId: string;
  body: MessageBody & { message_reference?: { message_id: string } };
  status: number;
  error?: string;
  /** The stored message, when Discord accepted it. */
  message?: APIMessage;
  /** Embeds Discord did not show because the bot lacks Embed Links there. */
  suppressedEmbeds: number;
  /** Whether the author of the message replied to would get a notification. */
  pingedRepliedUser: boolean;
  at: number;
}

const missingPermissions = discordError(403, 50013, 'Missing Permissions');
const cannotDm = discordError(403, 50007, 'Cannot send messages to this user');
const replyNeedsHistory = discordError(400, 160002, 'Cannot reply without permission to read message history');

/**
 * Messages in channels, as opposed to interaction responses: users writing (MESSAGE_CREATE, with
 * `mentions` filled in as Discord does), the bot posting and editing through
 * `/channels/:id/messages`, opening DMs, and the bot's permissions per channel. Permissions are
 * changed as on Discord, with a member overwrite for the bot announced by CHANNEL_UPDATE, so the
 * client's cached view and the REST checks agree.
 */
export class ChannelMessages {
  readonly posts: ChannelPost[] = [];
  /** DM channels the bot opened or users wrote in, by channel id. */
  private readonly dms = new Map<string, APIDMChannel>();
  private readonly threads = new Map<string, APIThreadChannel>();
  /** Users who do not accept DMs from the bot. */
  readonly closedDms = new Set<string>();

  constructor(
    private readonly world: World,
    private readonly store: MessageStore,
    private readonly signal: ChangeSignal,
    private readonly dispatch: (event: string, data: object) => number,
  ) {}

  register(router: RestRouter): void {
    router
      .route('POST', '/channels/:channel/messages', (p, r) => this.post(p.channel!, r))
      .route('PATCH', '/channels/:channel/messages/:message', (p, r) => this.edit(p.channel!, p.message!, r))
      .route('GET', '/channels/:channel/messages/:message', (p) => this.fetch(p.channel!, p.message!))
      .route('POST', '/users/@me/channels', (_p, r) => this.openDm(r));
  }

  /** A user writes a message; resolves with it as Discord stored it (the bot gets it as MESSAGE_CREATE). */
  say(options: SayOptions): APIMessage {
    const user = options.user ?? this.world.alice;
    const where = options.where ?? { kind: 'channel' };
    const channelId = where.kind === 'channel' ? this.world.channel.id : where.kind === 'thread' ? where.thread.id : this.dmWith(where.user ?? user).id;
    const mentioned = [...options.content.matchAll(/<@!?(\d+)>/g)].map((m) => m[1]!);
    const people = [this.world.alice, this.world.bob, this.world.owner, this.world.bot];
    const message: APIMessage = {
      id: snowflake(),
      type: options.replyTo ? MessageType.Reply : MessageType.Default,
      channel_id: channelId,
      author: user,
      content: options.content,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: people.filter((person) => mentioned.includes(person.id)),
      mention_roles: [],
      attachments: [],
      embeds: [],
      components: [],
      pinned: false,
      flags: 0 as MessageFlags,
      ...(options.replyTo ? { message_reference: { message_id: options.replyTo.id, channel_id: channelId }, referenced_message: options.replyTo } : {}),
    };
    this.store.put(message);
    const guild = where.kind !== 'dm' ? { guild_id: this.world.guildId, member: { ...this.world.member(user), user: undefined } } : { channel_type: ChannelType.DM };
    this.dispatch(GatewayDispatchEvents.MessageCreate, { ...message, ...guild });
    return structuredClone(message);
  }

  /** A public thread under the text channel, announced by THREAD_CREATE. */
  openThread(name = 'a thread'): APIThreadChannel {
    const parent = this.world.channel;
    const thread = {
      id: snowflake(),
      type: ChannelType.PublicThread,
      guild_id: this.world.guildId,
      name,
      parent_id: parent.id,
      owner_id: this.world.alice.id,
      last_message_id: null,
      rate_limit_per_user: 0,
      message_count: 0,
      member_count: 1,
      total_message_sent: 0,
      flags: 0,
      thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: new Date().toISOString(), locked: false },
      newly_created: true,
    } as unknown as APIThreadChannel;
    this.threads.set(thread.id, thread);
    this.dispatch(GatewayDispatchEvents.ThreadCreate, thread);
    return thread;
  }

  /**
   * Takes permissions away from the bot in the text channel (and so its threads), as a member
   * overwrite, announced by CHANNEL_UPDATE.
   */
  denyBot(permissions: bigint): void {
    this.overwriteForBot({ deny: permissions });
  }

  /** Grants the bot permissions in the text channel (and its threads) beyond its guild-wide ones, announced by CHANNEL_UPDATE. */
  allowBot(permissions: bigint): void {
    this.overwriteForBot({ allow: permissions });
  }

  private overwriteForBot(change: { allow?: bigint; deny?: bigint }): void {
    const channel = this.world.channel;
    const others = channel.permission_overwrites?.filter((o) => o.id !== this.world.bot.id) ?? [];
    channel.permission_overwrites = [...others, { id: this.world.bot.id, type: OverwriteType.Member, allow: (change.allow ?? 0n).toString(), deny: (change.deny ?? 0n).toString() }];
    this.dispatch(GatewayDispatchEvents.ChannelUpdate, channel);
  }

  /** Gives the bot its guild-wide permissions back in the text channel, without telling a client (for between tests). */
  resetBotPermissions(): void {
    this.world.channel.permission_overwrites = this.world.channel.permission_overwrites?.filter((o) => o.id !== this.world.bot.id) ?? [];
  }

  /** The bot's permissions in a channel, computed as Discord does (guild base, then the channel's overwrites). */
  botPermissions(channelId: string): bigint {
    if (this.dms.has(channelId)) return PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.EmbedLinks | PermissionFlagsBits.ReadMessageHistory;
    const channel = this.world.channel;
    let permissions = BigInt(this.world.everyoneRole.permissions);
    if (permissions & PermissionFlagsBits.Administrator) return ~0n;
    for (const overwrite of channel.permission_overwrites ?? []) {
      if (overwrite.id === this.world.guildId || overwrite.id === this.world.bot.id) permissions = (permissions & ~BigInt(overwrite.deny)) | BigInt(overwrite.allow);
    }
    return permissions;
  }

  /** Posts the bot made in a channel (accepted or refused), in order. */
  postsIn(channelId: string): ChannelPost[] {
    return this.posts.filter((post) => post.channelId === channelId);
  }

  /** Waits until the bot has made `count` posts (accepted or not) since `from`, for `timeoutMs`. */
  async waitForPosts(count: number, options: { from?: number; timeoutMs?: number } = {}): Promise<ChannelPost[]> {
    const from = options.from ?? 0;
    return this.signal.waitUntil(
      () => (this.posts.length - from >= count ? this.posts.slice(from) : undefined),
      options.timeoutMs ?? 5_000,
      () => `for ${count} channel message(s) from the bot (seen: ${JSON.stringify(this.posts.slice(from).map((p) => `${p.status} ${p.error ?? ''}`))})`,
    );
  }

  /** The current state of a message in the store (after the bot's edits, a button's update...). */
  message(id: string): APIMessage | undefined {
    return this.store.get(id);
  }

  dmWith(user: APIUser): APIDMChannel {
    const existing = [...this.dms.values()].find((dm) => dm.recipients?.some((r) => r.id === user.id));
    if (existing) return existing;
    const dm = { id: snowflake(), type: ChannelType.DM, last_message_id: null, recipients: [user], flags: 0 } as unknown as APIDMChannel;
    this.dms.set(dm.id, dm);
    return dm;
  }

  private channelKind(channelId: string): 'channel' | 'thread' | 'dm' | null {
    if (channelId === this.world.channel.id) return 'channel';
    if (this.threads.has(channelId)) return 'thread';
    if (this.dms.has(channelId)) return 'dm';
    return null;
  }

  private post(channelId: string, request: RecordedRequest): Reply {
    const body = (request.body ?? {}) as ChannelPost['body'];
    const record: ChannelPost = { channelId, body, status: 0, suppressedEmbeds: 0, pingedRepliedUser: false, at: request.at };
    const reply = this.accept(channelId, body, record);
    record.status = reply.status;
    if (reply.status >= 400) record.error = `${(reply.json as { code?: number; message?: string }).code} ${(reply.json as { message?: string }).message}`;
    this.posts.push(record);
    this.signal.notify();
    return reply;
  }

  private accept(channelId: string, body: ChannelPost['body'], record: ChannelPost): Reply {
    const kind = this.channelKind(channelId);
    if (kind === null) return discordError(404, 10003, 'Unknown Channel');
    if (kind === 'dm') {
      const recipient = this.dms.get(channelId)!.recipients?.[0];
      if (recipient && this.closedDms.has(recipient.id)) return cannotDm;
    }
    const permissions = this.botPermissions(channelId);
    const send = kind === 'thread' ? PermissionFlagsBits.SendMessagesInThreads : PermissionFlagsBits.SendMessages;
    if (!(permissions & PermissionFlagsBits.ViewChannel) || !(permissions & send)) return missingPermissions;
    const reference = body.message_reference ? this.store.get(body.message_reference.message_id) : undefined;
    if (body.message_reference) {
      if (!(permissions & PermissionFlagsBits.ReadMessageHistory)) return replyNeedsHistory;
      if (!reference) return discordError(400, 50035, 'Invalid Form Body', { message_reference: { _errors: [{ code: 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE', message: 'Unknown message' }] } });
    }
    const problems = messageProblems(body, { creating: true });
    if (problems.length) return invalidFormBody(problems);
    const shown = { ...body };
    if (!(permissions & PermissionFlagsBits.EmbedLinks) && (body.embeds?.length ?? 0) > 0) {
      record.suppressedEmbeds = body.embeds!.length;
      shown.embeds = [];
    }
    const pings = pingsOf(body.content ?? '', body.allowed_mentions ?? undefined);
    record.pingedRepliedUser = reference !== undefined && body.allowed_mentions?.replied_user !== false;
    const message: APIMessage = {
      id: snowflake(),
      type: reference ? MessageType.Reply : MessageType.Default,
      channel_id: channelId,
      author: this.world.bot,
      content: body.content ?? '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: pings.everyone,
      mentions: [...(record.pingedRepliedUser && reference ? [reference.author] : [])],
      mention_roles: pings.roles,
      attachments: [],
      embeds: (shown.embeds ?? []).map((embed) => ({ type: 'rich', ...embed })) as APIMessage['embeds'],
      components: (body.components ?? []) as APIMessage['components'],
      pinned: false,
      flags: (body.flags ?? 0) as MessageFlags,
      ...(reference ? { message_reference: { message_id: reference.id, channel_id: channelId }, referenced_message: reference } : {}),
    };
    this.store.put(message);
    record.message = structuredClone(message);
    return ok(message);
  }

  private edit(channelId: string, messageId: string, request: RecordedRequest): Reply {
    const message = this.store.get(messageId);
    if (!message || message.channel_id !== channelId) return discordError(404, 10008, 'Unknown Message');
    if (message.author.id !== this.world.bot.id) return discordError(403, 50005, 'Cannot edit a message authored by another user');
    const body = (request.body ?? {}) as MessageBody;
    const problems = messageProblems(body, { creating: false });
    if (problems.length) return invalidFormBody(problems);
    const edited = this.store.edit(messageId, body);
    this.signal.notify();
    return edited ? ok(edited) : discordError(404, 10008, 'Unknown Message');
  }

  private fetch(channelId: string, messageId: string): Reply {
    const message = this.store.get(messageId);
    return message && message.channel_id === channelId ? ok(message) : discordError(404, 10008, 'Unknown Message');
  }

  private openDm(request: RecordedRequest): Reply {
    const recipientId = (request.body as { recipient_id?: string } | undefined)?.recipient_id;
    const user = [this.world.alice, this.world.bob, this.world.owner].find((person) => person.id === recipientId);
    if (!user) return discordError(400, 50033, 'Invalid Recipient(s)');
    return ok(this.dmWith(user) satisfies APIChannel);
  }
}
