import { REST, Routes } from 'discord.js';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { QuoteDesk } from '../../src/desk/quote-desk.js';
import { startBot, type RunningBot } from '../../src/discord/bot.js';
import { commandDefinitions } from '../../src/discord/command-registry.js';
import { capturingLogger, copyOfCorpus } from '../desk/support.js';
import { FakeDiscord, INTERACTION_PATHS } from '../support/fake-discord/index.js';

/** The real bot's life through Discord's bad days: REST that does not answer, sessions invalidated. */
let discord: FakeDiscord;
let desk: QuoteDesk;
let bot: RunningBot;
let log: ReturnType<typeof capturingLogger>;

beforeAll(async () => {
  desk = await QuoteDesk.open({ corpusDir: await copyOfCorpus() });
});

beforeEach(async () => {
  discord = await FakeDiscord.start({ heartbeatIntervalMs: 500, timeoutMs: 10_000 });
  await new REST({ api: discord.restUrl }).setToken(discord.token).put(Routes.applicationGuildCommands(discord.applicationId, discord.guildId), { body: commandDefinitions() });
  log = capturingLogger();
  bot = await startBot({ token: discord.token, desk, logger: log.logger, restApi: discord.restUrl, shutdownMs: 1_500 });
});

afterEach(async () => {
  await bot.stop();
  await discord.close();
});

describe('shutting down while Discord REST does not answer', () => {
  it('stops without waiting for the buttons to be removed', async () => {
    await discord.runCommand({ name: 'quote', options: { speaker: 'Blair' } });
    const hung = discord.misbehave({ path: INTERACTION_PATHS.any, behaviour: { hang: true } });
    await bot.stop();
    expect(hung.caught.map((request) => request.method)).toEqual(['PATCH']);
    expect(hung.caught[0]!.status).toBe(0);
    expect(log.lines()).toContainEqual(expect.objectContaining({ msg: 'shutdown: Discord did not answer in time; buttons left in place', buttonsLeft: 1 }));
    expect(log.lines().at(-1)).toMatchObject({ msg: 'bot stopped' });
  });

  it('stops without waiting for an answer Discord never acknowledges', async () => {
    const hung = discord.misbehave({ path: INTERACTION_PATHS.callback, behaviour: { hang: true } });
    discord.sendCommand({ name: 'ask', options: { question: 'What did Putin say about Ukraine?' } });
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => hung.caught.length > 0 && (clearInterval(poll), resolve()), 10);
    });
    await bot.stop();
    expect(hung.caught[0]!.status).toBe(0);
    expect(log.lines()).toContainEqual(expect.objectContaining({ msg: 'shutdown: interactions still in flight were left', inFlight: 1 }));
    expect(log.lines().at(-1)).toMatchObject({ msg: 'bot stopped' });
  });
});

describe('a session Discord invalidates right after resuming it', () => {
  it('survives RESUMED followed at once by op 9, identifies again and keeps answering', async () => {
    const identified = discord.gateway.identifies.length;
    discord.gateway.invalidateSessionAfterNextResume();
    await discord.dropConnection();
    await discord.waitForResume();
    await discord.waitForIdentifies(identified + 1);

    const exchange = await discord.runCommand({ name: 'ask', options: { question: 'What did Putin say about Ukraine?' } });
    expect(exchange.text).toContain('Ukrainian crisis');
    expect(log.lines()).toContainEqual(expect.objectContaining({ level: 50, msg: 'a gateway event handler failed; the event was skipped', event: 'RESUMED' }));
  });
});
