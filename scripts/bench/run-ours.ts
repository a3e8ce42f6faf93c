/**
 * Measures Quotedesk's own pipeline on one corpus folder, in a process of its own (started by
 * scripts/bench.ts): tokenisation floor, ingest by stage, memory, snapshot write and start, query
 * and autocomplete latency. Writes the question list it used to QUESTIONS_FILE for the naive
 * baseline, prints progress on stderr and one `BENCH_RESULT {…}` line on stdout.
 *
 * usage: run-ours.ts NAME CORPUS_DIR CACHE_DIR QUESTIONS_FILE LATENCY_OPTIONS_JSON
 */
import { readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import { answerQuestion } from '../../src/answer/answerer.js';
import { loadCorpus, type CorpusLoad } from '../../src/corpus/load.js';
import { CorpusVersion, type BuildStage } from '../../src/desk/corpus-version.js';
import { QuoteDesk } from '../../src/desk/quote-desk.js';
import { FileSnapshotStore } from '../../src/desk/snapshot.js';
import { createLogger } from '../../src/ops/logger.js';
import { fileURLToPath } from 'node:url';
import { tokenisationFloor } from './baselines.js';
import { measureLongArticle } from './long-article.js';
import { measureReloads } from './reloads.js';
import { StallMeter, withStalls } from './stall.js';
import { measureLatency, type LatencyOptions } from './latency.js';
import { autocompletePrefixes, buildQuestions } from './questions.js';
import { RESULT_MARK, type OursResult } from './result.js';
import { heapAfterGc, megabytes, peakRss, round, timeIt } from './stats.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const [name, corpusDir, cacheDir, questionsFile, latencyJson] = process.argv.slice(2);
if (!name || !corpusDir || !cacheDir || !questionsFile || !latencyJson) throw new Error('usage: run-ours.ts NAME CORPUS_DIR CACHE_DIR QUESTIONS_FILE LATENCY_OPTIONS_JSON');
const latencyOptions = JSON.parse(latencyJson) as LatencyOptions;
const say = (line: string): void => void process.stderr.write(`  [${name}] ${line}\n`);

const result = await measure(name, corpusDir, cacheDir);
process.stdout.write(`${RESULT_MARK}${JSON.stringify(result)}\n`);

async function measure(corpus: string, dir: string, cache: string): Promise<OursResult> {
  // What the process holds before any corpus: the modules it imported.
  const heapBaselineBytes = heapAfterGc();
  // The floor first, on a clean heap.
  const files = await corpusFiles(dir);
  const floor = await timeIt(() => tokenisationFloor(files));
  say(`tokenisation floor ${Math.round(floor.ms)} ms (${floor.result.tokens.toLocaleString('en-GB')} words)`);

  // Cold ingest, stage by stage, through the code a reload runs.
  // `readParse` is let go of below: holding its result would keep this load's articles alive
  // through the start from the snapshot and count them twice in that heap figure.
  let readParse: { result: CorpusLoad; ms: number } | null = await timeIt(() => loadCorpus(dir));
  const readParseMs = readParse.ms;
  let load: CorpusLoad | null = readParse.result;
  readParse = null;
  const articles = load.articles.length;
  const corpusBytes = load.files.reduce((sum, file) => sum + file.bytes, 0);
  say(`read + parse ${Math.round(readParseMs)} ms: ${articles.toLocaleString('en-GB')} articles, ${megabytes(corpusBytes).toFixed(1)} MB`);
  const stages: Record<BuildStage, number> = { extract: 0, speakers: 0, index: 0, records: 0 };
  // How long answers would wait at worst while a cold build runs beside them.
  const buildStalls = new StallMeter().start();
  let version: CorpusVersion | null = await CorpusVersion.build(load, undefined, {
    onStage: (stage, ms) => {
      stages[stage] = ms;
      say(`${stage} ${Math.round(ms)} ms`);
    },
  });
  const coldBuildStalls = buildStalls.stop();
  const coldBuildStallMs = coldBuildStalls.longestMs;
  say(`longest event-loop stall during the cold build ${Math.round(coldBuildStallMs)} ms (in CPU time ${Math.round(coldBuildStalls.longestBusyMs)} ms)`);
  const ingestMs = readParseMs + stages.extract + stages.speakers + stages.index + stages.records;
  const heapBytes = heapAfterGc();
  const peakRssBytes = peakRss();
  say(`heap after GC ${megabytes(heapBytes).toFixed(0)} MB, peak RSS ${megabytes(peakRssBytes).toFixed(0)} MB`);

  // The snapshot, written the way the desk writes it (failures are logged by the store, caught here).
  const warnings: string[] = [];
  const logger = createLogger({ level: 'warn', destination: collect(warnings) });
  const store = new FileSnapshotStore(cache, logger);
  const write = await withStalls(() => store.write(version!));
  const snapshotBytes = await folderBytes(cache);
  let snapshotProblem = warnings.length > 0 ? describeWarning(warnings[0]!) : null;
  say(`snapshot write ${Math.round(write.ms)} ms (longest stall ${Math.round(write.stalls.longestMs)} ms), ${megabytes(snapshotBytes).toFixed(1)} MB${snapshotProblem ? ` (${snapshotProblem})` : ''}`);

  // Questions, through the code path the Discord handlers use.
  const questions = buildQuestions(version);
  await writeFile(questionsFile!, JSON.stringify(questions));
  let answered = 0;
  for (const { question } of questions) if (answerQuestion(version, { question }).status === 'answered') answered += 1;
  const ours = measureLatency(
    questions.map(({ kind, question }) => ({ kind, input: question })),
    (question) => answerQuestion(version!, { question }),
    latencyOptions,
  );
  say(`queries p50 ${ours.latency.p50} ms, p99 ${ours.latency.p99} ms (${ours.latency.samples} timed)`);
  const complete = measureLatency(
    autocompletePrefixes(version).map((prefix) => ({ kind: 'autocomplete', input: prefix })),
    (prefix) => version!.speakers.complete(prefix, 25),
    { ...latencyOptions, maxPasses: 10 },
  );
  say(`autocomplete p99 ${complete.latency.p99} ms`);
  const stats = version.stats();
  version = null;
  load = null;

  // Start from the snapshot as a restart does: read the corpus, find the snapshot, load it.
  heapAfterGc();
  const started = await timeIt(() => QuoteDesk.open({ corpusDir: dir, snapshots: store, logger }));
  const desk = started.result;
  if (!desk.lastReload.report.fromSnapshot) snapshotProblem ??= warnings.map(describeWarning).at(-1) ?? 'the snapshot was not used';
  const heapAfterSnapshotBytes = heapAfterGc();
  say(`start from snapshot ${Math.round(started.ms)} ms (from snapshot: ${desk.lastReload.report.fromSnapshot}), heap ${megabytes(heapAfterSnapshotBytes).toFixed(0)} MB`);

  // Reloads on the desk that just started, as a running bot does them.
  const reloads = await measureReloads(desk, dir, say);
  const longArticle = corpus === 'bundled' ? await measureLongArticle(repoRoot) : null;
  if (longArticle) say(`one article with no paragraph breaks, extraction CPU time: 0.5 MB ${longArticle.halfMegabyteMs} ms, 1 MB ${longArticle.oneMegabyteMs} ms (×${longArticle.ratio})`);

  return {
    corpus,
    articles,
    corpusBytes,
    quotes: stats.quotes,
    speakers: stats.speakers,
    floorMs: round(floor.ms),
    stagesMs: {
      readParse: round(readParseMs),
      extract: round(stages.extract),
      speakers: round(stages.speakers),
      index: round(stages.index),
      records: round(stages.records),
    },
    ingestMs: round(ingestMs),
    heapBytes,
    heapBaselineBytes,
    peakRssBytes,
    snapshotBytes,
    snapshotWriteMs: round(write.ms),
    snapshotWriteStallMs: round(write.stalls.longestMs),
    coldBuildStallMs: round(coldBuildStallMs),
    coldBuildBusyStallMs: round(coldBuildStalls.longestBusyMs),
    snapshotWriteBusyStallMs: round(write.stalls.longestBusyMs),
    reloads,
    longArticle,
    snapshotLoadMs: round(started.ms),
    snapshotProblem,
    heapAfterSnapshotBytes,
    questions: questions.length,
    answered,
    query: ours.latency,
    queryP99ByKindMs: ours.p99ByKind,
    autocomplete: complete.latency,
  };
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
