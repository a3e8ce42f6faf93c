import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answerer.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { CorpusVersion } from '../../src/desk/corpus-version.js';
import { ingestCorpus } from '../../src/stores/postgres/ingest.js';
import { PostgresQuoteStore } from '../../src/stores/postgres/postgres-store.js';
import { materialise } from '../../scripts/bench/corpora.js';
import { buildQuestions } from '../../scripts/bench/questions.js';
import { freshDatabase } from '../support/postgres/database.js';

/**
 * A speaker question reads only the copy of each reprinted quote that the answer shows, marked by
 * the writer. Over a corpus where every article is printed three times, the answers must still be
 * the embedded store's.
 */
let scratch: string;
let embedded: CorpusVersion;
let url: string;
let store: PostgresQuoteStore;
beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'quotedesk-copies-'));
  const dir = await materialise({ name: 'reprinted', kind: 'jsonl', sources: [path.resolve('corpus/sample-bbc.jsonl')], copies: 3, every: 2 }, scratch);
  embedded = await CorpusVersion.build(await loadCorpus(dir));
  url = await freshDatabase('copies');
  expect((await ingestCorpus({ url, corpusDir: dir })).status).toBe('reloaded');
  store = await PostgresQuoteStore.open({ url, poolSize: 2 });
}, 120_000);
afterAll(async () => {
  await store?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('speaker questions over reprinted quotes', () => {
  it('mark one copy per speaker and reprint group', async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const rows = await client.query<{ marked: string; groups: string; copies: string }>(
        `SELECT count(*) FILTER (WHERE speaker_best) AS marked, count(DISTINCT (speaker_key, reprint_key)) AS groups, count(*) AS copies
           FROM quotes WHERE speaker_key IS NOT NULL`,
      );
      const { marked, groups, copies } = rows.rows[0]!;
      expect(Number(marked)).toBe(Number(groups));
      expect(Number(copies)).toBeGreaterThanOrEqual(3 * Number(groups));
    } finally {
      await client.end();
    }
  });

  it('show the copy the embedded store shows: the direct one, then the newest, then by article', async () => {
    const dir = path.join(scratch, 'dated');
    await mkdir(dir, { recursive: true });
    const said = 'Gordon Brown, the chancellor, said: "The economy is stronger than it has been for a generation and it will keep growing."';
    const articles = [
      { id: 'a-oldest', date: '2005-01-03' },
      { id: 'c-newest', date: '2005-03-09' },
      { id: 'b-newest', date: '2005-03-09' },
      { id: '0-undated', date: null },
    ].map(({ id, date }) => JSON.stringify({ id, title: `Brown on the economy (${id})`, date, source: 'BBC News', url: null, body: `The chancellor spoke on Monday.\n\n${said}\n\nHe was speaking in London.` }));
    await writeFile(path.join(dir, 'dated.jsonl'), `${articles.join('\n')}\n`);
    const local = await CorpusVersion.build(await loadCorpus(dir));
    const datedUrl = await freshDatabase('copies_dated');
    expect((await ingestCorpus({ url: datedUrl, corpusDir: dir })).status).toBe('reloaded');
    const datedStore = await PostgresQuoteStore.open({ url: datedUrl, poolSize: 1 });
    try {
      const question = 'what did Gordon Brown say';
      const answer = await datedStore.ask({ question });
      expect(answer.snippets[0]?.citation.articleId).toBe('b-newest');
      expect({ ...answer, corpusVersion: undefined }).toEqual({ ...answerQuestion(local, { question }), corpusVersion: undefined });
    } finally {
      await datedStore.close();
    }
  });

  it('answer as the embedded store does, one snippet per reprinted quote', async () => {
    const speakers = embedded.speakers
      .all()
      .filter((speaker) => speaker.person && speaker.quoteCount >= 6)
      .slice(0, 12);
    expect(speakers.length).toBeGreaterThan(5);
    for (const speaker of speakers) {
      for (const question of [`what did ${speaker.name} say`, `${speaker.name} on the government`]) {
        const answer = await store.ask({ question });
        expect({ ...answer, corpusVersion: undefined }, question).toEqual({ ...answerQuestion(embedded, { question }), corpusVersion: undefined });
      }
    }
  });
});

