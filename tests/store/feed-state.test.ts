import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import pg from 'pg';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { FeedService } from '../../src/feeds/feed-service.js';
import { FileFeedStateStore } from '../../src/feeds/feed-state-file.js';
import type { FeedStateStore } from '../../src/feeds/feed-state-store.js';
import { PostgresFeedState } from '../../src/stores/postgres/feed-state.js';
import { copyOfCorpus, emptyDir } from '../desk/support.js';
import { NewsServer } from '../feeds/support/news-server.js';
import { articlePage, rssFeed } from '../feeds/support/pages.js';
import { freshDatabase } from '../support/postgres/database.js';

/**
 * The feed poller's state in PostgreSQL: each FeedService stands for a writer process of its own
 * (its own connections and memory), over one database and one corpus folder, polling a feed on a
 * loopback site.
 */
const BLAIR = ['"We will win this election on our record," Tony Blair said at a rally in Gateshead.', 'Opposition parties said the promise would be tested at the polls.'];

const services: FeedService[] = [];
afterEach(async () => {
  await Promise.all(services.splice(0).map((service) => service.stop()));
});

async function setUp() {
  const site = await NewsServer.start();
  const url = await freshDatabase('feed_state');
  const corpusDir = await copyOfCorpus('seed');
  const cacheDir = await emptyDir('quotedesk-feed-state-');
  const feedsFile = path.join(cacheDir, 'feeds.yaml');
  site.route('/politics/blair-rally', { body: articlePage({ title: 'Blair: we will win', paragraphs: BLAIR }) });
  site.route('/rss', (request, response) => {
    if (request.headers['if-none-match'] === '"feed-1"') return void response.writeHead(304).end();
    response.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"feed-1"' }).end(rssFeed([{ title: 'Blair: we will win', link: site.url('/politics/blair-rally') }]));
  });
  await writeFile(feedsFile, `feeds:\n  - url: ${site.url('/rss')}\n    name: World News Desk\n    every: 30m\n`);
  /** A writer process: its own feed service and its own connections to the shared state. */
  const writer = async (now?: () => number, importFrom?: string, options: { wrap?: (store: FeedStateStore) => FeedStateStore; logger?: pino.Logger } = {}): Promise<FeedService> => {
    const store = await PostgresFeedState.open({ url, ...(importFrom ? { importFrom: new FileFeedStateStore(importFrom) } : {}) });
    const service = await FeedService.open({
      corpusDir,
      feedsFile,
      // Never used (the state lives in PostgreSQL); one per writer, as each would have its own cache folder.
      stateFile: path.join(cacheDir, `feeds-state-${services.length}.json`),
      stateStore: options.wrap ? options.wrap(store) : store,
      fetcher: { allowPrivateAddresses: true, hostDelayMs: 1, timeoutMs: 2_000 },
      extractInWorker: false,
      ...(now ? { now } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
    });
    services.push(service);
    return service;
  };
  /** A process keeping its state in a file, as before DATABASE_URL. */
  const single = async (stateFile: string): Promise<FeedService> => {
    const service = await FeedService.open({ corpusDir, feedsFile, stateFile, fetcher: { allowPrivateAddresses: true, hostDelayMs: 1, timeoutMs: 2_000 }, extractInWorker: false });
    services.push(service);
    return service;
  };
  return { site, url, feedsFile, cacheDir, writer, single };
}

/**
 * The shared PostgreSQL state with one of its reads held back until the test lets it go: a
 * listing's re-read still on the wire when a poll round starts. Everything is stored in PostgreSQL.
 */
class HeldRead implements FeedStateStore {
  private held: { gate: Promise<void>; reached: () => void } | null = null;
  private releaseHeld: () => void = () => undefined;
  /** Settles once the held read has begun. */
  reached: Promise<void> = Promise.resolve();
  constructor(private readonly inner: FeedStateStore) {}
  get where(): string {
    return this.inner.where;
  }
  get shared(): boolean {
    return this.inner.shared;
  }
  /** The next load waits until {@link release}. */
  holdNextRead(): void {
    let release!: () => void;
    let reached!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    this.reached = new Promise<void>((resolve) => (reached = resolve));
    this.held = { gate, reached };
    this.releaseHeld = release;
  }
  release(): void {
    this.releaseHeld();
  }
  async load(): ReturnType<FeedStateStore['load']> {
    const held = this.held;
    this.held = null;
    if (held) {
      held.reached();
      await held.gate;
    }
    return this.inner.load();
  }
  save(...args: Parameters<FeedStateStore['save']>): Promise<void> {
    return this.inner.save(...args);
  }
  exclusively<T>(work: () => Promise<T>): Promise<{ ran: true; result: T } | { ran: false }> {
    return this.inner.exclusively(work);
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

/** Log lines a test can read. */
function capturedLog(): { logger: pino.Logger; lines: Array<{ msg: string }> } {
  const lines: Array<{ msg: string }> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as { msg: string });
      done();
    },
  });
  return { logger: pino({ level: 'warn' }, sink), lines };
}

