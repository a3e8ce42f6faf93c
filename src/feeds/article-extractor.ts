import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { extractArticle, NoArticleError, type PageArticle } from './extract-article.js';

/** Turns a fetched page into its article; rejects with {@link NoArticleError} when it has none. */
export type ExtractArticle = (html: string, pageUrl: string) => Promise<PageArticle>;

/** On the calling thread: for tests and one-off terminal runs, where a pause harms nobody. */
export const extractInline: ExtractArticle = async (html, pageUrl) => extractArticle(html, pageUrl);

/** tsx's ESM register API, resolved as `import` would (require.resolve would give its CommonJS twin). */
function tsxEsmApi(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('tsx/package.json');
  const { exports } = require(manifest) as { exports: Record<string, { import?: { default?: string } }> };
  const relative = exports['./esm/api']?.import?.default ?? './dist/esm/api/index.mjs';
  return pathToFileURL(path.join(path.dirname(manifest), relative)).href;
}

type Reply = { id: number; article?: PageArticle; error?: string; noArticle?: boolean };

/**
 * Readability on a worker thread, so the bot keeps answering while a page is parsed. Measured on
 * linkedom: ~20 ms for a small page, ~85 ms for a 22 KiB one, 1.2 s at 1 MB and 1.9 s at 5 MB
 * (the size cap) — far past what an answer may wait. A page that takes longer than `timeoutMs`
 * ends the worker (a new one starts for the next page) and is refused.
 */
export class WorkerExtractor {
  private worker: Worker | null = null;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (a: PageArticle) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();

  constructor(private readonly timeoutMs = 30_000) {}

  /** `timeoutMs` defaults to the reader's own. */
  readonly extract = (html: string, pageUrl: string, timeoutMs = this.timeoutMs): Promise<PageArticle> =>
    new Promise<PageArticle>((resolve, reject) => {
      const id = this.nextId++;
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new NoArticleError(`the page took longer than ${Math.max(1, Math.round(timeoutMs / 1000))} s to read`));
        this.restart();
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.start().postMessage({ id, html, url: pageUrl });
    });

  /** Ends the worker; pages still being read are refused. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.failAll(new Error('the article reader was stopped'));
    await worker?.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    // The worker is TypeScript, like the rest of the bot: a small bootstrap registers tsx in the
    // worker (an `--import tsx` in execArgv is not applied to worker entry points on Node 20).
    const tsxApi = tsxEsmApi();
    const entry = new URL('./extract-worker.ts', import.meta.url).href;
    const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
    const worker = new Worker(bootstrap, { eval: true });
    worker.unref();
    worker.on('message', (reply: Reply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      clearTimeout(waiting.timer);
      if (reply.article) waiting.resolve(reply.article);
      else waiting.reject(reply.noArticle ? new NoArticleError(reply.error ?? 'no article text found on the page') : new Error(reply.error));
    });
    worker.on('error', (error) => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.failAll(new Error(`the article reader failed: ${error.message}`));
    });
    worker.on('exit', () => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.failAll(new Error('the article reader stopped unexpectedly'));
    });
    this.worker = worker;
    return worker;
  }

  /** Pages queued behind the slow one were sent to the worker being ended: they fail too, to be tried again. */
  private restart(): void {
    const worker = this.worker;
    this.worker = null;
    this.failAll(new Error('the article reader was restarted after a slow page'));
    void worker?.terminate();
  }

  private failAll(error: Error): void {
    for (const [id, waiting] of this.pending) {
      clearTimeout(waiting.timer);
      waiting.reject(error);
      this.pending.delete(id);
    }
  }
}
