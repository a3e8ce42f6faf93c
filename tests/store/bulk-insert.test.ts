import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRows } from '../../src/stores/postgres/bulk-insert.js';
import { freshDatabase } from '../support/postgres/database.js';

/**
 * The writer loads its tables with COPY: whatever an article says, every value must arrive in
 * its own column exactly as it was, and a failure must leave nothing behind.
 */
let client: pg.Client;
beforeAll(async () => {
  client = new pg.Client({ connectionString: await freshDatabase('bulk_insert') });
  await client.connect();
  await client.query('CREATE TABLE loaded (n int4, body text, flag bool, terms tsvector, counts integer[], extra jsonb)');
});
afterAll(async () => {
  await client.end();
});

interface Row {
  n: number;
  body: string | null;
  flag: boolean;
  terms: string;
  counts: string;
  extra: string;
}

const columns = [
  { name: 'n', value: (row: Row) => row.n },
  { name: 'body', value: (row: Row) => row.body },
  { name: 'flag', value: (row: Row) => row.flag },
  { name: 'terms', value: (row: Row) => row.terms },
  { name: 'counts', value: (row: Row) => row.counts },
  { name: 'extra', value: (row: Row) => row.extra },
];

describe('loading rows with COPY', () => {
  it('keeps tabs, line breaks, backslashes, quotes and COPY’s own markers inside their value', async () => {
    const bodies = ['He said:\t"no".\nThen\r\nleft.', 'C:\\path\\N', '\\N', "it's; DROP TABLE loaded; --", '', 'Kyiv – Київ 🇺🇦', null];
    const rows: Row[] = bodies.map((body, n) => ({ n, body, flag: n % 2 === 0, terms: "'it''s':1A 'c\\\\path':5002B", counts: `{${n},2,3}`, extra: JSON.stringify({ aliases: [body] }) }));
    expect(await insertRows(client, 'loaded', columns, rows)).toBe(bodies.length);
    const back = await client.query<{ n: number; body: string | null; flag: boolean; terms: string; counts: number[]; extra: { aliases: unknown[] } }>(
      'SELECT n, body, flag, terms::text AS terms, counts, extra FROM loaded ORDER BY n',
    );
    expect(back.rows.map((row) => row.body)).toEqual(bodies);
    expect(back.rows.map((row) => row.flag)).toEqual(bodies.map((_, n) => n % 2 === 0));
    expect(back.rows[0]!.terms).toBe("'c\\\\path':5002B 'it''s':1A");
    expect(back.rows.map((row) => row.counts)).toEqual(bodies.map((_, n) => [n, 2, 3]));
    expect(back.rows.map((row) => row.extra.aliases[0])).toEqual(bodies);
  });

  it('streams more rows than one chunk holds', async () => {
    await client.query('TRUNCATE loaded');
    const long = 'x'.repeat(1_000);
    const rows = Array.from({ length: 2_000 }, (_, n): Row => ({ n, body: `${n}${long}`, flag: true, terms: '', counts: '{}', extra: '{}' }));
    expect(await insertRows(client, 'loaded', columns, rows)).toBe(rows.length);
    const back = await client.query<{ count: string; total: string }>('SELECT count(*) AS count, sum(n) AS total FROM loaded');
    expect(back.rows[0]).toEqual({ count: '2000', total: String((1_999 * 2_000) / 2) });
  });

  it('fails on a value its column cannot read, and the transaction keeps none of the rows', async () => {
    await client.query('TRUNCATE loaded');
    await client.query('BEGIN');
    const rows: Row[] = [
      { n: 1, body: 'fine', flag: true, terms: '', counts: '{1}', extra: '{}' },
      { n: 2, body: 'bad', flag: true, terms: '', counts: 'not an array', extra: '{}' },
    ];
    await expect(insertRows(client, 'loaded', columns, rows)).rejects.toThrow(/malformed array literal/);
    await client.query('ROLLBACK');
    expect((await client.query('SELECT * FROM loaded')).rowCount).toBe(0);
  });

  it('stops the COPY when producing a row throws, leaving the connection usable', async () => {
    function* failing(): Generator<Row> {
      yield { n: 1, body: 'first', flag: true, terms: '', counts: '{}', extra: '{}' };
      throw new Error('the extractor broke');
    }
    await expect(insertRows(client, 'loaded', columns, failing())).rejects.toThrow(/the extractor broke/);
    expect((await client.query<{ one: number }>('SELECT 1 AS one')).rows[0]!.one).toBe(1);
    expect((await client.query('SELECT * FROM loaded')).rowCount).toBe(0);
  });
});

describe('loading a table created in the same transaction', () => {
  it('writes its rows frozen and its pages all-visible, ready to be read without writes', async () => {
    await client.query('BEGIN');
    await client.query('CREATE TABLE fresh (n int4, body text)');
    await insertRows(client, 'fresh', [{ name: 'n', value: (n: number) => n }, { name: 'body', value: (n: number) => `quote ${n}` }], Array.from({ length: 500 }, (_, n) => n), { freeze: true });
    await client.query('COMMIT');
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_visibility');
    const pages = await client.query<{ all_visible: boolean; all_frozen: boolean }>("SELECT all_visible, all_frozen FROM pg_visibility_map('fresh')");
    expect(pages.rows.length).toBeGreaterThan(0);
    expect(pages.rows.every((page) => page.all_visible && page.all_frozen)).toBe(true);
    expect((await client.query('SELECT * FROM fresh')).rowCount).toBe(500);
  });

  it('is refused for a table that others may already see', async () => {
    await expect(insertRows(client, 'loaded', columns, [], { freeze: true })).rejects.toThrow(/FREEZE/);
  });
});
