import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { FetchFailure } from '../../src/feeds/fetch-errors.js';
import { PoliteFetcher, type PoliteFetcherOptions } from '../../src/feeds/polite-fetcher.js';
import { NewsServer } from './support/news-server.js';

/** The fetcher as tests use it: loopback allowed, tiny delays and timeouts. */
function fetcher(options: PoliteFetcherOptions = {}): PoliteFetcher {
  return new PoliteFetcher({ allowPrivateAddresses: true, hostDelayMs: 1, timeoutMs: 2_000, contactUrl: 'https://quotedesk.example/contact', ...options });
}

async function failureOf(promise: Promise<unknown>): Promise<FetchFailure> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FetchFailure);
  return error as FetchFailure;
}

const PAGE = { accept: 'text/html' };

describe('who we say we are', () => {
  it('names the bot and the contact URL in the User-Agent, on robots.txt and on the page', async () => {
    const site = await NewsServer.start();
    site.route('/a', { body: '<p>hi</p>' });
    await fetcher().fetch(site.url('/a'), PAGE);
    expect(site.hits('/robots.txt')[0]!.headers['user-agent']).toBe('Quotedesk/0.1 (news quote bot; +https://quotedesk.example/contact)');
    expect(site.hits('/a')[0]!.headers['user-agent']).toBe('Quotedesk/0.1 (news quote bot; +https://quotedesk.example/contact)');
  });
});

describe('addresses', () => {
  it('refuses a loopback address by default, before sending anything', async () => {
    const site = await NewsServer.start();
    const failure = await failureOf(new PoliteFetcher({ hostDelayMs: 1 }).fetch(site.url('/a'), PAGE));
    expect(failure.kind).toBe('blocked-address');
    expect(site.requests).toEqual([]);
  });

  it('checks the address a name resolves to, not just the name: localhost is refused', async () => {
    const site = await NewsServer.start();
    const failure = await failureOf(new PoliteFetcher({ hostDelayMs: 1 }).fetch(site.url('/a').replace('127.0.0.1', 'localhost'), PAGE));
    expect(failure.kind).toBe('blocked-address');
    expect(failure.message).toContain('localhost resolves to a private, loopback or link-local address');
    expect(site.requests).toEqual([]);
  });

  it('refuses link-local and private addresses such as the cloud metadata service', async () => {
    for (const address of ['http://169.254.169.254/latest/meta-data/', 'http://10.0.0.1/', 'http://[::1]/', 'http://[::ffff:127.0.0.1]/']) {
      expect((await failureOf(new PoliteFetcher().fetch(address, PAGE))).kind).toBe('blocked-address');
    }
  });

  it('fetches only http and https', async () => {
    for (const address of ['file:///etc/passwd', 'ftp://example.com/a', 'not a url']) {
      expect((await failureOf(fetcher().fetch(address, PAGE))).kind).toBe('bad-url');
    }
  });
});

describe('robots.txt', () => {
  it('does not fetch a page robots.txt disallows for Quotedesk, and says so', async () => {
    const site = await NewsServer.start();
    site.route('/robots.txt', { type: 'text/plain', body: 'User-agent: Quotedesk\nDisallow: /private/\n\nUser-agent: *\nAllow: /\n' });
    site.route('/private/story', { body: '<p>secret</p>' });
    const failure = await failureOf(fetcher().fetch(site.url('/private/story'), PAGE));
    expect(failure.kind).toBe('robots');
    expect(failure.message).toBe(`robots.txt of ${new URL(site.origin).host} does not allow Quotedesk to fetch /private/story`);
    expect(site.hits('/private/story')).toEqual([]);
  });

  it('reads robots.txt once per host, not once per page', async () => {
    const site = await NewsServer.start();
    site.route('/robots.txt', { type: 'text/plain', body: 'User-agent: *\nDisallow: /admin\n' });
    site.route('/a', { body: 'a' }).route('/b', { body: 'b' });
    const polite = fetcher();
    await polite.fetch(site.url('/a'), PAGE);
    await polite.fetch(site.url('/b'), PAGE);
    expect(site.hits('/robots.txt')).toHaveLength(1);
  });

  it('keeps out while robots.txt answers a server error', async () => {
    const site = await NewsServer.start();
    site.route('/robots.txt', { status: 500, type: 'text/plain', body: 'oops' });
    site.route('/a', { body: 'a' });
    const failure = await failureOf(fetcher().fetch(site.url('/a'), PAGE));
    expect(failure.kind).toBe('robots');
    expect(site.hits('/a')).toEqual([]);
  });
});

