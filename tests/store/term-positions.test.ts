import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lexemePositions } from '../../src/stores/postgres/fetch-candidates.js';
import { ingestCorpus } from '../../src/stores/postgres/ingest.js';
import { freshDatabase } from '../support/postgres/database.js';

/**
 * A topic candidate's field counts come from the positions of the matched terms in its stored
 * terms vector. PostgreSQL hands them over as the vector filtered to those terms, in tsvector text
 * (re-weighted D and filtered to D, all in C): read back, that must say exactly what unnesting the
 * vector says, for every quote of the bundled corpus.
 */
let client: pg.Client;
beforeAll(async () => {
  const url = await freshDatabase('term_positions');
  expect((await ingestCorpus({ url, corpusDir: path.resolve('corpus') })).status).toBe('reloaded');
  client = new pg.Client({ connectionString: url });
  await client.connect();
}, 120_000);
afterAll(async () => {
  await client?.end();
});

describe('the matched terms of a stored terms vector', () => {
  it.each([[['ukrain', 'ukrainian', 'russia']], [['said', 'govern', 'minist', 'putin']]])('read from the filtered vector give the unnested positions for %j', async (wanted) => {
    const rows = await client.query<{ filtered: string; unnested: Array<[string, number[]]> | null }>(
      `SELECT ts_filter(setweight(terms, 'D', $1::text[]), '{d}')::text AS filtered,
              (SELECT json_agg(json_build_array(u.lexeme, u.positions) ORDER BY u.lexeme) FROM unnest(terms) AS u WHERE u.lexeme = ANY ($1::text[])) AS unnested
         FROM quotes`,
      [wanted],
    );
    expect(rows.rows.length).toBeGreaterThan(100);
    expect(rows.rows.some((row) => row.unnested !== null)).toBe(true);
    for (const row of rows.rows) {
      const read = lexemePositions(row.filtered).sort(([a], [b]) => (a < b ? -1 : 1));
      expect(read).toEqual(row.unnested ?? []);
    }
  });

  it('reads back lexemes holding quotes, backslashes, spaces and commas as PostgreSQL writes them', async () => {
    const lexemes = ["it's", 'a\\b', "\\'", '0,', 'ab cd', '\\\\'];
    const literal = lexemes.map((lexeme, i) => `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}':${i + 1}`).join(' ');
    const written = (await client.query<{ text: string }>('SELECT $1::tsvector::text AS text', [literal])).rows[0]!.text;
    const read = lexemePositions(written).sort(([a], [b]) => (a < b ? -1 : 1));
    expect(read).toEqual(lexemes.map((lexeme, i): [string, number[]] => [lexeme, [i + 1]]).sort(([a], [b]) => (a < b ? -1 : 1)));
  });

  it('reads quoted lexemes with doubled quotes and lexemes without positions', () => {
    expect(lexemePositions("'it''s':3,5002 'ok' 'z':10004")).toEqual([
      ["it's", [3, 5002]],
      ['ok', []],
      ['z', [10004]],
    ]);
    expect(lexemePositions('')).toEqual([]);
  });
});
