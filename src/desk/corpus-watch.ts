import { watch as watchFolder, type FSWatcher } from 'node:fs';
import type { Logger } from 'pino';

export interface WatchOptions {
  debounceMs?: number;
  logger?: Logger | undefined;
  /** How long to wait before watching again after the watch failed (default 1 s). */
  restartMs?: number;
  /** `fs.watch`, replaceable so a test can reach the real watcher it returns. */
  watch?: typeof watchFolder;
}

/** Times in a row the watch may fail and be started again before it gives up. */
const MAX_RESTARTS = 5;

/**
 * Calls `onChange` once the corpus folder has been quiet for `debounceMs` after a change, so
 * copying in fifty files triggers one reload, not fifty. When the watch fails (the OS ran out of
 * watches, a folder vanished under it) it is closed and started again, and `onChange` is called
 * so that a change missed meanwhile is not lost; only if it cannot be started again does it stop,
 * and the log says so then, not before. Returns a function that stops watching.
 */
export function watchCorpus(dir: string, onChange: () => void, options: WatchOptions = {}): () => void {
  const debounceMs = options.debounceMs ?? 750;
  const restartMs = options.restartMs ?? 1_000;
  const watch = options.watch ?? watchFolder;
  const logger = options.logger;
  let timer: NodeJS.Timeout | undefined;
  let restartTimer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  let failures = 0;
  let stopped = false;
  const changed = (): void => {
    clearTimeout(timer);
    timer = setTimeout(onChange, debounceMs);
  };
  const start = (): void => {
    if (stopped) return;
    try {
      watcher = watch(dir, { recursive: true, persistent: false }, () => {
        failures = 0;
        changed();
      });
    } catch (error) {
      logger?.warn({ err: error, dir }, 'cannot watch the corpus folder; the watch is stopped: reload with /reload or SIGHUP');
      return;
    }
    watcher.on('error', (error) => {
      watcher?.close();
      watcher = undefined;
      failures += 1;
      if (stopped) return;
      if (failures > MAX_RESTARTS) {
        logger?.warn({ err: error, dir, failures }, 'corpus watch failed %d times in a row; the watch is stopped: reload with /reload or SIGHUP', failures);
        return;
      }
      logger?.warn({ err: error, dir, restartMs }, 'corpus watch failed; watching again in %d ms (a reload follows, in case a change was missed)', restartMs);
      restartTimer = setTimeout(() => {
        start();
        if (watcher) changed();
      }, restartMs);
    });
  };
  start();
  if (watcher) logger?.info({ dir, debounceMs }, 'watching the corpus folder for changes');
  return () => {
    stopped = true;
    clearTimeout(timer);
    clearTimeout(restartTimer);
    watcher?.close();
  };
}
