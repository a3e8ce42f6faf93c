import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** Characters of COPY text gathered before they are handed to the connection. */
const CHUNK_CHARS = 1 << 18;

export interface Column<Row> {
  name: string;
  /**
   * The value as the table column's type reads it in text form: a number, a boolean, a string
   * (array and tsvector literals included), or null / undefined for NULL.
   */
  value: (row: Row) => string | number | boolean | null | undefined;
}

/**
 * Loads rows with `COPY … FROM STDIN` (text format), streamed while they are produced: the
 * server parses each value once, as its column's type, and the rows never become statement
 * parameters. Before, one `INSERT … SELECT FROM unnest($1::text[], …)` per 2,000 rows made the
 * client escape every value into array literals and the server parse them back, and the next
 * batch was only built once the last one was in. The data never travels inside SQL: COPY's own
 * escaping (backslash, tab, newline, carriage return) keeps every value in its field.
 * Returns the rows written.
 */
export async function insertRows<Row>(
  client: pg.ClientBase,
  table: string,
  columns: ReadonlyArray<Column<NoInfer<Row>>>,
  rows: Iterable<Row>,
  options: {
    /**
     * `COPY … FREEZE`, for a table created in the same transaction (PostgreSQL refuses it
     * otherwise): rows are written already frozen and their pages marked all-visible, so the
     * first questions read them without setting hint bits (writing pages) and vacuum has nothing
     * to freeze later. Nobody else can see such a table before commit, so it bends no isolation.
     */
    freeze?: boolean;
  } = {},
): Promise<number> {
  const names = columns.map((column) => column.name).join(', ');
  let count = 0;
  function* chunks(): Generator<string> {
    let chunk = '';
    for (const row of rows) {
      let line = '';
      for (let i = 0; i < columns.length; i += 1) {
        if (i > 0) line += '\t';
        line += copyText(columns[i]!.value(row));
      }
      chunk += `${line}\n`;
      count += 1;
      if (chunk.length >= CHUNK_CHARS) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk !== '') yield chunk;
  }
  await pipeline(Readable.from(chunks(), { objectMode: false }), client.query(copyFrom(`COPY ${table} (${names}) FROM STDIN${options.freeze ? ' WITH (FREEZE)' : ''}`)));
  return count;
}

const SPECIAL = /[\\\t\n\r]/;
const SPECIALS = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One value in COPY's text format: `\N` for NULL, `t`/`f`, numbers as written, strings escaped. */
export function copyText(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'string') return SPECIAL.test(value) ? value.replace(SPECIALS, (ch) => ESCAPES[ch]!) : value;
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (!Number.isFinite(value)) throw new Error(`cannot store ${value}`);
  return String(value);
}
