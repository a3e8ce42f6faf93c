import { readFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.js';
import { FeedConfigSchema, type FeedConfigInput } from '../../src/feeds/feeds-file.js';
import { ArticleIngest } from '../../src/feeds/ingest.js';
import { IngestState } from '../../src/feeds/ingest-state.js';
import { PoliteFetcher } from '../../src/feeds/polite-fetcher.js';
import { emptyDir } from '../desk/support.js';
import { NewsServer } from './support/news-server.js';
import { articlePage, BUDGET_PARAGRAPHS, PUTIN_PARAGRAPHS, rssFeed } from './support/pages.js';

/** A news site with a feed, an ingest writing into an empty corpus folder, and its state file. */
async function setUp() {
  const site = await NewsServer.start();
  const corpusDir = await emptyDir('quotedesk-ingest-corpus-');
  const stateFile = path.join(await emptyDir('quotedesk-ingest-cache-'), 'feeds-state.json');
  const { state } = await IngestState.open(stateFile);
  const ingest = new ArticleIngest({ corpusDir, state, fetcher: new PoliteFetcher({ allowPrivateAddresses: true, hostDelayMs: 1, timeoutMs: 1_000 }) });
  const feed = (input: Partial<FeedConfigInput> = {}) => FeedConfigSchema.parse({ url: site.url('/rss'), name: 'World News Desk', ...input });
  return { site, corpusDir, stateFile, ingest, feed };
}

async function filesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name))).sort();
}

