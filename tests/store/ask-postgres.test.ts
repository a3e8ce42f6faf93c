import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestCorpus } from '../../src/stores/postgres/ingest.js';
import { emptyDir } from '../desk/support.js';
import { freshDatabase } from '../support/postgres/database.js';

const run = promisify(execFile);
const TSX = path.resolve('node_modules/.bin/tsx');

/** Runs `npm run ask` as a user would (minus npm), with a private cache and the given environment. */
async function ask(args: string[], env: Record<string, string>, input?: string) {
  const cacheDir = await emptyDir('quotedesk-cache-');
  const child = run(TSX, ['src/terminal/main.ts', ...args], { env: { PATH: process.env.PATH, HOME: process.env.HOME, CACHE_DIR: cacheDir, ...env }, timeout: 60_000 });
  if (input !== undefined) child.child.stdin!.end(input);
  return child.then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

describe('npm run ask with DATABASE_URL', () => {
  let url: string;
  beforeAll(async () => {
    url = await freshDatabase('ask');
    expect((await ingestCorpus({ url, corpusDir: path.resolve('corpus') })).status).toBe('reloaded');
  }, 120_000);

  it.each(['What did Putin say about Ukraine?', 'oil prices'])('answers "%s" from PostgreSQL as from the corpus folder', async (question) => {
    const [fromPostgres, fromFolder] = await Promise.all([ask([question], { DATABASE_URL: url }), ask([question], {})]);
    expect(fromPostgres.code, fromPostgres.stderr).toBe(0);
    expect(fromPostgres.stdout).toMatch(/\d+ quotes? /);
    expect(fromPostgres.stdout).toBe(fromFolder.stdout);
  });

  it('answers at the prompt, saying how large the stored corpus is', async () => {
    const { code, stdout } = await ask([], { DATABASE_URL: url }, 'What did Putin say about Ukraine?\n\n');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Quotedesk: \d+ articles, \d+ quotes, \d+ speakers\./);
    expect(stdout).toContain('Vladimir Putin');
  });

  it('says to run npm run ingest when the database holds no corpus yet', async () => {
    const { code, stderr } = await ask(['What did Putin say about Ukraine?'], { DATABASE_URL: await freshDatabase('ask_empty') });
    expect(code).toBe(1);
    expect(stderr).toContain('npm run ingest');
    expect(stderr).not.toContain('    at ');
  });

  it('refuses --verify, which reads the corpus files, instead of checking against nothing', async () => {
    const { code, stderr } = await ask(['--verify', 'this deserves attention at least'], { DATABASE_URL: url });
    expect(code).toBe(2);
    expect(stderr).toMatch(/unset DATABASE_URL/);
  });
});