describe('feed state in PostgreSQL', () => {
  it('lets a second writer ask with the first one’s ETag, so an unchanged feed is not fetched again', async () => {
    const { site, writer } = await setUp();
    const first = await writer();
    expect((await first.pollAll())[0]).toMatchObject({ status: 'polled' });
    await first.stop();
    const reports = await (await writer()).pollAll();
    expect(reports[0]?.status).toBe('not-modified');
    expect(site.hits('/rss').map((hit) => hit.headers['if-none-match'] ?? null)).toEqual([null, '"feed-1"']);
  });

  it('knows which file the first writer wrote, so the same article is unchanged for the second', async () => {
    const { site, writer } = await setUp();
    await (await writer()).pollAll();
    const outcome = await (await writer()).addArticle(site.url('/politics/blair-rally'));
    expect(outcome.outcome).toMatchObject({ status: 'unchanged', file: expect.stringMatching(/^fetched\//) });
  });

  it('keeps the schedule across writers: a feed polled by one is not due for the next until its interval has passed', async () => {
    let now = Date.parse('2026-12-01T10:00:00Z');
    const { site, writer } = await setUp();
    await (await writer(() => now)).pollDue();
    now += 29 * 60_000;
    const second = await writer(() => now);
    await second.pollDue();
    expect(site.hits('/rss')).toHaveLength(1);
    expect((await second.list()).feeds[0]?.lastPolledAt).toBe(Date.parse('2026-12-01T10:00:00Z'));
    now += 60_000;
    await second.pollDue();
    expect(site.hits('/rss')).toHaveLength(2);
  });

  it('lets only one of two writers poll at a time', async () => {
    const { site, writer } = await setUp();
    // The feed answers slowly, so both rounds are under way at once.
    site.route('/rss', (_request, response) => {
      setTimeout(() => response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed([{ title: 'Blair: we will win', link: site.url('/politics/blair-rally') }])), 300);
    });
    const [a, b] = [await writer(), await writer()];
    const rounds = await Promise.all([a.pollAll(), b.pollAll()]);
    expect(rounds.map((reports) => reports.length).sort()).toEqual([0, 1]);
    expect(site.hits('/rss')).toHaveLength(1);
    expect(rounds.flat().map((report) => (report.status === 'polled' ? report.items.map((item) => item.status) : report.status))).toEqual([['added']]);
  });

  it('forgets a removed feed for every writer: followed again, it is polled afresh', async () => {
    const { site, feedsFile, writer } = await setUp();
    const listing = await readFile(feedsFile, 'utf8');
    const first = await writer();
    await first.pollAll();
    const second = await writer();
    expect((await second.list()).feeds[0]?.lastPolledAt).not.toBeNull();
    await first.removeFeed('World News Desk');
    await writeFile(feedsFile, listing);
    expect((await second.list()).feeds[0]).toMatchObject({ lastPolledAt: null });
    await second.pollAll();
    expect(site.hits('/rss').map((hit) => hit.headers['if-none-match'] ?? null)).toEqual([null, null]);
  });

  it('takes over a single process’s state file once, when the database holds none yet', async () => {
    const { site, cacheDir, writer, single } = await setUp();
    const stateFile = path.join(cacheDir, 'feeds-state.json');
    await (await single(stateFile)).pollAll();
    expect((await (await writer(undefined, stateFile)).pollAll())[0]?.status).toBe('not-modified');
    expect(site.hits('/rss').map((hit) => hit.headers['if-none-match'] ?? null)).toEqual([null, '"feed-1"']);
  });

  it('keeps what a poll round learned when a listing’s re-read of the state ends during the round', async () => {
    const { site, writer } = await setUp();
    await (await writer()).pollAll();
    let held!: HeldRead;
    const second = await writer(undefined, undefined, { wrap: (store) => (held = new HeldRead(store)) });
    held.holdNextRead();
    const listing = second.list();
    await held.reached;
    // The feed has changed; its answer comes only once the listing's old read has landed.
    site.route('/rss', (_request, response) => {
      held.release();
      void listing.then(() => response.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"feed-2"' }).end(rssFeed([{ title: 'Blair: we will win', link: site.url('/politics/blair-rally') }])));
    });
    await second.pollAll();
    await listing;
    await (await writer()).pollAll();
    expect(site.hits('/rss').map((hit) => hit.headers['if-none-match'] ?? null)).toEqual([null, '"feed-1"', '"feed-2"']);
  });

  it('polls on past a feed whose stored state is not valid, polling that feed afresh and saying so', async () => {
    const { site, url, writer } = await setUp();
    await (await writer()).pollAll();
    const { logger, lines } = capturedLog();
    const second = await writer(undefined, undefined, { logger });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`UPDATE feeds SET items = '[1, 2]'::jsonb`);
    await client.end();
    expect((await second.pollAll())[0]).toMatchObject({ status: 'polled' });
    expect(lines.map((line) => line.msg).filter((msg) => msg.includes('PostgreSQL'))).toEqual([expect.stringContaining('is not valid; polling it afresh')]);
    // Polled afresh and saved whole, the row is readable again: the next writer asks conditionally.
    expect((await (await writer()).pollAll())[0]?.status).toBe('not-modified');
    expect(site.hits('/rss').map((hit) => hit.headers['if-none-match'] ?? null)).toEqual([null, null, '"feed-1"']);
  });

  it('warns once, not every round, of a bad row left by a feed no longer listed', async () => {
    const { url, writer } = await setUp();
    const { logger, lines } = capturedLog();
    const service = await writer(undefined, undefined, { logger });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`INSERT INTO feeds (url, items) VALUES ('https://gone.example/rss', '[1, 2]'::jsonb)`);
    await client.end();
    await service.pollAll();
    await service.pollAll();
    await service.list();
    expect(lines.filter((line) => line.msg.includes('gone.example'))).toHaveLength(1);
  });
});

