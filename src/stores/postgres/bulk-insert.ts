import type pg from 'pg';

/** Rows per INSERT: large enough that round trips do not dominate, small enough for one message. */
const BATCH_ROWS = 2_000;

export interface Column<Row> {
  name: string;
  /** The PostgreSQL array element type the values are sent as ("text", "int4", …). */
  type: string;
  /** Optional cast applied after unnesting (e.g. "tsvector" for a literal sent as text). */
  cast?: string;
  value: (row: Row) => unknown;
}

/**
 * Inserts rows as one array parameter per column (`INSERT … SELECT * FROM unnest($1::text[], …)`):
 * every value travels as a bound parameter, never spliced into SQL, and a batch is one statement.
 */
export async function insertRows<Row>(
  client: pg.ClientBase,
  table: string,
  columns: ReadonlyArray<Column<NoInfer<Row>>>,
  rows: Iterable<Row>,
  /** Fewer for rows that are large themselves (arrays of thousands of values). */
  batchRows = BATCH_ROWS,
): Promise<number> {
  const names = columns.map((column) => column.name).join(', ');
  const unnest = columns.map((column, i) => `$${i + 1}::${column.type}[]`).join(', ');
  const selected = columns.map((column, i) => (column.cast ? `c${i}::${column.cast}` : `c${i}`)).join(', ');
  const aliases = columns.map((_, i) => `c${i}`).join(', ');
  const sql = `INSERT INTO ${table} (${names}) SELECT ${selected} FROM unnest(${unnest}) AS t(${aliases})`;
  let batch: Row[] = [];
  let total = 0;
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    await client.query(sql, columns.map((column) => batch.map(column.value)));
    total += batch.length;
    batch = [];
  };
  for (const row of rows) {
    batch.push(row);
    if (batch.length >= batchRows) await flush();
  }
  await flush();
  return total;
}
