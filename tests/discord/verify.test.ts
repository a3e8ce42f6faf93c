import { REST, Routes, type APIEmbed } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QuoteDesk } from '../../src/desk/quote-desk.js';
import { startBot, type RunningBot } from '../../src/discord/bot.js';
import { commandDefinitions } from '../../src/discord/command-registry.js';
import { embedLimitProblems } from '../../src/discord/embed-limits.js';
import { capturingLogger } from '../desk/support.js';
import { FakeDiscord, type InteractionExchange } from '../support/fake-discord/index.js';

/** `/verify` and the "Find this quote" message command, with the real bot against the loopback Discord. */
let discord: FakeDiscord;
let bot: RunningBot;
const log = capturingLogger();

beforeAll(async () => {
  discord = await FakeDiscord.start({ heartbeatIntervalMs: 500, timeoutMs: 10_000 });
  await new REST({ api: discord.restUrl }).setToken(discord.token).put(Routes.applicationGuildCommands(discord.applicationId, discord.guildId), { body: commandDefinitions() });
  const desk = await QuoteDesk.open({ corpusDir: 'corpus' });
  bot = await startBot({ token: discord.token, desk, logger: log.logger, restApi: discord.restUrl });
});

afterAll(async () => {
  await bot.stop();
  await discord.close();
});

const embedOf = (exchange: InteractionExchange): APIEmbed => exchange.message!.embeds[0]!;

describe('/verify', () => {
  it('finds the exact words of the seed quote and cites the seed article, in the channel', async () => {
    const exchange = await discord.runCommand({ name: 'verify', options: { text: 'this deserves attention at least' } });
    const embed = embedOf(exchange);
    expect(embed.title).toBe('Exact words found in the corpus');
    expect(embed.fields![0]!.name).toBe('1. Exact — Vladimir Putin');
    expect(embed.fields![0]!.value).toMatch(/^“… this deserves attention at least”\n— Vladimir Putin congratulated Donald Trump on his election… \(2024-11-08\)$/);
    expect(exchange.ephemeral).toBe(false);
    expect(exchange.rejected).toEqual([]);
  });

  it('marks a swapped word struck and the source\'s own words bold, with a legend', async () => {
    const exchange = await discord.runCommand({ name: 'verify', options: { text: 'the ball is in Washington’s court' } });
    const embed = embedOf(exchange);
    expect(embed.title).toBe('Nearly exact: a few words differ');
    expect(embed.fields![0]!.value).toContain('the ball ~~is~~ **was** in Washington\'s court');
    expect(embed.description).toContain('~~struck~~: in the claim, not the source · **bold**: in the source, not the claim');
  });

  it('says plainly that nothing matches, publicly, when no quote has the words', async () => {
    const exchange = await discord.runCommand({ name: 'verify', options: { text: 'we will invade Poland next week' } });
    const embed = embedOf(exchange);
    expect(embed.title).toBe('Nothing in the corpus matches');
    expect(embed.description).toContain('Nothing in the corpus matches these words');
    expect(embed.fields ?? []).toEqual([]);
  });

  it('escapes markdown typed into the claim, so it cannot format the answer', async () => {
    const exchange = await discord.runCommand({ name: 'verify', options: { text: '**this** deserves `attention` at least @everyone' } });
    const description = embedOf(exchange).description!;
    expect(description).toContain('Checked: “\\*\\*this\\*\\* deserves \\`attention\\` at least @\u200beveryone”');
    for (const allowed of exchange.allowedMentions) expect(allowed).toEqual({ parse: [] });
  });

  it('answers a claim too short to check privately, in plain words', async () => {
    const exchange = await discord.runCommand({ name: 'verify', options: { text: 'a disgrace' } });
    expect(exchange.ephemeral).toBe(true);
    expect(exchange.message?.content).toContain('at least 3 words');
  });

  it('keeps a long near match inside every embed limit', async () => {
    const long = 'He behaved in a very correct way, courageously, like a real man. I take this opportunity to congratulate him on his election. '.repeat(7);
    const exchange = await discord.runCommand({ name: 'verify', options: { text: long.slice(0, 1000) } });
    expect(exchange.rejected).toEqual([]);
    expect(embedLimitProblems(exchange.message!.embeds)).toEqual([]);
  });

  it('is registered for servers and DMs with the bot, through contexts', () => {
    const verify = discord.commands(discord.guildId).find((command) => command.name === 'verify')!;
    expect(verify.contexts).toEqual([0, 1]);
    expect(verify.options?.[0]).toMatchObject({ name: 'text', required: true, max_length: 1000 });
  });
});

describe('"Find this quote" on a message', () => {
  it('checks the words in quotation marks of a user\'s message, and answers only the checker', async () => {
    const claim = discord.channels.say({ user: discord.world.bob, content: 'Putin literally said "restore relations with Russia, to bring about the end of the Ukrainian crisis" lol' });
    const exchange = await discord.runMessageCommand({ name: 'Find this quote', message: claim });
    expect(exchange.ephemeral).toBe(true);
    const embed = embedOf(exchange);
    expect(embed.title).toBe('Exact words found in the corpus');
    expect(embed.description).toContain('Checked: “restore relations with Russia, to bring about the end of the Ukrainian crisis”');
    expect(embed.fields![0]!.name).toBe('1. Exact — Vladimir Putin');
  });

  it('says so privately when the message has no text to check', async () => {
    const empty = discord.channels.say({ content: '' });
    const exchange = await discord.runMessageCommand({ name: 'Find this quote', message: empty });
    expect(exchange.ephemeral).toBe(true);
    expect(exchange.message?.content).toBe('That message has no text for me to check. Use /verify and paste the quote.');
  });

  it('is registered as a message command named as users see it', () => {
    const menu = discord.commands(discord.guildId).find((command) => command.name === 'Find this quote')!;
    expect(menu.type).toBe(3);
  });
});
