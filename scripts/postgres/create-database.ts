import pg from 'pg';

/**
 * Creates an empty database on the server that `maintenanceUrl` (its `postgres` database) points
 * at, and returns the new database's URL: the same server, user and password. Used with the
 * embedded server the tests and the bench start, and with a running one (postgres-write.ts --server).
 */
export async function createDatabase(maintenanceUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: maintenanceUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
  const database = new URL(maintenanceUrl);
  database.pathname = `/${encodeURIComponent(name)}`;
  return database.href;
}
