import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FeedListError, FeedsFile } from '../../src/feeds/feeds-file.js';
import { emptyDir } from '../desk/support.js';

async function fileWith(name: string, text: string | null): Promise<FeedsFile> {
  const file = path.join(await emptyDir('quotedesk-feeds-file-'), name);
  if (text !== null) await writeFile(file, text);
  return new FeedsFile(file);
}

const YAML = `# Feeds Quotedesk follows
feeds:
  # BBC world news
  - url: https://feeds.example/bbc/world.xml
    name: BBC News
    every: 15m
    include: [Putin, Ukraine]
  - url: https://wire.example/top.json
    name: Wire Service
`;

describe('FeedsFile.read', () => {
  it('reads YAML entries with their defaults', async () => {
    const { feeds, problems } = await (await fileWith('feeds.yaml', YAML)).read();
    expect(problems).toEqual([]);
    expect(feeds).toEqual([
      { url: 'https://feeds.example/bbc/world.xml', name: 'BBC News', every: 15 * 60_000, include: ['Putin', 'Ukraine'], exclude: [] },
      { url: 'https://wire.example/top.json', name: 'Wire Service', every: 30 * 60_000, include: [], exclude: [] },
    ]);
  });

  it('reads the same shape from JSON', async () => {
    const { feeds } = await (await fileWith('feeds.json', JSON.stringify({ feeds: [{ url: 'https://wire.example/top.json', name: 'Wire', every: '2h' }] }))).read();
    expect(feeds).toEqual([{ url: 'https://wire.example/top.json', name: 'Wire', every: 2 * 3_600_000, include: [], exclude: [] }]);
  });

  it('reports each bad entry by number and field, and keeps the good ones', async () => {
    const file = await fileWith('feeds.yaml', `feeds:
  - url: ftp://old.example/feed
    name: Old
  - url: https://ok.example/rss
    name: OK
  - url: https://fast.example/rss
    name: Too fast
    every: 30s
  - url: https://ok.example/rss
    name: Again
`);
    const { feeds, problems } = await file.read();
    expect(feeds.map((feed) => feed.name)).toEqual(['OK']);
    expect(problems).toEqual([
      `${file.file}: feed 1 (ftp://old.example/feed): url must be an http(s) address`,
      `${file.file}: feed 3 (https://fast.example/rss): every must be at least 5m (polling more often is not polite)`,
      `${file.file}: feed 4 (https://ok.example/rss): listed twice; the first entry is used`,
    ]);
  });

  it('reports a file that is not YAML instead of throwing', async () => {
    const { feeds, problems } = await (await fileWith('feeds.yaml', 'feeds: [unclosed\n')).read();
    expect(feeds).toEqual([]);
    expect(problems[0]).toMatch(/not valid YAML/);
  });

  it('reads a missing file as no feeds', async () => {
    expect(await (await fileWith('feeds.yaml', null)).read()).toEqual({ feeds: [], problems: [] });
  });
});

describe('FeedsFile.add and remove', () => {
  it('adds a feed and keeps the comments a moderator wrote', async () => {
    const file = await fileWith('feeds.yaml', YAML);
    await file.add({ url: 'https://gazette.example/rss', name: 'Gazette', every: '1h' });
    const text = await readFile(file.file, 'utf8');
    expect(text).toContain('# Feeds Quotedesk follows');
    expect(text).toContain('# BBC world news');
    expect((await file.read()).feeds.map((feed) => feed.name)).toEqual(['BBC News', 'Wire Service', 'Gazette']);
  });

  it('creates the file on the first add', async () => {
    const file = await fileWith('feeds.yaml', null);
    await file.add({ url: 'https://gazette.example/rss', name: 'Gazette' });
    expect((await file.read()).feeds.map((feed) => feed.url)).toEqual(['https://gazette.example/rss']);
  });

  it('refuses a feed that is already listed', async () => {
    const file = await fileWith('feeds.yaml', YAML);
    await expect(file.add({ url: 'https://wire.example/top.json', name: 'Wire again' })).rejects.toThrow(new FeedListError('https://wire.example/top.json is already followed'));
  });

  it('removes a feed by URL or by name, keeping the rest and the comments', async () => {
    const file = await fileWith('feeds.yaml', YAML);
    expect((await file.remove('wire service')).url).toBe('https://wire.example/top.json');
    expect((await file.remove('https://feeds.example/bbc/world.xml')).name).toBe('BBC News');
    expect((await file.read()).feeds).toEqual([]);
    expect(await readFile(file.file, 'utf8')).toContain('# Feeds Quotedesk follows');
  });

  it('says which feed it could not find', async () => {
    const file = await fileWith('feeds.yaml', YAML);
    await expect(file.remove('Daily Planet')).rejects.toThrow('no followed feed has the address or name "Daily Planet"');
  });

  it('edits a JSON list as JSON', async () => {
    const file = await fileWith('feeds.json', JSON.stringify({ feeds: [] }));
    await file.add({ url: 'https://gazette.example/rss', name: 'Gazette' });
    expect(JSON.parse(await readFile(file.file, 'utf8'))).toEqual({ feeds: [{ url: 'https://gazette.example/rss', name: 'Gazette' }] });
  });
});

describe('feeds.example.yaml', () => {
  it('is a valid feed list', async () => {
    const { feeds, problems } = await new FeedsFile(path.resolve('feeds.example.yaml')).read();
    expect(problems).toEqual([]);
    expect(feeds).toHaveLength(1);
  });
});
