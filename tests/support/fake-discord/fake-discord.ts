import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ApplicationCommandType,
  ApplicationFlags,
  ComponentType,
  GatewayDispatchEvents,
  type APIApplicationCommand,
  type APIApplicationCommandOptionChoice,
  type APIMessage,
  type APIModalInteractionResponseCallbackData,
  type APIUser,
  type Locale,
} from 'discord.js';
import { ChannelMessages } from './channel-messages.js';
import { CommandRegistry } from './command-routes.js';
import { InteractionExchange } from './exchange.js';
import { FakeGateway, type ResumeRecord } from './gateway.js';
import { ok, type RecordedRequest } from './http.js';
import { fakeBotToken, snowflake } from './ids.js';
import { InteractionRoutes } from './interaction-routes.js';
import { autocompleteInteraction, buttonInteraction, commandInteraction, stringSelectInteraction, toOptions, type Invoker, type OptionValues } from './interactions.js';
import { messageCommandInteraction, modalOf, modalSubmitInteraction, textInputsOf } from './menus-and-modals.js';
import { buttonsOf, MessageStore, type MessageBody } from './messages.js';
import type { RestFault, RestFaultSpec } from './rest-faults.js';
import { RestRouter } from './rest-router.js';
import { ChangeSignal } from './signal.js';
import { MEMBER_PERMISSIONS, World } from './world.js';

export interface FakeDiscordOptions {
  applicationId?: string;
  guildId?: string;
  /** Defaults to a well-formed token for `applicationId` ({@link fakeBotToken}). */
  botToken?: string;
  /** HELLO's heartbeat interval; short so heartbeats happen inside a test. */
  heartbeatIntervalMs?: number;
  /** Callbacks later than this after dispatch get 404 Unknown interaction, as on Discord (3 s). */
  ackDeadlineMs?: number;
  /** Interaction tokens stop working after this (Discord: 15 minutes). */
  tokenLifetimeMs?: number;
  /** How long waits for the bot last before failing the test. */
  timeoutMs?: number;
}

/** Who invokes something, and as what; defaults to `alice`, an ordinary member. */
export interface InvokeAs {
  user?: APIUser;
  /** The member's permissions (e.g. `MODERATOR_PERMISSIONS`); default: an ordinary member's. */
  memberPermissions?: bigint | string;
  locale?: Locale;
}

export interface CommandRun extends InvokeAs {
  name: string;
  options?: OptionValues;
}

export interface AutocompleteRun extends CommandRun {
  /** The option being typed; default the last one given. */
  focused?: string;
}

export interface ButtonClick extends InvokeAs {
  message: APIMessage;
  /** Which button: by custom id, or by its label as a user would. */
  customId?: string;
  label?: string;
}

export interface MenuChoice extends InvokeAs {
  message: APIMessage;
  customId: string;
  values: string[];
}

export interface MessageCommandRun extends InvokeAs {
  name: string;
  /** The message right-clicked. */
  message: APIMessage;
}

export interface ModalSubmission extends InvokeAs {
  /** The exchange whose callback opened the modal (e.g. a button click). */
  opened?: InteractionExchange;
  /** A modal to submit instead, as a stale or forged client would (e.g. one from before a restart). */
  modal?: APIModalInteractionResponseCallbackData;
  /** Values typed, by the text inputs' custom ids. */
  values: Record<string, string>;
}

export interface WaitOptions {
  /** When the exchange counts as done; default {@link InteractionExchange.answered}. */
  until?: (exchange: InteractionExchange) => boolean;
  timeoutMs?: number;
}

/**
 * A loopback Discord (REST + gateway on 127.0.0.1, random port) for a real discord.js `Client`:
 * `new Client({ intents, rest: { api: discord.restUrl } }).login(discord.token)`. Tests play the users
 * (`runCommand`, `autocomplete`, `clickButton`) and read what the bot did from the returned
 * {@link InteractionExchange}s, `requests` and `gateway` records. Nothing of discord.js is replaced.
 */
