import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.js';
import { makeTempCorpus, removeTempCorpus, sampleLines, seedText } from './fixtures.js';

describe('corpus fingerprint', () => {
  let dir: string | undefined;
  afterEach(async () => {
    await removeTempCorpus(dir);
    dir = undefined;
  });
  const corpus = () => makeTempCorpus({ 'seed.txt': seedText(), 'bbc.jsonl': `${sampleLines('sample-bbc.jsonl', 3).join('\n')}\n` });

  it('is the same for two loads of an unchanged folder', async () => {
    dir = await corpus();
    expect((await loadCorpus(dir)).fingerprint).toBe((await loadCorpus(dir)).fingerprint);
  });

  it('is the same for two folders holding the same files at the same paths', async () => {
    dir = await corpus();
    const twin = await corpus();
    try {
      expect((await loadCorpus(twin)).fingerprint).toBe((await loadCorpus(dir)).fingerprint);
    } finally {
      await removeTempCorpus(twin);
    }
  });

  it('changes when one character of one article changes', async () => {
    dir = await corpus();
    const before = await loadCorpus(dir);
    await writeFile(path.join(dir, 'seed.txt'), seedText().replace('real man', 'real men'));
    expect((await loadCorpus(dir)).fingerprint).not.toBe(before.fingerprint);
  });

  it('changes when a file is renamed', async () => {
    dir = await corpus();
    const before = await loadCorpus(dir);
    await rename(path.join(dir, 'seed.txt'), path.join(dir, 'seed-renamed.txt'));
    expect((await loadCorpus(dir)).fingerprint).not.toBe(before.fingerprint);
  });

  it('changes when a bad file is added, since the reload report changes with it', async () => {
    dir = await corpus();
    const before = await loadCorpus(dir);
    await writeFile(path.join(dir, 'empty.txt'), '');
    expect((await loadCorpus(dir)).fingerprint).not.toBe(before.fingerprint);
  });

  it('gives each file the sha256 of its bytes', async () => {
    dir = await corpus();
    const { createHash } = await import('node:crypto');
    const load = await loadCorpus(dir);
    const seed = load.files.find((f) => f.file === 'seed.txt');
    expect(seed?.sha256).toBe(createHash('sha256').update(seedText()).digest('hex'));
    expect(seed?.bytes).toBe(Buffer.byteLength(seedText()));
  });
});
