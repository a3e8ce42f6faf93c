import type { LongArticleFigures } from './long-article.js';
import type { ReloadFigures } from './reloads.js';

/** What our pipeline measured on one corpus (scripts/bench/run-ours.ts). */
export interface OursResult {
  corpus: string;
  articles: number;
  corpusBytes: number;
  quotes: number;
  speakers: number;
  floorMs: number;
  stagesMs: { readParse: number; extract: number; speakers: number; index: number; records: number };
  ingestMs: number;
  heapBytes: number;
  /** The same process's heap after GC before it loaded anything: code and libraries, not the corpus. */
  heapBaselineBytes: number;
  peakRssBytes: number;
  snapshotBytes: number;
  snapshotWriteMs: number;
  /** Longest event-loop stall while the snapshot was written, and while the cold build ran. */
  snapshotWriteStallMs: number;
  coldBuildStallMs: number;
  /** The same two stalls counted in the process's own CPU time (see scripts/bench/stall.ts). */
  coldBuildBusyStallMs: number;
  snapshotWriteBusyStallMs: number;
  reloads: ReloadFigures;
  /** Only on the bundled corpus's run: extraction of one long article at 0.5 and 1 MB. */
  longArticle: LongArticleFigures | null;
  snapshotLoadMs: number;
  /** Why the snapshot was not written or not used, when it was not. */
  snapshotProblem: string | null;
  heapAfterSnapshotBytes: number;
  questions: number;
  answered: number;
  query: Latency;
  queryP99ByKindMs: Record<string, number>;
  autocomplete: Latency;
}

/** What the naive whole-article MiniSearch bot measured on the same corpus (scripts/bench/run-naive.ts). */
export interface NaiveResult {
  readParseMs: number;
  indexMs: number;
  heapBytes: number;
  peakRssBytes: number;
  query: Latency;
}

export interface Latency {
  p50: number;
  p95: number;
  p99: number;
  samples: number;
}

/** One corpus's row: the keys issue 6 names first, then the figures that explain them. */
export interface CorpusResult {
  corpus: string;
  articles: number;
  ingestMs: number;
  naiveIngestMs: number | null;
  floorMs: number;
  queryP50Ms: number;
  queryP99Ms: number;
  naiveQueryP99Ms: number | null;
  autocompleteP99Ms: number;
  snapshotLoadMs: number;
  heapBytes: number;
  corpusBytes: number;
  queryP95Ms: number;
  ingestMBps: number;
  ours: OursResult;
  naive: NaiveResult | null;
  /** Why the naive baseline has no figures (it ran out of memory, …), when it has none. */
  naiveProblem: string | null;
}

export const RESULT_MARK = 'BENCH_RESULT ';
