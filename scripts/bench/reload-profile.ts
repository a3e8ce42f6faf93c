/**
 * Where the CPU of a one-article reload goes: starts a desk on the real corpus (or a scale-up)
 * from its snapshot, adds one article and reloads (the warm-up: the first reload of a process runs
 * the merge code unoptimised), then profiles a second add with V8's sampling profiler and prints
 * the self time per function (the garbage collector included), what it allocated by site
 * (sampled), the collector's pauses by kind (from `perf_hooks` gc entries), the longest
 * event-loop stall and the event-loop utilisation. Run with `--trace-gc` (or
 * `--trace-gc-nvp`, `--trace-incremental-marking`) for the collector's own account. `stall-causes.ts` says whose each
 * long stall is; this says whose the seconds are. Leaves the corpus folder as it found it.
 *
 * usage: node --expose-gc --import tsx scripts/bench/reload-profile.ts [--copies N] [--scratch DIR] [--top N] [--snapshot] [--heap] [--first] [--no-allocations]
 *   --first profiles the process's first reload instead of the second (no warm-up), and either way
 *   the samples inside the longest event-loop gap are printed: whose the longest stall is.
 *   --snapshot also writes the new version's snapshot (to a scratch folder) and times it with its
 *   stalls and collections.
 *   --heap also prints the heap's objects counted by constructor (a heap snapshot: slow, and needs
 *   about three times the heap in memory).
 *   --no-allocations leaves the allocation sampler off: it hooks every allocation, and what it does
 *   there the CPU profile counts as the collector's, so the collector's share of a stall is only
 *   believable without it. Either way the collector's own pauses inside the longest gap are listed.
 */
import { Session } from 'node:inspector/promises';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { PerformanceObserver, performance, constants } from 'node:perf_hooks';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { QuoteDesk } from '../../src/desk/quote-desk.js';
import { FileSnapshotStore, type SnapshotStore } from '../../src/desk/snapshot.js';
import type { CorpusVersion, PrebuiltParts } from '../../src/desk/corpus-version.js';
import type { CorpusLoad } from '../../src/corpus/load.js';
import { materialise, type CorpusSpec } from './corpora.js';
import { flagOption } from './flag-option.js';
import { withStalls } from './stall.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const option = (name: string, fallback: string): string => flagOption(args, name, fallback);
const copies = Number(option('copies', '1'));
const top = Number(option('top', '25'));
const scratch = option('scratch', path.join(tmpdir(), 'quotedesk-stall-causes'));
const spec: CorpusSpec = {
  name: `stalls-x${copies}-e1`,
  kind: 'jsonl',
  sources: ['../shared/corpus-data/news-bbc.jsonl', '../shared/corpus-data/news-reuters21578.jsonl'].map((file) => path.resolve(repoRoot, file)),
  copies,
  every: 1,
};
const corpusDir = path.join(scratch, spec.name);
if (!(await stat(corpusDir).then(() => true, () => false))) await materialise(spec, scratch);
const cacheDir = path.join(scratch, 'cache');
await mkdir(cacheDir, { recursive: true });

/**
 * Reads the start-up snapshot (and writes it after a cold start) but not the reloads' snapshots,
 * which would replace it (the next run would then start cold) and whose writing would run into
 * the profiled reload.
 */
class StartUpSnapshotOnly implements SnapshotStore {
  private readonly files = new FileSnapshotStore(cacheDir);
  opened = false;
  read(versionId: string, load: CorpusLoad): Promise<PrebuiltParts | null> {
    return this.files.read(versionId, load);
  }
  write(version: CorpusVersion): Promise<void> {
    return this.opened ? Promise.resolve() : this.files.write(version);
  }
}
const snapshots = new StartUpSnapshotOnly();
const opened = performance.now();
// No deadline for the start: a cold build of the 505k scale-up on a loaded machine took past the default 30 minutes.
const desk = await QuoteDesk.open({ corpusDir, snapshots, reloadDeadlineMs: 6 * 3_600_000 });
snapshots.opened = true;
say(`opened ${desk.version.articles.length.toLocaleString('en-GB')} articles in ${Math.round(performance.now() - opened)} ms; heap ${mb(process.memoryUsage().heapUsed)} MB`);

