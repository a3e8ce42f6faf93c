import { appendFile, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.js';
import { CorpusVersion } from '../../src/desk/corpus-version.js';
import { QuoteDesk } from '../../src/desk/quote-desk.js';
import { hangFileThreads } from '../support/hung-disk.js';
import { copyOfCorpus, emptyDir } from './support.js';

const SEED_FILE = '2024-11-08-putin-congratulates-trump.txt';
const SEED_QUESTION = { question: 'What did Putin say about Ukraine?' };

/** What a fresh build of the folder gives, to hold a reload's version against. */
async function freshBuild(dir: string): Promise<CorpusVersion> {
  return CorpusVersion.build(await loadCorpus(dir));
}

/** Every speaker's quote ids, in the order `quotesBy` gives them. */
function quoteIdsBySpeaker(version: CorpusVersion): Record<string, string[]> {
  return Object.fromEntries(version.speakers.all().map((speaker) => [speaker.key, version.quotesBy(speaker.key).map((record) => record.quote.id)]));
}

async function reloaded(desk: QuoteDesk) {
  const result = await desk.reload();
  if (result.status !== 'reloaded') throw new Error(`reload ${result.status}: ${'reason' in result ? result.reason : ''}`);
  return result.report;
}

describe('reloads redo only what changed', () => {
  it('keep every article its own records in a corpus past one walking step (2,048 articles), an early and a late article changed', async () => {
    const dir = await emptyDir('quotedesk-many-');
    const article = (n: number, words = 'will rise') => ({
      id: `many-${String(n).padStart(4, '0')}`,
      title: `Prices report ${n}`,
      date: '2005-01-03',
      source: 'BBC News',
      url: null,
      body: `"Prices ${words} by ${n} percent this year," the economist Ann Carter${n} said.`,
    });
    const write = (articles: object[]) => writeFile(path.join(dir, 'many.jsonl'), `${articles.map((a) => JSON.stringify(a)).join('\n')}\n`);
    const articles = Array.from({ length: 2_300 }, (_, n) => article(n));
    await write(articles);
    const desk = await QuoteDesk.open({ corpusDir: dir });
    articles[5] = article(5, 'will fall');
    articles[2_200] = article(2_200, 'may fall');
    await write(articles);
    await reloaded(desk);
    const fresh = await freshBuild(dir);
    const recordsOf = (version: CorpusVersion) => version.articles.map((a) => (version.recordsOf(a.id) ?? []).map((record) => `${record.article.id}: ${record.quote.text} (${record.speakerKey})`));
    expect(recordsOf(desk.version)).toEqual(recordsOf(fresh));
  });

  it('extract only the added and changed articles, and give the index and answers of a fresh build', async () => {
    const dir = await copyOfCorpus();
    const desk = await QuoteDesk.open({ corpusDir: dir });
    const seed = await readFile(path.join(dir, SEED_FILE), 'utf8');
    await writeFile(path.join(dir, 'putin-again.txt'), seed.replace('2024-11-08', '2024-11-09').replace('Putin', 'Vladimir Putin'));
    await appendFile(path.join(dir, SEED_FILE), '\n\n"We will see what happens in Ukraine," Putin said.');
    const report = await reloaded(desk);
    expect(report.extracted).toBe(2);
    expect(desk.version.reuse).toMatchObject({ extracted: 2, indexMerged: true, positionsCarried: true });
    const fresh = await freshBuild(dir);
    expect(desk.version.index.toData()).toEqual(fresh.index.toData());
    expect(desk.version.speakers.all()).toEqual(fresh.speakers.all());
    expect(quoteIdsBySpeaker(desk.version)).toEqual(quoteIdsBySpeaker(fresh));
    expect(desk.version.stats()).toEqual(fresh.stats());
    const freshDesk = await QuoteDesk.open({ corpusDir: dir });
    expect(desk.ask(SEED_QUESTION)).toEqual(freshDesk.ask(SEED_QUESTION));
    expect(desk.ask({ question: 'What did Putin say?' })).toEqual(freshDesk.ask({ question: 'What did Putin say?' }));
  });

  it('drop a removed file\'s quotes and the words only they used, as a fresh build would', async () => {
    const dir = await copyOfCorpus();
    const desk = await QuoteDesk.open({ corpusDir: dir });
    const before = desk.version.index.toData().terms.length;
    await rm(path.join(dir, 'sample-reuters21578.jsonl'));
    const report = await reloaded(desk);
    expect(report.extracted).toBe(0);
    expect(report.removed).toHaveLength(50);
    const fresh = await freshBuild(dir);
    expect(desk.version.index.toData()).toEqual(fresh.index.toData());
    expect(desk.version.speakers.all()).toEqual(fresh.speakers.all());
    expect(desk.version.index.toData().terms.length).toBeLessThan(before);
  });

  it('re-extract only the one line that changed in a JSON Lines file', async () => {
    const dir = await copyOfCorpus();
    const desk = await QuoteDesk.open({ corpusDir: dir });
    const file = path.join(dir, 'sample-bbc.jsonl');
    const lines = (await readFile(file, 'utf8')).split('\n');
    const article = JSON.parse(lines[3]!) as { body: string };
    lines[3] = JSON.stringify({ ...article, body: `${article.body}\n\n"Nothing changes," the minister said.` });
    await writeFile(file, lines.join('\n'));
    const report = await reloaded(desk);
    expect(report.extracted).toBe(1);
    expect(report.changed).toHaveLength(1);
    expect(desk.version.index.toData()).toEqual((await freshBuild(dir)).index.toData());
  });

  it('keep the articles of files that did not change as they were, without reading them again', async () => {
    const dir = await copyOfCorpus();
    const desk = await QuoteDesk.open({ corpusDir: dir });
    const kept = desk.version.article('bbc-business-091');
    const putinRecord = desk.version.quotesBy('vladimir putin')[0];
    expect(kept).toBeDefined();
    expect(putinRecord).toBeDefined();
    await writeFile(path.join(dir, 'blair.txt'), ' date 2005-02-01 "We will win this election," Tony Blair said.');
    await reloaded(desk);
    expect(desk.version.article('bbc-business-091')).toBe(kept);
    expect(desk.version.quotesBy('vladimir putin')[0]).toBe(putinRecord);
  });

  it('extract nothing when a file was only touched', async () => {
    const dir = await copyOfCorpus('seed');
    const desk = await QuoteDesk.open({ corpusDir: dir });
    const version = desk.version;
    const later = new Date(Date.now() + 60_000);
    await utimes(path.join(dir, SEED_FILE), later, later);
    const report = await reloaded(desk);
    expect(report.extracted).toBe(0);
    expect(desk.version).toBe(version);
  });
});

describe('reload deadlines', () => {
  it('fail a reload past its deadline, say why, keep the old version serving, and let the next reload run', async () => {
    const dir = await copyOfCorpus();
    const desk = await QuoteDesk.open({ corpusDir: dir });
    const serving = desk.version;
    await writeFile(path.join(dir, 'blair.txt'), ' date 2005-02-01 "We will win this election," Tony Blair said.');
    const failed = await desk.reload({ deadlineMs: 1 });
    expect(failed).toMatchObject({ status: 'failed', servingVersion: serving.id });
    expect(failed.status === 'failed' && failed.reason).toMatch(/did not finish within 1 ms \(the reload deadline\)/);
    expect(desk.version).toBe(serving);
    expect(desk.isReloading).toBe(false);
    const next = await desk.reload();
    expect(next.status).toBe('reloaded');
    expect(desk.ask({ question: 'what did Blair say' }).snippets[0]?.text).toBe('We will win this election');
  });

  it.skipIf(process.platform === 'win32')('end a reload stuck on a disk that stopped answering at its deadline, and let the next reload run once it answers again', async () => {
    const dir = await copyOfCorpus('seed');
    const desk = await QuoteDesk.open({ corpusDir: dir });
    const serving = desk.version;
    const disk = hangFileThreads();
    let failed;
    try {
      const started = Date.now();
      failed = await desk.reload({ deadlineMs: 1_000 });
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(desk.isReloading).toBe(false);
      expect(desk.ask(SEED_QUESTION).status).toBe('answered');
    } finally {
      await disk.release();
    }
    expect(failed).toMatchObject({ status: 'failed', servingVersion: serving.id, reason: expect.stringMatching(/did not finish within 1 s \(the reload deadline\)/) });
    expect(desk.version).toBe(serving);
    await writeFile(path.join(dir, 'blair.txt'), ' date 2005-02-01 "We will win this election," Tony Blair said.');
    expect((await desk.reload()).status).toBe('reloaded');
    expect(desk.ask({ question: 'what did Blair say' }).snippets[0]?.text).toBe('We will win this election');
  });
});
