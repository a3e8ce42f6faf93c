import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ApplicationCommandOptionType, REST, Routes, type APIApplicationCommandInteractionDataBasicOption } from 'discord.js';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { QuoteDesk } from '../../src/desk/quote-desk.js';
import { startBot, type RunningBot } from '../../src/discord/bot.js';
import { commandDefinitions } from '../../src/discord/command-registry.js';
import { FeedService } from '../../src/feeds/feed-service.js';
import { capturingLogger, copyOfCorpus, emptyDir } from '../desk/support.js';
import { FakeDiscord, MODERATOR_PERMISSIONS } from '../support/fake-discord/index.js';
import { NewsServer } from './support/news-server.js';
import { articlePage, rssFeed } from './support/pages.js';

/**
 * The real bot against the loopback Discord, with a real FeedService fetching from a loopback news
 * site into a private corpus folder: `/feeds list|add|remove` and `/corpus add url:`.
 */
let discord: FakeDiscord;
let site: NewsServer;
let corpusDir: string;
let feedsFile: string;
let desk: QuoteDesk;
let bot: RunningBot;
const log = capturingLogger();

const BLAIR = [
  'Prime Minister Tony Blair said on Tuesday that the government would not be deflected from its plans for public services.',
  '"We will win this election on our record," Tony Blair said at a rally in Gateshead.',
  'Opposition parties said the promise would be tested at the polls.',
];

/** A subcommand with its options, as Discord sends it. */
function sub(name: string, options: Record<string, string> = {}, focused?: string): APIApplicationCommandInteractionDataBasicOption[] {
  return [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name,
      options: Object.entries(options).map(([key, value]) => ({ type: ApplicationCommandOptionType.String, name: key, value, ...(key === focused ? { focused: true } : {}) })),
    } as unknown as APIApplicationCommandInteractionDataBasicOption,
  ];
}

beforeAll(async () => {
  discord = await FakeDiscord.start({ heartbeatIntervalMs: 500, timeoutMs: 10_000 });
  await new REST({ api: discord.restUrl }).setToken(discord.token).put(Routes.applicationGuildCommands(discord.applicationId, discord.guildId), { body: commandDefinitions() });
});

afterAll(async () => {
  await discord.close();
});

beforeEach(async () => {
  site = await NewsServer.start();
  site.route('/rss', { type: 'application/rss+xml', body: rssFeed([{ title: 'Blair: we will win', link: site.url('/politics/blair-rally') }]) });
  site.route('/politics/blair-rally', { body: articlePage({ title: 'Blair: we will win', paragraphs: BLAIR, site: 'Gazette' }) });
  corpusDir = await copyOfCorpus('seed');
  const cacheDir = await emptyDir('quotedesk-discord-feeds-');
  feedsFile = path.join(cacheDir, 'feeds.yaml');
  desk = await QuoteDesk.open({ corpusDir });
  const feeds = await FeedService.open({
    corpusDir,
    feedsFile,
    stateFile: path.join(cacheDir, 'feeds-state.json'),
    fetcher: { allowPrivateAddresses: true, hostDelayMs: 1, timeoutMs: 1_000 },
    reload: (trigger) => desk.reload({ whenBusy: 'again', trigger }),
  });
  bot = await startBot({ token: discord.token, desk, logger: log.logger, restApi: discord.restUrl, feeds });
});

afterEach(async () => {
  await bot.stop();
});

/** Runs a command and waits for its answer: a deferred reply counts once it has been edited. */
async function run(name: string, options: APIApplicationCommandInteractionDataBasicOption[], moderator = true) {
  return discord.runCommand(
    { name, options, ...(moderator ? { memberPermissions: MODERATOR_PERMISSIONS } : {}) },
    { until: (exchange) => Boolean(exchange.message?.content) || (exchange.message?.embeds.length ?? 0) > 0 },
  );
}

