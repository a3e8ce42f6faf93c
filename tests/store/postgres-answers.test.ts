import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Answer } from '../../src/answer/answer.js';
import { answerQuestion, lookUpQuotes } from '../../src/answer/answerer.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { CorpusVersion } from '../../src/desk/corpus-version.js';
import { paragraphAround } from '../../src/desk/paragraph.js';
import { ingestCorpus } from '../../src/stores/postgres/ingest.js';
import { PostgresQuoteStore } from '../../src/stores/postgres/postgres-store.js';
import { buildQuestions } from '../../scripts/bench/questions.js';
import { freshDatabase } from '../support/postgres/database.js';

/**
 * The PostgreSQL store answers with the same answerer code as the embedded index, so over the
 * bundled corpus (where every candidate fits) its answers are the embedded store's, word for word.
 */
let url: string;
let store: PostgresQuoteStore;
let embedded: CorpusVersion;
beforeAll(async () => {
  url = await freshDatabase('answers');
  const result = await ingestCorpus({ url, corpusDir: path.resolve('corpus') });
  expect(result.status).toBe('reloaded');
  store = await PostgresQuoteStore.open({ url });
  embedded = await CorpusVersion.build(await loadCorpus(path.resolve('corpus')));
}, 120_000);
afterAll(async () => {
  await store?.close();
});

/** What a user sees of an answer; the PostgreSQL store keeps only the opening of article bodies, which citations never go past. */
function visible(answer: Answer): unknown {
  return { ...answer, corpusVersion: undefined };
}

describe('answers from PostgreSQL', () => {
  it('answer the seed question with Putin’s Ukraine quote, cited to its article', async () => {
    const answer = await store.ask({ question: 'What did Putin say about Ukraine?' });
    expect(answer.status).toBe('answered');
    expect(answer.snippets[0]).toMatchObject({ speaker: 'Vladimir Putin', kind: 'direct', citation: { articleId: '2024-11-08-putin-congratulates-trump', date: '2024-11-08' } });
    expect(answer.snippets[0]!.text).toContain('Ukrainian crisis');
  });

  it('are the embedded store’s answers for every bench question', async () => {
    const questions = buildQuestions(embedded);
    expect(questions.length).toBeGreaterThan(100);
    let shares = 0;
    for (const { question } of questions) {
      const fromPostgres = await store.ask({ question });
      const embeddedAnswer = answerQuestion(embedded, { question });
      if (!/Counted among the \d+ best-scoring of \d+ matching quotes/.test(fromPostgres.message)) {
        expect(visible(fromPostgres), question).toEqual(visible(embeddedAnswer));
        continue;
      }
      // A common topic: PostgreSQL hands over its best 200, so the same snippets, and counts that
      // say they are of that share and are never more than the whole corpus's.
      shares += 1;
      expect(fromPostgres.snippets, question).toEqual(embeddedAnswer.snippets);
      expect(fromPostgres.counts.onTopic, question).toBeLessThanOrEqual(embeddedAnswer.counts.onTopic);
      expect(fromPostgres.counts.onTopic + fromPostgres.counts.partial, question).toBeLessThanOrEqual(embeddedAnswer.counts.onTopic + embeddedAnswer.counts.partial);
    }
    expect(shares).toBeLessThan(questions.length / 10);
  });

  it('apply date and outlet filters as the embedded store does', async () => {
    for (const request of [
      { question: 'what did Blair say', filters: { from: '2005-01-01', to: '2005-03-31' } },
      { question: 'election', filters: { source: 'bbc' } },
      { question: 'oil prices', filters: { source: 'reuters', from: '1987-01-01' } },
      { question: 'Blair on the election in 2005' },
    ]) {
      expect(visible(await store.ask(request)), JSON.stringify(request)).toEqual(visible(answerQuestion(embedded, request)));
    }
  });

  it('answer as before from a version written without field counts (before migration 006)', async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      // Such a version has each quote's paragraph instead, as the writer stored it then.
      const docs = Array.from({ length: embedded.index.ids.length }, (_, doc) => doc).filter((doc) => embedded.quoteAt(doc) !== undefined);
      const paragraphs = docs.map((doc) => {
        const record = embedded.quoteAt(doc)!;
        return paragraphAround(record.article.body, record.quote.start, record.quote.end);
      });
      await client.query('UPDATE quotes q SET paragraph = p.paragraph FROM unnest($1::int[], $2::text[]) AS p(doc, paragraph) WHERE q.doc = p.doc', [docs, paragraphs]);
      await client.query('UPDATE quotes SET field_lengths = NULL');
      for (const question of ['What did Putin say about Ukraine?', 'oil prices', 'Blair on the election']) {
        expect(visible(await store.ask({ question })), question).toEqual(visible(answerQuestion(embedded, { question })));
      }
    } finally {
      await client.end();
    }
  });

  it('look up a speaker’s quotes as /quote does', async () => {
    const request = { speaker: 'Putin', topic: 'Trump' };
    expect(visible(await store.lookUp(request))).toEqual(visible(lookUpQuotes(embedded, request)));
  });

  it('say so when a speaker is unknown, with the same suggestions', async () => {
    const answer = await store.ask({ question: 'what did Ptuin say about Ukraine' });
    expect(answer.status).toBe('unknown-speaker');
    expect(answer.suggestions).toEqual(answerQuestion(embedded, { question: 'what did Ptuin say about Ukraine' }).suggestions);
  });
});

