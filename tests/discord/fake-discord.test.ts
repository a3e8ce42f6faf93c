import {
  ButtonStyle,
  Client,
  ComponentType,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  GatewayOpcodes,
  InteractionResponseType,
  MessageFlags,
  PermissionFlagsBits,
  REST,
  Routes,
  type Interaction,
} from 'discord.js';
import { constants, createInflate } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { FakeDiscord, INTERACTION_PATHS, MODERATOR_PERMISSIONS, fakeBotToken } from '../support/fake-discord/index.js';

const NO_PINGS = { parse: [] };

/** A real discord.js client, pointed at the fake, logged in and ready (as the bot makes its own). */
async function loggedInClient(discord: FakeDiscord, options: { clientWideNoPings?: boolean } = {}): Promise<Client> {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    ...(options.clientWideNoPings === false ? {} : { allowedMentions: NO_PINGS }),
    rest: { api: discord.restUrl },
  });
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(discord.token);
  await ready;
  return client;
}

/**
 * Handles interactions like a bot would; failures are kept for the test to see instead of vanishing.
 * `idle()` waits for the handlers to finish: the fake records a response before discord.js has even
 * read the HTTP answer, so what the handler does afterwards is only visible once it is idle.
 */
function handle(client: Client, handler: (interaction: Interaction) => Promise<unknown>): { errors: unknown[]; idle: () => Promise<void> } {
  const errors: unknown[] = [];
  const running = new Set<Promise<unknown>>();
  client.on(Events.InteractionCreate, (interaction) => {
    const run = handler(interaction)
      .catch((error: unknown) => errors.push(error))
      .finally(() => running.delete(run));
    running.add(run);
  });
  return { errors, idle: async () => void (await Promise.all([...running])) };
}

const pagedButtons = (page: number) => [
  {
    type: ComponentType.ActionRow,
    components: [
      { type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'Previous', custom_id: `page:${page - 1}`, disabled: page === 0 },
      { type: ComponentType.Button, style: ButtonStyle.Primary, label: 'Next', custom_id: `page:${page + 1}` },
    ],
  },
];

