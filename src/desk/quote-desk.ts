import type { Logger } from 'pino';
import type { AskRequest, LookupRequest } from '../answer/answerer.js';
import { answerQuestion, lookUpQuotes } from '../answer/answerer.js';
import type { Answer } from '../answer/answer.js';
import { loadCorpus } from '../corpus/load.js';
import { CorpusVersion } from './corpus-version.js';
import { TypedArrayPool, type ArrayLoan } from './typed-array-pool.js';
import { diffArticles } from './diff.js';
import { noCorpusAnswer } from './empty-corpus.js';
import { ProgressTracker, type ReloadProgress } from './reload-progress.js';
import type { ReloadReport, ReloadResult } from './reload-report.js';
import { rejectionCountsByFile, writeRejectionList } from './rejection-summary.js';
import type { SnapshotStore } from './snapshot.js';

export interface QuoteDeskOptions {
  /** The corpus folder. */
  corpusDir: string;
  /** Where start-up snapshots live; without one every start rebuilds. */
  snapshots?: SnapshotStore | undefined;
  logger?: Logger | undefined;
  /** Longest a load or reload may take before it is given up on (default 30 minutes: a 500k-article cold build takes ≈6). */
  reloadDeadlineMs?: number | undefined;
  /** Longest wait for one read from one corpus file (default 30 s). */
  readTimeoutMs?: number | undefined;
  /** Told how a load or reload is getting on, every few hundred milliseconds at most (the terminal's progress line). */
  onProgress?: ((progress: ReloadProgress) => void) | undefined;
  /** How often a long load logs how it is getting on (default every 10 s). */
  progressLogEveryMs?: number | undefined;
  /** Where the whole list of rejected files and lines is written, one per line, for a moderator to open (none when unset). */
  rejectionListFile?: string | undefined;
  /**
   * Where every build takes its per-quote typed arrays from and every retired version gives them
   * back to (default: a new pool). Given by tests and the bench, to read its counts.
   */
  arrays?: TypedArrayPool | undefined;
}

/** See {@link QuoteDeskOptions.reloadDeadlineMs}. */
export const DEFAULT_RELOAD_DEADLINE_MS = 30 * 60_000;
/** See {@link QuoteDeskOptions.progressLogEveryMs}. */
const PROGRESS_LOG_EVERY_MS = 10_000;

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
 * always comes from one version, and a failed reload leaves the old one serving. Answers read a
 * version synchronously, so once the new one is swapped in the old one is retired: its per-quote
 * arrays go to the next build (see `CorpusVersion.retire`), and it refuses to answer if held on to.
 */
export class QuoteDesk {
  private running: Promise<ReloadResult> | null = null;
  private rerun: Promise<ReloadResult> | null = null;
  private lastReloadAt: Date;
  /** The snapshot of the newest version, written after it is swapped in so that answers never wait on it. */
  private snapshotWrite: Promise<void> = Promise.resolve();

  private constructor(
    private readonly options: QuoteDeskOptions,
    private current: CorpusVersion,
    /** How the serving version was produced, for `/corpus` and the start-up log. */
    private lastReport: ReloadReport,
    /** Per-quote typed arrays handed from each retired version to the next build (see {@link TypedArrayPool}). */
    private readonly arrays: TypedArrayPool,
  ) {
    this.lastReloadAt = current.builtAt;
  }

  /**
   * Loads the corpus (from a matching snapshot when there is one). Throws only when the corpus
   * folder itself cannot be read: there is nothing to serve then.
   */
  static async open(options: QuoteDeskOptions): Promise<QuoteDesk> {
    const arrays = options.arrays ?? new TypedArrayPool();
    const { version, report } = await withDeadline(options, (signal) => buildVersion(options, null, signal, arrays));
    options.logger?.info({ ...summary(report) }, 'corpus loaded');
    if (version.articles.length === 0) options.logger?.warn({ corpusDir: version.load.dir, rejected: report.rejected.length }, 'no articles loaded from %s', version.load.dir);
    // At start nothing is being served yet: the snapshot is written before the desk opens.
    if (!report.fromSnapshot) await options.snapshots?.write(version);
    return new QuoteDesk(options, version, report, arrays);
  }

