import { watch, type FSWatcher } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, vi } from 'vitest';
import { watchCorpus } from '../../src/desk/corpus-watch.js';
import { QuoteDesk } from '../../src/desk/quote-desk.js';
import { capturingLogger, copyOfCorpus } from './support.js';

describe('watching the corpus folder (CORPUS_WATCH=true)', () => {
  it('calls back once for a burst of changes, after the folder goes quiet', async () => {
    const dir = await copyOfCorpus('seed');
    let calls = 0;
    const stop = watchCorpus(dir, () => (calls += 1), { debounceMs: 150 });
    try {
      for (let i = 0; i < 5; i += 1) await writeFile(path.join(dir, `new-${i}.txt`), ` date 2005-02-0${i + 1} "Hello," Tony Blair said.`);
      await sleep(50);
      expect(calls).toBe(0);
      await vi.waitFor(() => expect(calls).toBe(1), { timeout: 5_000 });
      await sleep(400);
      expect(calls).toBe(1);
    } finally {
      stop();
    }
  });

  it('reloads the desk so new articles are answered without a restart', async () => {
    const dir = await copyOfCorpus('seed');
    const desk = await QuoteDesk.open({ corpusDir: dir });
    let reloaded: Promise<unknown> = Promise.resolve();
    const stop = watchCorpus(dir, () => (reloaded = desk.reload({ whenBusy: 'again', trigger: 'file change' })), { debounceMs: 100 });
    try {
      await writeFile(path.join(dir, 'blair.txt'), ' date 2005-02-01 "We will win," Tony Blair said.');
      await vi.waitFor(async () => {
        await reloaded;
        expect(desk.ask({ question: 'what did Blair say' }).status).toBe('answered');
      }, { timeout: 5_000, interval: 100 });
    } finally {
      stop();
    }
  });

  it('keeps watching after the watch fails, and logs that it is watching again, not that it stopped', async () => {
    const dir = await copyOfCorpus('seed');
    const log = capturingLogger();
    const watchers: FSWatcher[] = [];
    const capture = ((...args: Parameters<typeof watch>) => {
      const watcher = watch(...args);
      watchers.push(watcher);
      return watcher;
    }) as typeof watch;
    let calls = 0;
    const stop = watchCorpus(dir, () => (calls += 1), { debounceMs: 50, restartMs: 50, logger: log.logger, watch: capture });
    try {
      watchers[0]!.emit('error', Object.assign(new Error('inotify watch limit reached'), { code: 'ENOSPC' }));
      await vi.waitFor(() => expect(watchers).toHaveLength(2), { timeout: 5_000 });
      // The restart reloads once, in case a change was missed while nothing watched.
      await vi.waitFor(() => expect(calls).toBe(1), { timeout: 5_000 });
      await writeFile(path.join(dir, 'later.txt'), ' date 2005-02-01 "Later," Tony Blair said.');
      await vi.waitFor(() => expect(calls).toBe(2), { timeout: 5_000 });
      const messages = log.lines().map((line) => String(line.msg));
      expect(messages.some((message) => message.startsWith('corpus watch failed; watching again'))).toBe(true);
      expect(messages.some((message) => message.includes('stopped'))).toBe(false);
    } finally {
      stop();
    }
  });

  it('does not throw for a folder that does not exist', () => {
    expect(() => watchCorpus('/nonexistent/quotedesk-corpus', () => undefined)()).not.toThrow();
  });
});
