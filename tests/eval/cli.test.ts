import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `npx tsx scripts/eval.ts ARGS` from the repository root, as `npm run eval -- ARGS` does. */
function runEval(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile('npx', ['tsx', 'scripts/eval.ts', ...args], { cwd: ROOT }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolve({ code, stdout, stderr });
    });
  });
}

const lastLine = (text: string): string => text.trimEnd().split('\n').at(-1) ?? '';
const ratio = expect.any(Number);
const prf = expect.objectContaining({ precision: ratio, recall: ratio, f1: ratio });

describe('npm run eval', () => {
  it('prints the scores as one JSON object on the last stdout line with --json', async () => {
    const run = await runEval(['--gold', 'tests/eval/fixtures/seed.jsonl', '--json', '--timing-ms', '50']);
    expect(run.code).toBe(0);
    const summary: unknown = JSON.parse(lastLine(run.stdout));
    expect(summary).toEqual(
      expect.objectContaining({
        articles: 1,
        direct: prf,
        directOverlap: prf,
        speakerAccuracy: ratio,
        reported: prf,
        articlesPerSecond: ratio,
      }),
    );
    expect(run.stdout).toMatch(/^directOverlap\s+\d\.\d{3}/m);
  });

  it('reports malformed gold lines on stderr by line number and scores the rest', async () => {
    const run = await runEval(['--gold', 'tests/eval/fixtures/seed-with-malformed-lines.jsonl', '--json', '--timing-ms', '0']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/seed-with-malformed-lines\.jsonl:2: skipped: not valid JSON/);
    expect(run.stderr).toMatch(/seed-with-malformed-lines\.jsonl:3: skipped: quotes\.0:/);
    expect(JSON.parse(lastLine(run.stdout))).toMatchObject({ articles: 1, malformedLines: 2 });
  });

  it('lists misses, false positives and speakers per article with --errors', async () => {
    const run = await runEval(['--gold', 'tests/eval/fixtures/seed.jsonl', '--errors', '--timing-ms', '0']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^errors: \d+ missed direct, \d+ spurious direct, \d+ boundary, \d+ wrong speaker/m);
  });

  it('exits with code 2 and one line of explanation when --gold is missing', async () => {
    const run = await runEval(['--json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^eval: --gold FILE\.jsonl is required/m);
    expect(run.stdout).toBe('');
  });

  it('exits with code 2 when the gold file cannot be read', async () => {
    const run = await runEval(['--gold', 'tests/eval/fixtures/no-such-file.jsonl']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^eval: cannot read gold file tests\/eval\/fixtures\/no-such-file\.jsonl: ENOENT$/m);
  });
});
