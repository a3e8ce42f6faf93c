/** What one corpus's run measured. The first keys are the ones issue 6 names for the JSON line. */
export interface CorpusResult {
  corpus: string;
  articles: number;
  ingestMs: number;
  naiveIngestMs: number;
  floorMs: number;
  queryP50Ms: number;
  queryP99Ms: number;
  naiveQueryP99Ms: number;
  autocompleteP99Ms: number;
  snapshotLoadMs: number;
  heapBytes: number;
  corpusBytes: number;
  // The rest explains the above.
  quotes: number;
  speakers: number;
  questions: number;
  answered: number;
  stagesMs: { readParse: number; extract: number; speakers: number; index: number; records: number };
  ingestMBps: number;
  peakRssBytes: number;
  queryP95Ms: number;
  queryP99ByKindMs: Record<string, number>;
  naiveQueryP50Ms: number;
  naiveIndexMs: number;
  naiveHeapBytes: number;
  snapshotBytes: number;
  snapshotWriteMs: number;
  /** Why the snapshot was not written or not used, when it was not. */
  snapshotProblem: string | null;
  heapAfterSnapshotBytes: number;
}

export const RESULT_MARK = 'BENCH_RESULT ';