describe('polling a feed', () => {
  it('writes each new item as a corpus file the loader reads, with the feed name as outlet', async () => {
    const { site, corpusDir, ingest, feed } = await setUp();
    site.route('/rss', { type: 'application/rss+xml', body: rssFeed([
      { title: 'Putin says Russia ready for talks on Ukraine', link: site.url('/world/putin-talks'), pubDate: 'Mon, 30 Nov 2026 09:15:00 GMT' },
      { title: 'Budget to halve deficit, minister says', link: site.url('/business/budget'), pubDate: 'Sun, 29 Nov 2026 18:00:00 GMT' },
    ]) });
    site.route('/world/putin-talks', { body: articlePage({ title: 'Putin says Russia ready for talks on Ukraine', paragraphs: PUTIN_PARAGRAPHS }) });
    site.route('/business/budget', { body: articlePage({ title: 'Budget to halve deficit', paragraphs: BUDGET_PARAGRAPHS }) });

    const report = await ingest.pollFeed(feed());
    expect(report.status === 'polled' && report.items.map((item) => item.status)).toEqual(['added', 'added']);
    const load = await loadCorpus(corpusDir);
    expect(load.rejected).toEqual([]);
    expect(load.articles.map((a) => [a.title, a.date, a.source, a.url])).toEqual(
      expect.arrayContaining([
        ['Putin says Russia ready for talks on Ukraine', '2026-11-30', 'World News Desk', site.url('/world/putin-talks')],
        ['Budget to halve deficit, minister says', '2026-11-29', 'World News Desk', site.url('/business/budget')],
      ]),
    );
    const putin = load.articles.find((a) => a.title?.startsWith('Putin'))!;
    expect(putin.body).toContain('"We have never refused negotiations," Putin told reporters in Moscow.');
    expect(putin.body).not.toContain('SCRIPT TEXT');
  });

  it('asks again with the ETag and writes nothing when the feed has not changed', async () => {
    const { site, corpusDir, ingest, feed } = await setUp();
    site.route('/rss', (request, response) => {
      if (request.headers['if-none-match'] === '"feed-1"') return void response.writeHead(304).end();
      response.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"feed-1"' }).end(rssFeed([{ title: 'Putin on Ukraine', link: site.url('/world/putin-talks') }]));
    });
    site.route('/world/putin-talks', { body: articlePage({ title: 'Putin on Ukraine', paragraphs: PUTIN_PARAGRAPHS }) });
    await ingest.pollFeed(feed());
    const second = await ingest.pollFeed(feed());
    expect(second.status).toBe('not-modified');
    expect(site.hits('/world/putin-talks')).toHaveLength(1);
    expect(await filesIn(corpusDir)).toHaveLength(1);
  });

  it('remembers the ETag across restarts (state is saved)', async () => {
    const { site, stateFile, ingest, feed } = await setUp();
    site.route('/rss', { type: 'application/rss+xml', headers: { etag: '"feed-7"', 'last-modified': 'Mon, 30 Nov 2026 10:00:00 GMT' }, body: rssFeed([]) });
    await ingest.pollFeed(feed());
    const { state } = await IngestState.open(stateFile);
    expect(state.feed(site.url('/rss'))).toMatchObject({ etag: '"feed-7"', lastModified: 'Mon, 30 Nov 2026 10:00:00 GMT' });
  });

  it('does not fetch an item page again when the item is unchanged', async () => {
    const { site, ingest, feed } = await setUp();
    site.route('/rss', { type: 'application/rss+xml', body: rssFeed([{ title: 'Putin on Ukraine', link: site.url('/world/putin-talks'), pubDate: 'Mon, 30 Nov 2026 09:15:00 GMT' }]) });
    site.route('/world/putin-talks', { body: articlePage({ title: 'Putin on Ukraine', paragraphs: PUTIN_PARAGRAPHS }) });
    await ingest.pollFeed(feed());
    const second = await ingest.pollFeed(feed());
    expect(second.status === 'polled' && [second.items, second.seen]).toEqual([[], 1]);
    expect(site.hits('/world/putin-talks')).toHaveLength(1);
  });

  it('replaces the earlier version of an updated item in the same file', async () => {
    const { site, corpusDir, ingest, feed } = await setUp();
    let version = 1;
    site.route('/rss', (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed([{ title: version === 1 ? 'Putin on Ukraine' : 'Putin on Ukraine (updated)', guid: 'story-1', link: site.url('/world/putin-talks') }]));
    });
    site.route('/world/putin-talks', (_request, response) => {
      const paragraphs = version === 1 ? PUTIN_PARAGRAPHS : [...PUTIN_PARAGRAPHS, 'Updated: the Kremlin later said a date for talks had not been set.'];
      response.writeHead(200, { 'content-type': 'text/html' }).end(articlePage({ title: 'Putin on Ukraine', paragraphs }));
    });
    const first = await ingest.pollFeed(feed());
    version = 2;
    const second = await ingest.pollFeed(feed());
    expect(second.status === 'polled' && second.items.map((i) => i.status)).toEqual(['updated']);
    const files = await filesIn(corpusDir);
    expect(files).toHaveLength(1);
    expect(first.status === 'polled' && first.items[0]!.status === 'added' && first.items[0]!.file).toBe(files[0]);
    const load = await loadCorpus(corpusDir);
    expect(load.articles[0]!.title).toBe('Putin on Ukraine (updated)');
    expect(load.articles[0]!.body).toContain('a date for talks had not been set');
  });

  it('writes a duplicate item once: the same link twice, and the same text at a second address', async () => {
    const { site, corpusDir, ingest, feed } = await setUp();
    site.route('/rss', { type: 'application/rss+xml', body: rssFeed([
      { title: 'Putin on Ukraine', guid: 'a', link: site.url('/world/putin-talks') },
      { title: 'Putin on Ukraine', guid: 'b', link: `${site.url('/world/putin-talks')}?utm_source=rss&utm_medium=feed` },
      { title: 'Putin on Ukraine (syndicated)', guid: 'c', link: site.url('/syndication/putin-talks') },
    ]) });
    site.route('/world/putin-talks', { body: articlePage({ title: 'Putin on Ukraine', paragraphs: PUTIN_PARAGRAPHS }) });
    site.route('/syndication/putin-talks', { body: articlePage({ title: 'Putin on Ukraine', paragraphs: PUTIN_PARAGRAPHS }) });
    const report = await ingest.pollFeed(feed());
    expect(report.status === 'polled' && report.items.map((i) => i.status)).toEqual(['added', 'unchanged', 'duplicate']);
    expect(await filesIn(corpusDir)).toHaveLength(1);
  });

  it('uses the page\'s canonical link on the same site as the article\'s address', async () => {
    const { site, corpusDir, ingest, feed } = await setUp();
    site.route('/rss', { type: 'application/rss+xml', body: rssFeed([{ title: 'Putin on Ukraine', link: site.url('/amp/putin-talks') }]) });
    site.route('/amp/putin-talks', { body: articlePage({ title: 'Putin on Ukraine', paragraphs: PUTIN_PARAGRAPHS, canonical: site.url('/world/putin-talks') }) });
    await ingest.pollFeed(feed());
    expect((await loadCorpus(corpusDir)).articles[0]!.url).toBe(site.url('/world/putin-talks'));
  });

  it('reports the items it could not use and why, and keeps the good ones', async () => {
    const { site, corpusDir, ingest, feed } = await setUp();
    site.route('/robots.txt', { type: 'text/plain', body: 'User-agent: *\nDisallow: /members/\n' });
    site.route('/rss', { type: 'application/rss+xml', body: rssFeed([
      { title: 'No link here', guid: 'n', description: 'text only' },
      { title: 'Gone', link: site.url('/world/gone') },
      { title: 'Broken', link: site.url('/world/broken') },
      { title: 'Report (PDF)', link: site.url('/reports/annual.pdf') },
      { title: 'Members only', link: site.url('/members/story') },
      { title: 'Putin on Ukraine', link: site.url('/world/putin-talks') },
    ]) });
    site.route('/world/broken', { status: 500, body: 'error' });
    site.route('/reports/annual.pdf', { type: 'application/pdf', body: Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n') });
    site.route('/members/story', { body: articlePage({ title: 'Members', paragraphs: BUDGET_PARAGRAPHS }) });
    site.route('/world/putin-talks', { body: articlePage({ title: 'Putin on Ukraine', paragraphs: PUTIN_PARAGRAPHS }) });
    const report = await ingest.pollFeed(feed());
    if (report.status !== 'polled') throw new Error(`poll failed: ${JSON.stringify(report)}`);
    expect(report.items.map((item) => [item.status, 'reason' in item ? item.reason : ''])).toEqual([
      ['skipped', 'the item has no link to an article'],
      ['refused', `${site.url('/world/gone')} answered HTTP 404`],
      ['refused', `${site.url('/world/broken')} answered HTTP 500`],
      ['refused', 'it is a PDF document, not a web page'],
      ['refused', `robots.txt of ${new URL(site.origin).host} does not allow Quotedesk to fetch /members/story`],
      ['added', ''],
    ]);
    expect(site.hits('/members/story')).toEqual([]);
    expect(await filesIn(corpusDir)).toHaveLength(1);
  });

  it('tries a server error again on the next poll, but not a 404', async () => {
    const { site, ingest, feed } = await setUp();
    site.route('/rss', { type: 'application/rss+xml', body: rssFeed([{ title: 'Gone', link: site.url('/world/gone') }, { title: 'Broken', link: site.url('/world/broken') }]) });
    site.route('/world/broken', { status: 500, body: 'error' });
    await ingest.pollFeed(feed());
    await ingest.pollFeed(feed());
    expect(site.hits('/world/gone')).toHaveLength(1);
    expect(site.hits('/world/broken')).toHaveLength(2);
  });

  it('finishes the round when a site asks for an hour\'s rest, and tries its items again next poll', async () => {
    const { site, corpusDir, ingest, feed } = await setUp();
    site.route('/rss', { type: 'application/rss+xml', body: rssFeed([
      { title: 'Busy', link: site.url('/world/busy') },
      { title: 'Putin on Ukraine', link: site.url('/world/putin-talks') },
    ]) });
    site.route('/world/busy', { status: 429, headers: { 'retry-after': '3600' }, body: 'slow down' });
    site.route('/world/putin-talks', { body: articlePage({ title: 'Putin on Ukraine', paragraphs: PUTIN_PARAGRAPHS }) });
    const started = Date.now();
    const report = await ingest.pollFeed(feed());
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(report.status === 'polled' && report.items.map((item) => [item.status, item.status === 'refused' && item.retry])).toEqual([
      ['refused', true],
      ['refused', true],
    ]);
    expect(site.hits('/world/putin-talks')).toEqual([]);
    expect(await filesIn(corpusDir)).toEqual([]);
  });

  it('fails the poll with the parser\'s reason for malformed XML, writing nothing', async () => {
    const { site, corpusDir, ingest, feed } = await setUp();
    site.route('/rss', { type: 'application/rss+xml', body: '<?xml version="1.0"?><rss version="2.0"><channel><item><title>Unclosed</channel></rss>' });
    const report = await ingest.pollFeed(feed());
    expect(report).toMatchObject({ status: 'failed', reason: expect.stringContaining('not a readable RSS, Atom or JSON feed') });
    expect(await filesIn(corpusDir)).toEqual([]);
  });

  it('fails the poll of a feed whose server never answers, with the time it waited', async () => {
    const { site, ingest, feed } = await setUp();
    site.route('/robots.txt', { type: 'text/plain', body: '' });
    site.route('/rss', () => undefined);
    expect(await ingest.pollFeed(feed())).toMatchObject({ status: 'failed', reason: expect.stringContaining('did not answer within 1 s') });
  });

  it('keeps only items with an include keyword and none with an exclude keyword, before fetching them', async () => {
    const { site, ingest, feed } = await setUp();
    site.route('/rss', { type: 'application/rss+xml', body: rssFeed([
      { title: 'Putin on Ukraine', link: site.url('/world/putin-talks') },
      { title: 'Budget to halve deficit', link: site.url('/business/budget') },
      { title: 'Putin at the football', link: site.url('/sport/putin-football'), description: 'Sport round-up' },
    ]) });
    site.route('/world/putin-talks', { body: articlePage({ title: 'Putin on Ukraine', paragraphs: PUTIN_PARAGRAPHS }) });
    const report = await ingest.pollFeed(feed({ include: ['putin'], exclude: ['sport'] }));
    expect(report.status === 'polled' && report.items.map((i) => [i.status, 'reason' in i ? i.reason : ''])).toEqual([
      ['added', ''],
      ['skipped', 'has none of the keywords "putin"'],
      ['skipped', 'excluded by the keyword "sport"'],
    ]);
    expect(site.hits('/business/budget')).toEqual([]);
    expect(site.hits('/sport/putin-football')).toEqual([]);
  });

  it('does not bring back an article a moderator deleted, unless asked by URL', async () => {
    const { site, corpusDir, ingest, feed } = await setUp();
    let title = 'Putin on Ukraine';
    site.route('/rss', (_request, response) => response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed([{ title, guid: 's', link: site.url('/world/putin-talks') }])));
    site.route('/world/putin-talks', (_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end(articlePage({ title, paragraphs: [...PUTIN_PARAGRAPHS, title] })));
    await ingest.pollFeed(feed());
    const [file] = await filesIn(corpusDir);
    await rm(path.join(corpusDir, file!));
    title = 'Putin on Ukraine, updated';
    const report = await ingest.pollFeed(feed());
    expect(report.status === 'polled' && report.items[0]).toMatchObject({ status: 'refused', reason: expect.stringContaining('was deleted from the corpus') });
    expect(await filesIn(corpusDir)).toEqual([]);
    expect(await ingest.addArticle(site.url('/world/putin-talks'), { explicit: true })).toMatchObject({ status: 'added', file });
  });
});

describe('an item without a date', () => {
  it('takes the page\'s date, or records none rather than inventing one', async () => {
    const { site, corpusDir, ingest, feed } = await setUp();
    site.route('/rss', { type: 'application/rss+xml', body: rssFeed([
      { title: 'Dated by its page', link: site.url('/world/putin-talks') },
      { title: 'Dated nowhere', link: site.url('/business/budget') },
    ]) });
    site.route('/world/putin-talks', { body: articlePage({ title: 'Putin on Ukraine', paragraphs: PUTIN_PARAGRAPHS, published: '2026-11-27T08:00:00Z' }) });
    site.route('/business/budget', { body: articlePage({ title: 'Budget', paragraphs: BUDGET_PARAGRAPHS }) });
    await ingest.pollFeed(feed());
    const load = await loadCorpus(corpusDir);
    expect(load.rejected).toEqual([]);
    expect(load.articles.map((a) => [a.title, a.date]).sort()).toEqual([['Dated by its page', '2026-11-27'], ['Dated nowhere', null]]);
  });
});

describe('adding one article by URL', () => {
  it('takes the outlet from the page and the date from its meta tags', async () => {
    const { site, corpusDir, ingest } = await setUp();
    site.route('/world/putin-talks', { body: articlePage({ title: 'Putin on Ukraine', paragraphs: PUTIN_PARAGRAPHS, site: 'Gazette & Herald', published: '2026-11-28T07:00:00Z' }) });
    const outcome = await ingest.addArticle(site.url('/world/putin-talks'));
    expect(outcome).toMatchObject({ status: 'added', title: 'Putin on Ukraine', file: expect.stringMatching(/^fetched\/gazette-herald\/putin-talks-[0-9a-f]+\.md$/) });
    const text = await readFile(path.join(corpusDir, (outcome as { file: string }).file), 'utf8');
    expect(text.split('\n').slice(0, 5)).toEqual(['---', 'title: "Putin on Ukraine"', 'date: "2026-11-28"', 'source: "Gazette & Herald"', `url: "${site.url('/world/putin-talks')}"`]);
  });

  it('reads a windows-1252 page, declared only in the page', async () => {
    const { site, corpusDir, ingest } = await setUp();
    const html = articlePage({ title: 'Minister', paragraphs: [...BUDGET_PARAGRAPHS, 'She added: \u201cWe will not waver.\u201d'], charset: 'windows-1252' });
    site.route('/business/budget', { type: 'text/html', body: Buffer.from(html.replace(/[\u201c\u201d]/g, (q) => (q === '\u201c' ? '\x93' : '\x94')), 'latin1') });
    await ingest.addArticle(site.url('/business/budget'));
    expect((await loadCorpus(corpusDir)).articles[0]!.body).toContain('She added: \u201cWe will not waver.\u201d');
  });

  it('says why not for a page that is not an article', async () => {
    const { site, ingest } = await setUp();
    site.route('/', { body: '<!doctype html><html><body><nav><a href="/a">A</a></nav></body></html>' });
    site.route('/data.json', { type: 'application/json', body: '{}' });
    expect(await ingest.addArticle(site.url('/'))).toMatchObject({ status: 'refused', reason: expect.stringContaining('no article text found on the page') });
    expect(await ingest.addArticle(site.url('/data.json'))).toMatchObject({ status: 'refused', reason: 'it is application/json, not a web page' });
  });
});
