/**
 * `node --expose-gc --import tsx scripts/bench/ab.ts OTHER_CHECKOUT CORPUS_DIR [--copies N]`
 *
 * Query latency of this checkout against another (e.g. `git archive main | tar -x -C /tmp/base`,
 * with node_modules linked), in ONE process on the same corpus and questions, each question timed
 * for one then the other in turn: on a shared, noisy machine the ratio taken this way is what
 * can be trusted, where two separate bench runs minutes apart differ by several times. CPU time
 * (process.cpuUsage) is reported beside wall time: it leaves out the time other processes held
 * the cores, which on a loaded machine is most of the p99. The
 * questions are the bench's own (scripts/bench/questions.ts, built by the other checkout). Prints
 * p50/p95/p99 for both and their ratios, overall and per kind, and the same over each question's
 * median (`perQuestionMedian`, robust to preemption), as one JSON line, with each
 * side's build time, the heap its version added (after a full GC; run node with --expose-gc) and
 * the bytes of its index's typed arrays. `--slowest N` also lists, on stderr, the N questions whose
 * median CPU time grew most: where to look first when the ratio is over the line.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { PerformanceObserver, constants as perfConstants, type PerformanceEntry } from 'node:perf_hooks';
import { percentile, round } from './stats.js';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { passes: { type: 'string', default: '5' }, slowest: { type: 'string', default: '0' } } });
const [otherRoot, corpusDir] = positionals;
if (!otherRoot || !corpusDir) throw new Error('usage: ab.ts OTHER_CHECKOUT CORPUS_DIR [--passes N]');
const here = path.resolve(import.meta.dirname, '../..');

interface Tree {
  answer: (question: string) => unknown;
  questions?: Array<{ kind: string; question: string }>;
}

interface Built {
  buildMs: number;
  heapMB: number | null;
  indexMB: number | null;
}

async function load(root: string): Promise<Tree & { version: unknown; built: Built }> {
  const from = (file: string): Promise<Record<string, unknown>> => import(pathToFileURL(path.join(root, file)).href) as Promise<Record<string, unknown>>;
  const { loadCorpus } = (await from('src/corpus/load.ts')) as { loadCorpus: (dir: string) => Promise<unknown> };
  const { CorpusVersion } = (await from('src/desk/corpus-version.ts')) as { CorpusVersion: { build: (load: unknown) => Promise<unknown> } };
  const { answerQuestion } = (await from('src/answer/answerer.ts')) as { answerQuestion: (version: unknown, request: { question: string }) => unknown };
  const { buildQuestions } = (await from('scripts/bench/questions.ts')) as { buildQuestions: (version: unknown) => Array<{ kind: string; question: string }> };
  const heapBefore = heapUsed();
  const started = performance.now();
  const version = await CorpusVersion.build(await loadCorpus(corpusDir!));
  const buildMs = Math.round(performance.now() - started);
  const heapAfter = heapUsed();
  const built: Built = { buildMs, heapMB: heapBefore === null || heapAfter === null ? null : round((heapAfter - heapBefore) / 2 ** 20, 1), indexMB: indexMegabytes(version) };
  process.stderr.write(`ab: built ${root} in ${buildMs} ms ${JSON.stringify(built)}\n`);
  return { version, built, answer: (question) => answerQuestion(version, { question }), questions: buildQuestions(version) };
}

/** Heap in use after a full collection, when node runs with --expose-gc. */
function heapUsed(): number | null {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return null;
  gc();
  return process.memoryUsage().heapUsed;
}

/** The typed arrays of a version's index (postings, offsets, lengths), in MB. */
function indexMegabytes(version: unknown): number | null {
  const data = (version as { index?: { toData?: () => Record<string, unknown> } }).index?.toData?.();
  if (!data) return null;
  const arrays = ['fieldLengths', 'offsets', 'docs', 'freqs'].flatMap((key) => (data[key] as ArrayBufferView[] | undefined) ?? []);
  return round(arrays.reduce((sum, array) => sum + array.byteLength, 0) / 2 ** 20, 1);
}

const other = await load(path.resolve(otherRoot));
const mine = await load(here);
const questions = other.questions!;
for (const { question } of questions.slice(0, 40)) {
  other.answer(question);
  mine.answer(question);
}
const samples = { other: new Map<string, number[]>(), mine: new Map<string, number[]>() };
const cpuSamples = { other: new Map<string, number[]>(), mine: new Map<string, number[]>() };
/** The same timings by question (index into `questions`), for {@link perQuestionMedians}. */
const byQuestion = {
  wall: { other: questions.map((): number[] => []), mine: questions.map((): number[] => []) },
  cpu: { other: questions.map((): number[] => []), mine: questions.map((): number[] => []) },
};
/**
 * The collector's pauses during each tree's questions (by start time): a tree that allocates more
 * per answer makes the collector run more often, and on a heap of gigabytes each major pause is
 * long, so this says whether a slower p99 is the tree's own work or the collections it causes.
 */
