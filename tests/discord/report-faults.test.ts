import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { REST, Routes } from 'discord.js';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { QuoteDesk } from '../../src/desk/quote-desk.js';
import { startBot, type RunningBot } from '../../src/discord/bot.js';
import { commandDefinitions } from '../../src/discord/command-registry.js';
import { capturingLogger, copyOfCorpus } from '../desk/support.js';
import { FakeDiscord, MODERATOR_PERMISSIONS } from '../support/fake-discord/index.js';

/** What the bot shows of users' and moderators' text: escaped, and counted when it cannot all fit. */
let discord: FakeDiscord;
let corpusDir: string;
let desk: QuoteDesk;
let bot: RunningBot;

beforeAll(async () => {
  discord = await FakeDiscord.start({ heartbeatIntervalMs: 500, timeoutMs: 20_000 });
  await new REST({ api: discord.restUrl }).setToken(discord.token).put(Routes.applicationGuildCommands(discord.applicationId, discord.guildId), { body: commandDefinitions() });
});

afterAll(async () => {
  await discord.close();
});

beforeEach(async () => {
  corpusDir = await copyOfCorpus('seed');
  desk = await QuoteDesk.open({ corpusDir });
  bot = await startBot({ token: discord.token, desk, logger: capturingLogger().logger, restApi: discord.restUrl });
});

afterEach(async () => {
  await bot.stop();
});

describe('the reload report', () => {
  it('still says how many more files were rejected after fitting a long list to the limits', async () => {
    const longName = 'a-feed-export-whose-name-goes-on-'.repeat(5);
    for (let i = 0; i < 40; i += 1) await writeFile(path.join(corpusDir, `${longName}${i}.jsonl`), '{"id": "x", "title": null, "body": "no closing brace"\n');
    const exchange = await discord.runCommand({ name: 'reload', memberPermissions: MODERATOR_PERMISSIONS });
    expect(exchange.rejected).toEqual([]);
    const fields = exchange.message!.embeds[0]!.fields!;
    const listed = fields.filter((field) => field.name.startsWith('Rejected: ')).length;
    const more = /^… and (\d+) more rejected$/.exec(fields.at(-1)!.name);
    expect(more).not.toBeNull();
    expect(listed + Number(more![1])).toBe(40);
  });

  it('escapes markdown in the names of rejected files', async () => {
    await writeFile(path.join(corpusDir, '__init__ **loud**.jsonl'), '{"id": "x", "title": null, "body": "no closing brace"\n');
    const exchange = await discord.runCommand({ name: 'reload', memberPermissions: MODERATOR_PERMISSIONS });
    const names = exchange.message!.embeds[0]!.fields!.map((field) => field.name);
    expect(names).toContain('Rejected: \\_\\_init\\_\\_ \\*\\*loud\\*\\*.jsonl:1');
  });
});

describe('answer titles', () => {
  it('escape the topic a user typed, so nobody can format a public title', async () => {
    const exchange = await discord.runCommand({ name: 'quote', options: { speaker: 'Putin', topic: '**Ukrainian** __crisis__' } });
    expect(exchange.ephemeral).toBe(false);
    expect(exchange.message!.embeds[0]!.title).toContain('about "\\*\\*Ukrainian\\*\\* \\_\\_crisis\\_\\_"');
  });
});