describe('/corpus add', () => {
  it('adds the article, reloads, and says it is served', async () => {
    const exchange = await run('corpus', sub('add', { url: site.url('/politics/blair-rally') }));
    expect(exchange.ephemeral).toBe(true);
    expect(exchange.message?.content).toMatch(/^Added “Blair: we will win” as `fetched\/gazette\/blair-rally-[0-9a-f]+\.md`\. It is served now \(corpus [0-9a-f]{8}\)\.$/);
    expect(desk.ask({ question: 'what did Blair say' }).snippets[0]!.text).toBe('We will win this election on our record');
  });

  it('says why not for a page it cannot use', async () => {
    site.route('/report.pdf', { type: 'application/pdf', body: Buffer.from('%PDF-1.4\n') });
    const exchange = await run('corpus', sub('add', { url: site.url('/report.pdf') }));
    expect(exchange.message?.content).toBe(`Not added (${site.url('/report.pdf')}): it is a PDF document, not a web page.`);
  });

  it('refuses a member without Manage Server, and fetches nothing', async () => {
    const exchange = await run('corpus', sub('add', { url: site.url('/politics/blair-rally') }), false);
    expect(exchange.ephemeral).toBe(true);
    expect(exchange.message?.content).toBe('Only moderators with the Manage Server permission can add articles.');
    expect(site.requests).toEqual([]);
  });

  it('still shows what is loaded to everyone with /corpus info', async () => {
    const exchange = await run('corpus', sub('info'), false);
    expect(exchange.message?.embeds[0]!.title).toBe('Corpus');
  });
});

describe('/feeds', () => {
  it('is registered for Manage Server only', () => {
    const feeds = discord.commands(discord.guildId).find((command) => command.name === 'feeds')!;
    expect(feeds.default_member_permissions).toBe(String(1n << 5n));
  });

  it('refuses a member without Manage Server, even though Discord delivered the command', async () => {
    const exchange = await run('feeds', sub('add', { url: site.url('/rss') }), false);
    expect(exchange.message?.content).toBe('Only moderators with the Manage Server permission can manage the feeds.');
    expect(site.requests).toEqual([]);
  });

  it('adds a feed after reading it once, writes it to the feed list, and lists it', async () => {
    const added = await run('feeds', sub('add', { url: site.url('/rss'), name: 'World News Desk', every: '1h' }));
    expect(added.message?.content).toBe(`Now following **World News Desk** (${site.url('/rss')}), every 1h. It lists 1 item now; new articles come in with the next poll.`);
    expect(await readFile(feedsFile, 'utf8')).toContain(`url: ${site.url('/rss')}`);
    const listed = await run('feeds', sub('list'));
    expect(listed.message?.embeds[0]!.title).toBe('Feeds (1)');
    expect(listed.message?.embeds[0]!.description).toContain('**World News Desk**');
    expect(listed.message?.embeds[0]!.description).toContain('every 1h · not polled yet');
  });

  it('says why a feed was not added', async () => {
    site.route('/broken-feed', { type: 'application/rss+xml', body: '<rss><channel><item></channel>' });
    const exchange = await run('feeds', sub('add', { url: site.url('/broken-feed') }));
    expect(exchange.message?.content).toMatch(/^Not added: not a readable RSS, Atom or JSON feed: /);
    const tooOften = await run('feeds', sub('add', { url: site.url('/rss'), every: '1m' }));
    expect(tooOften.message?.content).toBe('Not added: every must be at least 5m (polling more often is not polite).');
  });

  it('offers the followed feeds when removing, and removes the one picked', async () => {
    await run('feeds', sub('add', { url: site.url('/rss'), name: 'World News Desk' }));
    const choices = await discord.autocomplete({ name: 'feeds', options: sub('remove', { feed: 'world' }, 'feed'), memberPermissions: MODERATOR_PERMISSIONS });
    expect(choices).toEqual([{ name: `World News Desk — ${site.url('/rss')}`, value: site.url('/rss') }]);
    const removed = await run('feeds', sub('remove', { feed: site.url('/rss') }));
    expect(removed.message?.content).toBe(`Stopped following **World News Desk** (${site.url('/rss')}). The articles it brought in stay in the corpus.`);
    const missing = await run('feeds', sub('remove', { feed: 'World News Desk' }));
    expect(missing.message?.content).toBe('Not removed: no followed feed has the address or name "World News Desk".');
  });
});
