import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answerer.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { CorpusVersion } from '../../src/desk/corpus-version.js';
import { ingestCorpus } from '../../src/stores/postgres/ingest.js';
import { PostgresQuoteStore } from '../../src/stores/postgres/postgres-store.js';
import { emptyDir } from '../desk/support.js';
import { freshDatabase } from '../support/postgres/database.js';

/**
 * PostgreSQL searches the project's own index terms (terms-vector.ts), not its own text parser:
 * place stems, country synonyms and Porter stems find what the embedded index finds. Each article
 * below says its word in only one form, which PostgreSQL's `english` configuration would not join
 * to the question's ("ukrain" / "ukrainian", "china" / "chines", "us" / "unit state").
 */
const ARTICLES: Record<string, string> = {
  harvest: ' date 2022-08-01 "The Ukrainian harvest will be late this year," Olena Kovalenko said at the grain exchange.',
  answer: ' date 2021-03-02 "China will answer every tariff in kind," Li Wei said in Beijing.',
  pact: ' date 2020-05-03 "The United States has signed the pact," Mary Jones said after the vote.',
  result: ' date 2019-06-04 "We congratulated the winners on a fine season," Tom Hardy said.',
};

let store: PostgresQuoteStore;
let embedded: CorpusVersion;
beforeAll(async () => {
  const corpusDir = await emptyDir('quotedesk-own-terms-');
  for (const [id, text] of Object.entries(ARTICLES)) await writeFile(path.join(corpusDir, `${id}.txt`), text);
  const url = await freshDatabase('own_terms');
  expect((await ingestCorpus({ url, corpusDir })).status).toBe('reloaded');
  store = await PostgresQuoteStore.open({ url });
  embedded = await CorpusVersion.build(await loadCorpus(corpusDir));
}, 120_000);
afterAll(async () => {
  await store?.close();
});

describe('topic search over PostgreSQL with the project’s own terms', () => {
  it.each([
    ['Ukraine', 'The Ukrainian harvest will be late this year'],
    ['Chinese tariffs', 'China will answer every tariff in kind'],
    ['the US', 'The United States has signed the pact'],
    ['congratulate', 'We congratulated the winners on a fine season'],
  ])('finds for %j the quote that says it another way', async (question, expected) => {
    const answer = await store.ask({ question });
    expect(answer.snippets.map((snippet) => snippet.text)).toEqual([expected]);
    expect(answer.snippets).toEqual(answerQuestion(embedded, { question }).snippets);
  });
});
