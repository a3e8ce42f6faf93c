import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.js';
import { emptyDir } from '../desk/support.js';
import { NewsServer } from './support/news-server.js';
import { articlePage, PUTIN_PARAGRAPHS, rssFeed } from './support/pages.js';

/** Runs `npm run fetch -- ARGS` (as `npx tsx scripts/fetch.ts`) with its settings in the environment. */
function fetchScript(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('npx', ['tsx', 'scripts/fetch.ts', ...args], { cwd: path.resolve('.'), env: { ...process.env, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as NodeJS.ErrnoException & { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

async function setUp() {
  const site = await NewsServer.start();
  site.route('/rss', { type: 'application/rss+xml', body: rssFeed([{ title: 'Putin on Ukraine', link: site.url('/world/putin-talks'), pubDate: 'Mon, 30 Nov 2026 09:15:00 GMT' }, { title: 'No link', guid: 'x' }]) });
  site.route('/world/putin-talks', { body: articlePage({ title: 'Putin on Ukraine', paragraphs: PUTIN_PARAGRAPHS }) });
  const corpusDir = await emptyDir('quotedesk-fetch-corpus-');
  const cacheDir = await emptyDir('quotedesk-fetch-cache-');
  const feedsFile = path.join(cacheDir, 'feeds.yaml');
  await writeFile(feedsFile, `feeds:\n  - url: ${site.url('/rss')}\n    name: World News Desk\n`);
  const env = { CORPUS_DIR: corpusDir, CACHE_DIR: cacheDir, FEEDS_FILE: feedsFile, FETCH_ALLOW_PRIVATE: 'true', FETCH_DELAY_MS: '1000', FETCH_TIMEOUT_MS: '5000', LOG_LEVEL: 'silent' };
  return { site, corpusDir, cacheDir, env };
}

describe('npm run fetch', () => {
  it('polls the feeds once, writes the articles, and says what it did with each item', async () => {
    const { corpusDir, cacheDir, env } = await setUp();
    const result = await fetchScript([], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/World News Desk <http:\/\/127\.0\.0\.1:\d+\/rss>: 2 new or changed item\(s\), 0 already seen/);
    expect(result.stdout).toMatch(/ {2}added fetched\/world-news-desk\/putin-talks-[0-9a-f]+\.md \(Putin on Ukraine\)/);
    expect(result.stdout).toContain('  skipped No link: the item has no link to an article');
    expect(result.stdout).toContain('1 article(s) written.');
    expect((await loadCorpus(corpusDir)).articles.map((a) => [a.title, a.date, a.source])).toEqual([['Putin on Ukraine', '2026-11-30', 'World News Desk']]);
    expect(JSON.parse(await readFile(path.join(cacheDir, 'feeds-state.json'), 'utf8')).version).toBe(1);
  }, 60_000);

  it('fetches one article given as a URL, and fails with the reason for a bad one', async () => {
    const { site, corpusDir, env } = await setUp();
    const good = await fetchScript([site.url('/world/putin-talks'), '--outlet', 'Gazette'], env);
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(/^added fetched\/gazette\/putin-talks-[0-9a-f]+\.md \(Putin on Ukraine\)\n$/);
    expect((await loadCorpus(corpusDir)).articles).toHaveLength(1);
    const bad = await fetchScript([site.url('/missing')], env);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe(`not added ${site.url('/missing')}: ${site.url('/missing')} answered HTTP 404\n`);
  }, 60_000);
});
