import { appendFile, readdir, rename } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { QuoteDesk } from '../../src/desk/quote-desk.js';
import { TypedArrayPool } from '../../src/desk/typed-array-pool.js';
import { copyOfCorpus, emptyDir } from './support.js';

const SEED_FILE = '2024-11-08-putin-congratulates-trump.txt';
const QUESTION = 'What did Putin say about Ukraine?';

/** Adds a quote to the seed article (`n` tells the rounds apart), so the next reload builds a new version. */
async function addQuote(dir: string, n: number): Promise<void> {
  await appendFile(path.join(dir, SEED_FILE), `\n\n"Ukraine will have its talks, round ${n}," Putin told reporters.`);
}

/** Moves every file out of `dir` and returns a function that puts them back. */
async function emptyFolder(dir: string): Promise<() => Promise<void>> {
  const aside = await emptyDir('quotedesk-aside-');
  const names = await readdir(dir);
  for (const name of names) await rename(path.join(dir, name), path.join(aside, name));
  return async () => {
    for (const name of names) await rename(path.join(aside, name), path.join(dir, name));
  };
}

/** A desk past its first reload, so its pool holds the retired start's arrays: the steady state of a running bot. */
async function steadyDesk(options: { onProgress?: Parameters<typeof QuoteDesk.open>[0]['onProgress'] } = {}): Promise<{ dir: string; desk: QuoteDesk; pool: TypedArrayPool }> {
  const dir = await copyOfCorpus();
  const pool = new TypedArrayPool();
  const desk = await QuoteDesk.open({ corpusDir: dir, arrays: pool, ...options });
  await addQuote(dir, 1);
  expect((await desk.reload()).status).toBe('reloaded');
  return { dir, desk, pool };
}

describe('a reload that does not swap its version in gives its arrays back', () => {
  it('after a refused reload (the folder yielded no articles), the next reload allocates no new arrays', async () => {
    const { dir, desk, pool } = await steadyDesk();
    const allocated = pool.counts.allocatedBytes;
    const restore = await emptyFolder(dir);
    expect((await desk.reload()).status).toBe('failed');
    await restore();
    await addQuote(dir, 2);
    expect((await desk.reload()).status).toBe('reloaded');
    expect(pool.counts.allocatedBytes).toBe(allocated);
    expect(desk.ask({ question: QUESTION }).snippets.some((snippet) => snippet.text.includes('round 2'))).toBe(true);
  });

  it('after a reload that failed once its version was built, the next reload allocates no new arrays', async () => {
    let failNextFinish = false;
    const { dir, desk, pool } = await steadyDesk({
      onProgress: (update) => {
        if (failNextFinish && update.done === 1) throw new Error('the progress line could not be written');
      },
    });
    const allocated = pool.counts.allocatedBytes;
    await addQuote(dir, 2);
    failNextFinish = true;
    const failed = await desk.reload();
    expect(failed).toMatchObject({ status: 'failed', reason: 'the progress line could not be written' });
    failNextFinish = false;
    await addQuote(dir, 3);
    expect((await desk.reload()).status).toBe('reloaded');
    expect(pool.counts.allocatedBytes).toBe(allocated);
  });

  it('keeps answering from the version it served while a reload is refused', async () => {
    const { dir, desk } = await steadyDesk();
    const before = desk.ask({ question: QUESTION });
    const restore = await emptyFolder(dir);
    expect((await desk.reload()).status).toBe('failed');
    expect(desk.ask({ question: QUESTION })).toEqual(before);
    await restore();
  });
});
