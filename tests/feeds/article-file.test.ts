import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { loadCorpus } from '../../src/corpus/load.js';
import { articleFilePath, articleFileText, contentHash, dayOf, type FetchedArticle } from '../../src/feeds/article-file.js';
import { emptyDir } from '../desk/support.js';
import { PUTIN_PARAGRAPHS } from './support/pages.js';

const ARTICLE: FetchedArticle = {
  title: 'Putin: "We are ready" \\ talks # on Ukraine — 100% «sure»',
  date: '2026-11-30',
  outlet: "Gazette & Herald's: World",
  url: 'https://gazette.example/world/putin-ready',
  body: PUTIN_PARAGRAPHS.join('\n\n'),
  fetchedAt: '2026-12-01T09:00:00.000Z',
  feed: 'https://gazette.example/rss',
};

async function loadOne(text: string) {
  const dir = await emptyDir('quotedesk-feeds-file-');
  const file = path.join(dir, articleFilePath(ARTICLE.outlet, ARTICLE.url));
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
  return loadCorpus(dir);
}

describe('articleFileText', () => {
  it('is read back by the corpus loader field for field', async () => {
    const load = await loadOne(articleFileText(ARTICLE));
    expect(load.rejected).toEqual([]);
    expect(load.articles).toHaveLength(1);
    const [article] = load.articles;
    expect(article).toMatchObject({ title: ARTICLE.title, date: '2026-11-30', source: ARTICLE.outlet, url: ARTICLE.url });
    expect(article!.body.trimEnd()).toBe(ARTICLE.body);
  });

  it('is valid YAML front matter too, with every value a string', () => {
    const block = articleFileText(ARTICLE).split('\n---\n')[0]!.replace(/^---\n/, '');
    expect(parseYaml(block)).toEqual({ title: ARTICLE.title, date: '2026-11-30', source: ARTICLE.outlet, url: ARTICLE.url, fetched: ARTICLE.fetchedAt, feed: ARTICLE.feed });
  });

  it('writes a title with newlines, tabs and control characters on one line', async () => {
    const load = await loadOne(articleFileText({ ...ARTICLE, title: 'Line one\nline two\r\tand\u0007 bell' }));
    expect(load.articles[0]!.title).toBe('Line one line two and bell');
  });

  it('leaves the date out when it is unknown, and the loader takes it as unknown', async () => {
    const load = await loadOne(articleFileText({ ...ARTICLE, date: null, title: null }));
    expect(load.articles[0]).toMatchObject({ date: null, title: null });
  });

  it('keeps a body line that looks like front matter as body', async () => {
    const load = await loadOne(articleFileText({ ...ARTICLE, body: `First paragraph.\n\n---\n\ntitle: not a field\n\nLast paragraph.` }));
    expect(load.articles[0]!.body).toContain('title: not a field');
    expect(load.articles[0]!.title).toBe(ARTICLE.title);
  });
});

describe('articleFilePath', () => {
  it('is the same for the same canonical URL and differs for another', () => {
    expect(articleFilePath('World News Desk', 'https://news.example/world/putin-talks-ukraine')).toMatch(/^fetched\/world-news-desk\/putin-talks-ukraine-[0-9a-f]{10}\.md$/);
    expect(articleFilePath('World News Desk', 'https://news.example/world/putin-talks-ukraine')).toBe(articleFilePath('World News Desk', 'https://news.example/world/putin-talks-ukraine'));
    expect(articleFilePath('World News Desk', 'https://news.example/europe/putin-talks-ukraine')).not.toBe(articleFilePath('World News Desk', 'https://news.example/world/putin-talks-ukraine'));
  });
});

describe('contentHash', () => {
  it('ignores differences in white space only', () => {
    expect(contentHash('Putin said  "yes".\n\nThen left.')).toBe(contentHash('Putin said "yes". Then left.'));
    expect(contentHash('Putin said "yes".')).not.toBe(contentHash('Putin said "no".'));
  });
});

describe('dayOf', () => {
  it('keeps the publisher\'s own day from an ISO time and reads RFC 822 dates', () => {
    expect(dayOf('2026-11-30T23:30:00-05:00')).toBe('2026-11-30');
    expect(dayOf('Mon, 30 Nov 2026 09:15:00 GMT')).toBe('2026-11-30');
    expect(dayOf('someday')).toBeNull();
    expect(dayOf(null)).toBeNull();
  });
});
