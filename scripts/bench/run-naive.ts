/**
 * Measures the naive bot on one corpus folder, in a process of its own (started by
 * scripts/bench.ts after run-ours.ts): read + parse with the same loader, one plain MiniSearch
 * document per article, the same questions. Its own process keeps its (large) heap out of our
 * figures, and lets it run out of memory without losing them.
 *
 * usage: run-naive.ts NAME CORPUS_DIR QUESTIONS_FILE LATENCY_OPTIONS_JSON
 */
import { readFile } from 'node:fs/promises';
import { loadCorpus } from '../../src/corpus/load.js';
import { askNaive, buildNaiveIndex } from './baselines.js';
import { measureLatency, type LatencyOptions } from './latency.js';
import type { BenchQuestion } from './questions.js';
import { RESULT_MARK, type NaiveResult } from './result.js';
import { heapAfterGc, megabytes, peakRss, round, timeIt } from './stats.js';

const [name, corpusDir, questionsFile, latencyJson] = process.argv.slice(2);
if (!name || !corpusDir || !questionsFile || !latencyJson) throw new Error('usage: run-naive.ts NAME CORPUS_DIR QUESTIONS_FILE LATENCY_OPTIONS_JSON');
const say = (line: string): void => void process.stderr.write(`  [${name}, naive] ${line}\n`);

const questions = JSON.parse(await readFile(questionsFile, 'utf8')) as BenchQuestion[];
const readParse = await timeIt(() => loadCorpus(corpusDir));
const built = await timeIt(() => buildNaiveIndex(readParse.result.articles));
const index = built.result;
const heapBytes = heapAfterGc();
say(`read + parse ${Math.round(readParse.ms)} ms, index ${Math.round(built.ms)} ms, heap ${megabytes(heapBytes).toFixed(0)} MB`);
const queries = measureLatency(
  questions.map(({ kind, question }) => ({ kind, input: question })),
  (question) => askNaive(index, question),
  JSON.parse(latencyJson) as LatencyOptions,
);
say(`queries p50 ${queries.latency.p50} ms, p99 ${queries.latency.p99} ms`);
const result: NaiveResult = {
  readParseMs: round(readParse.ms),
  indexMs: round(built.ms),
  heapBytes,
  peakRssBytes: peakRss(),
  query: queries.latency,
};
process.stdout.write(`${RESULT_MARK}${JSON.stringify(result)}\n`);