  /** Resolves once the newest version's snapshot is written (or failed, which is logged): for tests and a clean shutdown. */
  snapshotWritten(): Promise<void> {
    return this.snapshotWrite;
  }

  /** The version answers are read from right now. Take it once per answer and use only it. */
  /** This desk holds its version in memory: see {@link ServingDesk.inMemoryVersion}. */
  inMemoryVersion(): CorpusVersion {
    return this.version;
  }

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
    const version = this.current;
    const answer = answerQuestion(version, request);
    return version.articles.length === 0 ? noCorpusAnswer(answer, version, this.lastReport) : answer;
  }

  lookUp(request: LookupRequest): Answer {
    const version = this.current;
    const answer = lookUpQuotes(version, request);
    return version.articles.length === 0 ? noCorpusAnswer(answer, version, this.lastReport) : answer;
  }

  /** Re-reads the corpus folder and swaps the new version in if it loaded. */
  reload(options: { whenBusy?: WhenBusy; trigger?: string; deadlineMs?: number } = {}): Promise<ReloadResult> {
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
    const run = this.runReload(options.trigger ?? 'manual', options.deadlineMs).finally(() => {
      this.running = null;
    });
    this.running = run;
    return run;
  }

  private async runReload(trigger: string, deadlineMs: number | undefined): Promise<ReloadResult> {
    const logger = this.options.logger;
    logger?.info({ trigger }, 'reload started');
    const previous = this.current;
    try {
      const options = deadlineMs === undefined ? this.options : { ...this.options, reloadDeadlineMs: deadlineMs };
      const { version, report } = await withDeadline(options, (signal) => buildVersion(options, previous, signal, this.arrays));
      if (version.articles.length === 0 && previous.articles.length > 0) {
        const reason = `the corpus folder yielded no articles (${report.rejected.length} file(s) or line(s) rejected); keeping the ${previous.articles.length} articles already loaded`;
        logger?.warn({ trigger, rejected: report.rejected.length }, 'reload refused: %s', reason);
        // Never served: its arrays go back for the next reload, which would otherwise allocate them afresh.
        version.retire(this.arrays);
        return { status: 'failed', reason, rejected: report.rejected, rejectionListFile: report.rejectionListFile, servingVersion: previous.id };
      }
      this.current = version;
      // Answers take the current version and read it synchronously: none reads the previous one now.
      if (version !== previous) previous.retire(this.arrays);
      this.lastReport = report;
      this.lastReloadAt = new Date();
      logger?.info({ trigger, ...summary(report) }, 'reload finished');
      if (version !== previous && !report.fromSnapshot) this.writeSnapshotLater(version);
      return { status: 'reloaded', report };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      logger?.error({ trigger, err: error }, 'reload failed (%s); the previous corpus keeps serving', reason);
      return { status: 'failed', reason, rejected: [], servingVersion: previous.id };
    }
  }

  /** Queues the snapshot of `version`; skipped if a newer version is serving by the time its turn comes. */
  private writeSnapshotLater(version: CorpusVersion): void {
    const store = this.options.snapshots;
    if (!store) return;
    this.snapshotWrite = this.snapshotWrite.then(() => (this.current === version ? store.write(version) : undefined)).catch(() => undefined);
  }
}

/**
 * Runs a load or reload with its deadline: past it, the work is aborted and the error says how long
 * it was given. The deadline rejects by itself rather than waiting for the work to notice the
 * signal: work stuck in a call that never returns (a stat or readdir on a hung disk, which no
 * read timeout covers) would otherwise hold the reload, and every later one, for ever.
 */
