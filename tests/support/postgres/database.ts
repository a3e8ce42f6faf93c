import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { createDatabase } from '../../../scripts/postgres/create-database.js';

/**
 * A new, empty database on the run's PostgreSQL (started by global-setup.ts), for one test file
 * or one test: its URL, as `DATABASE_URL` would carry it.
 */
export async function freshDatabase(label = 'test'): Promise<string> {
  const name = `qd_${label.replace(/[^a-z0-9]+/gi, '_').toLowerCase().slice(0, 30)}_${randomBytes(4).toString('hex')}`;
  return createDatabase(inject('postgresUrl'), name);
}
