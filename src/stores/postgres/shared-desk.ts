import type { Logger } from 'pino';
import type { Answer } from '../../answer/answer.js';
import type { AskRequest, LookupRequest } from '../../answer/answerer.js';
import type { ReloadReport, ReloadResult } from '../../desk/reload-report.js';
import type { ServedVersion, ServingDesk } from '../../store/serving-desk.js';
import type { PageStore } from '../../store/page-store.js';
import { PostgresPageStore } from './answer-pages.js';
import { ingestCorpus } from './ingest.js';
import { PostgresQuoteStore } from './postgres-store.js';

export interface SharedDeskOptions {
  url: string;
  /** The corpus folder this process ingests when asked to reload (it is then the writer). */
  corpusDir: string;
  logger?: Logger;
}

/**
 * The gateway bot's desk when DATABASE_URL is set: answers from PostgreSQL, and a reload (/reload,
 * SIGHUP, a folder change) makes this process the writer for one ingest, one at a time across all
 * processes; every process, this one included, switches to the version it writes.
 */
export class SharedDesk implements ServingDesk {
  private running: Promise<ReloadResult> | null = null;

  private constructor(
    private readonly store: PostgresQuoteStore,
    private readonly options: SharedDeskOptions,
  ) {
    this.pages = new PostgresPageStore(store.database);
  }

  /** Answers kept for paging, in the same database: any process or shard serves any page button. */
  readonly pages: PageStore;

  static async open(options: SharedDeskOptions): Promise<SharedDesk> {
    const store = await PostgresQuoteStore.open({ url: options.url, ...(options.logger ? { logger: options.logger } : {}), waitForVersionMs: 60_000 });
    return new SharedDesk(store, options);
  }

  get version(): ServedVersion {
    const version = this.store.version;
    return { id: version.id, outlets: version.outlets, speakers: version.speakers, stats: () => version.stats };
  }

  get isReloading(): boolean {
    return this.running !== null;
  }

  get lastReload(): { at: Date; report: ReloadReport } {
    const version = this.store.version;
    return { at: version.createdAt, report: version.report };
  }

  ask(request: AskRequest): Promise<Answer> {
    return this.store.ask(request);
  }

  lookUp(request: LookupRequest): Promise<Answer> {
    return this.store.lookUp(request);
  }

  /** One ingest at a time in this process ('join' and 'again' share the running one); other processes' ingests make this one `busy`. */
  reload(options: { whenBusy?: 'refuse' | 'join' | 'again'; trigger?: string } = {}): Promise<ReloadResult> {
    if (this.running) return options.whenBusy === 'refuse' ? Promise.resolve({ status: 'busy' }) : this.running;
    const run = (async (): Promise<ReloadResult> => {
      const result = await ingestCorpus({ url: this.options.url, corpusDir: this.options.corpusDir, ...(this.options.logger ? { logger: this.options.logger } : {}), trigger: options.trigger ?? 'manual' });
      if (result.status === 'reloaded') await this.store.refresh();
      return result;
    })().finally(() => {
      this.running = null;
    });
    this.running = run;
    return run;
  }

  /** The corpus lives in PostgreSQL, not in this process: see {@link ServingDesk.inMemoryVersion}. */
  inMemoryVersion(): null {
    return null;
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
