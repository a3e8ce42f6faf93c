import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { REST, Routes } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commandDefinitions } from '../../src/discord/command-registry.js';
import { ingestCorpus } from '../../src/stores/postgres/ingest.js';
import { copyOfCorpus } from '../desk/support.js';
import { FakeDiscord, MODERATOR_PERMISSIONS } from '../support/fake-discord/index.js';
import { InteractionSigner } from '../support/http-interactions.js';
import { freshDatabase } from '../support/postgres/database.js';

/**
 * `npm run start:http` replicas as separate processes over one PostgreSQL, behind a load balancer
 * the test plays (it tries the next replica when one refuses or drops the connection).
 */
let discord: FakeDiscord;
let corpusDir: string;
let url: string;
const signer = new InteractionSigner();
const children: ChildProcess[] = [];

beforeEach(async () => {
  discord = await FakeDiscord.start({ timeoutMs: 20_000 });
  await new REST({ api: discord.restUrl }).setToken(discord.token).put(Routes.applicationGuildCommands(discord.applicationId, discord.guildId), { body: commandDefinitions() });
  url = await freshDatabase('replicas');
  corpusDir = await copyOfCorpus('seed');
  expect((await ingestCorpus({ url, corpusDir })).status).toBe('reloaded');
});
afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  await discord.close();
});

/** Starts one replica and resolves with its endpoint once it logs that it listens. */
async function replica(): Promise<{ endpoint: string; child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/discord/http-main.ts'], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATABASE_URL: url,
      DISCORD_PUBLIC_KEY: signer.publicKeyHex,
      DISCORD_CLIENT_ID: discord.applicationId,
      DISCORD_API_URL: discord.restUrl,
      INTERACTIONS_PORT: '0',
      INTERACTIONS_HOST: '127.0.0.1',
      CORPUS_DIR: corpusDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`replica did not start:\n${output}`)), 30_000);
    const poll = setInterval(() => {
      const line = output.split('\n').find((candidate) => candidate.includes('"msg":"interactions endpoint listening"'));
      if (!line) return;
      clearInterval(poll);
      clearTimeout(timer);
      resolve((JSON.parse(line) as { port: number }).port);
    }, 50);
    child.once('exit', () => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`replica exited:\n${output}`));
    });
  });
  return { endpoint: `http://127.0.0.1:${port}/interactions`, child, output: () => output };
}

const ask = (question: string) => discord.prepareCommand({ name: 'ask', options: { question } });

describe('replicas over one PostgreSQL', () => {
  it('both answer', async () => {
    const [a, b] = await Promise.all([replica(), replica()]);
    for (const endpoint of [a.endpoint, b.endpoint]) {
      const exchange = await signer.deliver(discord, ask('What did Putin say about Ukraine?'), [endpoint]);
      expect(exchange.text).toContain('Ukrainian crisis');
    }
  });

  it('serve a reload run on one of them from both', async () => {
    const [a, b] = await Promise.all([replica(), replica()]);
    await writeFile(path.join(corpusDir, 'blair.txt'), ' date 2005-02-01 "We will win this election," Tony Blair said.');
    const reload = await signer.deliver(discord, discord.prepareCommand({ name: 'reload', memberPermissions: MODERATOR_PERMISSIONS }), [a.endpoint]);
    await reload.waitFor((e) => e.text.includes('blair'), 20_000);
    for (const endpoint of [a.endpoint, b.endpoint]) {
      // B switches when it hears the NOTIFY: give it a moment, bounded.
      let text = '';
      for (let attempt = 0; attempt < 40 && !text.includes('We will win this election'); attempt += 1) {
        text = (await signer.deliver(discord, ask('what did Blair say'), [endpoint])).text;
        if (!text.includes('We will win this election')) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(text).toContain('We will win this election');
    }
  });

  it('refuse /reload to members without Manage Server', async () => {
    const { endpoint } = await replica();
    const refused = await signer.deliver(discord, discord.prepareCommand({ name: 'reload' }), [endpoint]);
    expect(refused.ephemeral).toBe(true);
    expect(refused.text).toContain('Manage Server');
  });

  it('answer every one of 200 questions when one replica is killed in the middle of them', async () => {
    const replicas = await Promise.all([replica(), replica()]);
    const questions = ['What did Putin say about Ukraine?', 'what did Putin say about Trump', 'Putin on relations with Russia', 'what has Putin said'];
    const exchanges: Array<ReturnType<typeof ask>> = [];
    let next = 0;
    const lane = async (laneNumber: number): Promise<void> => {
      while (next < 200) {
        const i = next++;
        // Sent by Discord now: its 3 s clock starts here.
        exchanges[i] = ask(questions[i % questions.length]!);
        if (i === 80) replicas[0]!.child.kill('SIGKILL');
        // Round robin, falling over to the other replica as a load balancer does.
        const order = (i + laneNumber) % 2 === 0 ? [replicas[0]!.endpoint, replicas[1]!.endpoint] : [replicas[1]!.endpoint, replicas[0]!.endpoint];
        await signer.deliver(discord, exchanges[i]!, order);
      }
    };
    await Promise.all([0, 1, 2, 3].map(lane));
    expect(replicas[0]!.child.signalCode).toBe('SIGKILL');
    expect(exchanges).toHaveLength(200);
    for (const exchange of exchanges) {
      expect(exchange.answered, exchange.describe()).toBe(true);
      expect(exchange.text).toMatch(/Putin/);
      expect(exchange.rejectedUnlessRaced).toEqual([]);
    }
  }, 120_000);

  it('turn pages on one replica that another answered', async () => {
    const [a, b] = await Promise.all([replica(), replica()]);
    const asked = await signer.deliver(discord, ask('what has Putin said'), [a.endpoint]);
    expect(asked.message?.components?.length).toBe(1);
    const next = await signer.deliver(discord, discord.prepareButtonClick({ message: asked.message!, label: 'Next' }), [b.endpoint]);
    expect(JSON.stringify(next.callback)).toContain('Page 2 of');
  });

  it('stop on SIGTERM after finishing what is in flight, exiting 0', async () => {
    const { child, output } = await replica();
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output()).toContain('"msg":"interactions endpoint stopped"');
  });
});