describe('the loopback Discord', () => {
  let discord: FakeDiscord;
  let client: Client | undefined;

  beforeEach(async () => {
    discord = await FakeDiscord.start({ heartbeatIntervalMs: 200 });
  });

  afterEach(async () => {
    await client?.destroy();
    client = undefined;
    await discord.close();
  });

  describe('gateway', () => {
    it('lets a real discord.js client log in, become ready and see the test guild', async () => {
      client = await loggedInClient(discord);

      expect(client.user?.id).toBe(discord.applicationId);
      expect(client.application?.id).toBe(discord.applicationId);
      expect(client.guilds.cache.get(discord.guildId)?.channels.cache.get(discord.world.channel.id)?.name).toBe('general');
      expect(discord.gateway.connections[0]?.query).toEqual({ v: '10', encoding: 'json' });
      expect(discord.gateway.identifies[0]?.intents).toBe(GatewayIntentBits.Guilds);
      expect(discord.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /gateway/bot']);
      expect(discord.unmatchedRequests).toEqual([]);
    });

    it('acknowledges heartbeats, so the client measures a ping', async () => {
      client = await loggedInClient(discord);
      await vi.waitFor(() => expect(client!.ws.ping).toBeGreaterThanOrEqual(0), { timeout: 2000 });

      expect(discord.gateway.frames.some((f) => f.direction === 'in' && f.op === GatewayOpcodes.Heartbeat)).toBe(true);
      expect(discord.gateway.frames.some((f) => f.direction === 'out' && f.op === GatewayOpcodes.HeartbeatAck)).toBe(true);
    });

    it('refuses a login with a token that is not the bot token', async () => {
      const stranger = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: discord.restUrl } });

      await expect(stranger.login(fakeBotToken(discord.applicationId))).rejects.toThrow(/token/i);
      expect(discord.requests[0]?.status).toBe(401);
    });

    it('lets a dropped client RESUME, replays what it missed, and the next command is answered', async () => {
      client = await loggedInClient(discord);
      const resumed = new Promise<number>((resolve) => client!.once(Events.ShardResume, (_shard, replayed) => resolve(replayed)));
      handle(client, async (interaction) => {
        if (interaction.isChatInputCommand()) await interaction.reply({ content: `pong ${interaction.commandName}`, allowedMentions: NO_PINGS });
      });

      await discord.dropConnection();
      const sentWhileAway = discord.sendCommand({ name: 'while-away' });
      const resume = await discord.waitForResume();
      await resumed;
      const after = await discord.runCommand({ name: 'after' });

      expect(discord.gateway.frames.filter((f) => f.direction === 'in' && f.op === GatewayOpcodes.Resume)).toHaveLength(1);
      expect(resume.replayed).toBe(1);
      expect(discord.gateway.identifies).toHaveLength(1);
      expect((await sentWhileAway.waitFor()).message?.content).toBe('pong while-away');
      expect(after.message?.content).toBe('pong after');
    });

    it('resumes after asking the client to reconnect (op 7)', async () => {
      client = await loggedInClient(discord);
      const resumed = new Promise<void>((resolve) => client!.once(Events.ShardResume, () => resolve()));

      discord.gateway.requestReconnect();
      await resumed;

      expect(discord.gateway.connections.map((c) => c.closeCode)).toEqual([4200, undefined]);
      expect(discord.gateway.resumes).toHaveLength(1);
    });

    it('speaks zlib-stream to a client that asks for it (discord.js does once zlib-sync is installed)', async () => {
      const socket = new WebSocket(`${discord.gatewayUrl}?v=10&encoding=json&compress=zlib-stream`);
      const inflate = createInflate();
      const payloads: Array<{ op: number; t: string | null }> = [];
      const text: Buffer[] = [];
      inflate.on('data', (chunk: Buffer) => text.push(chunk));
      socket.on('message', (data: Buffer) => {
        inflate.write(data);
        inflate.flush(constants.Z_SYNC_FLUSH, () => {
          payloads.push(JSON.parse(Buffer.concat(text.splice(0)).toString()));
          if (payloads.length === 1) socket.send(JSON.stringify({ op: 2, d: { token: discord.token, intents: 1, properties: {} } }));
        });
      });

      await vi.waitFor(() => expect(payloads.map((p) => p.t ?? p.op)).toEqual([10, 'READY', 'GUILD_CREATE']), { timeout: 2000 });
      socket.close(1000);
      inflate.destroy();
      await discord.waitForDisconnect();
    });

    it('sees client.destroy() close the connection normally', async () => {
      client = await loggedInClient(discord);

      await client.destroy();
      client = undefined;
      await discord.waitForDisconnect();

      expect(discord.gateway.connections.map((c) => [c.closedBy, c.closeCode])).toEqual([['client', 1000]]);
    });
  });

  describe('slash commands', () => {
    it('delivers a chat command with its options to interactionCreate and records the reply', async () => {
      client = await loggedInClient(discord);
      const seen: Array<{ name: string; question: string | null; guild: string | null; channel: string | null }> = [];
      const { errors } = handle(client, async (interaction) => {
        if (!interaction.isChatInputCommand()) return;
        seen.push({ name: interaction.commandName, question: interaction.options.getString('question'), guild: interaction.guild?.id ?? null, channel: interaction.channel?.id ?? null });
        await interaction.reply({ content: 'Putin said "@everyone"', allowedMentions: { parse: [] } });
      });

      const reply = await discord.runCommand({ name: 'ask', options: { question: 'what did Putin say about Ukraine?' } });

      expect(errors).toEqual([]);
      expect(seen).toEqual([{ name: 'ask', question: 'what did Putin say about Ukraine?', guild: discord.guildId, channel: discord.world.channel.id }]);
      expect(reply.callback).toMatchObject({ type: InteractionResponseType.ChannelMessageWithSource, data: { content: 'Putin said "@everyone"', allowed_mentions: { parse: [] } } });
      expect(reply.allowedMentions).toEqual([{ parse: [] }]);
      expect(reply.message?.mention_everyone).toBe(false);
      expect(reply.latencyMs).toBeLessThan(3000);
      const callback = discord.requests.find((r) => r.path.endsWith('/callback'));
      expect(callback).toMatchObject({ status: 204, query: { with_response: 'false' } });
      expect(callback?.headers.authorization).toBeUndefined();
    });

    it('shows that a reply without allowed mentions would ping everyone', async () => {
      client = await loggedInClient(discord, { clientWideNoPings: false });
      handle(client, (interaction) => (interaction.isChatInputCommand() ? interaction.reply('hello @everyone') : Promise.resolve()));

      const reply = await discord.runCommand({ name: 'ask' });

      expect(reply.allowedMentions).toEqual([undefined]);
      expect(reply.message?.mention_everyone).toBe(true);
    });

    it('waits past a deferral for the edit that fills it in', async () => {
      client = await loggedInClient(discord);
      handle(client, async (interaction) => {
        if (!interaction.isChatInputCommand()) return;
        await interaction.deferReply({ flags: MessageFlags.Ephemeral });
        await new Promise((resolve) => setTimeout(resolve, 50));
        await interaction.editReply({ embeds: [{ title: 'Quotes', description: 'Ukraine' }], allowedMentions: NO_PINGS });
      });

      const reply = await discord.runCommand({ name: 'ask', options: { question: 'Ukraine', hide: true } });

      expect(reply.responses.map((r) => `${r.kind} ${r.status}`)).toEqual(['callback 204', 'edit-original 200']);
      expect(reply.callback).toEqual({ type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: MessageFlags.Ephemeral } });
      expect(reply.edits[0]?.allowed_mentions).toEqual(NO_PINGS);
      expect(reply.ephemeral).toBe(true);
      expect(reply.message?.embeds[0]).toMatchObject({ title: 'Quotes', description: 'Ukraine' });
      expect(reply.text).toContain('Ukraine');
    });

    it('sends the member permissions, and a moderator holds them through a role too', async () => {
      client = await loggedInClient(discord);
      const seen: Array<[boolean | undefined, boolean | undefined]> = [];
      handle(client, async (interaction) => {
        if (!interaction.isChatInputCommand() || !interaction.inCachedGuild()) return;
        seen.push([interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild), interaction.member.permissions.has(PermissionFlagsBits.ManageGuild)]);
        await interaction.reply({ content: 'ok', allowedMentions: NO_PINGS });
      });

      await discord.runCommand({ name: 'reload' });
      await discord.runCommand({ name: 'reload', user: discord.world.bob, memberPermissions: MODERATOR_PERMISSIONS });

      expect(seen).toEqual([
        [false, false],
        [true, true],
      ]);
    });

    it('answers with_response=true with the callback resource, as discord.js expects', async () => {
      client = await loggedInClient(discord);
      const contents: string[] = [];
      const { idle } = handle(client, async (interaction) => {
        if (!interaction.isChatInputCommand()) return;
        const response = await interaction.reply({ content: 'kept', withResponse: true, allowedMentions: NO_PINGS });
        contents.push(response.resource?.message?.content ?? '(none)');
      });

      await discord.runCommand({ name: 'ask' });
      await idle();

      expect(contents).toEqual(['kept']);
    });

    it('refuses what Discord refuses: a second acknowledgement and an embed over 6000 characters', async () => {
      client = await loggedInClient(discord);
      const { errors, idle } = handle(client, async (interaction) => {
        if (!interaction.isChatInputCommand()) return;
        await interaction.reply({ content: 'first', allowedMentions: NO_PINGS });
        await client!.rest.post(Routes.interactionCallback(interaction.id, interaction.token), { body: { type: 4, data: { content: 'again' } }, auth: false }).catch((e: unknown) => errors.push(e));
        const huge = Array.from({ length: 7 }, (_, i) => ({ name: `quote ${i}`, value: 'x'.repeat(1000) }));
        await interaction.followUp({ embeds: [{ fields: huge }], allowedMentions: NO_PINGS });
      });

      const reply = await discord.runCommand({ name: 'ask' }, { until: (e) => e.responses.length >= 3 });
      await idle();

      expect(reply.rejected.map((r) => r.status)).toEqual([400, 400]);
      expect(errors.map((e) => (e as DiscordAPIError).code)).toEqual([40060, 50035]);
      expect(String((errors[1] as Error).message)).toMatch(/6000/);
      expect(reply.followups).toEqual([]);
    });

    it('forgets an interaction that was not acknowledged in time', async () => {
      await discord.close();
      discord = await FakeDiscord.start({ ackDeadlineMs: 50 });
      client = await loggedInClient(discord);
      const { errors, idle } = handle(client, async (interaction) => {
        if (!interaction.isChatInputCommand()) return;
        await new Promise((resolve) => setTimeout(resolve, 120));
        await interaction.reply({ content: 'too late', allowedMentions: NO_PINGS });
      });

      const reply = await discord.runCommand({ name: 'ask' }, { until: (e) => e.responses.length > 0 });
      await idle();

      expect(reply.answered).toBe(false);
      expect(errors.map((e) => (e as DiscordAPIError).code)).toEqual([10062]);
    });

    it('records files sent as multipart, with the JSON payload parsed', async () => {
      client = await loggedInClient(discord);
      handle(client, (interaction) =>
        interaction.isChatInputCommand() ? interaction.reply({ content: 'see file', files: [{ attachment: Buffer.from('quotes'), name: 'quotes.txt' }], allowedMentions: NO_PINGS }) : Promise.resolve(),
      );

      await discord.runCommand({ name: 'ask' });

      expect(discord.requests.at(-1)).toMatchObject({ files: ['quotes.txt'], body: { type: InteractionResponseType.ChannelMessageWithSource, data: { content: 'see file' } } });
    });
  });

  describe('autocomplete', () => {
    it('delivers the focused option and records the choices offered', async () => {
      client = await loggedInClient(discord);
      handle(client, async (interaction) => {
        if (!interaction.isAutocomplete()) return;
        const typed = interaction.options.getFocused(true);
        await interaction.respond(['Vladimir Putin', 'Pope Benedict'].filter((n) => n.toLowerCase().includes(typed.value)).map((n) => ({ name: n, value: n })));
      });

      const choices = await discord.autocomplete({ name: 'quote', options: { topic: 'war', speaker: 'pu' } });

      expect(choices).toEqual([{ name: 'Vladimir Putin', value: 'Vladimir Putin' }]);
      expect(discord.lastExchange?.interaction.data).toMatchObject({ options: [{ name: 'topic', value: 'war' }, { name: 'speaker', value: 'pu', focused: true }] });
      expect(discord.lastExchange?.latencyMs).toBeLessThan(3000);
    });

    it('rejects more than 25 choices, as Discord does', async () => {
      client = await loggedInClient(discord);
      handle(client, (interaction) =>
        interaction.isAutocomplete() ? interaction.respond(Array.from({ length: 26 }, (_, i) => ({ name: `speaker ${i}`, value: `${i}` }))) : Promise.resolve(),
      );

      await expect(discord.autocomplete({ name: 'quote', options: { speaker: 's' } })).rejects.toThrow(/50035/);
    });
  });

  describe('buttons', () => {
    it('delivers a click on the bot\'s message and records the update to that same message', async () => {
      client = await loggedInClient(discord);
      const clickers: string[] = [];
      handle(client, async (interaction) => {
        if (interaction.isChatInputCommand()) await interaction.reply({ content: 'page 0', components: pagedButtons(0), allowedMentions: NO_PINGS });
        if (interaction.isButton()) {
          clickers.push(interaction.user.username);
          const page = Number(interaction.customId.split(':')[1]);
          await interaction.update({ content: `page ${page}`, components: pagedButtons(page), allowedMentions: NO_PINGS });
        }
      });

      const reply = await discord.runCommand({ name: 'ask' });
      const click = await discord.clickButton({ message: reply.message!, label: 'Next', user: discord.world.bob });

      expect(clickers).toEqual(['bob']);
      expect(click.callback?.type).toBe(InteractionResponseType.UpdateMessage);
      expect(click.message?.id).toBe(reply.message?.id);
      expect(reply.message?.content).toBe('page 1');
      expect(click.buttons.map((b) => b.custom_id)).toEqual(['page:0', 'page:2']);
      await expect(discord.clickButton({ message: reply.message!, customId: 'page:9' })).rejects.toThrow(/no button/);
    });

    it('lets a deferred update edit the message the button is on', async () => {
      client = await loggedInClient(discord);
      handle(client, async (interaction) => {
        if (interaction.isChatInputCommand()) await interaction.reply({ content: 'page 0', components: pagedButtons(0), allowedMentions: NO_PINGS });
        if (interaction.isButton()) {
          await interaction.deferUpdate();
          await interaction.editReply({ content: 'page 1', components: [], allowedMentions: NO_PINGS });
        }
      });

      const reply = await discord.runCommand({ name: 'ask' });
      const click = await discord.clickButton({ message: reply.message!, customId: 'page:1' });

      expect(click.responses.map((r) => `${r.kind} ${r.status}`)).toEqual(['callback 204', 'edit-original 200']);
      expect(reply.message).toMatchObject({ content: 'page 1', components: [] });
    });
  });

  describe('tokens', () => {
    it('makes bot tokens of the real shape, the first part naming the application', () => {
      const token = fakeBotToken(discord.applicationId);

      expect(token).toMatch(/^[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{20,}$/);
      expect(Buffer.from(token.split('.')[0]!, 'base64').toString()).toBe(discord.applicationId);
    });
  });

  describe('commands registration', () => {
    it('stores guild commands put through @discordjs/rest and gives them ids', async () => {
      const rest = new REST({ api: discord.restUrl }).setToken(discord.token);
      const body = [
        { name: 'ask', description: 'Ask a question', options: [{ type: 3, name: 'question', description: 'What to ask', required: true }] },
        { name: 'reload', description: 'Reload the corpus', default_member_permissions: PermissionFlagsBits.ManageGuild.toString() },
      ];

      const stored = (await rest.put(Routes.applicationGuildCommands(discord.applicationId, discord.guildId), { body })) as Array<{ id: string; name: string }>;

      expect(discord.commands(discord.guildId).map((c) => c.name)).toEqual(['ask', 'reload']);
      expect(stored.map((c) => c.id)).toEqual(discord.commands(discord.guildId).map((c) => c.id));
      expect(discord.commands()).toEqual([]);
      expect(discord.requests[0]).toMatchObject({ method: 'PUT', path: `/applications/${discord.applicationId}/guilds/${discord.guildId}/commands`, body, headers: { authorization: `Bot ${discord.token}` } });
    });

    it('types command options from the registered command', async () => {
      const rest = new REST({ api: discord.restUrl }).setToken(discord.token);
      await rest.put(Routes.applicationCommands(discord.applicationId), { body: [{ name: 'quote', description: 'Quotes', options: [{ type: 3, name: 'year', description: 'Year' }] }] });
      client = await loggedInClient(discord);
      handle(client, (interaction) => (interaction.isChatInputCommand() ? interaction.reply({ content: String(interaction.options.getString('year')), allowedMentions: NO_PINGS }) : Promise.resolve()));

      const reply = await discord.runCommand({ name: 'quote', options: { year: 2004 } });

      expect(reply.interaction.data).toMatchObject({ id: discord.commands()[0]?.id, options: [{ name: 'year', type: 3 }] });
      expect(reply.message?.content).toBe('2004');
    });

    it('rejects commands Discord would reject', async () => {
      const rest = new REST({ api: discord.restUrl }).setToken(discord.token);

      const put = rest.put(Routes.applicationGuildCommands(discord.applicationId, discord.guildId), { body: [{ name: 'Ask', description: '' }] });

      await expect(put).rejects.toMatchObject({ code: 50035 });
      expect(discord.commands(discord.guildId)).toEqual([]);
    });

    it('records routes it does not know as 404s', async () => {
      const rest = new REST({ api: discord.restUrl }).setToken(discord.token);

      await expect(rest.get(Routes.channelMessages(discord.world.channel.id))).rejects.toMatchObject({ status: 404 });
      expect(discord.unmatchedRequests.map((r) => r.path)).toEqual([`/channels/${discord.world.channel.id}/messages`]);
    });
  });

  describe('misbehaving REST', () => {
    const me = (signal?: AbortSignal): Promise<Response> => fetch(`${discord.restUrl}/v10/users/@me`, { headers: { authorization: `Bot ${discord.token}` }, ...(signal ? { signal } : {}) });

    it('fails matching requests with the status asked for, then answers normally', async () => {
      const fault = discord.misbehave({ method: 'GET', path: /^\/users\/@me$/, times: 1, behaviour: { status: 500 } });

      expect((await me()).status).toBe(500);
      expect((await me()).status).toBe(200);
      expect(fault.caught.map((request) => request.status)).toEqual([500]);
    });

    it('leaves a hung request unanswered, recorded with status 0', async () => {
      discord.misbehave({ path: /^\/users\/@me$/, behaviour: { hang: true } });

      await expect(me(AbortSignal.timeout(300))).rejects.toThrow();
      expect(discord.requests.at(-1)).toMatchObject({ path: '/users/@me', status: 0 });
    });

    it('does the work of a late answer at once and only delays the HTTP response', async () => {
      client = await loggedInClient(discord);
      handle(client, (interaction) => (interaction.isChatInputCommand() ? interaction.reply({ content: 'done', allowedMentions: NO_PINGS }) : Promise.resolve()));
      const late = discord.misbehave({ path: INTERACTION_PATHS.callback, behaviour: { delayMs: 1_000 } });

      const reply = await discord.runCommand({ name: 'ask' });

      expect(reply.message?.content).toBe('done');
      expect(late.caught).toHaveLength(1);
    });
  });

  describe('misbehaving gateway', () => {
    /** A bare gateway connection (not discord.js, which this very fault crashes): every payload it is sent. */
    function connect(): { socket: WebSocket; received: Array<{ op: number; t: string | null; s: number | null; d: unknown }> } {
      const socket = new WebSocket(`${discord.gatewayUrl}?v=10&encoding=json`);
      const received: Array<{ op: number; t: string | null; s: number | null; d: unknown }> = [];
      socket.on('message', (data: Buffer) => received.push(JSON.parse(data.toString())));
      return { socket, received };
    }

    it('sends op 9 right after RESUMED when asked, and takes a fresh IDENTIFY on the same connection', async () => {
      const first = connect();
      await vi.waitFor(() => expect(first.received.map((p) => p.op)).toContain(10), { timeout: 2000 });
      first.socket.send(JSON.stringify({ op: 2, d: { token: discord.token, intents: 1, properties: {} } }));
      await vi.waitFor(() => expect(first.received.map((p) => p.t)).toContain('GUILD_CREATE'), { timeout: 2000 });
      const sessionId = (first.received.find((p) => p.t === 'READY')!.d as { session_id: string }).session_id;
      const seq = first.received.at(-1)!.s;
      first.socket.close(4000);
      await discord.waitForDisconnect();

      discord.gateway.invalidateSessionAfterNextResume();
      const second = connect();
      await vi.waitFor(() => expect(second.received.map((p) => p.op)).toContain(10), { timeout: 2000 });
      second.socket.send(JSON.stringify({ op: 6, d: { token: discord.token, session_id: sessionId, seq } }));
      await vi.waitFor(() => expect(second.received.map((p) => p.t ?? p.op)).toEqual([10, 'RESUMED', 9]), { timeout: 2000 });
      expect(second.received.at(-1)!.d).toBe(false);

      second.socket.send(JSON.stringify({ op: 2, d: { token: discord.token, intents: 1, properties: {} } }));
      await discord.waitForIdentifies(2);
      expect(discord.gateway.sessionId).not.toBe(sessionId);
      second.socket.close(1000);
      await discord.waitForDisconnect();
    });
  });
});