async function withDeadline<T>(options: QuoteDeskOptions, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const deadlineMs = options.reloadDeadlineMs ?? DEFAULT_RELOAD_DEADLINE_MS;
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const reason = new Error(`the corpus load did not finish within ${describeDuration(deadlineMs)} (the reload deadline) and was stopped`);
      controller.abort(reason);
      reject(reason);
    }, deadlineMs);
  });
  const running = work(controller.signal);
  // Stuck work that settles after the deadline has nobody waiting for it: not an unhandled rejection.
  running.catch(() => undefined);
  try {
    return await Promise.race([running, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function describeDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 120_000) return `${Math.round(ms / 1000)} s`;
  return `${Math.round(ms / 60_000)} minutes`;
}

async function buildVersion(
  options: QuoteDeskOptions,
  previous: CorpusVersion | null,
  signal: AbortSignal,
  pool: TypedArrayPool,
): Promise<{ version: CorpusVersion; report: ReloadReport }> {
  // What this build takes goes back to the pool if it fails: nothing can read a failed build's arrays.
  const arrays = pool.lend();
  try {
    return await buildVersionWith(options, previous, signal, arrays);
  } catch (error) {
    arrays.giveAllBack();
    throw error;
  }
}

async function buildVersionWith(
  options: QuoteDeskOptions,
  previous: CorpusVersion | null,
  signal: AbortSignal,
  arrays: ArrayLoan,
): Promise<{ version: CorpusVersion; report: ReloadReport }> {
  const started = performance.now();
  const progress = new ProgressTracker((update) => {
    options.onProgress?.(update);
    if (options.logger && update.elapsedMs >= lastLogged + (options.progressLogEveryMs ?? PROGRESS_LOG_EVERY_MS)) {
      lastLogged = update.elapsedMs;
      options.logger.info({ progress: update }, 'corpus load under way: %s', ProgressTracker.describe(update));
    }
  });
  let lastLogged = 0;
  const load = await loadCorpus(options.corpusDir, {
    signal,
    readTimeoutMs: options.readTimeoutMs,
    previous: previous?.load,
    onProgress: (update) => progress.reading(update),
  });
  const stagesMs: Record<string, number> = { read: Math.round(performance.now() - started) };
  const versionId = CorpusVersion.idFor(load);
  let version: CorpusVersion | null = previous?.id === versionId ? previous : null;
  let fromSnapshot = false;
  // A running desk builds from what it holds; a snapshot is for a start.
  if (!version && !previous && options.snapshots) {
    const prebuilt = await options.snapshots.read(versionId, load);
    if (prebuilt) {
      version = await CorpusVersion.build(load, prebuilt, { signal, arrays });
      fromSnapshot = true;
    }
  }
  version ??= await CorpusVersion.build(load, undefined, {
    previous,
    signal,
    arrays,
    onProgress: (update) => progress.building(update),
    onStage: (stage, ms) => {
      stagesMs[stage] = Math.round(ms);
      progress.stageDone(stage);
    },
  });
  progress.finish();
  const rejectionListFile = options.rejectionListFile && load.rejected.length > 0 ? await writeRejectionList(options.rejectionListFile, load, options.logger) : null;
  const stats = version.stats();
  const report: ReloadReport = {
    versionId: version.id,
    previousVersionId: previous?.id ?? null,
    articles: stats.articles,
    quotes: stats.quotes,
    speakers: stats.speakers,
    durationMs: Math.round(performance.now() - started),
    stagesMs,
    fromSnapshot,
    extracted: version === previous ? 0 : version.reuse.extracted,
    corpusDir: load.dir,
    ...(await diffArticles(previous?.articles ?? [], load.articles, { before: (id) => previous?.article(id), after: (id) => version.article(id), sincePrevious: version === previous ? null : version.sincePrevious })),
    rejected: load.rejected,
    rejectionListFile,
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
    ...(report.rejected.length > 0 ? { rejectedByFile: rejectionCountsByFile(report), rejectionListFile: report.rejectionListFile } : {}),
    extracted: report.extracted,
    fromSnapshot: report.fromSnapshot,
    durationMs: report.durationMs,
  };
}
