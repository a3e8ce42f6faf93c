import type { Logger } from 'pino';
import type { AskRequest, LookupRequest } from '../answer/answerer.js';
import { answerQuestion, lookUpQuotes } from '../answer/answerer.js';
import type { Answer } from '../answer/answer.js';
import { loadCorpus } from '../corpus/load.js';
import { CorpusVersion } from './corpus-version.js';
import { diffArticles } from './diff.js';
import type { ReloadReport, ReloadResult } from './reload-report.js';
import type { SnapshotStore } from './snapshot.js';

export interface QuoteDeskOptions {
  /** The corpus folder. */
  corpusDir: string;
  /** Where start-up snapshots live; without one every start rebuilds. */
  snapshots?: SnapshotStore;
  logger?: Logger;
}

/** What to do when a reload is asked for while one is running. */
export type WhenBusy =
  /** Say so and do nothing (a moderator's `/reload`: they are told one is already running). */
  | 'refuse'
  /** Share the running reload's result (SIGHUP). */
  | 'join'
  /** Run once more after it, so changes made during the running reload are not missed (folder watch). */
  | 'again';

/**
 * The one object front ends talk to: it holds the corpus version being served and replaces it on
 * reload. A reload builds the new version beside the old and swaps one reference, so an answer
 * always comes from one version, queries in flight finish on the old one, and a failed reload
 * leaves the old one serving.
 */
export class QuoteDesk {
  private running: Promise<ReloadResult> | null = null;
  private rerun: Promise<ReloadResult> | null = null;
  private lastReloadAt: Date;

  private constructor(
    private readonly options: QuoteDeskOptions,
    private current: CorpusVersion,
    /** How the serving version was produced, for `/corpus` and the start-up log. */
    private lastReport: ReloadReport,
  ) {
    this.lastReloadAt = current.builtAt;
  }

  /**
   * Loads the corpus (from a matching snapshot when there is one). Throws only when the corpus
   * folder itself cannot be read: there is nothing to serve then.
   */
  static async open(options: QuoteDeskOptions): Promise<QuoteDesk> {
    const { version, report } = await buildVersion(options, null);
    options.logger?.info({ ...summary(report) }, 'corpus loaded');
    return new QuoteDesk(options, version, report);
  }

  /** The version answers are read from right now. Take it once per answer and use only it. */
  get version(): CorpusVersion {
    return this.current;
  }

  get isReloading(): boolean {
    return this.running !== null;
  }

  get lastReload(): { at: Date; report: ReloadReport } {
    return { at: this.lastReloadAt, report: this.lastReport };
  }

  ask(request: AskRequest): Answer {
    return answerQuestion(this.current, request);
  }

  lookUp(request: LookupRequest): Answer {
    return lookUpQuotes(this.current, request);
  }

  /** Re-reads the corpus folder and swaps the new version in if it loaded. */
  reload(options: { whenBusy?: WhenBusy; trigger?: string } = {}): Promise<ReloadResult> {
    const whenBusy = options.whenBusy ?? 'join';
    if (this.running) {
      if (whenBusy === 'refuse') return Promise.resolve({ status: 'busy' });
      if (whenBusy === 'join') return this.running;
      this.rerun ??= this.running.then(() => {
        this.rerun = null;
        return this.reload({ whenBusy: 'join', trigger: options.trigger });
      });
      return this.rerun;
    }
    const run = this.runReload(options.trigger ?? 'manual').finally(() => {
      this.running = null;
    });
    this.running = run;
    return run;
  }

  private async runReload(trigger: string): Promise<ReloadResult> {
    const logger = this.options.logger;
    logger?.info({ trigger }, 'reload started');
    const previous = this.current;
    try {
      const { version, report } = await buildVersion(this.options, previous);
      if (version.articles.length === 0 && previous.articles.length > 0) {
        const reason = `the corpus folder yielded no articles (${report.rejected.length} file(s) or line(s) rejected); keeping the ${previous.articles.length} articles already loaded`;
        logger?.warn({ trigger, rejected: report.rejected }, 'reload refused: %s', reason);
        return { status: 'failed', reason, rejected: report.rejected, servingVersion: previous.id };
      }
      this.current = version;
      this.lastReport = report;
      this.lastReloadAt = new Date();
      logger?.info({ trigger, ...summary(report) }, 'reload finished');
      return { status: 'reloaded', report };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      logger?.error({ trigger, err: error }, 'reload failed; the previous corpus keeps serving');
      return { status: 'failed', reason, rejected: [], servingVersion: previous.id };
    }
  }
}

async function buildVersion(options: QuoteDeskOptions, previous: CorpusVersion | null): Promise<{ version: CorpusVersion; report: ReloadReport }> {
  const started = performance.now();
  const load = await loadCorpus(options.corpusDir);
  const versionId = CorpusVersion.idFor(load);
  let version: CorpusVersion | null = previous?.id === versionId ? previous : null;
  let fromSnapshot = false;
  if (!version && options.snapshots) {
    const prebuilt = await options.snapshots.read(versionId, load);
    if (prebuilt) {
      version = await CorpusVersion.build(load, prebuilt);
      fromSnapshot = true;
    }
  }
  if (!version) {
    version = await CorpusVersion.build(load);
    await options.snapshots?.write(version);
  }
  const stats = version.stats();
  const report: ReloadReport = {
    versionId: version.id,
    previousVersionId: previous?.id ?? null,
    articles: stats.articles,
    quotes: stats.quotes,
    speakers: stats.speakers,
    durationMs: Math.round(performance.now() - started),
    fromSnapshot,
    ...diffArticles(previous?.articles ?? [], load.articles),
    rejected: load.rejected,
  };
  return { version, report };
}

function summary(report: ReloadReport): Record<string, unknown> {
  return {
    version: report.versionId,
    articles: report.articles,
    quotes: report.quotes,
    speakers: report.speakers,
    added: report.added.length,
    changed: report.changed.length,
    removed: report.removed.length,
    rejected: report.rejected.length,
    fromSnapshot: report.fromSnapshot,
    durationMs: report.durationMs,
  };
}