const sample = await firstArticle(path.join(corpusDir, 'news-bbc.jsonl'));
const added = ['profile-added-1', 'profile-added-2'];
/** `--first`: profile the first reload of the process (which stalls longer at 505k), with no warm-up before it. */
const profileFirst = args.includes('--first');
try {
  if (!profileFirst) {
    await addAndReload(added[0]!, 'warm-up');
    await desk.snapshotWritten();
    global.gc?.();
  }

  const pauses: Array<{ kind: string; ms: number; at: number }> = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) pauses.push({ kind: gcKind((entry as unknown as { detail?: { kind?: number } }).detail?.kind), ms: entry.duration, at: entry.startTime });
  });
  observer.observe({ entryTypes: ['gc'] });
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  const sampleAllocations = !args.includes('--no-allocations');
  // Every allocation sampled, whether it lived or not: what a reload allocates is what the collector must scavenge.
  if (sampleAllocations) await session.post('HeapProfiler.startSampling', { samplingInterval: 16384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true } as never);
  const elu = performance.eventLoopUtilization();
  const gaps = recordGaps();
  await addAndReload(profileFirst ? added[0]! : added[1]!, profileFirst ? 'first (profiled)' : 'profiled');
  gaps.stop();
  const used = performance.eventLoopUtilization(elu);
  // Before the profilers stop: stopping the allocation sampler runs a full collection of its own.
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  const { profile } = await session.post('Profiler.stop');
  const allocations = sampleAllocations ? (await session.post('HeapProfiler.stopSampling')).profile : null;
  session.disconnect();
  say(`event-loop utilisation during it: ${(used.utilization * 100).toFixed(1)}% (${Math.round(used.active)} ms active of ${Math.round(used.active + used.idle)} ms)`);
  printProfile(profile as CpuProfile);
  printLongestGap(profile as CpuProfile, gaps.longest);
  const [gapStart, gapEnd] = gaps.longestAt;
  const inside = pauses.filter((pause) => pause.at + pause.ms > gapStart && pause.at < gapEnd);
  say(`  the collector's pauses inside it: ${inside.length === 0 ? 'none' : inside.map((pause) => `${pause.kind} ${Math.round(pause.ms)} ms`).join(', ')}; it ran from ${Math.round(gapStart)} to ${Math.round(gapEnd)} ms of performance.now() (compare with --trace-gc times)`);
  if (allocations) printAllocations(allocations.head as unknown as AllocationNode);
  const byKind = new Map<string, { count: number; ms: number; longest: number }>();
  for (const pause of pauses) {
    const sum = byKind.get(pause.kind) ?? { count: 0, ms: 0, longest: 0 };
    byKind.set(pause.kind, { count: sum.count + 1, ms: sum.ms + pause.ms, longest: Math.max(sum.longest, pause.ms) });
  }
  for (const [kind, sum] of byKind) say(`gc ${kind}: ${sum.count} pauses, ${Math.round(sum.ms)} ms in all, longest ${Math.round(sum.longest)} ms`);
  await desk.snapshotWritten();
  if (args.includes('--snapshot')) await timeSnapshotWrite();
  if (args.includes('--heap')) await printHeapCounts();
} finally {
  for (const id of added) await rm(path.join(corpusDir, `${id}.jsonl`), { force: true });
}
process.exit(0);

async function addAndReload(id: string, label: string): Promise<void> {
  await writeFile(path.join(corpusDir, `${id}.jsonl`), `${JSON.stringify({ ...sample, id })}\n`);
  // Typed arrays' memory before and after: its growth past 64 MB since the last mark-compact starts V8's marking of the whole heap.
  const externalBefore = process.memoryUsage().arrayBuffers;
  const { result, ms, cpuMs, stalls } = await withStalls(() => desk.reload({ trigger: `profile: ${label}` }));
  const externalAfter = process.memoryUsage().arrayBuffers;
  const stages = result.status === 'reloaded' ? JSON.stringify(result.report.stagesMs) : `${result.status}${'reason' in result ? ` (${result.reason})` : ''}`;
  const { indexMerged, indexLayered, positionsCarried } = desk.version.reuse;
  say(`${label} add: ${Math.round(ms)} ms wall, ${Math.round(cpuMs)} ms CPU, steps ${stages} (index merged ${indexMerged}, layered ${indexLayered}, positions carried ${positionsCarried}), longest stall ${Math.round(stalls.longestMs)} ms (CPU ${Math.round(stalls.longestBusyMs)} ms), heap ${mb(process.memoryUsage().heapUsed)} MB, array buffers ${mb(externalBefore)} → ${mb(externalAfter)} MB`);
}

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }>;
  samples: number[];
  timeDeltas: number[];
  startTime: number;
}