export class FakeDiscord {
  readonly applicationId: string;
  readonly guildId: string;
  readonly token: string;
  readonly world: World;
  /** Every interaction dispatched, in order. */
  readonly exchanges: InteractionExchange[] = [];
  readonly gateway: FakeGateway;
  private readonly signal = new ChangeSignal();
  private readonly rest: RestRouter;
  private readonly registry: CommandRegistry;
  private readonly store: MessageStore;
  private readonly interactionRoutes: InteractionRoutes;
  private readonly timeoutMs: number;
  private readonly server: Server;
  private port = 0;
  private resumesBeforeDrop = 0;
  /** Messages in channels, threads and DMs (users writing, the bot posting), and the bot's channel permissions. */
  readonly channels: ChannelMessages;

  private constructor(options: FakeDiscordOptions) {
    this.applicationId = options.applicationId ?? snowflake();
    this.guildId = options.guildId ?? snowflake();
    this.token = options.botToken ?? fakeBotToken(this.applicationId);
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.world = new World(this.applicationId, this.guildId);
    const store = new MessageStore(this.world.bot, (id) => [this.world.alice, this.world.bob, this.world.owner, this.world.bot].find((u) => u.id === id));
    this.rest = new RestRouter(this.token, () => this.signal.notify());
    this.registry = new CommandRegistry(this.applicationId, () => [this.guildId]);
    this.interactionRoutes = new InteractionRoutes(this.applicationId, store, this.signal, {
      ackDeadlineMs: options.ackDeadlineMs ?? 3_000,
      tokenLifetimeMs: options.tokenLifetimeMs ?? 15 * 60_000,
    });
    this.store = store;
    this.registry.register(this.rest);
    this.interactionRoutes.register(this.rest);
    this.channels = new ChannelMessages(this.world, store, this.signal, (event, data) => this.gateway.dispatch(event, data));
    this.channels.register(this.rest);
    this.rest
      .route('GET', '/gateway/bot', () => ok({ url: this.gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 } }))
      .route('GET', '/gateway', () => ok({ url: this.gatewayUrl }), { auth: false })
      .route('GET', '/users/@me', () => ok(this.world.bot))
      .route('GET', '/applications/@me', () => ok(this.application()));
    this.gateway = new FakeGateway({
      token: this.token,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 1_000,
      signal: this.signal,
      ready: (sessionId) => ({
        v: 10,
        user_settings: {},
        user: { ...this.world.bot, verified: true, mfa_enabled: false, flags: 0 },
        guilds: [{ id: this.guildId, unavailable: true }],
        session_id: sessionId,
        session_type: 'normal',
        resume_gateway_url: this.gatewayUrl,
        shard: [0, 1],
        application: { id: this.applicationId, flags: ApplicationFlags.ApplicationCommandBadge },
        private_channels: [],
        relationships: [],
        presences: [],
        guild_join_requests: [],
        geo_ordered_rtc_regions: ['rotterdam'],
      }),
      afterReady: () => [{ t: GatewayDispatchEvents.GuildCreate, d: this.world.guildCreate() }],
    });
    this.server = createServer((request, response) => void this.rest.handle(request, response));
    this.server.on('upgrade', this.gateway.upgrade);
  }

  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const discord = new FakeDiscord(options);
    await new Promise<void>((resolve, reject) => {
      discord.server.once('error', reject);
      discord.server.listen(0, '127.0.0.1', () => resolve());
    });
    discord.port = (discord.server.address() as AddressInfo).port;
    return discord;
  }

  /** For `new Client({ rest: { api } })` and `new REST({ api })`: discord.js appends `/v10/...`. */
  get restUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  /** What `GET /gateway/bot` and READY's `resume_gateway_url` point at; discord.js appends `?v=10&encoding=json`. */
  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  /** Every REST request, matched or not, in arrival order. */
  get requests(): RecordedRequest[] {
    return this.rest.requests;
  }

  /** Requests no route of the fake answered (404): either the bot is wrong or the fake is missing a route. */
  get unmatchedRequests(): RecordedRequest[] {
    return this.rest.requests.filter((r) => r.unmatched);
  }

  /**
   * Makes matching REST requests misbehave as Discord sometimes does (hang, a 500, a late answer);
   * see {@link RestFaultSpec}. Paths for the interaction routes are in `INTERACTION_PATHS`.
   */
  misbehave(spec: RestFaultSpec): RestFault {
    return this.rest.misbehave(spec);
  }

  /** A message the bot left in the channel before this test (e.g. with components an older version made). */
  messageLeftEarlier(body: MessageBody): APIMessage {
    return this.store.leftEarlier(this.world.channel.id, body);
  }

  /** Commands registered for `guildId`, or the global ones. */
  commands(guildId?: string): APIApplicationCommand[] {
    return this.registry.list(guildId);
  }

  /** Resolves once a client has identified and been sent READY and the test guild. */
  async waitForReady(timeoutMs = this.timeoutMs): Promise<void> {
    await this.signal.waitUntil(() => this.gateway.connected, timeoutMs, () => `for a client to IDENTIFY (connections: ${JSON.stringify(this.gateway.connections)}, problems: ${this.gateway.problems.join('; ') || 'none'})`);
  }

  /** Resolves once `count` IDENTIFYs in all have been answered with READY and that session is live. */
  async waitForIdentifies(count: number, timeoutMs = this.timeoutMs): Promise<void> {
    await this.signal.waitUntil(
      () => this.gateway.identifies.length >= count && this.gateway.connected,
      timeoutMs,
      () => `for IDENTIFY number ${count} (seen ${this.gateway.identifies.length}; problems: ${this.gateway.problems.join('; ') || 'none'})`,
    );
  }

  /** Resolves when the client has resumed after the last {@link dropConnection}. */
  async waitForResume(timeoutMs = this.timeoutMs): Promise<ResumeRecord> {
    return this.signal.waitUntil(() => this.gateway.resumes[this.resumesBeforeDrop], timeoutMs, () => `for a RESUME (problems: ${this.gateway.problems.join('; ') || 'none'})`);
  }

  /** Resolves when no gateway connection is open any more (e.g. after `client.destroy()`). */
  async waitForDisconnect(timeoutMs = this.timeoutMs): Promise<void> {
    await this.signal.waitUntil(() => this.gateway.openConnections === 0, timeoutMs, () => `for the client to disconnect (${this.gateway.openConnections} open)`);
  }

  /** Closes the gateway connection with a resumable code (default 4000) and resolves once it is closed. */
  async dropConnection(code?: number): Promise<void> {
    this.resumesBeforeDrop = this.gateway.resumes.length;
    await this.gateway.drop(code);
  }

  /** Sends any gateway dispatch to the logged-in client. */
  dispatch(event: string, data: object): number {
    return this.gateway.dispatch(event, data);
  }

  /** Dispatches a slash command without waiting: for tests about concurrency (two `/reload`s at once). */
  sendCommand(run: CommandRun): InteractionExchange {
    const invoker = this.invoker(run);
    const command = this.registry.find(run.name, this.guildId);
    return this.deliver(commandInteraction(this.world, invoker, run.name, toOptions(run.options, command), command));
  }

  /** A user runs a slash command; resolves with the exchange once the bot has answered (see {@link WaitOptions}). */
  async runCommand(run: CommandRun, wait: WaitOptions = {}): Promise<InteractionExchange> {
    return this.sendCommand(run).waitFor(wait.until, wait.timeoutMs ?? this.timeoutMs);
  }

  /** A user types into an autocomplete option; resolves with the choices the bot offered (throws if Discord would refuse them). */
  async autocomplete(run: AutocompleteRun, wait: { timeoutMs?: number } = {}): Promise<APIApplicationCommandOptionChoice[]> {
    const invoker = this.invoker(run);
    const command = this.registry.find(run.name, this.guildId);
    const focused = run.focused ?? (Array.isArray(run.options) ? undefined : Object.keys(run.options ?? {}).at(-1));
    const exchange = this.deliver(autocompleteInteraction(this.world, invoker, run.name, toOptions(run.options, command, focused), command));
    await exchange.waitFor((e) => e.responses.some((r) => r.kind === 'callback'), wait.timeoutMs ?? this.timeoutMs);
    if (!exchange.choices) throw new Error(`fake Discord: autocomplete not answered with choices: ${exchange.describe()}`);
    return exchange.choices;
  }

  /** The exchange of the most recent interaction (e.g. to read an autocomplete's `latencyMs`). */
  get lastExchange(): InteractionExchange | undefined {
    return this.exchanges.at(-1);
  }

  /**
   * A user presses a button on `message`. Throws when no such enabled button is on the message: a
   * Discord user could not press it either.
   */
  async clickButton(click: ButtonClick, wait: WaitOptions = {}): Promise<InteractionExchange> {
    const buttons = buttonsOf(click.message);
    const button = buttons.find((b) => (click.customId !== undefined ? 'custom_id' in b && b.custom_id === click.customId : 'label' in b && b.label === click.label));
    if (!button || !('custom_id' in button)) throw new Error(`fake Discord: no button ${click.customId ?? click.label} on message ${click.message.id} (buttons: ${JSON.stringify(buttons)})`);
    if (button.disabled) throw new Error(`fake Discord: button ${button.custom_id} is disabled; a user cannot press it`);
    this.store.put(click.message);
    const exchange = this.deliver(buttonInteraction(this.world, this.invoker(click), click.message, button.custom_id));
    return exchange.waitFor(wait.until, wait.timeoutMs ?? this.timeoutMs);
  }

  /** A user picks `values` in the string select `customId` on `message`. */
  async chooseFromMenu(choice: MenuChoice, wait: WaitOptions = {}): Promise<InteractionExchange> {
    const menu = (choice.message.components ?? []).flatMap((row) => ('components' in row ? (row.components as Array<{ type: number; custom_id?: string }>) : [])).find((c) => c.custom_id === choice.customId);
    if (!menu || menu.type !== ComponentType.StringSelect) throw new Error(`fake Discord: no string select ${choice.customId} on message ${choice.message.id}`);
    this.store.put(choice.message);
    const exchange = this.deliver(stringSelectInteraction(this.world, this.invoker(choice), choice.message, choice.customId, choice.values));
    return exchange.waitFor(wait.until, wait.timeoutMs ?? this.timeoutMs);
  }

  /**
   * A user runs a message context-menu command ("Find this quote") on `message`. Throws when no
   * such command is registered: a Discord user would not see it in the menu.
   */
  async runMessageCommand(run: MessageCommandRun, wait: WaitOptions = {}): Promise<InteractionExchange> {
    const matches = (c: APIApplicationCommand): boolean => c.name === run.name && c.type === ApplicationCommandType.Message;
    const command = this.commands(this.guildId).find(matches) ?? this.commands().find(matches);
    if (!command) throw new Error(`fake Discord: no message command "${run.name}" is registered`);
    this.store.put(run.message);
    return this.deliver(messageCommandInteraction(this.world, this.invoker(run), command, run.message)).waitFor(wait.until, wait.timeoutMs ?? this.timeoutMs);
  }

  /**
   * A user fills in and submits the modal the bot opened in answer to `opened`. Throws when no modal
   * was opened, a value is for an input the modal lacks, or a value breaks the input's own
   * length rules: Discord's client would not let the user submit it.
   */
  async submitModal(submit: ModalSubmission, wait: WaitOptions = {}): Promise<InteractionExchange> {
    const modal = submit.modal ?? modalOf(submit.opened?.callback);
    if (!modal) throw new Error(`fake Discord: no modal was opened: ${submit.opened?.describe() ?? 'no exchange given'}`);
    const inputs = textInputsOf(modal);
    for (const [id, value] of Object.entries(submit.values)) {
      const input = inputs.find((i) => i.custom_id === id);
      if (!input) throw new Error(`fake Discord: the modal has no input "${id}" (inputs: ${inputs.map((i) => i.custom_id).join(', ')})`);
      const n = [...value].length;
      if ((input.required ?? true) && n === 0) throw new Error(`fake Discord: input "${id}" is required`);
      if (n > 0 && ((input.min_length !== undefined && n < input.min_length) || (input.max_length !== undefined && n > input.max_length))) {
        throw new Error(`fake Discord: ${n} characters for input "${id}" (allowed ${input.min_length ?? 0}–${input.max_length ?? 4000})`);
      }
    }
    const message = submit.opened && 'message' in submit.opened.interaction ? submit.opened.interaction.message : undefined;
    const current = message ? (this.store.get(message.id) ?? message) : undefined;
    return this.deliver(modalSubmitInteraction(this.world, this.invoker(submit), modal, submit.values, current)).waitFor(wait.until, wait.timeoutMs ?? this.timeoutMs);
  }

  async close(): Promise<void> {
    await this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /**
   * A slash command recorded as sent but not delivered on the gateway: for a bot that takes
   * interactions over HTTP, the test posts `exchange.interaction` to its endpoint itself (as Discord
   * would) and hands the HTTP response to the callback route (see tests/support/http-interactions.ts).
   */
  prepareCommand(run: CommandRun): InteractionExchange {
    const invoker = this.invoker(run);
    const command = this.registry.find(run.name, this.guildId);
    return this.track(commandInteraction(this.world, invoker, run.name, toOptions(run.options, command), command));
  }

  /** {@link prepareCommand} for a button press on `message`. */
  prepareButtonClick(click: ButtonClick): InteractionExchange {
    const button = buttonsOf(click.message).find((b) => (click.customId !== undefined ? 'custom_id' in b && b.custom_id === click.customId : 'label' in b && b.label === click.label));
    if (!button || !('custom_id' in button) || button.disabled) throw new Error(`fake Discord: no enabled button ${click.customId ?? click.label} on message ${click.message.id}`);
    this.store.put(click.message);
    return this.track(buttonInteraction(this.world, this.invoker(click), click.message, button.custom_id));
  }

  private deliver(interaction: InteractionExchange['interaction']): InteractionExchange {
    const exchange = this.track(interaction);
    this.gateway.dispatch(GatewayDispatchEvents.InteractionCreate, interaction);
    return exchange;
  }

  private track(interaction: InteractionExchange['interaction']): InteractionExchange {
    const exchange = new InteractionExchange(interaction, Date.now(), this.store, this.signal);
    this.exchanges.push(exchange);
    this.interactionRoutes.track(exchange);
    return exchange;
  }

  /** Resolves who acts; a permission set not yet held by any role gets one, announced by GUILD_ROLE_CREATE. */
  private invoker(as: InvokeAs): Invoker {
    const permissions = BigInt(as.memberPermissions ?? MEMBER_PERMISSIONS);
    const { role, created } = this.world.roleGranting(permissions);
    // Over HTTP interactions no client may be logged in to the gateway; the permissions travel in the interaction anyway.
    if (role && created && this.gateway.sessionId !== undefined) this.gateway.dispatch(GatewayDispatchEvents.GuildRoleCreate, { guild_id: this.guildId, role });
    return { user: as.user ?? this.world.alice, permissions, roleIds: role ? [role.id] : [], locale: as.locale ?? ('en-US' as Locale) };
  }

  private application(): object {
    return { id: this.applicationId, name: this.world.bot.username, icon: null, description: '', bot_public: false, bot_require_code_grant: false, verify_key: '0'.repeat(64), flags: ApplicationFlags.ApplicationCommandBadge, bot: this.world.bot, team: null, summary: '' };
  }
}
