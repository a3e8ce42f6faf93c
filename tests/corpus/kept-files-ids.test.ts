import { readFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus, type CorpusLoad } from '../../src/corpus/load.js';
import { emptyDir } from '../desk/support.js';

/**
 * "First id wins" when a reload keeps most files unread: only the ids of files read again or gone
 * are decided afresh, and every outcome must be the one a first load of the same folder gives.
 */

/** Real BBC articles from the bundled sample, to copy under chosen ids. */
const BBC = readFileSync(path.join(import.meta.dirname, '../../corpus/sample-bbc.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .slice(0, 6)
  .map((line) => JSON.parse(line) as Record<string, unknown>);

function line(id: string, copy: number): string {
  return JSON.stringify({ ...BBC[copy % BBC.length], id });
}

/** Writes a file whole under a new inode (as editors and rsync do), so a reload sees it changed. */
async function put(dir: string, file: string, ids: string[]): Promise<void> {
  const temporary = path.join(dir, path.dirname(file), `.${path.basename(file)}.tmp`);
  await writeFile(temporary, `${ids.map((id, i) => line(id, i)).join('\n')}\n`);
  await rename(temporary, path.join(dir, file));
}

/** What a moderator sees of a load: which copy of each id is served, and every rejection. */
function outcome(load: CorpusLoad) {
  return {
    articles: load.articles.map((article) => [article.id, article.origin.file, article.origin.line]),
    rejected: load.rejected,
    files: load.files.map((file) => [file.file, file.articleIds]),
  };
}

async function reloadMatchesFirstLoad(dir: string, previous: CorpusLoad): Promise<CorpusLoad> {
  const reloaded = await loadCorpus(dir, { previous });
  expect(outcome(reloaded)).toEqual(outcome(await loadCorpus(dir)));
  return reloaded;
}

describe('first id wins across a reload that keeps files unread', () => {
  it('serves a new earlier file’s copy of an id and rejects the kept later copy', async () => {
    const dir = await emptyDir('quotedesk-kept-ids-');
    await put(dir, 'b.jsonl', ['story-1', 'story-2']);
    const first = await loadCorpus(dir);
    await put(dir, 'a.jsonl', ['story-2']);
    const reloaded = await reloadMatchesFirstLoad(dir, first);
    expect(reloaded.rejected).toEqual([{ file: 'b.jsonl', line: 2, reason: 'id "story-2" is already used by "a.jsonl" line 1; the first one is kept' }]);
  });

  it('serves a kept file’s copy of an id once the file that won it is gone', async () => {
    const dir = await emptyDir('quotedesk-kept-ids-');
    await put(dir, 'a.jsonl', ['story-2']);
    await put(dir, 'b.jsonl', ['story-1', 'story-2']);
    const first = await loadCorpus(dir);
    await rm(path.join(dir, 'a.jsonl'));
    const reloaded = await reloadMatchesFirstLoad(dir, first);
    expect(reloaded.rejected).toEqual([]);
    expect(reloaded.articles.map((article) => article.id)).toEqual(['story-1', 'story-2']);
  });

  it('keeps rejecting a duplicate between two kept files when another file changes', async () => {
    const dir = await emptyDir('quotedesk-kept-ids-');
    await put(dir, 'a.jsonl', ['story-1']);
    await put(dir, 'b.jsonl', ['story-1', 'story-2']);
    await put(dir, 'c.jsonl', ['story-3']);
    const first = await loadCorpus(dir);
    await put(dir, 'c.jsonl', ['story-3', 'story-4']);
    const reloaded = await reloadMatchesFirstLoad(dir, first);
    expect(reloaded.rejected).toEqual([{ file: 'b.jsonl', line: 1, reason: 'id "story-1" is already used by "a.jsonl" line 1; the first one is kept' }]);
  });

  it('gives what a first load gives over forty random edits, each reload keeping the files not touched', async () => {
    const dir = await emptyDir('quotedesk-kept-ids-');
    // A fixed sequence of pseudo-random edits: files and ids drawn from small pools, so copies collide often.
    let seed = 20261201;
    const next = (n: number): number => {
      seed = (seed * 48_271) % 2_147_483_647;
      return seed % n;
    };
    const files = ['a.jsonl', 'b.jsonl', 'c/d.jsonl', 'c/e.jsonl', 'f.jsonl'];
    await mkdir(path.join(dir, 'c'));
    await put(dir, 'a.jsonl', ['story-1']);
    let load = await loadCorpus(dir);
    let rejections = 0;
    for (let edit = 0; edit < 40; edit += 1) {
      const file = files[next(files.length)]!;
      if (next(4) === 0) await rm(path.join(dir, file), { force: true });
      else await put(dir, file, Array.from({ length: 1 + next(3) }, () => `story-${next(6)}`));
      load = await reloadMatchesFirstLoad(dir, load);
      rejections += load.rejected.length;
    }
    // The edits did make copies collide, so "first id wins" was exercised.
    expect(rejections).toBeGreaterThan(10);
  });
});
