import { execFile } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { copyOfCorpus, emptyDir } from '../desk/support.js';

const run = promisify(execFile);
const TSX = path.resolve('node_modules/.bin/tsx');

/** Runs `npm run ask` as a user would (minus npm), with no Discord variables and a private cache. */
async function ask(args: string[], options: { input?: string; corpus?: string; env?: Record<string, string>; command?: string[] } = {}) {
  const cacheDir = await emptyDir('quotedesk-cache-');
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, CACHE_DIR: cacheDir, ...(options.corpus ? { CORPUS_DIR: options.corpus } : {}), ...options.env };
  const [program, ...programArgs] = options.command ?? [TSX, 'src/terminal/main.ts'];
  const child = run(program!, [...programArgs, ...args], { env, timeout: 60_000 });
  if (options.input !== undefined) {
    child.child.stdin!.end(options.input);
  }
  return child.then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

describe('npm run ask (terminal mode)', () => {
  it('answers the seed question from the bundled corpus with no token and no network', async () => {
    const { code, stdout } = await ask(['What did Putin say about Ukraine?']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\d+ quotes? from Vladimir Putin about "Ukraine"\./);
    expect(stdout).toContain('1. Vladimir Putin: “What was said about the desire to restore relations with Russia');
    expect(stdout).toContain('(2024-11-08)');
  });

  it('prints the whole answer as JSON with --json', async () => {
    const { stdout } = await ask(['--json', 'what did Putin say about Trump']);
    const answer = JSON.parse(stdout) as { status: string; snippets: Array<{ speaker: string }> };
    expect(answer.status).toBe('answered');
    expect(answer.snippets.every((snippet) => snippet.speaker === 'Vladimir Putin')).toBe(true);
  });

  it('answers questions typed at the prompt until an empty line', async () => {
    const { code, stdout } = await ask([], { input: 'what did Putin say about Ukraine\nwhat did Pootin say\n\n' });
    expect(code).toBe(0);
    expect(stdout).toContain('What was said about the desire');
    expect(stdout).toContain('Did you mean Vladimir Putin?');
  });

  it('reports a broken file by name on stderr and answers from the rest', async () => {
    const corpus = await copyOfCorpus('seed');
    await writeFile(path.join(corpus, 'broken.jsonl'), '{"id": "x", "body": ');
    const { code, stdout, stderr } = await ask(['--corpus', corpus, 'What did Putin say about Ukraine?']);
    expect(code).toBe(0);
    expect(stderr).toMatch(/skipped broken\.jsonl:1: /);
    expect(stdout).toContain('What was said about the desire');
  });

  it('prints every match with --all, with no "… and N more"', async () => {
    const { stdout } = await ask(['--all', 'what did Howard say']);
    const count = Number(/^(\d+) quotes from Michael Howard/.exec(stdout)![1]);
    expect(count).toBeGreaterThan(10);
    expect(stdout).toContain(`\n${count}. Michael Howard: `);
    expect(stdout).not.toContain('more.');
  });

  it('puts every match in --json', async () => {
    const answer = JSON.parse((await ask(['--json', 'what did Howard say'])).stdout) as { totalMatches: number; snippets: unknown[] };
    expect(answer.snippets.length).toBe(answer.totalMatches);
  });

  it('takes --corpus back when npm swallowed it (npm run ask --corpus DIR without --), and says so', async () => {
    const corpus = await copyOfCorpus('seed');
    const { code, stdout, stderr } = await ask([corpus, 'what did Putin say about Ukraine'], { env: { npm_lifecycle_event: 'ask', npm_config_corpus: 'true' } });
    expect(code).toBe(0);
    expect(stderr).toContain('npm took --corpus');
    expect(stdout).toMatch(/^\d+ quotes? from Vladimir Putin about "Ukraine"/);
  });

  it('runs as "quotedesk ask" through the package bin, with options before the question', async () => {
    const { code, stdout } = await ask(['ask', '--json', 'Putin'], { command: [process.execPath, 'bin/quotedesk.mjs'] });
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as { interpretation: { speakers: string[] } }).interpretation.speakers).toEqual(['Vladimir Putin']);
  });

  it('answers every example --help shows with quotes', async () => {
    const { stdout } = await ask(['--help']);
    const examples = [...stdout.slice(stdout.indexOf('Examples:')).matchAll(/^ {2}npm run ask -- (["'])(.+)\1$/gm)].map((match) => match[2]!);
    expect(examples.length).toBeGreaterThanOrEqual(4);
    const { stdout: answers } = await ask([], { input: `${examples.join('\n')}\n\n` });
    const firstLines = answers.split('\n').filter((line) => /^(?:> )*(?:\d+ quotes?|No quote|I couldn't|")/.test(line));
    expect(firstLines).toHaveLength(examples.length);
    expect(firstLines.filter((line) => !/^(?:> )*\d+ quotes?/.test(line))).toEqual([]);
  });

  it('summarises 100,000 bad lines in a few stderr lines and writes the whole list to the cache folder', async () => {
    const corpus = await copyOfCorpus('seed');
    await writeFile(path.join(corpus, 'garbage.jsonl'), 'not json\n'.repeat(100_000));
    const cacheDir = await emptyDir('quotedesk-cache-');
    const { code, stdout, stderr } = await ask(['--corpus', corpus, 'What did Putin say about Ukraine?'], { env: { CACHE_DIR: cacheDir } });
    expect(code).toBe(0);
    expect(stdout).toContain('What was said about the desire');
    const [listName] = (await readdir(cacheDir)).filter((name) => name.startsWith('rejected-'));
    const listFile = path.join(cacheDir, listName!);
    expect(stderr).toContain(`100,000 file(s) or line(s) were not loaded; the whole list is in ${listFile}`);
    expect(stderr).toMatch(/skipped garbage\.jsonl:1: /);
    expect(stderr).toContain('… and 99,997 more like these');
    expect(stderr.trimEnd().split('\n').filter((line) => !line.startsWith('Loading the corpus')).length).toBeLessThan(10);
    expect((await readFile(listFile, 'utf8')).trimEnd().split('\n')).toHaveLength(100_001);
  }, 60_000);

  it('shows a progress line with articles read and quotes found while a long load runs', async () => {
    const corpus = await emptyDir('quotedesk-big-');
    // Eight copies of the bundled JSON Lines (800 articles, ids made unique): a load of several seconds.
    for (const name of ['sample-bbc.jsonl', 'sample-reuters21578.jsonl']) {
      const text = await readFile(path.join('corpus', name), 'utf8');
      for (let copy = 1; copy <= 8; copy++) await writeFile(path.join(corpus, `copy${copy}-${name}`), text.replace(/"id": "/g, `"id": "copy${copy}-`));
    }
    const { code, stderr } = await ask(['--no-cache', '--corpus', corpus, 'What did Putin say about Ukraine?']);
    expect(code).toBe(0);
    // stderr is a pipe here, so the line is printed whole (a terminal has it rewritten in place).
    expect(stderr).toMatch(/^Loading the corpus: /m);
    expect(stderr).toMatch(/Loading the corpus: (?:reading files: \d+ of 16|[\d,]+ articles read, [\d,]+ quotes found)/);
  }, 60_000);

  it('says clearly when the corpus folder does not exist', async () => {
    const { code, stderr } = await ask(['--corpus', '/nonexistent/quotedesk', 'anything']);
    expect(code).toBe(1);
    expect(stderr).toContain('/nonexistent/quotedesk');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('names a malformed environment variable in one line', async () => {
    const { code, stderr } = await run(TSX, ['src/terminal/main.ts', 'x'], { env: { PATH: process.env.PATH, LOG_LEVEL: 'loud' } }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(code).toBe(1);
    expect(stderr).toContain('LOG_LEVEL must be one of');
  });
});
