import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { QuoteDesk } from '../../src/desk/quote-desk.js';
import { FileSnapshotStore } from '../../src/desk/snapshot.js';
import { capturingLogger, copyOfCorpus, emptyDir } from './support.js';

const SEED_QUESTION = { question: 'What did Putin say about Ukraine?' };

async function openWithCache(corpusDir: string, cacheDir: string) {
  const log = capturingLogger();
  const desk = await QuoteDesk.open({ corpusDir, logger: log.logger, snapshots: new FileSnapshotStore(cacheDir, log.logger) });
  return { desk, lines: log.lines };
}

async function snapshotFolder(cacheDir: string): Promise<string> {
  const folders = (await readdir(cacheDir)).filter((name) => name.startsWith('snapshot-'));
  expect(folders).toHaveLength(1);
  return path.join(cacheDir, folders[0]!);
}

describe('start-up snapshots', () => {
  it('are written on the first start and used on the next, with the same answers', async () => {
    const corpusDir = await copyOfCorpus();
    const cacheDir = await emptyDir('quotedesk-cache-');
    const first = await openWithCache(corpusDir, cacheDir);
    expect(first.desk.lastReload.report.fromSnapshot).toBe(false);
    const second = await openWithCache(corpusDir, cacheDir);
    expect(second.desk.lastReload.report.fromSnapshot).toBe(true);
    expect(second.desk.ask(SEED_QUESTION)).toEqual(first.desk.ask(SEED_QUESTION));
    expect(second.desk.version.stats()).toEqual(first.desk.version.stats());
  });

  it('round-trip an article whose snapshot line is larger than the writer\'s buffer, non-ASCII names included', async () => {
    const corpusDir = await copyOfCorpus('seed');
    const cacheDir = await emptyDir('quotedesk-cache-');
    // About 5,000 quotes in one article: its line of quotes.json runs to several hundred kilobytes.
    const paragraph = (n: number) => `"Le débat n° ${n} était très animé — et utile," François Hollande said.`;
    await writeFile(path.join(corpusDir, 'long.txt'), ` date 2005-02-01 ${Array.from({ length: 5000 }, (_, n) => paragraph(n)).join('\n\n')}`);
    const first = await openWithCache(corpusDir, cacheDir);
    const second = await openWithCache(corpusDir, cacheDir);
    expect(second.desk.lastReload.report.fromSnapshot).toBe(true);
    const question = { question: 'what did François Hollande say about the débat' };
    expect(first.desk.ask(question).status).toBe('answered');
    expect(second.desk.ask(question)).toEqual(first.desk.ask(question));
    expect(second.desk.version.stats()).toEqual(first.desk.version.stats());
    expect(second.desk.version.stats().quotes).toBeGreaterThan(5000);
  });

  it('are rebuilt, with a log line saying why, when the corpus changed', async () => {
    const corpusDir = await copyOfCorpus('seed');
    const cacheDir = await emptyDir('quotedesk-cache-');
    await openWithCache(corpusDir, cacheDir);
    await writeFile(path.join(corpusDir, 'more.txt'), ' date 2005-02-01 "More news," Tony Blair said.');
    const second = await openWithCache(corpusDir, cacheDir);
    expect(second.desk.lastReload.report.fromSnapshot).toBe(false);
    expect(second.lines().some((line) => String(line.msg).includes('no snapshot for this corpus version'))).toBe(true);
    expect(second.desk.ask({ question: 'what did Blair say' }).status).toBe('answered');
  });

  it('are rebuilt, never a crash, when a snapshot file is corrupt', async () => {
    const corpusDir = await copyOfCorpus('seed');
    const cacheDir = await emptyDir('quotedesk-cache-');
    await openWithCache(corpusDir, cacheDir);
    const folder = await snapshotFolder(cacheDir);
    const index = await readFile(path.join(folder, 'index.json'), 'utf8');
    await writeFile(path.join(folder, 'index.json'), index.slice(0, index.length / 2));
    const second = await openWithCache(corpusDir, cacheDir);
    expect(second.desk.lastReload.report.fromSnapshot).toBe(false);
    expect(second.lines().some((line) => line.level === 40 && String(line.msg).startsWith('snapshot unusable'))).toBe(true);
    expect(second.desk.ask(SEED_QUESTION).status).toBe('answered');
  });

  it('are rebuilt when quotes in them no longer point at their words', async () => {
    const corpusDir = await copyOfCorpus('seed');
    const cacheDir = await emptyDir('quotedesk-cache-');
    await openWithCache(corpusDir, cacheDir);
    const file = path.join(await snapshotFolder(cacheDir), 'quotes.json');
    const quotes = JSON.parse(await readFile(file, 'utf8')) as Record<string, { quotes: Array<{ start: number }> }>;
    for (const entry of Object.values(quotes)) entry.quotes[0]!.start += 3;
    await writeFile(file, JSON.stringify(quotes));
    const second = await openWithCache(corpusDir, cacheDir);
    expect(second.desk.lastReload.report.fromSnapshot).toBe(false);
    expect(second.desk.ask(SEED_QUESTION).snippets[0]!.text).toMatch(/^What was said about the desire/);
  });

  it('leave one snapshot in the cache, and no temporary folders', async () => {
    const corpusDir = await copyOfCorpus('seed');
    const cacheDir = await emptyDir('quotedesk-cache-');
    await openWithCache(corpusDir, cacheDir);
    await writeFile(path.join(corpusDir, 'more.txt'), ' date 2005-02-01 "More news," Tony Blair said.');
    await openWithCache(corpusDir, cacheDir);
    expect(await readdir(cacheDir)).toHaveLength(1);
    expect(await readdir(await snapshotFolder(cacheDir))).toEqual(['index.json', 'manifest.json', 'quotes.json']);
  });

  it('do not stop the start when the cache folder cannot be written', async () => {
    const corpusDir = await copyOfCorpus('seed');
    const blocker = path.join(await emptyDir('quotedesk-cache-'), 'not-a-folder');
    await writeFile(blocker, 'a file where the cache folder should be');
    const { desk, lines } = await openWithCache(corpusDir, blocker);
    expect(desk.ask(SEED_QUESTION).status).toBe('answered');
    expect(lines().some((line) => String(line.msg).includes('could not write the snapshot'))).toBe(true);
  });
});
