import path from 'node:path';
import { InteractionResponseType, REST, Routes } from 'discord.js';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandDefinitions } from '../../src/discord/command-registry.js';
import { createInteractionServer, type InteractionServer } from '../../src/discord/http-interactions/interaction-server.js';
import { discordPublicKey } from '../../src/discord/http-interactions/signature.js';
import { PostgresPageStore } from '../../src/stores/postgres/answer-pages.js';
import { ingestCorpus } from '../../src/stores/postgres/ingest.js';
import { PostgresQuoteStore } from '../../src/stores/postgres/postgres-store.js';
import { FakeDiscord } from '../support/fake-discord/index.js';
import { InteractionSigner } from '../support/http-interactions.js';
import { freshDatabase } from '../support/postgres/database.js';

/** The HTTP interactions endpoint: what Discord checks before it lets an application use one, and answers through it. */
let discord: FakeDiscord;
let store: PostgresQuoteStore;
let url: string;
const signer = new InteractionSigner();
const servers: InteractionServer[] = [];
const endpoints: string[] = [];

beforeAll(async () => {
  url = await freshDatabase('http');
  await ingestCorpus({ url, corpusDir: path.resolve('corpus') });
  store = await PostgresQuoteStore.open({ url });
  discord = await FakeDiscord.start({ timeoutMs: 15_000 });
  await new REST({ api: discord.restUrl }).setToken(discord.token).put(Routes.applicationGuildCommands(discord.applicationId, discord.guildId), { body: commandDefinitions() });
  const pages = new PostgresPageStore(store.database);
  // The last one defers after the production default.
  for (const deferAfterMs of [2_000, 2_000, 0, undefined]) {
    const server = createInteractionServer({
      publicKey: discordPublicKey(signer.publicKeyHex),
      applicationId: discord.applicationId,
      restApi: discord.restUrl,
      logger: pino({ level: 'silent' }),
      ...(deferAfterMs === undefined ? {} : { deferAfterMs }),
      backend: { store, pages, completeSpeakers: (prefix, limit) => store.version.speakers.complete(prefix, limit), outlets: () => store.version.outlets(), stats: () => store.version.stats },
    });
    servers.push(server);
    endpoints.push(`http://127.0.0.1:${await server.listen(0)}/interactions`);
  }
}, 120_000);
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  await store?.close();
  await discord?.close();
});

describe('the HTTP interactions endpoint', () => {
  it('answers a signed PING with PONG', async () => {
    expect(await signer.post(endpoints[0]!, { type: 1, id: '1', application_id: discord.applicationId, token: 't', version: 1 })).toEqual({ status: 200, body: { type: InteractionResponseType.Pong } });
  });

  it('refuses a request signed with another key with 401', async () => {
    const body = JSON.stringify({ type: 1 });
    const stranger = new InteractionSigner();
    expect((await signer.post(endpoints[0]!, { type: 1 }, stranger.headers(body))).status).toBe(401);
  });

  it('refuses a body changed after signing with 401', async () => {
    const headers = signer.headers(JSON.stringify({ type: 1 }));
    expect((await signer.post(endpoints[0]!, { type: 1, extra: true }, headers)).status).toBe(401);
  });

  it('refuses a request without signature headers with 401', async () => {
    const response = await fetch(endpoints[0]!, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":1}' });
    expect(response.status).toBe(401);
  });

  it('refuses a replayed request signed an hour ago with 401', async () => {
    const body = JSON.stringify({ type: 1 });
    expect((await signer.post(endpoints[0]!, { type: 1 }, signer.headers(body, String(Math.floor(Date.now() / 1000) - 3_600)))).status).toBe(401);
  });

  it('answers /ask in the HTTP response itself, with cited quotes and no pings', async () => {
    const exchange = await signer.deliver(discord, discord.prepareCommand({ name: 'ask', options: { question: 'What did Putin say about Ukraine?' } }), [endpoints[0]!]);
    expect(exchange.callback?.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(exchange.text).toContain('Ukrainian crisis');
    expect(exchange.rejected).toEqual([]);
    expect(exchange.allowedMentions.every((mentions) => JSON.stringify(mentions) === '{"parse":[]}')).toBe(true);
  });

  it('defers within Discord’s 3 s when the answer is not ready at once, then edits the answer in', async () => {
    const exchange = discord.prepareCommand({ name: 'ask', options: { question: 'What did Putin say about Ukraine?' } });
    await signer.deliver(discord, exchange, [endpoints[2]!]);
    expect(exchange.callback?.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    expect(exchange.latencyMs).toBeLessThan(3_000);
    await exchange.waitFor((e) => e.edits.length > 0, 15_000);
    expect(exchange.text).toContain('Ukrainian crisis');
    expect(exchange.rejectedUnlessRaced).toEqual([]);
  });

  it('defers within Discord’s 3 s, as it is configured by default, when PostgreSQL is slow to answer', async () => {
    // Another session holds the terms' statistics locked for 3.5 s: the answer's first statement waits for it.
    const blocker = new pg.Client({ connectionString: url });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE term_stats IN ACCESS EXCLUSIVE MODE');
      const exchange = discord.prepareCommand({ name: 'ask', options: { question: 'What did Putin say about Ukraine?' } });
      const unlock = setTimeout(() => void blocker.query('COMMIT'), 3_500);
      try {
        await signer.deliver(discord, exchange, [endpoints[3]!]);
        expect(exchange.callback?.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
        expect(exchange.latencyMs).toBeLessThan(3_000);
        await exchange.waitFor((e) => e.edits.length > 0, 15_000);
      } finally {
        clearTimeout(unlock);
        await blocker.query('COMMIT').catch(() => undefined);
      }
      expect(exchange.text).toContain('Ukrainian crisis');
      expect(exchange.rejectedUnlessRaced).toEqual([]);
    } finally {
      await blocker.end();
    }
  });

  it('tells the asker privately when nobody of that name is quoted', async () => {
    const exchange = await signer.deliver(discord, discord.prepareCommand({ name: 'ask', options: { question: 'what did Ptuin say' } }), [endpoints[0]!]);
    expect(exchange.ephemeral).toBe(true);
    expect(exchange.text).toContain('Did you mean');
  });

  it('offers speakers for /quote as the user types', async () => {
    const exchange = discord.prepareCommand({ name: 'quote', options: { speaker: 'Blair' } });
    const response = await signer.post(endpoints[0]!, { ...exchange.interaction, type: 4, data: { ...(exchange.interaction as { data: object }).data, options: [{ name: 'speaker', type: 3, value: 'bla', focused: true }] } });
    expect(response.status).toBe(200);
    const choices = (response.body as { data: { choices: Array<{ value: string }> } }).data.choices;
    expect(choices.map((choice) => choice.value)).toContain('Tony Blair');
  });

  it('turns pages on another replica than the one that answered, for the asker only', async () => {
    const asked = await signer.deliver(discord, discord.prepareCommand({ name: 'ask', options: { question: 'what did Blair say' } }), [endpoints[0]!]);
    const first = asked.message!;
    expect(first.components?.length).toBe(1);
    const next = await signer.deliver(discord, discord.prepareButtonClick({ message: first, label: 'Next' }), [endpoints[1]!]);
    expect(next.callback?.type).toBe(InteractionResponseType.UpdateMessage);
    expect(JSON.stringify(next.callback)).toContain('Page 2 of');
    const refused = await signer.deliver(discord, discord.prepareButtonClick({ message: first, label: 'Next', user: discord.world.bob }), [endpoints[1]!]);
    expect(refused.ephemeral).toBe(true);
    expect(refused.text).toContain('Only the person who asked');
  });
});
