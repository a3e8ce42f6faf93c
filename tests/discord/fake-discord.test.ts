import { Client, Events, GatewayIntentBits, GatewayOpcodes } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../support/fake-discord/index.js';

/** A real discord.js client, pointed at the fake, logged in and ready. */
async function loggedInClient(discord: FakeDiscord): Promise<Client> {
  const client = new Client({ intents: [GatewayIntentBits.Guilds], allowedMentions: { parse: [] }, rest: { api: discord.restUrl } });
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(discord.token);
  await ready;
  return client;
}

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
});
