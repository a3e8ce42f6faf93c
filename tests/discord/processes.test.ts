import { execFile, spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyOfCorpus, emptyDir } from '../desk/support.js';
import { FakeDiscord, INTERACTION_PATHS } from '../support/fake-discord/index.js';

const run = promisify(execFile);
const TSX = path.resolve('node_modules/.bin/tsx');

/**
 * `npm run deploy-commands` and `npm start` as separate processes, configured only through the
 * environment, talking to the loopback Discord.
 */
let discord: FakeDiscord;
beforeEach(async () => {
  discord = await FakeDiscord.start({ heartbeatIntervalMs: 500, timeoutMs: 15_000 });
});
afterEach(async () => {
  await discord.close();
});

async function botEnv(extra: Record<string, string> = {}): Promise<NodeJS.ProcessEnv> {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DISCORD_TOKEN: discord.token,
    DISCORD_CLIENT_ID: discord.applicationId,
    DISCORD_GUILD_ID: discord.guildId,
    DISCORD_API_URL: discord.restUrl,
    CORPUS_DIR: await copyOfCorpus('seed'),
    CACHE_DIR: await emptyDir('quotedesk-cache-'),
    ...extra,
  };
}

describe('npm run deploy-commands', () => {
  it('registers exactly the seven commands for the guild', async () => {
    const { stdout } = await run(TSX, ['src/discord/deploy-commands.ts'], { env: await botEnv(), timeout: 60_000 });
    expect(discord.commands(discord.guildId).map((command) => command.name).sort()).toEqual(['Find this quote', 'ask', 'corpus', 'feeds', 'quote', 'reload', 'verify']);
    expect(stdout).toContain(`Registered 7 commands for server ${discord.guildId}`);
    expect(stdout).toContain('"Find this quote" (message menu)');
  });

  it('says what is missing instead of trying without a token', async () => {
    const env = await botEnv();
    delete env.DISCORD_TOKEN;
    const failure = await run(TSX, ['src/discord/deploy-commands.ts'], { env, timeout: 60_000 }).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 1, stderr: expect.stringContaining('DISCORD_TOKEN is missing') });
  });
});

