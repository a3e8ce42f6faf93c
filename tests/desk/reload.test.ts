import { appendFile, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { QuoteDesk } from '../../src/desk/quote-desk.js';
import { copyOfCorpus } from './support.js';

const SEED_FILE = '2024-11-08-putin-congratulates-trump.txt';
const SEED_QUESTION = { question: 'What did Putin say about Ukraine?' };

describe('reloading the corpus', () => {
  it('reports added, changed and removed articles', async () => {
    const dir = await copyOfCorpus();
    const desk = await QuoteDesk.open({ corpusDir: dir });
    const seed = await readFile(path.join(dir, SEED_FILE), 'utf8');
    await writeFile(path.join(dir, 'putin-again.txt'), seed.replace('2024-11-08', '2024-11-09'));
    await appendFile(path.join(dir, SEED_FILE), '\n\n"We will see," Putin said.');
    await rm(path.join(dir, 'sample-reuters21578.jsonl'));
    const result = await desk.reload();
    expect(result.status).toBe('reloaded');
    if (result.status !== 'reloaded') return;
    expect(result.report.added).toEqual(['putin-again']);
    expect(result.report.changed).toEqual(['2024-11-08-putin-congratulates-trump']);
    expect(result.report.removed).toHaveLength(50);
    expect(result.report.removed.every((id) => id.startsWith('reuters21578-'))).toBe(true);
  });

  it('reports an article whose date alone changed, and one added in the same file, with none removed', async () => {
    const dir = await copyOfCorpus();
    const desk = await QuoteDesk.open({ corpusDir: dir });
    const bbc = path.join(dir, 'sample-bbc.jsonl');
    const lines = (await readFile(bbc, 'utf8')).split('\n').filter((line) => line.trim() !== '');
    const redated = JSON.parse(lines[3]!) as { id: string; date: string };
    lines[3] = JSON.stringify({ ...redated, date: '2005-12-31' });
    lines.push(JSON.stringify({ ...(JSON.parse(lines[0]!) as object), id: 'bbc-added-copy' }));
    await writeFile(bbc, `${lines.join('\n')}\n`);
    const result = await desk.reload();
    if (result.status !== 'reloaded') throw new Error(`reload ${result.status}`);
    expect(result.report).toMatchObject({ added: ['bbc-added-copy'], changed: [redated.id], removed: [] });
    const again = await desk.reload();
    expect(again.status === 'reloaded' && again.report).toMatchObject({ added: [], changed: [], removed: [] });
  });

  it('answers from the new corpus once the reload is done', async () => {
    const dir = await copyOfCorpus('seed');
    const desk = await QuoteDesk.open({ corpusDir: dir });
    expect(desk.ask({ question: 'what did Blair say' }).status).toBe('unknown-speaker');
    await writeFile(path.join(dir, 'blair.txt'), ' date 2005-02-01 "We will win this election," Tony Blair said.');
    await desk.reload();
    expect(desk.ask({ question: 'what did Blair say' }).snippets[0]!.text).toBe('We will win this election');
  });

  it('lists every rejected file with its reason, and still loads the rest', async () => {
    const dir = await copyOfCorpus('seed');
    const desk = await QuoteDesk.open({ corpusDir: dir });
    await writeFile(path.join(dir, 'broken.txt'), ' date 2024-13-45 Nothing here is loadable.');
    const result = await desk.reload();
    if (result.status !== 'reloaded') throw new Error(`expected a reload, got ${result.status}`);
    expect(result.report.rejected).toEqual([expect.objectContaining({ file: 'broken.txt', reason: expect.stringContaining('2024-13-45') })]);
    expect(desk.ask(SEED_QUESTION).status).toBe('answered');
  });

  it('keeps the old corpus serving when the folder has gone', async () => {
    const dir = await copyOfCorpus('seed');
    const desk = await QuoteDesk.open({ corpusDir: dir });
    const before = desk.version;
    await rm(dir, { recursive: true });
    const result = await desk.reload();
    expect(result.status).toBe('failed');
    expect(desk.version).toBe(before);
    expect(desk.ask(SEED_QUESTION).status).toBe('answered');
  });

  it('keeps the old corpus serving when every file is broken, rather than serving nothing', async () => {
    const dir = await copyOfCorpus('seed');
    const desk = await QuoteDesk.open({ corpusDir: dir });
    await writeFile(path.join(dir, SEED_FILE), Buffer.from([0xff, 0xfe, 0x00, 0x01]));
    const result = await desk.reload();
    expect(result).toMatchObject({ status: 'failed', rejected: [expect.objectContaining({ file: SEED_FILE })] });
    expect(desk.ask(SEED_QUESTION).status).toBe('answered');
  });

  it('tells a second caller that a reload is already running, when asked to refuse', async () => {
    const desk = await QuoteDesk.open({ corpusDir: await copyOfCorpus() });
    const first = desk.reload({ whenBusy: 'refuse' });
    expect(desk.isReloading).toBe(true);
    expect(await desk.reload({ whenBusy: 'refuse' })).toEqual({ status: 'busy' });
    expect((await first).status).toBe('reloaded');
    expect(desk.isReloading).toBe(false);
  });

  it('coalesces concurrent triggers that join into one reload', async () => {
    const desk = await QuoteDesk.open({ corpusDir: await copyOfCorpus() });
    const results = await Promise.all([desk.reload(), desk.reload({ whenBusy: 'join' }), desk.reload({ whenBusy: 'join' })]);
    expect(results[1]).toBe(results[0]);
    expect(results[2]).toBe(results[0]);
  });

  it('runs once more after the current reload for a change noticed meanwhile, and only once', async () => {
    const dir = await copyOfCorpus('seed');
    const desk = await QuoteDesk.open({ corpusDir: dir });
    const running = desk.reload();
    await writeFile(path.join(dir, 'late.txt'), ' date 2005-02-01 "Late news," Tony Blair said.');
    const [again, againToo] = await Promise.all([desk.reload({ whenBusy: 'again' }), desk.reload({ whenBusy: 'again' })]);
    await running;
    expect(againToo).toBe(again);
    expect(desk.ask({ question: 'what did Blair say' }).status).toBe('answered');
  });

  it('keeps answering from the old version while a reload builds the new one', async () => {
    const dir = await copyOfCorpus();
    const desk = await QuoteDesk.open({ corpusDir: dir });
    const before = desk.version.id;
    await appendFile(path.join(dir, SEED_FILE), '\n\n"Nothing more," Putin said.');
    const reload = desk.reload();
    const during = desk.ask(SEED_QUESTION);
    expect(during.corpusVersion).toBe(before);
    await reload;
    expect(desk.ask(SEED_QUESTION).corpusVersion).not.toBe(before);
  });
});
