import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Verification } from '../../src/answer/verify.js';
import { emptyDir } from '../desk/support.js';

const run = promisify(execFile);
const TSX = path.resolve('node_modules/.bin/tsx');

/** Runs `npm run ask -- --verify …` as a user would (minus npm), with no Discord variables and a private cache. */
async function verify(args: string[]) {
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, CACHE_DIR: await emptyDir('quotedesk-cache-') };
  const { stdout } = await run(TSX, ['src/terminal/main.ts', '--verify', ...args], { env, timeout: 60_000 });
  return stdout;
}

describe('npm run ask -- --verify (terminal mode)', () => {
  it('checks a claimed quote against the bundled corpus and marks the differences', async () => {
    const stdout = await verify(['the ball is in Washington’s court']);
    expect(stdout).toMatch(/^Not word for word: the closest quote in the corpus has a few words different\./);
    expect(stdout).toContain('1. nearly exact, Vladimir Putin (reported speech): “… the ball [-is-] {+was+} in Washington\'s court”');
  });

  it('prints the whole check as JSON with --json', async () => {
    const verification = JSON.parse(await verify(['--json', 'this deserves attention at least'])) as Verification;
    expect(verification.status).toBe('found');
    expect(verification.matches[0]).toMatchObject({ match: 'exact', speaker: 'Vladimir Putin' });
  });
});