describe('topic questions over verbatim reprints', () => {
  it('mark every later copy of a quote in an identical article as shadowed, and only those', async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const rows = await client.query<{ shadowed: string; repeats: string; quotes: string }>(
        `SELECT count(*) FILTER (WHERE q.shadowed) AS shadowed, count(*) AS quotes,
                count(*) - count(DISTINCT (q.reprint_key, a.content_hash, q.start_offset, q.end_offset)) AS repeats
           FROM quotes q JOIN articles a ON a.version_id = q.version_id AND a.article_no = q.article_no`,
      );
      const { shadowed, repeats, quotes } = rows.rows[0]!;
      expect(Number(shadowed)).toBe(Number(repeats));
      // Every article is printed three times: two of every three copies repeat the first.
      expect(Number(shadowed)).toBe((2 * Number(quotes)) / 3);
    } finally {
      await client.end();
    }
  });

  it('answer as the embedded store does, showing the first copy', async () => {
    const requests = [
      ...buildQuestions(embedded).filter(({ kind }) => kind === 'topic' || kind === 'speaker+topic').map(({ question }) => ({ question })),
      { question: 'election', filters: { from: '2005-01-01', to: '2005-02-28' } },
      { question: 'the economy', filters: { source: 'bbc' } },
    ];
    expect(requests.length).toBeGreaterThan(50);
    for (const request of requests) {
      const answer = await store.ask(request);
      const expected = answerQuestion(embedded, request);
      // A common topic: PostgreSQL hands over its best 200 and says its counts are of that share.
      if (/Counted among the \d+ best-scoring/.test(answer.message)) expect(answer.snippets, request.question).toEqual(expected.snippets);
      else expect({ ...answer, corpusVersion: undefined }, request.question).toEqual({ ...expected, corpusVersion: undefined });
    }
  });

  it('count every undated copy a date filter leaves out, reprints and all, as the embedded store does', async () => {
    const dir = path.join(scratch, 'undated');
    await mkdir(dir, { recursive: true });
    const said = 'Gordon Brown, the chancellor, said: "The economy is stronger than it has been for a generation and it will keep growing."';
    const articles = [
      { id: 'dated', date: '2005-03-09' },
      { id: 'undated-1', date: null },
      { id: 'undated-2', date: null },
      { id: 'undated-3', date: null },
      { id: 'undated-4', date: null },
      { id: 'undated-5', date: null },
    ].map(({ id, date }) => JSON.stringify({ id, title: 'Brown on the economy', date, source: 'BBC News', url: null, body: `The chancellor spoke on Monday.\n\n${said}\n\nHe was speaking in London.` }));
    await writeFile(path.join(dir, 'undated.jsonl'), `${articles.join('\n')}\n`);
    const local = await CorpusVersion.build(await loadCorpus(dir));
    const undatedUrl = await freshDatabase('copies_undated');
    expect((await ingestCorpus({ url: undatedUrl, corpusDir: dir })).status).toBe('reloaded');
    const undatedStore = await PostgresQuoteStore.open({ url: undatedUrl, poolSize: 1 });
    try {
      const request = { question: 'economy', filters: { from: '2005-01-01' } };
      const answer = await undatedStore.ask(request);
      expect(answer.message).toContain('5 undated articles were left out by the date filter');
      expect(answer.snippets.map((snippet) => snippet.citation.articleId)).toEqual(['dated']);
      expect({ ...answer, corpusVersion: undefined }).toEqual({ ...answerQuestion(local, request), corpusVersion: undefined });
    } finally {
      await undatedStore.close();
    }
  });
});