describe('npm start', () => {
  it('answers, reloads on SIGHUP, then on SIGTERM finishes and exits 0, never logging the token', async () => {
    const env = await botEnv();
    // As `npm start` runs it: one node process, so signals reach the bot itself.
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/discord/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      await discord.waitForReady(30_000);
      const logged = (message: string) =>
        new Promise<void>((resolve, reject) => {
          const started = Date.now();
          const poll = setInterval(() => {
            if (output.includes(`"msg":"${message}"`)) resolve();
            else if (Date.now() - started > 30_000) reject(new Error(`the bot never logged "${message}":\n${output}`));
            else return;
            clearInterval(poll);
          }, 50);
        });
      await logged('bot ready');
      const exchange = await discord.runCommand({ name: 'ask', options: { question: 'What did Putin say about Ukraine?' } });
      expect(exchange.text).toContain('Ukrainian crisis');

      await writeFile(path.join(env.CORPUS_DIR!, 'blair.txt'), ' date 2005-02-01 "We will win this election," Tony Blair said.');
      child.kill('SIGHUP');
      await logged('reload finished');
      expect((await discord.runCommand({ name: 'ask', options: { question: 'what did Blair say' } })).text).toContain('We will win this election');

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(output).toContain('"msg":"bot stopped"');
      expect(output).not.toContain(discord.token);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('exits 0 on SIGTERM without waiting out Discord REST that does not answer', async () => {
    const env = await botEnv({ CORPUS_DIR: await copyOfCorpus() });
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/discord/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      await discord.waitForIdentifies(1, 30_000);
      const paged = await discord.runCommand({ name: 'quote', options: { speaker: 'Blair' } });
      expect(paged.buttons.length).toBeGreaterThan(0);
      const hung = discord.misbehave({ path: INTERACTION_PATHS.any, behaviour: { hang: true } });

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(output).toContain('"msg":"shutdown: Discord did not answer in time; buttons left in place"');
      expect(output).toContain('"msg":"bot stopped"');
      expect(hung.caught.map((request) => [request.method, request.status])).toEqual([['PATCH', 0]]);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('lives through op 9 right after RESUMED (discord.js 14.28.1 throws there) and identifies again', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/discord/main.ts'], { env: await botEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      await discord.waitForIdentifies(1, 30_000);
      discord.gateway.invalidateSessionAfterNextResume();
      await discord.dropConnection();
      await discord.waitForResume();
      await discord.waitForIdentifies(2, 30_000);
      expect((await discord.runCommand({ name: 'ask', options: { question: 'What did Putin say about Ukraine?' } })).text).toContain('Ukrainian crisis');
      // Whether discord.js's RESUMED handler runs before the op 9 clears the session depends on
      // the two frames' timing on a loaded machine; the in-process test in lifecycle-faults pins the
      // thrown error itself. Here: a real process lives on and answers either way.
      expect(child.exitCode).toBeNull();

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('stops when the process manager sends SIGTERM to npm itself, where /bin/sh is dash', async () => {
    // npm runs the script through /bin/sh; a process manager signals the process it started: npm.
    // Its own process group, so that whatever is left can be killed as a group afterwards.
    const npm = spawn('npm', ['start', '--silent'], { env: await botEnv(), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    npm.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    npm.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      await discord.waitForReady(30_000);
      const ready = await discord.runCommand({ name: 'ask', options: { question: 'What did Putin say about Ukraine?' } });
      expect(ready.text).toContain('Ukrainian crisis');

      process.kill(npm.pid!, 'SIGTERM');
      await discord.waitForDisconnect(15_000);
      await new Promise<void>((resolve) => (npm.exitCode !== null ? resolve() : npm.once('exit', () => resolve())));
      expect(output).toContain('"msg":"bot stopped"');
      expect(npm.exitCode).toBe(0);
    } finally {
      try {
        process.kill(-npm.pid!, 'SIGKILL');
      } catch {
        // the group is already gone
      }
    }
  });

  it('does not point to the terminal mode when that would fail too', async () => {
    const failure = await run(TSX, ['src/discord/main.ts'], { env: await botEnv({ DISCORD_TOKEN: 'client-secret-pasted-by-mistake', LOG_LEVEL: 'loud' }), timeout: 60_000 }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stderr: string }).stderr).toContain('LOG_LEVEL must be one of');
    expect((failure as { stderr: string }).stderr).not.toContain('npm run ask');
  });

  it('explains a malformed token and points to the terminal mode', async () => {
    const failure = await run(TSX, ['src/discord/main.ts'], { env: await botEnv({ DISCORD_TOKEN: 'client-secret-pasted-by-mistake' }), timeout: 60_000 }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stderr: string }).stderr).toContain('DISCORD_TOKEN does not look like a bot token');
    expect((failure as { stderr: string }).stderr).toContain('npm run ask');
    expect((failure as { stderr: string }).stderr).not.toContain('client-secret-pasted-by-mistake');
  });
});

describe('npm run ask', () => {
  it('answers with a malformed DISCORD_TOKEN in .env: the terminal mode does not read it', async () => {
    const cwd = await emptyDir('quotedesk-cwd-');
    const corpus = await copyOfCorpus('seed');
    await writeFile(path.join(cwd, '.env'), `DISCORD_TOKEN=client-secret-pasted-by-mistake\nDISCORD_CLIENT_ID=quotedesk\nCORPUS_DIR=${corpus}\nCACHE_DIR=${path.join(cwd, '.cache')}\n`);
    const { stdout } = await run(TSX, [path.resolve('src/terminal/main.ts'), 'What did Putin say about Ukraine?'], { cwd, env: { PATH: process.env.PATH, HOME: process.env.HOME }, timeout: 60_000 });
    expect(stdout).toContain('Ukrainian crisis');
  });
});
