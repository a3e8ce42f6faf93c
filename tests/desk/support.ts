import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach } from 'vitest';
import { createLogger, type Logger } from '../../src/ops/logger.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A private copy of the bundled corpus (or just the seed article) that a test may change freely. */
export async function copyOfCorpus(which: 'bundled' | 'seed' = 'bundled'): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'quotedesk-corpus-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  if (which === 'bundled') await cp(path.resolve('corpus'), dir, { recursive: true });
  else await cp(path.resolve('corpus/2024-11-08-putin-congratulates-trump.txt'), path.join(dir, '2024-11-08-putin-congratulates-trump.txt'));
  return dir;
}

export async function emptyDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** A logger whose lines the test can read back, parsed. */
export function capturingLogger(): { logger: Logger; lines: () => Array<Record<string, unknown>> } {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      chunks.push(String(chunk));
      callback();
    },
  });
  const logger = createLogger({ destination, level: 'debug' });
  return {
    logger,
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
