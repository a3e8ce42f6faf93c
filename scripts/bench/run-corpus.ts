/**
 * Measures one corpus, in a process of its own so that its peak RSS and heap are its own. Started
 * by `scripts/bench.ts` with the corpus folder; prints progress on stderr and one
 * `BENCH_RESULT {…}` line on stdout.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import { answerQuestion } from '../../src/answer/answerer.js';
import { loadCorpus, type CorpusLoad } from '../../src/corpus/load.js';
import { CorpusVersion, type BuildStage } from '../../src/desk/corpus-version.js';
import { QuoteDesk } from '../../src/desk/quote-desk.js';
import { FileSnapshotStore } from '../../src/desk/snapshot.js';
import { createLogger } from '../../src/ops/logger.js';
import { askNaive, buildNaiveIndex, tokenisationFloor } from './baselines.js';
import { autocompletePrefixes, buildQuestions, type BenchQuestion } from './questions.js';
import { RESULT_MARK, type CorpusResult } from './result.js';
import { heapAfterGc, megabytes, peakRss, percentile, round, timeIt } from './stats.js';

/** Timed passes over the question list stop after this long (at least one pass always runs). */
const QUERY_BUDGET_MS = 15_000;
const MAX_PASSES = 3;

const [name, corpusDir, cacheDir] = process.argv.slice(2);
if (!name || !corpusDir || !cacheDir) throw new Error('usage: run-corpus.ts NAME CORPUS_DIR CACHE_DIR');
const say = (line: string): void => void process.stderr.write(`  [${name}] ${line}\n`);

const result = await measure(name, corpusDir, cacheDir);
process.stdout.write(`${RESULT_MARK}${JSON.stringify(result)}\n`);

async function measure(corpus: string, dir: string, cache: string): Promise<CorpusResult> {
  // Baseline 2 first, on a clean heap: the tokenisation floor over the corpus files.
  const files = await corpusFiles(dir);
  const floor = await timeIt(() => tokenisationFloor(files));
  say(`tokenisation floor ${Math.round(floor.ms)} ms (${floor.result.tokens} tokens)`);

  // Our pipeline, cold, stage by stage.
  const readParse = await timeIt(() => loadCorpus(dir));
  let load: CorpusLoad | null = readParse.result;
  const corpusBytes = load.files.reduce((sum, file) => sum + file.bytes, 0);
  say(`read + parse ${Math.round(readParse.ms)} ms, ${load.articles.length} articles, ${megabytes(corpusBytes).toFixed(1)} MB`);
  const stages: Record<BuildStage, number> = { extract: 0, speakers: 0, index: 0, records: 0 };
  let version: CorpusVersion | null = await CorpusVersion.build(load, undefined, {
    onStage: (stage, ms) => {
      stages[stage] = ms;
      say(`${stage} ${Math.round(ms)} ms`);
    },
  });
  const ingestMs = readParse.ms + stages.extract + stages.speakers + stages.index + stages.records;
  const heapBytes = heapAfterGc();
  const peakRssBytes = peakRss();
  say(`heap after GC ${megabytes(heapBytes).toFixed(0)} MB, peak RSS ${megabytes(peakRssBytes).toFixed(0)} MB`);

  // Snapshot written the way the desk writes it; a failure is logged by the store, caught here.
  const warnings: string[] = [];
  const logger = createLogger({ level: 'warn', destination: collect(warnings) });
  const store = new FileSnapshotStore(cache, logger);
  const write = await timeIt(() => store.write(version!));
  const snapshotBytes = await folderBytes(cache);
  let snapshotProblem = warnings.length > 0 ? describeWarning(warnings[0]!) : null;
  say(`snapshot write ${Math.round(write.ms)} ms, ${megabytes(snapshotBytes).toFixed(1)} MB${snapshotProblem ? ` (${snapshotProblem})` : ''}`);

  // Questions through the path the Discord handlers use.
  const questions = buildQuestions(version);
  const ours = timeQuestions(questions, (question) => answerQuestion(version!, { question }).status === 'answered');
  say(`queries p50 ${ours.p50.toFixed(2)} ms, p99 ${ours.p99.toFixed(2)} ms over ${questions.length} questions × ${ours.passes}`);
  const prefixes = autocompletePrefixes(version);
  const speakers = version.speakers;
  const complete = timeQuestions(
    prefixes.map((prefix) => ({ kind: 'autocomplete', question: prefix })),
    (prefix) => speakers.complete(prefix, 25).length > 0,
    10,
  );
  const stats = version.stats();
  const articles = load.articles.length;
  version = null;
  load = null;

  // Start from the snapshot, as a restart does: read the corpus, find the snapshot, load it.
  heapAfterGc();
  const started = await timeIt(() => QuoteDesk.open({ corpusDir: dir, snapshots: store, logger }));
  let desk: QuoteDesk | null = started.result;
  if (!desk.lastReload.report.fromSnapshot) snapshotProblem ??= warnings.map(describeWarning).at(-1) ?? 'the snapshot was not used';
  const heapAfterSnapshotBytes = heapAfterGc();
  say(`start from snapshot ${Math.round(started.ms)} ms (fromSnapshot=${desk.lastReload.report.fromSnapshot}), heap ${megabytes(heapAfterSnapshotBytes).toFixed(0)} MB`);
  const loadedArticles = desk.version.articles;
  desk = null;

  // Baseline 1: the naive whole-article index, over the same articles, asked the same questions.
  const naive = await timeIt(() => buildNaiveIndex(loadedArticles));
  const naiveHeapBytes = heapAfterGc();
  const naiveQueries = timeQuestions(questions, (question) => askNaive(naive.result, question) > 0);
  say(`naive index ${Math.round(naive.ms)} ms, queries p99 ${naiveQueries.p99.toFixed(2)} ms`);

  return {
    corpus,
    articles,
    ingestMs: round(ingestMs),
    naiveIngestMs: round(readParse.ms + naive.ms),
    floorMs: round(floor.ms),
    queryP50Ms: round(ours.p50, 2),
    queryP99Ms: round(ours.p99, 2),
    naiveQueryP99Ms: round(naiveQueries.p99, 2),
    autocompleteP99Ms: round(complete.p99, 3),
    snapshotLoadMs: round(started.ms),
    heapBytes,
    corpusBytes,
    quotes: stats.quotes,
    speakers: stats.speakers,
    questions: questions.length,
    answered: ours.hits,
    stagesMs: {
      readParse: round(readParse.ms),
      extract: round(stages.extract),
      speakers: round(stages.speakers),
      index: round(stages.index),
      records: round(stages.records),
    },
    ingestMBps: round(megabytes(corpusBytes) / (ingestMs / 1000), 2),
    peakRssBytes,
    queryP95Ms: round(ours.p95, 2),
    queryP99ByKindMs: Object.fromEntries(Object.entries(ours.p99ByKind).map(([kind, ms]) => [kind, round(ms, 2)])),
    naiveQueryP50Ms: round(naiveQueries.p50, 2),
    naiveIndexMs: round(naive.ms),
    naiveHeapBytes,
    snapshotBytes,
    snapshotWriteMs: round(write.ms),
    snapshotProblem,
    heapAfterSnapshotBytes,
  };
}

