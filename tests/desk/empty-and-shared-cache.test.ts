import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { QuoteDesk } from '../../src/desk/quote-desk.js';
import { formatRejectionSummary } from '../../src/desk/rejection-summary.js';
import { FileSnapshotStore } from '../../src/desk/snapshot.js';
import { copyOfCorpus, emptyDir } from './support.js';

const SEED_QUESTION = { question: 'What did Putin say about Ukraine?' };

describe('a corpus folder with nothing to load', () => {
  it('answers that no articles are loaded and names the folder it looked in, not "no speaker named Putin"', async () => {
    const dir = await emptyDir('quotedesk-empty-');
    const desk = await QuoteDesk.open({ corpusDir: dir });
    const answer = desk.ask(SEED_QUESTION);
    expect(answer.status).toBe('no-match');
    expect(answer.message).toContain('No articles are loaded');
    expect(answer.message).toContain(dir);
    expect(answer.message).not.toMatch(/couldn't find a speaker/);
  });

  it('says how many files there were rejected and where the list of them is', async () => {
    const dir = await emptyDir('quotedesk-wrong-');
    await writeFile(path.join(dir, 'notes.jsonl'), 'these are not articles\n');
    const listFile = path.join(await emptyDir('quotedesk-cache-'), 'rejected.txt');
    const desk = await QuoteDesk.open({ corpusDir: dir, rejectionListFile: listFile });
    expect(desk.lookUp({ speaker: 'Putin' }).message).toMatch(new RegExp(`1 file\\(s\\) or line\\(s\\) there were rejected \\(the list: ${listFile.replace(/[.]/g, '\\.')}\\)`));
  });
});

describe('the rejected-files report', () => {
  it('summarises 100,000 bad lines by file and reason in a few lines, with the whole list in one file', async () => {
    const dir = await copyOfCorpus('seed');
    await writeFile(path.join(dir, 'garbage.jsonl'), 'not json\n'.repeat(100_000));
    const listFile = path.join(await emptyDir('quotedesk-cache-'), 'rejected.txt');
    const desk = await QuoteDesk.open({ corpusDir: dir, rejectionListFile: listFile });
    const { report } = desk.lastReload;
    expect(report.rejected).toHaveLength(100_000);
    expect(report.rejectionListFile).toBe(listFile);
    const summary = formatRejectionSummary(report.rejected, report.rejectionListFile);
    expect(summary.split('\n').length).toBeLessThan(10);
    expect(summary).toContain(`100,000 file(s) or line(s) were not loaded; the whole list is in ${listFile}`);
    expect(summary).toContain('garbage.jsonl: 100,000 rejected');
    expect(summary).toMatch(/skipped garbage\.jsonl:1: /);
    expect(summary).toContain('… and 99,997 more like these');
    const list = (await readFile(listFile, 'utf8')).trimEnd().split('\n');
    expect(list).toHaveLength(100_001);
    expect(list.at(-1)).toMatch(/^garbage\.jsonl:100000: /);
    expect(desk.ask(SEED_QUESTION).status).toBe('answered');
  });
});

describe('snapshots of several corpora in one cache folder', () => {
  it('keeps the main corpus\'s snapshot when another folder is opened with --corpus', async () => {
    const main = await copyOfCorpus('seed');
    const other = await copyOfCorpus('seed');
    await writeFile(path.join(other, 'blair.txt'), ' date 2005-02-01 "We will win this election," Tony Blair said.');
    const cacheDir = await emptyDir('quotedesk-cache-');
    await QuoteDesk.open({ corpusDir: main, snapshots: new FileSnapshotStore(cacheDir) });
    await QuoteDesk.open({ corpusDir: other, snapshots: new FileSnapshotStore(cacheDir) });
    expect((await readdir(cacheDir)).filter((name) => name.startsWith('snapshot-'))).toHaveLength(2);
    const again = await QuoteDesk.open({ corpusDir: main, snapshots: new FileSnapshotStore(cacheDir) });
    expect(again.lastReload.report.fromSnapshot).toBe(true);
  });
});