describe('answers that are not a page', () => {
  it('reports a 404 and a 500 with their status', async () => {
    const site = await NewsServer.start();
    site.route('/gone', { status: 404, body: 'no' }).route('/broken', { status: 500, body: 'no' });
    const gone = await failureOf(fetcher().fetch(site.url('/gone'), PAGE));
    expect([gone.kind, gone.status]).toEqual(['http-status', 404]);
    const broken = await failureOf(fetcher().fetch(site.url('/broken'), PAGE));
    expect([broken.kind, broken.status]).toEqual(['http-status', 500]);
  });

  it('gives up on a server that never answers', async () => {
    const site = await NewsServer.start();
    site.route('/robots.txt', { type: 'text/plain', body: '' });
    site.route('/hang', () => undefined);
    const failure = await failureOf(fetcher({ timeoutMs: 300 }).fetch(site.url('/hang'), PAGE));
    expect(failure.kind).toBe('timeout');
    expect(failure.message).toContain('did not answer within');
  });

  it('stops a redirect loop', async () => {
    const site = await NewsServer.start();
    site.route('/loop-a', { status: 302, headers: { location: '/loop-b' }, body: '' });
    site.route('/loop-b', { status: 301, headers: { location: '/loop-a' }, body: '' });
    const failure = await failureOf(fetcher().fetch(site.url('/loop-a'), PAGE));
    expect(failure.kind).toBe('redirect-loop');
    expect(site.hits('/loop-a')).toHaveLength(1);
  });

  it('follows a few redirects and no more', async () => {
    const site = await NewsServer.start();
    for (let i = 0; i < 8; i++) site.route(`/hop${i}`, { status: 307, headers: { location: `/hop${i + 1}` }, body: '' });
    site.route('/hop8', { body: 'arrived' });
    const tooFar = await failureOf(fetcher({ maxRedirects: 5 }).fetch(site.url('/hop0'), PAGE));
    expect(tooFar.kind).toBe('too-many-redirects');
    const result = await fetcher({ maxRedirects: 8 }).fetch(site.url('/hop0'), PAGE);
    expect(result.status === 'ok' && [result.url.pathname, result.body.toString()]).toEqual(['/hop8', 'arrived']);
  });

  it('aborts a 50 MB page at the size cap instead of reading it all', async () => {
    const site = await NewsServer.start();
    let sent = 0;
    site.route('/huge', (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const pump = (): void => {
        while (sent < 50 * 1024 * 1024) {
          sent += chunk.length;
          if (!response.write(chunk)) return void response.once('drain', pump);
        }
        response.end();
      };
      response.on('close', () => (sent = Math.min(sent, 50 * 1024 * 1024)));
      pump();
    });
    const failure = await failureOf(fetcher({ maxBytes: 5 * 1024 * 1024 }).fetch(site.url('/huge'), PAGE));
    expect(failure.kind).toBe('too-large');
    expect(sent).toBeLessThan(50 * 1024 * 1024);
  });

  it('refuses a page whose declared length is over the cap without reading the body', async () => {
    const site = await NewsServer.start();
    site.route('/declared', (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html', 'content-length': String(50 * 1024 * 1024) });
      response.write('<p>start</p>');
    });
    const failure = await failureOf(fetcher().fetch(site.url('/declared'), PAGE));
    expect(failure.kind).toBe('too-large');
    expect(failure.message).toContain('50 MB, over the 5 MB limit');
  });

  it('counts the size after decompression, so a small gzip bomb is caught too', async () => {
    const site = await NewsServer.start();
    site.route('/bomb', { headers: { 'content-encoding': 'gzip' }, body: gzipSync(Buffer.alloc(20 * 1024 * 1024, 0)) });
    const failure = await failureOf(fetcher({ maxBytes: 1024 * 1024 }).fetch(site.url('/bomb'), PAGE));
    expect(failure.kind).toBe('too-large');
  });
});

describe('compressed bodies', () => {
  it.each([
    ['gzip', gzipSync],
    ['br', brotliCompressSync],
    ['deflate', deflateSync],
  ] as const)('reads a %s body', async (encoding, compress) => {
    const site = await NewsServer.start();
    site.route('/c', { headers: { 'content-encoding': encoding }, body: compress(Buffer.from('<p>Putin said "talks".</p>')) });
    const result = await fetcher().fetch(site.url('/c'), PAGE);
    expect(result.status === 'ok' && result.body.toString()).toBe('<p>Putin said "talks".</p>');
    expect(site.hits('/c')[0]!.headers['accept-encoding']).toBe('gzip, deflate, br');
  });
});

describe('conditional GET', () => {
  it('sends the ETag and Last-Modified it was given and reports "not modified" on 304', async () => {
    const site = await NewsServer.start();
    site.route('/feed', (request, response) => {
      if (request.headers['if-none-match'] === '"v1"') return void response.writeHead(304).end();
      response.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"', 'last-modified': 'Mon, 30 Nov 2026 10:00:00 GMT' }).end('<rss/>');
    });
    const polite = fetcher();
    const first = await polite.fetch(site.url('/feed'), { accept: 'application/rss+xml' });
    expect(first.status === 'ok' && [first.etag, first.lastModified]).toEqual(['"v1"', 'Mon, 30 Nov 2026 10:00:00 GMT']);
    const second = await polite.fetch(site.url('/feed'), { accept: 'application/rss+xml', etag: '"v1"', lastModified: 'Mon, 30 Nov 2026 10:00:00 GMT' });
    expect(second.status).toBe('not-modified');
    expect(site.hits('/feed')[1]!.headers['if-modified-since']).toBe('Mon, 30 Nov 2026 10:00:00 GMT');
  });
});

