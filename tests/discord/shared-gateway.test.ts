import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingestCorpus } from '../../src/stores/postgres/ingest.js';
import { copyOfCorpus } from '../desk/support.js';
import { FakeDiscord, MODERATOR_PERMISSIONS } from '../support/fake-discord/index.js';
import { freshDatabase } from '../support/postgres/database.js';

/** The gateway bot with DATABASE_URL: answers from PostgreSQL, alone or as shards under discord.js's ShardingManager. */
let discord: FakeDiscord;
let url: string;
let corpusDir: string;
const children: ChildProcess[] = [];
beforeEach(async () => {
  discord = await FakeDiscord.start({ heartbeatIntervalMs: 500, timeoutMs: 20_000 });
  url = await freshDatabase('gateway');
  corpusDir = await copyOfCorpus('seed');
  expect((await ingestCorpus({ url, corpusDir })).status).toBe('reloaded');
});
afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  await discord.close();
});

function start(script: string, extra: Record<string, string> = {}): { child: ChildProcess; output: () => string; logged: (message: string) => Promise<void> } {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DISCORD_TOKEN: discord.token,
      DISCORD_CLIENT_ID: discord.applicationId,
      DISCORD_GUILD_ID: discord.guildId,
      DISCORD_API_URL: discord.restUrl,
      DATABASE_URL: url,
      CORPUS_DIR: corpusDir,
      ...extra,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const logged = (message: string): Promise<void> =>
    new Promise((resolve, reject) => {
      const started = Date.now();
      const poll = setInterval(() => {
        if (output.includes(`"msg":"${message}"`)) resolve();
        else if (Date.now() - started > 40_000) reject(new Error(`never logged "${message}":\n${output}`));
        else return;
        clearInterval(poll);
      }, 50);
    });
  return { child, output: () => output, logged };
}

describe('the gateway bot over PostgreSQL', () => {
  it('answers from the database and reloads as the writer, never logging the password', async () => {
    const bot = start('src/discord/main.ts');
    await bot.logged('bot ready');
    expect(bot.output()).toContain('"msg":"serving corpus version from PostgreSQL"');
    const exchange = await discord.runCommand({ name: 'ask', options: { question: 'What did Putin say about Ukraine?' } });
    expect(exchange.text).toContain('Ukrainian crisis');
    await writeFile(path.join(corpusDir, 'blair.txt'), ' date 2005-02-01 "We will win this election," Tony Blair said.');
    const reload = await discord.runCommand({ name: 'reload', memberPermissions: MODERATOR_PERMISSIONS }, { until: (e) => e.text.includes('blair') });
    expect(reload.text).toContain('blair');
    expect((await discord.runCommand({ name: 'ask', options: { question: 'what did Blair say' } })).text).toContain('We will win this election');
    expect(bot.output()).not.toContain(new URL(url).password);
  }, 90_000);

  it('turns the pages of an answer given by a process that has since been killed', async () => {
    const first = start('src/discord/main.ts');
    await first.logged('bot ready');
    const asked = await discord.runCommand({ name: 'ask', options: { question: 'what has Putin said' }, user: discord.world.alice });
    expect(asked.message?.embeds?.[0]?.footer?.text).toMatch(/^Page 1 of [2-9]/);
    const killed = new Promise((resolve) => first.child.once('exit', resolve));
    first.child.kill('SIGKILL');
    await killed;
    const second = start('src/discord/main.ts');
    await second.logged('bot ready');
    const next = await discord.clickButton({ message: asked.message!, label: 'Next', user: discord.world.alice });
    expect(next.message?.embeds?.[0]?.footer?.text).toMatch(/^Page 2 of [2-9]/);
    const stranger = await discord.clickButton({ message: next.message!, label: 'Previous', user: discord.world.bob });
    expect(stranger.message?.content).toContain('Only the person who asked can turn these pages');
  }, 120_000);

  it('runs as shards under the ShardingManager, each identifying as its own shard, and stops on SIGTERM', async () => {
    const sharded = start('src/discord/sharded-main.ts', { SHARD_COUNT: '2', SHARD_SPAWN_DELAY_MS: '0' });
    await sharded.logged('all shards ready');
    expect(discord.gateway.identifies.map((identify) => identify.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect((await discord.runCommand({ name: 'ask', options: { question: 'What did Putin say about Ukraine?' } })).text).toContain('Ukrainian crisis');
    const exited = new Promise<number | null>((resolve) => sharded.child.once('exit', (code) => resolve(code)));
    sharded.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(sharded.output()).toContain('"msg":"all shards stopped"');
  }, 120_000);
});