/** The longest gap between turns of a 1 ms timer, in the profiler's clock (µs) and in `performance.now()`'s (ms, the collector's entries' clock): where the longest stall was. */
function recordGaps(): { longest: [number, number]; longestAt: [number, number]; stop: () => void } {
  const gaps = { longest: [0, 0] as [number, number], longestAt: [0, 0] as [number, number], stop: () => clearInterval(timer) };
  let last = micros();
  let lastAt = performance.now();
  const timer = setInterval(() => {
    const now = micros();
    const nowAt = performance.now();
    if (now - last > gaps.longest[1] - gaps.longest[0]) {
      gaps.longest = [last, now];
      gaps.longestAt = [lastAt, nowAt];
    }
    last = now;
    lastAt = nowAt;
  }, 1);
  return gaps;
}

function micros(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

/** What the samples inside the longest event-loop gap ran: self time, and the nearest frame of our own code. */
function printLongestGap(profile: CpuProfile, [start, end]: [number, number]): void {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const label = (id: number): string => {
    const frame = nodes.get(id)!.callFrame;
    return `${frame.functionName || '(anonymous)'} ${frame.url.replace(/^file:\/\//, '').replace(`${repoRoot}/`, '')}:${frame.lineNumber + 1}`;
  };
  const own = (id: number): string => {
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) if (nodes.get(at)!.callFrame.url.includes(`${repoRoot}/src/`)) return label(at);
    return label(id);
  };
  const self = new Map<string, number>();
  const mine = new Map<string, number>();
  let time = profile.startTime;
  let inside = 0;
  profile.samples.forEach((id, i) => {
    time += profile.timeDeltas[i] ?? 0;
    if (time < start || time > end) return;
    inside += 1;
    self.set(label(id), (self.get(label(id)) ?? 0) + 1);
    mine.set(own(id), (mine.get(own(id)) ?? 0) + 1);
  });
  const top = (counts: Map<string, number>): string => [...counts].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([name, n]) => `    ${String(Math.round((100 * n) / Math.max(1, inside))).padStart(3)}%  ${name}`).join('\n');
  say(`longest event-loop gap: ${Math.round((end - start) / 1000)} ms wall, ${inside} samples; self:\n${top(self)}\n  nearest own frame:\n${top(mine)}`);
}

function printProfile(profile: CpuProfile): void {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const node = nodes.get(id)!;
    if (node.callFrame.functionName === '(idle)') return;
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    total += ms;
    const file = node.callFrame.url.replace(/^file:\/\//, '').replace(`${repoRoot}/`, '');
    const name = `${node.callFrame.functionName || '(anonymous)'} ${file}:${node.callFrame.lineNumber + 1}`;
    self.set(name, (self.get(name) ?? 0) + ms);
  });
  say(`main thread busy ${Math.round(total)} ms; self time, top ${top}:`);
  for (const [name, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) say(`  ${String(Math.round(ms)).padStart(6)} ms ${((100 * ms) / total).toFixed(1).padStart(5)}%  ${name}`);
}

interface AllocationNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: AllocationNode[];
}

