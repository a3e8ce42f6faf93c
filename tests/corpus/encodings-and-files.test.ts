import { execFileSync } from 'node:child_process';
import { unlink } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { IsoDateSchema } from '../../src/corpus/article.js';
import { loadCorpus, readCorpusFiles } from '../../src/corpus/load.js';
import { walkCorpus } from '../../src/corpus/walk.js';
import { hangFileThreads } from '../support/hung-disk.js';
import { expectRejected, idsOf, makeTempCorpus, removeTempCorpus, sampleLines, seedText } from './fixtures.js';

/** UTF-16 as Windows tools write "Unicode" text: a byte order mark, then two bytes a character. */
function utf16(text: string, order: 'le' | 'be'): Buffer {
  const le = Buffer.from(`\ufeff${text}`, 'utf16le');
  return order === 'le' ? le : le.swap16();
}

describe('files in other encodings and odd files', () => {
  let dir: string | undefined;
  afterEach(async () => {
    await removeTempCorpus(dir);
    dir = undefined;
  });

  it('reads a seed-format article saved as UTF-16 little-endian, with its byte order mark', async () => {
    dir = await makeTempCorpus({ 'seed.txt': utf16(seedText(), 'le') });
    const load = await loadCorpus(dir);
    expect(load.rejected).toEqual([]);
    expect(load.articles[0]?.body).toContain('Putin');
    expect(load.articles[0]?.date).toBe('2024-11-08');
  });

  it('reads a JSON Lines file saved as UTF-16 big-endian, line by line', async () => {
    const lines = sampleLines('sample-bbc.jsonl', 3);
    dir = await makeTempCorpus({ 'bbc.jsonl': utf16(`${lines.join('\r\n')}\r\n`, 'be') });
    const load = await loadCorpus(dir);
    expect(load.rejected).toEqual([]);
    expect(idsOf(load)).toEqual(lines.map((line) => (JSON.parse(line) as { id: string }).id));
  });

  it('still rejects a UTF-16 file whose bytes break off half way through a character', async () => {
    dir = await makeTempCorpus({ 'seed.txt': Buffer.concat([utf16(seedText(), 'le'), Buffer.from([0x41])]) });
    expectRejected(await loadCorpus(dir), 'seed.txt', undefined, /UTF-16LE byte order mark but is not valid UTF-16LE/);
  });

  it('accepts dates in the years 0000 to 0099 as the real calendar dates they are', () => {
    expect(IsoDateSchema.safeParse('0042-03-15').success).toBe(true);
    expect(IsoDateSchema.safeParse('0000-02-29').success).toBe(true); // year 0 is a leap year (proleptic Gregorian)
    expect(IsoDateSchema.safeParse('0099-02-29').success).toBe(false);
  });

  it.skipIf(process.platform === 'win32')('rejects a file that became a FIFO after the folder was listed, without waiting for a writer', async () => {
    dir = await makeTempCorpus({ 'seed.txt': seedText(), 'later.txt': seedText().replace('Putin', 'Medvedev') });
    const walk = await walkCorpus(dir);
    await unlink(path.join(dir, 'later.txt'));
    execFileSync('mkfifo', [path.join(dir, 'later.txt')]);
    const load = await readCorpusFiles(dir, walk, { readTimeoutMs: 60_000 });
    expectRejected(load, 'later.txt', undefined, /is not a regular file \(it became a pipe, socket or device after the folder was listed\)/);
    expect(idsOf(load)).toEqual(['seed']);
  });

  it.skipIf(process.platform === 'win32')('gives up on a file the disk does not answer for within the read timeout, instead of waiting for ever', async () => {
    dir = await makeTempCorpus({ 'seed.txt': seedText() });
    const walk = await walkCorpus(dir);
    const disk = hangFileThreads();
    try {
      const started = Date.now();
      const load = await readCorpusFiles(dir, walk, { readTimeoutMs: 300 });
      expect(Date.now() - started).toBeLessThan(5_000);
      expectRejected(load, 'seed.txt', undefined, /did not answer within 300 ms while opening it; not read/);
    } finally {
      await disk.release();
    }
  });
});
