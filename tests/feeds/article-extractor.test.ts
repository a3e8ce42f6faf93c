import { afterEach, describe, expect, it } from 'vitest';
import { extractInline, WorkerExtractor } from '../../src/feeds/article-extractor.js';
import { NoArticleError } from '../../src/feeds/extract-article.js';
import { fixture } from './support/pages.js';

const readers: WorkerExtractor[] = [];
afterEach(async () => {
  for (const reader of readers.splice(0)) await reader.close();
});

function reader(timeoutMs?: number): WorkerExtractor {
  const created = new WorkerExtractor(timeoutMs);
  readers.push(created);
  return created;
}

describe('WorkerExtractor', () => {
  it('reads a page on the worker exactly as on the main thread', async () => {
    const html = fixture('article-putin-talks.html');
    expect(await reader().extract(html, 'https://news.example/a')).toEqual(await extractInline(html, 'https://news.example/a'));
  });

  it('refuses a page without an article with the same reason', async () => {
    await expect(reader().extract('<html><body><nav>Home</nav></body></html>', 'https://news.example/')).rejects.toThrow(NoArticleError);
  });

  it('gives up on a page that takes too long, and reads the next one with a fresh worker', async () => {
    const pages = reader(20_000);
    await expect(pages.extract(fixture('article-putin-talks.html'), 'https://news.example/a', 1)).rejects.toThrow(/took longer than 1 s to read/);
    expect((await pages.extract(fixture('article-putin-talks.html'), 'https://news.example/a')).title).toBe('Putin says Russia ready for talks on Ukraine');
  });
});