/** Bytes allocated during the reload by the function that allocated them (sampled), with the nearest frame of our own code. */
function printAllocations(root: AllocationNode): void {
  const bySite = new Map<string, number>();
  let total = 0;
  const walk = (node: AllocationNode, own: string | null): void => {
    const file = node.callFrame.url.replace(/^file:\/\//, '').replace(`${repoRoot}/`, '');
    const here = `${node.callFrame.functionName || '(anonymous)'} ${file}:${node.callFrame.lineNumber + 1}`;
    const mine = node.callFrame.url.includes(`${repoRoot}/src/`) ? here : own;
    if (node.selfSize > 0) {
      const key = mine === here || mine === null ? here : `${here} <- ${mine}`;
      bySite.set(key, (bySite.get(key) ?? 0) + node.selfSize);
      total += node.selfSize;
    }
    for (const child of node.children) walk(child, mine);
  };
  walk(root, null);
  say(`allocated during it (sampled): ${mb(total)} MB; by site, top ${top}:`);
  for (const [site, bytes] of [...bySite].sort((a, b) => b[1] - a[1]).slice(0, top)) say(`  ${mb(bytes).padStart(6)} MB  ${site}`);
}

/** Writes the serving version's snapshot where no start reads it, with its stalls and the collector's pauses meanwhile. */
async function timeSnapshotWrite(): Promise<void> {
  const folder = path.join(scratch, 'profile-snapshot');
  await rm(folder, { recursive: true, force: true });
  await mkdir(folder, { recursive: true });
  const pauses = new Map<string, { count: number; ms: number; longest: number }>();
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = gcKind((entry as unknown as { detail?: { kind?: number } }).detail?.kind);
      const sum = pauses.get(kind) ?? { count: 0, ms: 0, longest: 0 };
      pauses.set(kind, { count: sum.count + 1, ms: sum.ms + entry.duration, longest: Math.max(sum.longest, entry.duration) });
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  const { ms, cpuMs, stalls } = await withStalls(() => new FileSnapshotStore(folder).write(desk.version));
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  say(`snapshot write: ${Math.round(ms)} ms wall, ${Math.round(cpuMs)} ms CPU, longest stall ${Math.round(stalls.longestMs)} ms (CPU ${Math.round(stalls.longestBusyMs)} ms)`);
  for (const [kind, sum] of pauses) say(`  gc ${kind}: ${sum.count} pauses, ${Math.round(sum.ms)} ms in all, longest ${Math.round(sum.longest)} ms`);
  await rm(folder, { recursive: true, force: true });
}

/** Objects on the heap by constructor, from a heap snapshot (nodes of type object, closure, array and string kinds). */
async function printHeapCounts(): Promise<void> {
  global.gc?.();
  const session = new Session();
  session.connect();
  const chunks: string[] = [];
  session.on('HeapProfiler.addHeapSnapshotChunk', (message) => chunks.push(message.params.chunk));
  await session.post('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  session.disconnect();
  const snapshot = JSON.parse(chunks.join('')) as { snapshot: { meta: { node_fields: string[]; node_types: [string[]] } }; nodes: number[]; strings: string[] };
  chunks.length = 0;
  const fields = snapshot.snapshot.meta.node_fields;
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const types = snapshot.snapshot.meta.node_types[0];
  const counts = new Map<string, { count: number; bytes: number }>();
  let objects = 0;
  for (let i = 0; i < snapshot.nodes.length; i += width) {
    const type = types[snapshot.nodes[i + typeAt]!]!;
    const key = type === 'object' || type === 'closure' || type === 'native' ? `${type} ${snapshot.strings[snapshot.nodes[i + nameAt]!]}` : type;
    const sum = counts.get(key) ?? { count: 0, bytes: 0 };
    sum.count += 1;
    sum.bytes += snapshot.nodes[i + sizeAt]!;
    counts.set(key, sum);
    objects += 1;
  }
  say(`heap snapshot: ${objects.toLocaleString('en-GB')} nodes; by type/constructor, top ${top}:`);
  for (const [key, sum] of [...counts].sort((a, b) => b[1].count - a[1].count).slice(0, top)) {
    say(`  ${sum.count.toLocaleString('en-GB').padStart(12)}  ${mb(sum.bytes).padStart(7)} MB  ${key}`);
  }
}

function gcKind(kind: number | undefined): string {
  switch (kind) {
    case constants.NODE_PERFORMANCE_GC_MINOR:
      return 'scavenge';
    case constants.NODE_PERFORMANCE_GC_MAJOR:
      return 'mark-compact';
    case constants.NODE_PERFORMANCE_GC_INCREMENTAL:
      return 'incremental marking';
    case constants.NODE_PERFORMANCE_GC_WEAKCB:
      return 'weak callbacks';
    default:
      return `kind ${kind}`;
  }
}

async function firstArticle(file: string): Promise<Record<string, unknown>> {
  const text = await readFile(file, 'utf8');
  const end = text.indexOf('\n');
  return JSON.parse(text.slice(0, end === -1 ? undefined : end)) as Record<string, unknown>;
}

function mb(bytes: number): string {
  return (bytes / 1e6).toFixed(0);
}

function say(line: string): void {
  process.stderr.write(`${line}\n`);
}
