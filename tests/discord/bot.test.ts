import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { REST, Routes, type APIEmbed } from 'discord.js';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { QuoteDesk } from '../../src/desk/quote-desk.js';
import { startBot, type RunningBot } from '../../src/discord/bot.js';
import { commandDefinitions } from '../../src/discord/command-registry.js';
import { EMBED_LIMITS, embedCharacters } from '../../src/discord/embed-limits.js';
import { capturingLogger, copyOfCorpus } from '../desk/support.js';
import { FakeDiscord, MODERATOR_PERMISSIONS, type InteractionExchange } from '../support/fake-discord/index.js';

/**
 * The real bot (startBot: discord.js client, router, commands, pager) logged into the loopback
 * Discord, answering from a private copy of the bundled corpus.
 */
let discord: FakeDiscord;
let corpusDir: string;
let desk: QuoteDesk;
let bot: RunningBot;
const log = capturingLogger();

beforeAll(async () => {
  discord = await FakeDiscord.start({ heartbeatIntervalMs: 500, timeoutMs: 10_000 });
  await new REST({ api: discord.restUrl }).setToken(discord.token).put(Routes.applicationGuildCommands(discord.applicationId, discord.guildId), { body: commandDefinitions() });
});

afterAll(async () => {
  await discord.close();
});

beforeEach(async () => {
  corpusDir = await copyOfCorpus();
  desk = await QuoteDesk.open({ corpusDir });
  bot = await startBot({ token: discord.token, desk, logger: log.logger, restApi: discord.restUrl });
});

afterEach(async () => {
  await bot.stop();
});

const embedsOf = (exchange: InteractionExchange): APIEmbed[] => exchange.message?.embeds ?? [];
const totalCharacters = (embeds: APIEmbed[]): number => embeds.reduce((sum, embed) => sum + embedCharacters(embed), 0);

describe('/ask', () => {
  it('answers the seed question with the Ukraine quote and its citation, in an embed', async () => {
    const exchange = await discord.runCommand({ name: 'ask', options: { question: 'What did Putin say about Ukraine?' } });
    const [embed] = embedsOf(exchange);
    const first = embed!.fields![0]!;
    expect(first.name).toBe('1. Vladimir Putin');
    expect(first.value).toContain('What was said about the desire to restore relations with Russia, to bring about the end of the Ukrainian crisis');
    expect(first.value).toContain('Vladimir Putin congratulated Donald Trump on his election… (2024-11-08)');
    expect(exchange.ephemeral).toBe(false);
    expect(exchange.rejected).toEqual([]);
  });

  it('answers only the asker, in plain words, when the speaker is unknown', async () => {
    const exchange = await discord.runCommand({ name: 'ask', options: { question: 'what did Pootin say about Ukraine' } });
    expect(exchange.ephemeral).toBe(true);
    expect(exchange.message?.content).toBe('I couldn\'t find a speaker named "Pootin" in the corpus. Did you mean Vladimir Putin?');
  });

  it('refuses a from date after the to date with a clear private message', async () => {
    const exchange = await discord.runCommand({ name: 'ask', options: { question: 'what did Putin say', from: '2024-12-01', to: '2024-01-01' } });
    expect(exchange.ephemeral).toBe(true);
    expect(exchange.message?.content).toBe('The start date 2024-12-01 is after the end date 2024-01-01.');
  });

  it('shows the answer only to the asker with hide:true', async () => {
    const exchange = await discord.runCommand({ name: 'ask', options: { question: 'What did Putin say about Ukraine?', hide: true } });
    expect(exchange.ephemeral).toBe(true);
    expect(exchange.text).toContain('Ukrainian crisis');
  });

  it('acknowledges well inside Discord\'s 3 seconds', async () => {
    const exchange = await discord.runCommand({ name: 'ask', options: { question: 'what did Blair say about the election' } });
    expect(exchange.latencyMs).toBeLessThan(3_000);
  });
});

describe('/quote speaker autocomplete', () => {
  it('offers at most 25 known speakers, Putin first for "pu"', async () => {
    const choices = await discord.autocomplete({ name: 'quote', options: { speaker: 'pu' } });
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices[0]).toEqual({ name: expect.stringMatching(/^Vladimir Putin — \d+ quotes$/), value: 'Vladimir Putin' });
  });

  it('offers 25 names at most when nothing is typed yet, none over 100 characters', async () => {
    const choices = await discord.autocomplete({ name: 'quote', options: { speaker: '' } });
    expect(choices).toHaveLength(25);
    for (const choice of choices) expect(String(choice.value).length).toBeLessThanOrEqual(100);
  });
});

describe('paging', () => {
  it('moves to page 2 for the asker and refuses another user\'s click', async () => {
    const asked = await discord.runCommand({ name: 'quote', options: { speaker: 'Blair' }, user: discord.world.alice });
    expect(embedsOf(asked)[0]!.footer!.text).toMatch(/^Page 1 of \d+/);
    const firstPage = embedsOf(asked)[0]!.fields!.map((field) => field.value);

    const next = await discord.clickButton({ message: asked.message!, label: 'Next', user: discord.world.alice });
    expect(embedsOf(next)[0]!.footer!.text).toMatch(/^Page 2 of \d+/);
    expect(embedsOf(next)[0]!.fields![0]!.name).toMatch(/^6\. /);
    expect(embedsOf(next)[0]!.fields!.map((field) => field.value)).not.toEqual(firstPage);

    const stranger = await discord.clickButton({ message: next.message!, label: 'Previous', user: discord.world.bob });
    expect(stranger.ephemeral).toBe(true);
    expect(stranger.message?.content).toContain('Only the person who asked can turn these pages');
    expect(embedsOf(asked)[0]!.footer!.text).toMatch(/^Page 2 of \d+/);
  });

  it('removes the buttons when the pages expire', async () => {
    await bot.stop();
    bot = await startBot({ token: discord.token, desk, logger: log.logger, restApi: discord.restUrl, paging: { ttlMs: 300 } });
    const asked = await discord.runCommand({ name: 'quote', options: { speaker: 'Blair' } });
    expect(asked.buttons.length).toBeGreaterThan(0);
    await asked.waitFor((exchange) => exchange.buttons.length === 0, 5_000);
    expect(asked.message!.embeds).toHaveLength(1);
  });
});

