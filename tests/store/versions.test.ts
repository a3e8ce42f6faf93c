import { writeFile, rm, readdir } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ingestCorpus } from '../../src/stores/postgres/ingest.js';
import { PostgresQuoteStore } from '../../src/stores/postgres/postgres-store.js';
import type { ReaderVersion } from '../../src/stores/postgres/reader-version.js';
import { copyOfCorpus } from '../desk/support.js';
import { freshDatabase } from '../support/postgres/database.js';

/** One writer, many readers: each reader is a separate connection set, as a separate bot process would have. */
let url: string;
let corpusDir: string;
const open: PostgresQuoteStore[] = [];
beforeEach(async () => {
  url = await freshDatabase('versions');
  corpusDir = await copyOfCorpus('seed');
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((store) => store.close()));
});

async function reader(): Promise<PostgresQuoteStore> {
  const store = await PostgresQuoteStore.open({ url });
  open.push(store);
  return store;
}

function nextSwitch(store: PostgresQuoteStore): Promise<ReaderVersion> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no switch within 10 s')), 10_000);
    const stop = store.onSwitch((version) => {
      clearTimeout(timer);
      stop();
      resolve(version);
    });
  });
}

const BLAIR = ' date 2005-02-01 "We will win this election," Tony Blair said.';

describe('corpus versions in PostgreSQL', () => {
  it('refuse to start a reader before any corpus was ingested, saying what to run', async () => {
    await expect(PostgresQuoteStore.open({ url })).rejects.toThrow(/npm run ingest/);
  });

  it('switch every reader to a new version when the writer announces it', async () => {
    await ingestCorpus({ url, corpusDir });
    const [first, second] = [await reader(), await reader()];
    expect((await first.ask({ question: 'what did Blair say' })).status).toBe('unknown-speaker');
    await writeFile(path.join(corpusDir, 'blair.txt'), BLAIR);
    const switched = Promise.all([nextSwitch(first), nextSwitch(second)]);
    const result = await ingestCorpus({ url, corpusDir });
    expect(result).toMatchObject({ status: 'reloaded', report: { added: ['blair'] } });
    const [a, b] = await switched;
    expect(a.id).toBe(b.id);
    for (const store of [first, second]) {
      const answer = await store.ask({ question: 'what did Blair say' });
      expect(answer.snippets[0]?.text).toBe('We will win this election');
      expect(answer.corpusVersion).toBe(a.id);
    }
  });

  it('finish an answer begun before a switch on the version it began with', async () => {
    await writeFile(path.join(corpusDir, 'blair.txt'), BLAIR);
    await ingestCorpus({ url, corpusDir });
    const store = await reader();
    const before = store.versionId;
    // The answer's first statements are held until the writer has written a new version and this
    // reader has switched to it: the statements that follow them are sent after the switch.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let holding = true;
    const held: unknown[] = [];
    const pool = store.database;
    const send = pool.query.bind(pool) as (...args: unknown[]) => Promise<unknown>;
    vi.spyOn(pool, 'query').mockImplementation(((...args: unknown[]) => {
      if (!holding) return send(...args);
      held.push(args[0]);
      return released.then(() => send(...args));
    }) as never);
    const answering = store.ask({ question: 'what did Blair say about the election' });
    expect(held.length).toBeGreaterThan(0);
    holding = false;
    await writeFile(path.join(corpusDir, 'blair.txt'), ' date 2005-02-01 "The election is ours to lose," Tony Blair said.');
    const switched = nextSwitch(store);
    expect((await ingestCorpus({ url, corpusDir })).status).toBe('reloaded');
    expect((await switched).id).not.toBe(before);
    release();
    const answer = await answering;
    expect(answer.corpusVersion).toBe(before);
    expect(answer.snippets.map((snippet) => snippet.text)).toEqual(['We will win this election']);
    const after = await store.ask({ question: 'what did Blair say about the election' });
    expect(after.corpusVersion).toBe(store.versionId);
    expect(after.snippets.map((snippet) => snippet.text)).toEqual(['The election is ours to lose']);
  });

  it('let a reader that starts late serve the current version', async () => {
    await ingestCorpus({ url, corpusDir });
    await writeFile(path.join(corpusDir, 'blair.txt'), BLAIR);
    await ingestCorpus({ url, corpusDir });
    const late = await reader();
    expect((await late.ask({ question: 'what did Blair say' })).snippets[0]?.text).toBe('We will win this election');
  });

  it('keep the previous version for answers in flight and delete older ones', async () => {
    await ingestCorpus({ url, corpusDir });
    for (const n of [1, 2]) {
      await writeFile(path.join(corpusDir, `extra-${n}.txt`), ` date 2005-02-0${n} "Number ${n}," Tony Blair said.`);
      await ingestCorpus({ url, corpusDir });
    }
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const versions = (await client.query<{ id: string }>('SELECT id FROM corpus_versions ORDER BY id')).rows.map((row) => Number(row.id));
      expect(versions).toEqual([2, 3]);
      expect(Number((await client.query('SELECT count(*) AS n FROM quotes WHERE version_id = 1')).rows[0].n)).toBe(0);
    } finally {
      await client.end();
    }
  });

  it('store every quote with its field lengths and without its paragraph (migration 009)', async () => {
    await ingestCorpus({ url, corpusDir });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const row = (await client.query<{ quotes: string; paragraphs: string; lengths: string }>('SELECT count(*) AS quotes, count(paragraph) AS paragraphs, count(field_lengths) AS lengths FROM quotes')).rows[0]!;
      expect(Number(row.quotes)).toBeGreaterThan(0);
      expect(Number(row.paragraphs)).toBe(0);
      expect(Number(row.lengths)).toBe(Number(row.quotes));
    } finally {
      await client.end();
    }
  });

  it('catch up after the LISTEN connection is cut', async () => {
    await ingestCorpus({ url, corpusDir });
    const store = await reader();
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      const cut = await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND query ILIKE 'LISTEN%'");
      expect(cut.rowCount).toBe(1);
    } finally {
      await admin.end();
    }
    await writeFile(path.join(corpusDir, 'blair.txt'), BLAIR);
    await ingestCorpus({ url, corpusDir });
    let text: string | undefined;
    for (let attempt = 0; attempt < 100 && text !== 'We will win this election'; attempt += 1) {
      text = (await store.ask({ question: 'what did Blair say' })).snippets[0]?.text;
      if (text !== 'We will win this election') await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(text).toBe('We will win this election');
  });

  it('let only one writer ingest at a time', async () => {
    const results = await Promise.all([ingestCorpus({ url, corpusDir }), ingestCorpus({ url, corpusDir })]);
    expect(results.map((result) => result.status).sort()).toEqual(['busy', 'reloaded']);
  });

  it('keep serving the current version when the folder has emptied', async () => {
    await ingestCorpus({ url, corpusDir });
    for (const file of await readdir(corpusDir)) await rm(path.join(corpusDir, file));
    const result = await ingestCorpus({ url, corpusDir });
    expect(result).toMatchObject({ status: 'failed', reason: expect.stringContaining('yielded no articles') });
    const store = await reader();
    expect((await store.ask({ question: 'What did Putin say about Ukraine?' })).status).toBe('answered');
  });
});