describe('politeness per host', () => {
  it('sends one request at a time to a host, with the delay between them', async () => {
    const site = await NewsServer.start();
    site.route('/slow', (_request, response) => setTimeout(() => response.end('ok'), 20));
    const polite = fetcher({ hostDelayMs: 40 });
    await Promise.all([1, 2, 3, 4].map((n) => polite.fetch(site.url(`/slow?n=${n}`), PAGE)));
    expect(site.maxInFlight).toBe(1);
    const starts = site.hits('/slow').map((hit) => hit.at);
    // Each request starts after the previous one ended (≥ 20 ms) plus the delay (40 ms).
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(58);
  });

  it('leaves a host alone for as long as its 429 Retry-After asks', async () => {
    const site = await NewsServer.start();
    site.route('/busy', { status: 429, headers: { 'retry-after': '120' }, body: 'slow down' });
    const polite = fetcher();
    const before = Date.now();
    const failure = await failureOf(polite.fetch(site.url('/busy'), PAGE));
    expect([failure.kind, failure.status]).toEqual(['rate-limited', 429]);
    expect(failure.message).toContain('asked to wait 120 s');
    expect(polite.nextAllowedAt(new URL(site.origin).host)).toBeGreaterThanOrEqual(before + 120_000);
  });

  it('treats a 503 with Retry-After as a request to wait', async () => {
    const site = await NewsServer.start();
    site.route('/maintenance', { status: 503, headers: { 'retry-after': 'Wed, 21 Oct 2099 07:28:00 GMT' }, body: '' });
    const polite = fetcher();
    const failure = await failureOf(polite.fetch(site.url('/maintenance'), PAGE));
    expect(failure.kind).toBe('rate-limited');
    expect(polite.nextAllowedAt(new URL(site.origin).host)).toBeGreaterThanOrEqual(Date.parse('Wed, 21 Oct 2099 07:28:00 GMT'));
  });
});

describe('a host that asked to be left alone', () => {
  it('waits out a short Retry-After, then asks again', async () => {
    const site = await NewsServer.start();
    let answered = 0;
    site.route('/story', (_request, response) => {
      answered += 1;
      if (answered === 1) return void response.writeHead(503, { 'retry-after': '1' }).end();
      response.writeHead(200, { 'content-type': 'text/html' }).end('<p>back</p>');
    });
    const polite = fetcher();
    expect((await failureOf(polite.fetch(site.url('/story'), PAGE))).kind).toBe('rate-limited');
    const started = Date.now();
    const result = await polite.fetch(site.url('/story'), PAGE);
    expect(result.status === 'ok' && result.body.toString()).toBe('<p>back</p>');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('refuses at once, sending nothing, while a long Retry-After lasts, instead of holding every later request to the host', async () => {
    const site = await NewsServer.start();
    site.route('/busy', { status: 429, headers: { 'retry-after': '3600' }, body: 'slow down' });
    site.route('/other', { body: '<p>other</p>' });
    const polite = fetcher();
    await failureOf(polite.fetch(site.url('/busy'), PAGE));
    const started = Date.now();
    const failure = await failureOf(polite.fetch(site.url('/other'), PAGE));
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(failure.kind).toBe('rate-limited');
    expect(failure.message).toMatch(/asked to be left alone until \d{4}-\d\d-\d\dT.*\(Retry-After\), so nothing is sent to it before then/);
    expect(site.hits('/other')).toEqual([]);
  });

  it('does not send at once when the Retry-After date is further off than a timer can wait (24.8 days)', async () => {
    const site = await NewsServer.start();
    site.route('/maintenance', { status: 503, headers: { 'retry-after': 'Wed, 21 Oct 2099 07:28:00 GMT' }, body: '' });
    site.route('/later', { body: '<p>later</p>' });
    const polite = fetcher();
    await failureOf(polite.fetch(site.url('/maintenance'), PAGE));
    expect((await failureOf(polite.fetch(site.url('/later'), PAGE))).kind).toBe('rate-limited');
    expect(site.hits('/later')).toEqual([]);
  });

  it('still fetches from other hosts meanwhile', async () => {
    const busy = await NewsServer.start();
    const other = await NewsServer.start();
    busy.route('/busy', { status: 429, headers: { 'retry-after': '3600' }, body: '' });
    other.route('/a', { body: 'a' });
    const polite = fetcher();
    await failureOf(polite.fetch(busy.url('/busy'), PAGE));
    const result = await polite.fetch(other.url('/a'), PAGE);
    expect(result.status).toBe('ok');
  });
});

describe('robots.txt Crawl-delay', () => {
  it('lengthens the pause for that host to what the site asks', async () => {
    const site = await NewsServer.start();
    site.route('/robots.txt', { type: 'text/plain', body: 'User-agent: *\nCrawl-delay: 30\n' });
    site.route('/a', { body: 'a' });
    const polite = fetcher({ hostDelayMs: 1 });
    await polite.fetch(site.url('/a'), PAGE);
    const after = Date.now();
    expect(polite.nextAllowedAt(new URL(site.origin).host)).toBeGreaterThanOrEqual(after + 29_000);
  });
});
