import { appendFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answerer.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { CorpusVersion, type QuoteFacts } from '../../src/desk/corpus-version.js';
import { QuoteDesk } from '../../src/desk/quote-desk.js';
import { TypedArrayPool } from '../../src/desk/typed-array-pool.js';
import { copyOfCorpus } from './support.js';

const SEED_FILE = '2024-11-08-putin-congratulates-trump.txt';
const QUESTIONS = ['What did Putin say about Ukraine?', 'what did Blair say', 'What did Trump say about the election?', 'oil prices', 'What did the minister say about talks?'];

async function reloaded(desk: QuoteDesk): Promise<void> {
  const result = await desk.reload();
  if (result.status !== 'reloaded') throw new Error(`reload ${result.status}`);
}

/** Adds a quote to the seed article (`n` tells the rounds apart). */
async function addQuote(dir: string, n: number): Promise<void> {
  await appendFile(path.join(dir, SEED_FILE), `\n\n"Ukraine will have its talks, round ${n}," Putin told reporters.`);
}

/** Changes one BBC article's body, so a base document dies and a delta one is born. */
async function changeBbcArticle(dir: string): Promise<void> {
  const bbc = path.join(dir, 'sample-bbc.jsonl');
  const lines = (await readFile(bbc, 'utf8')).split('\n');
  const changed = JSON.parse(lines[3]!) as { body: string };
  lines[3] = JSON.stringify({ ...changed, body: `${changed.body}\n\n"Oil prices will fall," the minister said.` });
  await writeFile(bbc, lines.join('\n'));
}

function factArrays(facts: QuoteFacts): Array<Uint8Array | Uint16Array | Int32Array> {
  return [facts.direct, facts.words, facts.speaker];
}

describe('per-quote arrays handed from a retired version to the next build', () => {
  it('answers exactly as a fresh build after two reloads that filled the start\'s reserve and then its retired arrays, allocating none', async () => {
    const dir = await copyOfCorpus();
    const pool = new TypedArrayPool();
    const start = await CorpusVersion.build(await loadCorpus(dir), undefined, { arrays: pool });
    const reserved = pool.counts.allocatedBytes;
    await addQuote(dir, 1);
    const first = await CorpusVersion.build(await loadCorpus(dir), undefined, { previous: start, arrays: pool });
    start.retire(pool);
    await changeBbcArticle(dir);
    await addQuote(dir, 2);
    const second = await CorpusVersion.build(await loadCorpus(dir), undefined, { previous: first, arrays: pool });
    expect(second.reuse.indexLayered).toBe(true);
    expect(pool.counts.allocatedBytes).toBe(reserved);
    const fresh = await CorpusVersion.build(await loadCorpus(dir));
    for (const question of QUESTIONS) expect(answerQuestion(second, { question }), question).toEqual(answerQuestion(fresh, { question }));
    expect(second.stats()).toEqual(fresh.stats());
  });

  it('answers from a desk exactly as a fresh start after reloads, none of its arrays the replaced version\'s', async () => {
    const dir = await copyOfCorpus();
    const desk = await QuoteDesk.open({ corpusDir: dir });
    await addQuote(dir, 1);
    await reloaded(desk);
    const replaced = factArrays(desk.version.facts);
    await changeBbcArticle(dir);
    await addQuote(dir, 2);
    await reloaded(desk);
    const buffers = new Set(replaced.map((array) => array.buffer));
    for (const array of factArrays(desk.version.facts)) expect(buffers.has(array.buffer)).toBe(false);
    const fresh = await QuoteDesk.open({ corpusDir: dir });
    for (const question of QUESTIONS) expect(desk.ask({ question }), question).toEqual(fresh.ask({ question }));
    expect(desk.version.stats()).toEqual(fresh.version.stats());
  });

  it('never writes the arrays of the version still serving while the next one is built, and answers from it meanwhile', async () => {
    const dir = await copyOfCorpus();
    const desk = await QuoteDesk.open({ corpusDir: dir });
    await addQuote(dir, 1);
    await reloaded(desk);
    const serving = desk.version;
    const arrays = factArrays(serving.facts);
    const copies = arrays.map((array) => array.slice());
    const answersBefore = QUESTIONS.map((question) => desk.ask({ question }));
    await changeBbcArticle(dir);
    const reload = desk.reload();
    let done = false;
    void reload.then(() => (done = true));
    let askedDuring = 0;
    while (!done) {
      const answers = QUESTIONS.map((question) => desk.ask({ question }));
      if (answers[0]!.corpusVersion === serving.id) {
        expect(answers).toEqual(answersBefore);
        askedDuring += 1;
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(askedDuring).toBeGreaterThan(0);
    expect(desk.version).not.toBe(serving);
    arrays.forEach((array, i) => expect(array, `fact array ${i}`).toEqual(copies[i]));
  });

  it('retires the version a reload replaced: it refuses to answer rather than read arrays handed on', async () => {
    const dir = await copyOfCorpus();
    const desk = await QuoteDesk.open({ corpusDir: dir });
    const replaced = desk.version;
    await addQuote(dir, 1);
    await reloaded(desk);
    expect(() => replaced.facts).toThrow(/retired/);
    expect(() => replaced.quotesBy('vladimir putin')).toThrow(/retired/);
    expect(() => replaced.positionsBy('vladimir putin')).toThrow(/retired/);
    expect(desk.ask({ question: QUESTIONS[0]! }).status).toBe('answered');
  });

  it('keeps a version whose reload changed nothing serving, unretired', async () => {
    const dir = await copyOfCorpus();
    const desk = await QuoteDesk.open({ corpusDir: dir });
    const serving = desk.version;
    await reloaded(desk);
    expect(desk.version).toBe(serving);
    expect(serving.quotesBy('vladimir putin').length).toBeGreaterThan(0);
  });

  it('lets the first reload after a start allocate no per-quote array: the start reserved them', async () => {
    const dir = await copyOfCorpus();
    const pool = new TypedArrayPool();
    const start = await CorpusVersion.build(await loadCorpus(dir), undefined, { arrays: pool });
    const reserved = pool.counts.allocatedBytes;
    await addQuote(dir, 1);
    await changeBbcArticle(dir);
    const next = await CorpusVersion.build(await loadCorpus(dir), undefined, { previous: start, arrays: pool });
    expect(next.reuse.indexLayered).toBe(true);
    expect(pool.counts.allocatedBytes).toBe(reserved);
    expect(pool.counts.reusedBytes).toBeGreaterThan(0);
  });
});
