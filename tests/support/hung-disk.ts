import { execFileSync } from 'node:child_process';
import { open, unlink, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A disk that stops answering, as a stalled network share does: every one of libuv's file threads
 * is stuck in an open() that does not return (a FIFO with no writer, opened blocking), so every
 * later stat, readdir or read of this process waits. No mock: the calls the loader makes really
 * wait. `release` gives each FIFO a writer from another process (this one's threads are taken),
 * which lets the stuck opens return, then removes them. POSIX only (mkfifo).
 */
export function hangFileThreads(): { release: () => Promise<void> } {
  const threads = Number(process.env.UV_THREADPOOL_SIZE ?? 4);
  const fifos = Array.from({ length: threads }, (_, i) => path.join(tmpdir(), `quotedesk-stuck-${process.pid}-${Date.now()}-${i}`));
  for (const fifo of fifos) execFileSync('mkfifo', [fifo]);
  const opens: Array<Promise<FileHandle>> = fifos.map((fifo) => open(fifo, 'r'));
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      execFileSync('sh', ['-c', 'for f in "$@"; do : > "$f"; done', 'sh', ...fifos]);
      for (const handle of await Promise.all(opens)) await handle.close();
      for (const fifo of fifos) await unlink(fifo);
    },
  };
}