const gcEntries: Array<{ startTime: number; duration: number; kind: number }> = [];
const gcObserver = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcEntries.push({ startTime: entry.startTime, duration: entry.duration, kind: ((entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind ?? 0) });
});
gcObserver.observe({ entryTypes: ['gc'] });
const windows: { start: number[]; end: number[]; who: Array<'other' | 'mine'> } = { start: [], end: [], who: [] };
let lastCpuMs = 0;
/** Wall time, and (in lastCpuMs) this process's CPU time: on a machine whose other processes take the cores, CPU time leaves their share out. */
const time = (tree: Tree, question: string): number => {
  const cpu = process.cpuUsage();
  const before = performance.now();
  tree.answer(question);
  const after = performance.now();
  const wall = after - before;
  windows.start.push(before);
  windows.end.push(after);
  windows.who.push(tree === other ? 'other' : 'mine');
  const used = process.cpuUsage(cpu);
  lastCpuMs = (used.user + used.system) / 1000;
  return wall;
};
for (let pass = 0; pass < Number(values.passes); pass += 1) {
  questions.forEach(({ kind, question }, i) => {
    // Alternate who goes first, so neither always runs on a warmer cache.
    const order = (i + pass) % 2 === 0 ? (['other', 'mine'] as const) : (['mine', 'other'] as const);
    for (const who of order) {
      const wall = time(who === 'other' ? other : mine, question);
      const list = samples[who].get(kind) ?? [];
      list.push(wall);
      samples[who].set(kind, list);
      const cpuList = cpuSamples[who].get(kind) ?? [];
      cpuList.push(lastCpuMs);
      cpuSamples[who].set(kind, cpuList);
      byQuestion.wall[who][i]!.push(wall);
      byQuestion.cpu[who][i]!.push(lastCpuMs);
    }
  });
}
await new Promise((resolve) => setTimeout(resolve, 100));
gcObserver.disconnect();
/** GC pauses that started inside a question's window, summed per tree: count and ms, minor (scavenge) and major (mark-compact) apart. */
const collections = () => {
  const totals = { other: { minor: 0, minorMs: 0, major: 0, majorMs: 0 }, mine: { minor: 0, minorMs: 0, major: 0, majorMs: 0 } };
  let w = 0;
  for (const entry of [...gcEntries].sort((a, b) => a.startTime - b.startTime)) {
    while (w < windows.end.length && windows.end[w]! < entry.startTime) w += 1;
    if (w === windows.end.length) break;
    if (entry.startTime < windows.start[w]!) continue;
    const total = totals[windows.who[w]!];
    const major = entry.kind === perfConstants.NODE_PERFORMANCE_GC_MAJOR;
    if (major) {
      total.major += 1;
      total.majorMs = round(total.majorMs + entry.duration, 1);
    } else {
      total.minor += 1;
      total.minorMs = round(total.minorMs + entry.duration, 1);
    }
  }
  return totals;
};
const stats = (lists: Map<string, number[]>, kind?: string) => {
  const all = kind ? (lists.get(kind) ?? []) : [...lists.values()].flat();
  return { p50: round(percentile(all, 50), 3), p95: round(percentile(all, 95), 3), p99: round(percentile(all, 99), 3) };
};
const compare = (kind?: string, from = samples) => {
  const a = stats(from.other, kind);
  const b = stats(from.mine, kind);
  return { other: a, mine: b, p50Ratio: round(b.p50 / a.p50, 3), p95Ratio: round(b.p95 / a.p95, 3), p99Ratio: round(b.p99 / a.p99, 3) };
};
/**
 * Each question's median over the passes, then percentiles over questions: a question that is
 * slow every time still sets the p99, a pass that another process preempted does not. On a
 * machine at load 10 the plain p99 of single timings moved by ±30 % between runs of the same code.
 */
const perQuestionMedians = (from: (typeof byQuestion)['wall']) => {
  const medians = (who: 'other' | 'mine') => from[who].map((timings) => percentile(timings, 50));
  const a = medians('other');
  const b = medians('mine');
  const at = (values: number[], p: number) => round(percentile(values, p), 3);
  return {
    other: { p50: at(a, 50), p95: at(a, 95), p99: at(a, 99) },
    mine: { p50: at(b, 50), p95: at(b, 95), p99: at(b, 99) },
    p50Ratio: round(at(b, 50) / at(a, 50), 3),
    p95Ratio: round(at(b, 95) / at(a, 95), 3),
    p99Ratio: round(at(b, 99) / at(a, 99), 3),
    sumRatio: round(b.reduce((x, y) => x + y, 0) / a.reduce((x, y) => x + y, 0), 3),
  };
};
const slowest = Number(values.slowest);
if (slowest > 0) {
  const median = (who: 'other' | 'mine', i: number) => percentile(byQuestion.cpu[who][i]!, 50);
  const grown = questions.map((q, i) => ({ ...q, other: round(median('other', i), 2), mine: round(median('mine', i), 2) })).sort((a, b) => b.mine - b.other - (a.mine - a.other));
  for (const q of grown.slice(0, slowest)) process.stderr.write(`ab: ${q.kind.padEnd(14)} ${String(q.other).padStart(7)} → ${String(q.mine).padStart(7)} ms CPU  ${q.question}\n`);
}
const kinds = [...new Set(questions.map((question) => question.kind))];
process.stdout.write(`${JSON.stringify({ corpus: corpusDir, questions: questions.length, passes: Number(values.passes), built: { other: other.built, mine: mine.built }, collections: collections(), perQuestionMedian: { wall: perQuestionMedians(byQuestion.wall), cpu: perQuestionMedians(byQuestion.cpu) }, wall: { all: compare(), byKind: Object.fromEntries(kinds.map((kind) => [kind, compare(kind)])) }, cpu: { all: compare(undefined, cpuSamples), byKind: Object.fromEntries(kinds.map((kind) => [kind, compare(kind, cpuSamples)])) } })}\n`);