describe('the speakers tables', () => {
  it('hold every speaker of the directory with its name, counts and aliases', async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const speakers = await client.query<{ key: string; name: string; quote_count: number; article_count: number; aliases: string[] | null }>(
        `SELECT s.key, s.name, s.quote_count, s.article_count, (SELECT array_agg(a.alias ORDER BY a.alias) FROM speaker_aliases a WHERE a.version_id = s.version_id AND a.key = s.key) AS aliases
           FROM speakers s ORDER BY s.key COLLATE "C"`,
      );
      const expected = embedded.speakers
        .all()
        .map((speaker) => ({ key: speaker.key, name: speaker.name, quote_count: speaker.quoteCount, article_count: speaker.articleCount, aliases: speaker.aliases.length === 0 ? null : [...new Set(speaker.aliases)].sort() }))
        .sort((a, b) => Buffer.compare(Buffer.from(a.key), Buffer.from(b.key)));
      expect(expected.some((speaker) => speaker.aliases !== null)).toBe(true);
      expect(speakers.rows).toEqual(expected);
    } finally {
      await client.end();
    }
  });
});

describe('hostile questions reach PostgreSQL only as parameters', () => {
  const hostile = [
    "Putin's \"Ukraine\" ' OR 1=1 --",
    'Ukraine\\',
    'what did Putin say about 100% of Ukraine',
    'oil_prices _ % %%',
    'Ukraine; DROP TABLE quotes; --',
    'Ukraine\u0000crisis',
    "'; SELECT pg_sleep(10); --",
    'SELECT * FROM articles WHERE 1=1 UNION SELECT',
    'what did Robert\'); DROP TABLE speakers;-- say',
    ':* & | ! <-> ( )',
  ];

  it.each(hostile)('answers %j as the embedded store does', async (question) => {
    expect(visible(await store.ask({ question }))).toEqual(visible(answerQuestion(embedded, { question })));
  });

  it('take hostile outlet filters as words to look for', async () => {
    for (const source of ["BBC' OR '1'='1", 'BBC%', 'B_C', 'bbc\\', 'bbc\u0000', 'bbc; DELETE FROM quotes']) {
      const request = { question: 'election', filters: { source } };
      expect(visible(await store.ask(request)), source).toEqual(visible(answerQuestion(embedded, request)));
    }
  });

  /** The statements PostgreSQL was sent while `run` ran: each one's SQL text and its bound values. */
  async function statementsOf(run: () => Promise<unknown>): Promise<Array<{ text: string; values: string }>> {
    const spy = vi.spyOn(pg.Client.prototype, 'query');
    try {
      await run();
      return spy.mock.calls.map(([text, values]) => ({
        text: typeof text === 'string' ? text : String((text as { text?: unknown }).text ?? ''),
        values: JSON.stringify(values ?? []),
      }));
    } finally {
      spy.mockRestore();
    }
  }

  // Each carries a word of the corpus ("prices", index term "price"), so its topic is looked up and ranked in SQL.
  const marked = [
    "prices' \"Ukraine\" ' OR 1=1 --",
    'prices\\ Ukraine\\',
    '100% prices_ % %%',
    'prices; DROP TABLE quotes; --',
    'prices\u0000crisis',
    "'; SELECT pg_sleep(10); -- prices",
    'prices UNION SELECT * FROM articles WHERE 1=1',
    ':* & | ! <-> ( ) prices',
  ];

  it.each(marked)('send the words of %j as bound values, never inside the SQL text', async (question) => {
    const statements = await statementsOf(() => store.ask({ question }));
    // The terms' statistics, then the topic's candidates.
    expect(statements.length).toBeGreaterThanOrEqual(2);
    expect(statements.some(({ values }) => values.includes('"price"'))).toBe(true);
    for (const { text } of statements) {
      expect(text).not.toMatch(/price|pg_sleep|drop table|1=1|\u0000/i);
      expect(text).not.toContain(question);
    }
  });

  it('send a hostile outlet filter as a bound value, never inside the SQL text', async () => {
    for (const source of ["BBC' OR '1'='1", 'BBC%', 'B_C', 'bbc\\', 'bbc; DELETE FROM quotes']) {
      const statements = await statementsOf(() => store.ask({ question: 'election', filters: { source } }));
      expect(statements.some(({ values }) => values.includes(JSON.stringify(source.toLowerCase()).slice(1, -1))), source).toBe(true);
      for (const { text } of statements) expect(text.toLowerCase(), source).not.toContain(source.toLowerCase());
    }
  });

  it('leave every table as it was', async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const counts = (await client.query<{ quotes: string; speakers: string; articles: string }>('SELECT (SELECT count(*) FROM quotes) AS quotes, (SELECT count(*) FROM speakers) AS speakers, (SELECT count(*) FROM articles) AS articles')).rows[0]!;
      expect(Number(counts.quotes)).toBe([...embedded.allQuotes()].length);
      expect(Number(counts.articles)).toBe(embedded.articles.length);
      expect(Number(counts.speakers)).toBe(embedded.speakers.size);
    } finally {
      await client.end();
    }
  });
});