describe('/reload', () => {
  it('refuses a member without Manage Server, even though Discord delivered the command', async () => {
    const before = desk.version;
    const exchange = await discord.runCommand({ name: 'reload' });
    expect(exchange.ephemeral).toBe(true);
    expect(exchange.message?.content).toBe('Only moderators with the Manage Server permission can reload the corpus.');
    expect(desk.version).toBe(before);
  });

  it('is registered for Manage Server only', () => {
    const reload = discord.commands(discord.guildId).find((command) => command.name === 'reload')!;
    expect(reload.default_member_permissions).toBe(String(1n << 5n));
  });

  it('reports a broken file added to the corpus, and the bot keeps answering', async () => {
    await writeFile(path.join(corpusDir, 'broken.jsonl'), '{"id": "x", "title": null, "body": "no closing brace"\n');
    const exchange = await discord.runCommand({ name: 'reload', memberPermissions: MODERATOR_PERMISSIONS });
    expect(exchange.ephemeral).toBe(true);
    expect(exchange.text).toContain('Corpus reloaded');
    expect(exchange.text).toContain('Rejected: broken.jsonl:1');
    const after = await discord.runCommand({ name: 'ask', options: { question: 'What did Putin say about Ukraine?' } });
    expect(after.text).toContain('Ukrainian crisis');
  });

  it('tells a second moderator that a reload is already running', async () => {
    const first = discord.sendCommand({ name: 'reload', memberPermissions: MODERATOR_PERMISSIONS });
    await first.waitFor((exchange) => exchange.callback !== undefined);
    const second = await discord.runCommand({ name: 'reload', memberPermissions: MODERATOR_PERMISSIONS });
    expect(second.message?.content).toContain('A reload is already running');
    expect((await first.waitFor()).text).toContain('Corpus reloaded');
  });
});

describe('/corpus', () => {
  it('shows counts, outlets and the most quoted speakers', async () => {
    const exchange = await discord.runCommand({ name: 'corpus' });
    const stats = desk.version.stats();
    expect(exchange.text).toContain(`**${stats.articles}** articles`);
    expect(exchange.text).toContain('BBC News');
    expect(exchange.text).toMatch(/Most quoted\n.*\(\d+\)/);
  });
});

describe('safety of what the bot sends', () => {
  it('never pings: a quote containing @everyone goes out with empty allowed mentions, escaped', async () => {
    await writeFile(path.join(corpusDir, 'everyone.txt'), ' date 2005-02-01 "Tell @everyone and <@123> that the election is on," Tony Blair said.');
    await desk.reload();
    const exchange = await discord.runCommand({ name: 'quote', options: { speaker: 'Tony Blair', topic: 'election on' } });
    expect(exchange.text).toContain('Tell @\u200beveryone and <\u200b@123> that the election is on');
    expect(exchange.allowedMentions.length).toBeGreaterThan(0);
    for (const allowed of exchange.allowedMentions) expect(allowed).toEqual({ parse: [] });
  });

  it('cuts an answer whose quotes would overflow 6,000 characters to fit every embed limit', async () => {
    // The real BBC sample, with every headline and link made absurdly long.
    const sampleFile = path.join(corpusDir, 'sample-bbc.jsonl');
    const lines = (await readFile(sampleFile, 'utf8')).split('\n').filter(Boolean);
    const longCited = lines.map((line, i) => {
      const article = JSON.parse(line) as { title: string };
      return JSON.stringify({ ...article, title: `${article.title} `.repeat(60), url: `https://news.example/${'long-path/'.repeat(80)}${i}` });
    });
    await writeFile(sampleFile, `${longCited.join('\n')}\n`);
    await desk.reload();
    const answer = desk.ask({ question: 'what has Blair said' });
    const firstPage = answer.snippets.slice(0, 5);
    expect(firstPage.reduce((sum, s) => sum + s.text.length + s.citation.title.length + (s.citation.url?.length ?? 0), 0)).toBeGreaterThan(6_000);

    const exchange = await discord.runCommand({ name: 'ask', options: { question: 'what has Blair said' } });
    const embeds = embedsOf(exchange);
    expect(exchange.rejected).toEqual([]);
    expect(totalCharacters(embeds)).toBeLessThanOrEqual(EMBED_LIMITS.totalCharacters);
    for (const field of embeds[0]!.fields!) expect(field.value.length).toBeLessThanOrEqual(EMBED_LIMITS.fieldValue);
  });
});

describe('the gateway connection', () => {
  it('resumes after the connection drops, and the next command is answered', async () => {
    await discord.dropConnection();
    await discord.waitForResume();
    const exchange = await discord.runCommand({ name: 'ask', options: { question: 'What did Putin say about Ukraine?' } });
    expect(exchange.text).toContain('Ukrainian crisis');
  });

  it('asks for non-privileged intents only: Guilds, GuildMessages, DirectMessages', () => {
    expect(discord.gateway.identifies.at(-1)?.intents).toBe(1 | (1 << 9) | (1 << 12));
  });
});
