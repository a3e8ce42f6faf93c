import { watch, type FSWatcher } from 'node:fs';
import type { Logger } from 'pino';

/**
 * Calls `onChange` once the corpus folder has been quiet for `debounceMs` after a change, so
 * copying in fifty files triggers one reload, not fifty. Returns a function that stops watching.
 */
export function watchCorpus(dir: string, onChange: () => void, options: { debounceMs?: number; logger?: Logger } = {}): () => void {
  const debounceMs = options.debounceMs ?? 750;
  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dir, { recursive: true, persistent: false }, () => {
      clearTimeout(timer);
      timer = setTimeout(onChange, debounceMs);
    });
    watcher.on('error', (error) => options.logger?.warn({ err: error, dir }, 'corpus watch stopped; reload with /reload or SIGHUP'));
    options.logger?.info({ dir, debounceMs }, 'watching the corpus folder for changes');
  } catch (error) {
    options.logger?.warn({ err: error, dir }, 'cannot watch the corpus folder; reload with /reload or SIGHUP');
  }
  return () => {
    clearTimeout(timer);
    watcher?.close();
  };
}
