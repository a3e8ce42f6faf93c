import type { LoadProgress } from '../corpus/load.js';
import type { BuildProgress, BuildStage } from './corpus-version.js';

/** How far a load or reload has got, for a progress line in the terminal and in the bot's logs. */
export interface ReloadProgress {
  stage: 'read' | BuildStage;
  /** Files read of those that had to be read (unchanged files are kept without reading). */
  filesRead: number;
  filesToRead: number;
  bytesRead: number;
  bytesToRead: number;
  /** Articles read from the files so far. */
  articles: number;
  /** Articles whose quotes must be extracted (new or changed), and how many are done. */
  articlesToExtract: number;
  articlesExtracted: number;
  quotesFound: number;
  elapsedMs: number;
  /** Estimated share of the whole job done, 0 to 1. */
  done: number;
  /** Estimated time left, or null until there is enough to go on. */
  leftMs: number | null;
}

/**
 * Share of a cold build each step takes (docs/performance.md: at 21k–502k articles extraction is
 * ≈55%, indexing ≈35%, the rest a few per cent each): what turns "articles extracted" into an
 * estimate of the time left.
 */
const WEIGHT = { read: 0.03, extract: 0.55, speakers: 0.03, index: 0.35, records: 0.04 } as const;
const ORDER = ['read', 'extract', 'speakers', 'index', 'records'] as const;
/** Calls to `report` come at most this often. */
const REPORT_EVERY_MS = 200;
/** No estimate of the time left before this much has passed: early rates mislead. */
const ESTIMATE_AFTER_MS = 2_000;

/** Turns the loader's and the builder's counters into {@link ReloadProgress} updates, throttled. */
export class ProgressTracker {
  private readonly started = performance.now();
  private lastReport = -Infinity;
  private readonly state: Omit<ReloadProgress, 'elapsedMs' | 'done' | 'leftMs'> = {
    stage: 'read',
    filesRead: 0,
    filesToRead: 0,
    bytesRead: 0,
    bytesToRead: 0,
    articles: 0,
    articlesToExtract: 0,
    articlesExtracted: 0,
    quotesFound: 0,
  };

  constructor(private readonly report: (progress: ReloadProgress) => void) {}

  reading(update: LoadProgress): void {
    Object.assign(this.state, { stage: 'read', filesRead: update.filesRead, filesToRead: update.filesToRead, bytesRead: update.bytesRead, bytesToRead: update.bytesToRead, articles: update.articles });
    this.maybeReport();
  }

  building(update: BuildProgress): void {
    Object.assign(this.state, update);
    this.maybeReport();
  }

  /** A build step finished: the next one starts. */
  stageDone(stage: BuildStage): void {
    const next = ORDER[ORDER.indexOf(stage) + 1];
    if (next !== undefined) this.state.stage = next;
    this.maybeReport();
  }

  /** The last update, whatever the throttle says, so a progress line can end on 100%. */
  finish(): void {
    if (this.lastReport === -Infinity) return;
    this.report({ ...this.state, elapsedMs: performance.now() - this.started, done: 1, leftMs: 0 });
  }

  private maybeReport(): void {
    const now = performance.now();
    if (now - this.lastReport < REPORT_EVERY_MS) return;
    this.lastReport = now;
    const elapsedMs = now - this.started;
    const done = this.estimateDone();
    const leftMs = elapsedMs >= ESTIMATE_AFTER_MS && done > 0.01 ? (elapsedMs * (1 - done)) / done : null;
    this.report({ ...this.state, elapsedMs, done, leftMs });
  }

  private estimateDone(): number {
    const { stage } = this.state;
    let done = 0;
    for (const step of ORDER) {
      if (step === stage) break;
      done += WEIGHT[step];
    }
    const within =
      stage === 'read'
        ? ratio(this.state.bytesRead, this.state.bytesToRead)
        : stage === 'extract'
          ? ratio(this.state.articlesExtracted, this.state.articlesToExtract)
          : 0;
    return Math.min(0.99, done + WEIGHT[stage] * within);
  }

  /** "reading: 12,345 articles, 3.1 of 22.6 MB" — one line for a log or a terminal. */
  static describe(progress: ReloadProgress): string {
    const count = (n: number): string => n.toLocaleString('en-GB');
    const parts: string[] = [];
    if (progress.stage === 'read') {
      parts.push(`reading files: ${count(progress.filesRead)} of ${count(progress.filesToRead)}`, `${megabytes(progress.bytesRead)} of ${megabytes(progress.bytesToRead)}`, `${count(progress.articles)} articles`);
    } else {
      parts.push(`${count(progress.articles)} articles read`, `${count(progress.quotesFound)} quotes found`);
      if (progress.stage === 'extract') parts.push(`extracting ${count(progress.articlesExtracted)} of ${count(progress.articlesToExtract)}`);
      else parts.push(STAGE_WORDS[progress.stage]);
    }
    if (progress.leftMs !== null) parts.push(progress.leftMs === 0 ? 'done' : `about ${describeLeft(progress.leftMs)} left`);
    return parts.join(', ');
  }
}

const STAGE_WORDS: Record<BuildStage, string> = {
  extract: 'extracting quotes',
  speakers: 'joining speakers',
  index: 'indexing',
  records: 'finishing',
};

function ratio(part: number, whole: number): number {
  return whole > 0 ? Math.min(1, part / whole) : 1;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}

function describeLeft(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`;
}