/** One untimed warm-up pass, then timed passes until the budget or the pass limit is reached. */
function timeQuestions(questions: ReadonlyArray<Pick<BenchQuestion, 'question'> & { kind: string }>, ask: (question: string) => boolean, maxPasses = MAX_PASSES) {
  let hits = 0;
  for (const { question } of questions) if (ask(question)) hits += 1;
  const samples: number[] = [];
  const byKind = new Map<string, number[]>();
  const started = performance.now();
  let passes = 0;
  while (passes < maxPasses && (passes === 0 || performance.now() - started < QUERY_BUDGET_MS)) {
    for (const { kind, question } of questions) {
      const before = performance.now();
      ask(question);
      const ms = performance.now() - before;
      samples.push(ms);
      const list = byKind.get(kind) ?? [];
      list.push(ms);
      byKind.set(kind, list);
    }
    passes += 1;
  }
  const p99ByKind = Object.fromEntries([...byKind].map(([kind, list]) => [kind, percentile(list, 99)]));
  return { hits, passes, p50: percentile(samples, 50), p95: percentile(samples, 95), p99: percentile(samples, 99), p99ByKind };
}

async function folderBytes(dir: string): Promise<number> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  let total = 0;
  for (const entry of entries) if (entry.isFile()) total += (await stat(path.join(entry.parentPath, entry.name))).size;
  return total;
}

async function corpusFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && /\.(?:txt|jsonl|md|markdown)$/.test(entry.name) && entry.name !== 'README.md')
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

function collect(lines: string[]): Writable {
  return new Writable({
    write(chunk, _encoding, callback) {
      lines.push(String(chunk));
      callback();
    },
  });
}

function describeWarning(line: string): string {
  try {
    const parsed = JSON.parse(line) as { msg?: string; err?: { message?: string }; reason?: string };
    return [parsed.msg, parsed.err?.message ?? parsed.reason].filter(Boolean).join(': ');
  } catch {
    return line.trim();
  }
}
