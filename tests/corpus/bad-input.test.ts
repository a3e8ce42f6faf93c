import { symlink, unlink } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CorpusDirError, loadCorpus, readCorpusFiles } from '../../src/corpus/load.js';
import { walkCorpus } from '../../src/corpus/walk.js';
import { expectRejected, idsOf, makeTempCorpus, removeTempCorpus, sampleArticle, sampleLines, seedText } from './fixtures.js';

/** Issue 5's list of corpus inputs tried on purpose: each gets a clear reason and the good file beside it still loads. */
describe('bad corpus input', () => {
  let dir: string | undefined;
  afterEach(async () => {
    await removeTempCorpus(dir);
    dir = undefined;
  });

  const SEED_ID = 'seed';
  const withSeed = (files: Record<string, string | Uint8Array>) => makeTempCorpus({ 'seed.txt': seedText(), ...files });
  const expectSeedLoaded = (load: Awaited<ReturnType<typeof loadCorpus>>) => expect(idsOf(load)).toContain(SEED_ID);

  it('rejects an empty file', async () => {
    dir = await withSeed({ 'empty.txt': '' });
    const load = await loadCorpus(dir);
    expectRejected(load, 'empty.txt', undefined, /file is empty/);
    expectSeedLoaded(load);
  });

  it('rejects a file that holds only whitespace as having an empty body', async () => {
    dir = await withSeed({ 'blank.md': '\n\n   \n' });
    const load = await loadCorpus(dir);
    expectRejected(load, 'blank.md', undefined, /body is empty/);
    expectSeedLoaded(load);
  });

  it('rejects a binary file (NUL bytes) named like an article', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    dir = await withSeed({ 'photo.txt': png });
    const load = await loadCorpus(dir);
    expectRejected(load, 'photo.txt', undefined, /binary/);
    expectSeedLoaded(load);
  });

  it('rejects a binary file named .jsonl as a whole, not line by line', async () => {
    dir = await withSeed({ 'dump.jsonl': Buffer.concat([Buffer.from(sampleLines('sample-bbc.jsonl', 1)[0]!), Buffer.from([0, 1, 2, 10, 0, 0, 10])]) });
    const load = await loadCorpus(dir);
    expectRejected(load, 'dump.jsonl', undefined, /binary/);
    expect(load.rejected).toHaveLength(1);
    expectSeedLoaded(load);
  });

  it('rejects a file that is not valid UTF-8 (a BBC article saved as Latin-1)', async () => {
    const article = sampleArticle('sample-bbc.jsonl', 1); // "Ukraine revisits state sell-offs": has £ signs
    expect(article.body).toContain('£');
    dir = await withSeed({ 'latin1.txt': Buffer.from(` date 2005-01-10 ${article.body}`, 'latin1') });
    const load = await loadCorpus(dir);
    expectRejected(load, 'latin1.txt', undefined, /not valid UTF-8.*offset \d+/);
    expectSeedLoaded(load);
  });

  it('rejects only the JSON Lines line that is not valid UTF-8', async () => {
    const [first, second] = sampleLines('sample-bbc.jsonl', 2);
    const bad = Buffer.from(second!.replace('Ukraine', 'Ukr\u00e4ine'), 'latin1');
    dir = await withSeed({ 'bbc.jsonl': Buffer.concat([Buffer.from(`${first}\n`), bad, Buffer.from('\n')]) });
    const load = await loadCorpus(dir);
    expectRejected(load, 'bbc.jsonl', 2, /line is not valid UTF-8/);
    expect(idsOf(load)).toEqual(['bbc-business-091', SEED_ID]);
  });

  it('rejects a 50 MB one-article file by its size without loading it', async () => {
    const body = seedText().slice(' date 2024-11-08 '.length);
    const huge = ` date 2024-11-08 ${body.repeat(Math.ceil((50 * 1024 * 1024) / body.length))}`;
    dir = await withSeed({ 'huge.txt': huge });
    const load = await loadCorpus(dir);
    expectRejected(load, 'huge.txt', undefined, /file is 5\d MB, over the 8 MB limit for a one-article file/);
    expect(load.files.find((f) => f.file === 'huge.txt')?.bytes).toBeGreaterThanOrEqual(50 * 1024 * 1024);
    expectSeedLoaded(load);
  });

  it('rejects a 50 MB JSON Lines line by its size and still loads the lines around it', async () => {
    const [first, second] = sampleLines('sample-reuters21578.jsonl', 2);
    const article = JSON.parse(first!) as { body: string };
    const huge = JSON.stringify({ ...article, id: 'huge', body: article.body.repeat(Math.ceil((50 * 1024 * 1024) / article.body.length)) });
    dir = await withSeed({ 'reuters.jsonl': `${first}\n${huge}\n${second}\n` });
    const load = await loadCorpus(dir);
    expectRejected(load, 'reuters.jsonl', 2, /line is 5\d MB, over the 8 MB limit for one article/);
    expect(load.articles.filter((a) => a.origin.file === 'reuters.jsonl').map((a) => a.origin.line)).toEqual([1, 3]);
  });

  it('rejects an article body over the character limit even when the file is small enough', async () => {
    const article = sampleArticle('sample-bbc.jsonl', 0);
    const long = { ...article, id: 'long', body: article.body.repeat(Math.ceil(1_100_000 / article.body.length)) };
    dir = await withSeed({ 'long.jsonl': `${JSON.stringify(long)}\n` });
    const load = await loadCorpus(dir);
    expectRejected(load, 'long.jsonl', 1, /body is [\d,]+ characters, over the limit of 1,000,000/);
    expectSeedLoaded(load);
  });

  it('rejects one malformed JSON Lines line and loads the good lines before and after it', async () => {
    const lines = sampleLines('sample-bbc.jsonl', 3);
    const truncated = lines[1]!.slice(0, 80);
    dir = await makeTempCorpus({ 'bbc.jsonl': [lines[0], truncated, lines[2]].join('\n') });
    const load = await loadCorpus(dir);
    expectRejected(load, 'bbc.jsonl', 2, /is not valid JSON/);
    expect(load.articles.map((a) => a.origin.line)).toEqual([1, 3]);
  });

  it('rejects a later article whose id is already used in another file, naming the first file', async () => {
    const line = sampleLines('sample-bbc.jsonl', 1)[0]!;
    dir = await makeTempCorpus({ 'a.jsonl': `${line}\n`, 'b/copy.jsonl': `${line}\n` });
    const load = await loadCorpus(dir);
    expectRejected(load, 'b/copy.jsonl', 1, /id "bbc-business-091" is already used by "a.jsonl" line 1/);
    expect(load.articles.map((a) => a.origin.file)).toEqual(['a.jsonl']);
  });

  it('rejects a duplicate id between a plain-text file and a JSON Lines line, keeping the first path', async () => {
    const seedAsLine = JSON.stringify({ id: 'seed', title: null, date: '2024-11-08', source: null, url: null, body: 'A copy.' });
    dir = await withSeed({ 'z.jsonl': `${seedAsLine}\n` });
    const load = await loadCorpus(dir);
    expectRejected(load, 'z.jsonl', 1, /id "seed" is already used by "seed.txt"/);
    expect(load.articles.find((a) => a.id === SEED_ID)?.origin.file).toBe('seed.txt');
  });

  it('rejects a JSON Lines date that is not a real calendar date, in plain words', async () => {
    const article = sampleArticle('sample-reuters21578.jsonl', 0);
    dir = await withSeed({ 'reuters.jsonl': `${JSON.stringify({ ...article, date: '2024-13-45' })}\n` });
    const load = await loadCorpus(dir);
    expectRejected(load, 'reuters.jsonl', 1, /^date "2024-13-45" is not a real calendar date$/);
    expectSeedLoaded(load);
  });

  it('rejects a plain-text article dated 2024-13-45', async () => {
    dir = await withSeed({ 'bad-date.txt': seedText().replace('2024-11-08', '2024-13-45') });
    const load = await loadCorpus(dir);
    expectRejected(load, 'bad-date.txt', undefined, /date "2024-13-45" is not a real calendar date/);
    expectSeedLoaded(load);
  });

  it('reports a file with an unknown extension as an unsupported file type', async () => {
    dir = await withSeed({ 'article.docx': seedText() });
    const load = await loadCorpus(dir);
    expectRejected(load, 'article.docx', undefined, /unsupported file type "\.docx"/);
    expectSeedLoaded(load);
  });

  it('skips hidden files and folders silently', async () => {
    dir = await withSeed({ '.DS_Store': Buffer.from([0, 0, 0, 1]), '.git/HEAD': 'ref: refs/heads/main\n' });
    const load = await loadCorpus(dir);
    expect(load.rejected).toEqual([]);
    expect(load.files.map((f) => f.file)).toEqual(['seed.txt']);
  });

  it('reports a symbolic link back to an enclosing folder as a loop and walks everything else once', async () => {
    dir = await withSeed({ 'more/bbc.jsonl': `${sampleLines('sample-bbc.jsonl', 1)[0]}\n` });
    await symlink('..', path.join(dir, 'more', 'loop'));
    const load = await loadCorpus(dir);
    expectRejected(load, 'more/loop/', undefined, /symbolic link loop: it leads back to the corpus folder itself/);
    expect(idsOf(load)).toEqual(['bbc-business-091', SEED_ID]);
  });

  it('reads a folder reached through a second symbolic link only once', async () => {
    dir = await withSeed({ 'bbc/bbc.jsonl': `${sampleLines('sample-bbc.jsonl', 1)[0]}\n` });
    await symlink('bbc', path.join(dir, 'mirror'));
    const load = await loadCorpus(dir);
    expectRejected(load, 'mirror/', undefined, /is the same folder as "bbc\/", which is already read/);
    expect(idsOf(load)).toEqual(['bbc-business-091', SEED_ID]);
  });

  it('reports a symbolic link that points at itself', async () => {
    dir = await withSeed({});
    await symlink('self.txt', path.join(dir, 'self.txt'));
    const load = await loadCorpus(dir);
    expectRejected(load, 'self.txt', undefined, /symbolic link loop/);
    expectSeedLoaded(load);
  });

  it('reports a symbolic link to a missing file', async () => {
    dir = await withSeed({});
    await symlink('gone.txt', path.join(dir, 'dangling.txt'));
    const load = await loadCorpus(dir);
    expectRejected(load, 'dangling.txt', undefined, /symbolic link to something that does not exist/);
    expectSeedLoaded(load);
  });

  it('reports a file deleted between listing the folder and reading it', async () => {
    dir = await withSeed({ 'doomed.txt': seedText() });
    const walk = await walkCorpus(dir);
    await unlink(path.join(dir, 'doomed.txt'));
    const load = await readCorpusFiles(dir, walk);
    expectRejected(load, 'doomed.txt', undefined, /disappeared while the corpus was being read/);
    expect(idsOf(load)).toEqual([SEED_ID]);
  });

  it('throws CorpusDirError naming a corpus folder that does not exist', async () => {
    dir = await makeTempCorpus({});
    const missing = path.join(dir, 'no-such-corpus');
    await expect(loadCorpus(missing)).rejects.toThrow(CorpusDirError);
    await expect(loadCorpus(missing)).rejects.toThrow(`corpus folder "${missing}" does not exist`);
  });

  it('throws CorpusDirError when the corpus path is a file, not a folder', async () => {
    dir = await withSeed({});
    await expect(loadCorpus(path.join(dir, 'seed.txt'))).rejects.toThrow(/is not a folder/);
  });
});
