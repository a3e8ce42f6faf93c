import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/stores/postgres/migrate.js';
import { freshDatabase } from '../support/postgres/database.js';

let client: pg.Client;
beforeAll(async () => {
  client = new pg.Client({ connectionString: await freshDatabase('migrations') });
  await client.connect();
});
afterAll(async () => {
  await client.end();
});

describe('migrations', () => {
  it('create the schema on an empty database and record each file', async () => {
    expect(await migrate(client)).toEqual(['001_corpus.sql', '002_answer_pages.sql', '003_term_lists.sql', '004_speaker_best.sql', '005_feed_state.sql', '006_field_counts.sql', '007_shadowed_copies.sql', '008_term_lists_uncompressed.sql', '009_paragraph_optional.sql', '010_terms_index_shown.sql']);
    const tables = (await client.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1")).rows.map((row) => row.table_name);
    expect(tables).toEqual(['answer_pages', 'article_speakers', 'articles', 'corpus_versions', 'current_version', 'feed_articles', 'feeds', 'quotes', 'schema_migrations', 'speaker_aliases', 'speakers', 'term_lists', 'term_stats']);
  });

  it('apply nothing the second time', async () => {
    expect(await migrate(client)).toEqual([]);
  });

  it('index the speaker and date filters with b-trees', async () => {
    const indexes = (await client.query<{ indexdef: string }>("SELECT indexdef FROM pg_indexes WHERE tablename = 'quotes'")).rows.map((row) => row.indexdef);
    expect(indexes).toEqual(expect.arrayContaining([expect.stringMatching(/\(version_id, speaker_key\)/), expect.stringMatching(/\(version_id, published\)/)]));
  });

  it('index with GIN the terms of the quotes a topic can show and of undated articles, not of every verbatim copy', async () => {
    const gin = (await client.query<{ indexdef: string }>("SELECT indexdef FROM pg_indexes WHERE tablename = 'quotes' AND indexdef LIKE '%USING gin%' ORDER BY indexname")).rows.map((row) => row.indexdef);
    expect(gin).toEqual([expect.stringMatching(/USING gin \(terms\) WHERE \(NOT shadowed\)$/), expect.stringMatching(/USING gin \(terms\) WHERE \(published IS NULL\)$/)]);
  });

  it('leave a failing migration unrecorded and its changes rolled back', async () => {
    const { mkdtemp, writeFile, copyFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const dir = await mkdtemp(`${tmpdir()}/qd-migrations-`);
    const { MIGRATIONS_DIR } = await import('../../src/stores/postgres/migrate.js');
    await copyFile(`${MIGRATIONS_DIR}/001_corpus.sql`, `${dir}/001_corpus.sql`);
    await copyFile(`${MIGRATIONS_DIR}/002_answer_pages.sql`, `${dir}/002_answer_pages.sql`);
    await writeFile(`${dir}/003_broken.sql`, 'CREATE TABLE half_done (id int); SELECT no_such_function();');
    await expect(migrate(client, dir)).rejects.toThrow(/003_broken.sql failed/);
    const left = await client.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'");
    expect(left.rowCount).toBe(0);
    expect((await client.query("SELECT 1 FROM schema_migrations WHERE name = '003_broken.sql'")).rowCount).toBe(0);
  });
});
