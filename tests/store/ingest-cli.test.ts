import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { copyOfCorpus } from '../desk/support.js';
import { freshDatabase } from '../support/postgres/database.js';

const run = promisify(execFile);
const TSX = path.resolve('node_modules/.bin/tsx');

describe('npm run ingest', () => {
  it('writes the corpus folder to DATABASE_URL and says what it wrote', async () => {
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: await freshDatabase('cli'), CORPUS_DIR: await copyOfCorpus('seed'), LOG_LEVEL: 'silent' };
    const { stdout } = await run(TSX, ['scripts/ingest.ts'], { env, timeout: 60_000 });
    expect(stdout).toMatch(/^Wrote corpus version \S+: 1 articles, \d+ quotes, \d+ speakers \(1 added, 0 changed, 0 removed, 0 rejected\)/);
  });

  it('says what is missing without DATABASE_URL', async () => {
    const failure = await run(TSX, ['scripts/ingest.ts'], { env: { PATH: process.env.PATH, HOME: process.env.HOME }, timeout: 60_000 }).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 2, stderr: expect.stringContaining('DATABASE_URL is missing') });
  });
});
