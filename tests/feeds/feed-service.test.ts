import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { QuoteDesk } from '../../src/desk/quote-desk.js';
import { corpusUrlLookup } from '../../src/feeds/corpus-urls.js';
import { FeedService } from '../../src/feeds/feed-service.js';
import { copyOfCorpus, emptyDir } from '../desk/support.js';
import { NewsServer } from './support/news-server.js';
import { articlePage, rssFeed } from './support/pages.js';

const BLAIR = [
  'Prime Minister Tony Blair said on Tuesday that the government would not be deflected from its plans for public services.',
  '"We will win this election on our record," Tony Blair said at a rally in Gateshead.',
  'Opposition parties said the promise would be tested at the polls.',
];

/** A desk on the seed article, a feed service writing into its folder, and a site with one feed. */
async function setUp(options: { now?: () => number } = {}) {
  const site = await NewsServer.start();
  const corpusDir = await copyOfCorpus('seed');
  const cacheDir = await emptyDir('quotedesk-feeds-cache-');
  const desk = await QuoteDesk.open({ corpusDir });
  const reloads: string[] = [];
  const feedsFile = path.join(cacheDir, 'feeds.yaml');
  const service = await FeedService.open({
    corpusDir,
    feedsFile,
    stateFile: path.join(cacheDir, 'feeds-state.json'),
    fetcher: { allowPrivateAddresses: true, hostDelayMs: 1, timeoutMs: 1_000 },
    reload: (trigger) => {
      reloads.push(trigger);
      return desk.reload({ whenBusy: 'again', trigger });
    },
    ...(options.now ? { now: options.now } : {}),
    corpusUrls: corpusUrlLookup(() => desk.version),
  });
  site.route('/rss', { type: 'application/rss+xml', body: rssFeed([{ title: 'Blair: we will win', link: site.url('/politics/blair-rally'), pubDate: 'Tue, 01 Feb 2005 12:00:00 GMT' }]) });
  site.route('/politics/blair-rally', { body: articlePage({ title: 'Blair: we will win', paragraphs: BLAIR }) });
  await writeFile(feedsFile, `# Feeds for the test\nfeeds:\n  - url: ${site.url('/rss')}\n    name: World News Desk\n    every: 30m\n`);
  return { site, desk, service, reloads, corpusDir };
}

describe('FeedService', () => {
  it('serves an article from a feed once the poll has written it and reloaded the desk', async () => {
    const { desk, service, reloads } = await setUp();
    expect(desk.ask({ question: 'what did Blair say' }).status).toBe('unknown-speaker');
    await service.pollDue();
    expect(reloads).toEqual(['feeds: 1 new or updated article']);
    const answer = desk.ask({ question: 'what did Blair say' });
    expect(answer.snippets[0]!.text).toBe('We will win this election on our record');
  });

  it('polls a feed again only when its interval has passed', async () => {
    let now = Date.parse('2026-12-01T10:00:00Z');
    const { site, service } = await setUp({ now: () => now });
    await service.pollDue();
    now += 29 * 60_000;
    await service.pollDue();
    expect(site.hits('/rss')).toHaveLength(1);
    now += 60_000;
    await service.pollDue();
    expect(site.hits('/rss')).toHaveLength(2);
  });

  it('does not reload when a round wrote nothing', async () => {
    const { service, reloads } = await setUp();
    await service.pollAll();
    await service.pollAll();
    expect(reloads).toHaveLength(1);
  });

  it('adds one article by URL and reloads, so it is served', async () => {
    const { site, desk, service } = await setUp();
    const added = await service.addArticle(site.url('/politics/blair-rally'), 'Gazette');
    expect(added.outcome).toMatchObject({ status: 'added' });
    expect(added.reload?.status).toBe('reloaded');
    expect(desk.ask({ question: 'what did Blair say' }).snippets[0]!.text).toBe('We will win this election on our record');
  });

  it('refuses to follow an address that is not a feed, and leaves the list as it was', async () => {
    const { site, service } = await setUp();
    site.route('/not-a-feed', { body: '<!doctype html><html><body><p>Home</p></body></html>' });
    await expect(service.addFeed({ url: site.url('/not-a-feed') })).rejects.toThrow(/not a readable RSS, Atom or JSON feed/);
    expect((await service.list()).feeds.map((status) => status.feed.url)).toEqual([site.url('/rss')]);
  });

  it('follows a new feed under its own title when no name is given', async () => {
    const { site, service } = await setUp();
    site.route('/atom', { type: 'application/atom+xml', body: '<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire Service</title><id>urn:w</id></feed>' });
    const { feed, items } = await service.addFeed({ url: site.url('/atom') });
    expect([feed.name, items]).toEqual(['Wire Service', 0]);
    expect((await service.list()).feeds.map((status) => status.feed.name)).toEqual(['World News Desk', 'Wire Service']);
  });

  it('does not fetch in a second copy of an article already in the corpus by hand', async () => {
    const { site, desk, service, reloads, corpusDir } = await setUp();
    await writeFile(path.join(corpusDir, 'blair-by-hand.md'), `---\ntitle: Blair rally\ndate: 2005-02-01\nurl: ${site.url('/politics/blair-rally')}?utm_source=twitter\n---\n\n"We will win this election on our record," Tony Blair said.\n`);
    await desk.reload();
    const [report] = await service.pollAll();
    expect(report!.status === 'polled' && report!.items).toEqual([{ status: 'duplicate', url: site.url('/politics/blair-rally'), file: 'blair-by-hand.md', sameAs: site.url('/politics/blair-rally') }]);
    expect(reloads).toEqual([]);
  });

  it('polls on its own once started, and stops', async () => {
    const { site, service } = await setUp();
    service.start();
    for (let i = 0; i < 200 && site.hits('/politics/blair-rally').length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 25));
    await service.stop();
    expect(site.hits('/rss')).toHaveLength(1);
    expect(site.hits('/politics/blair-rally')).toHaveLength(1);
  });
});
