import { readFileSync } from 'node:fs';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { formatRejection, type CorpusLoad, type Rejection } from '../../src/corpus/load.js';

/** The corpus folder bundled with the repository: the seed article and the two 50-article samples. */
export const BUNDLED_CORPUS = fileURLToPath(new URL('../../corpus/', import.meta.url));
export const SEED_FILE = '2024-11-08-putin-congratulates-trump.txt';

/** The seed article's bytes as shipped (leading space, no trailing newline handling). */
export const seedText = (): string => readFileSync(path.join(BUNDLED_CORPUS, SEED_FILE), 'utf8');

/** The first `count` lines of a bundled JSON Lines sample, each one real article. */
export function sampleLines(sample: 'sample-bbc.jsonl' | 'sample-reuters21578.jsonl', count: number): string[] {
  return readFileSync(path.join(BUNDLED_CORPUS, sample), 'utf8').split('\n').filter(Boolean).slice(0, count);
}

/** One sample article parsed, for building other formats out of real text. */
export function sampleArticle(sample: 'sample-bbc.jsonl' | 'sample-reuters21578.jsonl', index: number) {
  const line = sampleLines(sample, index + 1)[index];
  if (line === undefined) throw new Error(`${sample} has no article ${index}`);
  return JSON.parse(line) as { id: string; title: string; date: string | null; source: string; url: null; body: string };
}

/**
 * A fresh folder under the OS temp dir holding `files` (relative path → content); nested folders
 * are created. Returns its path; remove it with {@link removeTempCorpus}.
 */
export async function makeTempCorpus(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'quotedesk-corpus-'));
  for (const [relative, content] of Object.entries(files)) {
    const target = path.join(dir, relative);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }
  return dir;
}

export async function removeTempCorpus(dir: string | undefined): Promise<void> {
  if (dir) await rm(dir, { recursive: true, force: true });
}

/**
 * Asserts that `file` (and `line`) was rejected with a reason matching `reason`, and that the
 * one-line message a moderator sees names the path and line. Returns the rejection.
 */
export function expectRejected(load: CorpusLoad, file: string, line: number | undefined, reason: RegExp): Rejection {
  const matches = load.rejected.filter((r) => r.file === file && r.line === line);
  expect(matches, `rejections were: ${JSON.stringify(load.rejected)}`).toHaveLength(1);
  const rejection = matches[0]!;
  expect(rejection.reason).toMatch(reason);
  expect(formatRejection(rejection).startsWith(line === undefined ? `${file}: ` : `${file}:${line}: `)).toBe(true);
  return rejection;
}

/** Ids of the loaded articles, in load order. */
export const idsOf = (load: CorpusLoad): string[] => load.articles.map((a) => a.id);
