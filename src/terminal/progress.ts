import { ProgressTracker, type ReloadProgress } from '../desk/reload-progress.js';

/** Loads shorter than this show no progress line at all: a flash of text helps nobody. */
const SHOW_AFTER_MS = 1_000;
/** Without a terminal (piped to a file), one line this often instead of a line rewritten in place. */
const PIPED_EVERY_MS = 10_000;

/**
 * The terminal's progress line for a long corpus load ("52,310 articles read, 190,877 quotes
 * found, extracting 21,000 of 104,600, about 1 min 20 s left"), rewritten in place on a
 * terminal and printed every 10 s when stderr is piped. `update` is the desk's `onProgress`;
 * `finish` clears the line before anything else is printed.
 */
export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): { update: (progress: ReloadProgress) => void; finish: () => void } {
  let shown = false;
  let lastPiped = -Infinity;
  return {
    update(progress) {
      if (progress.elapsedMs < SHOW_AFTER_MS) return;
      const line = `Loading the corpus: ${ProgressTracker.describe(progress)}`;
      if (stream.isTTY) {
        stream.write(`\r${line.slice(0, Math.max(20, (stream.columns ?? 100) - 1))}\x1b[K`);
        shown = true;
      } else if (progress.elapsedMs - lastPiped >= PIPED_EVERY_MS) {
        lastPiped = progress.elapsedMs;
        stream.write(`${line}\n`);
      }
    },
    finish() {
      if (shown && stream.isTTY) stream.write('\r\x1b[K');
      shown = false;
    },
  };
}
