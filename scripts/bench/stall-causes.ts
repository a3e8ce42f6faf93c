/**
 * What runs while a reload holds up answers: starts a desk on the real corpus (or a scale-up),
 * profiles the reloads `npm run bench` measures with V8's sampling profiler, and for every
 * event-loop gap over the threshold prints the functions the samples inside it fell in (self
 * time, and the nearest frame of our own code), the garbage collector included. The bench says
 * how long the longest stall is; this says whose it is.
 *
 * usage: node --expose-gc --import tsx scripts/bench/stall-causes.ts [--copies N] [--every N] [--over MS] [--scratch DIR] [--cold]
 */
import { Session } from 'node:inspector/promises';
import { mkdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { QuoteDesk } from '../../src/desk/quote-desk.js';
import { FileSnapshotStore } from '../../src/desk/snapshot.js';
import { materialise, type CorpusSpec } from './corpora.js';
import { flagOption } from './flag-option.js';
import { measureReloads } from './reloads.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const option = (name: string, fallback: string): string => flagOption(args, name, fallback);
const copies = Number(option('copies', '1'));
const every = Number(option('every', '1'));
const overMs = Number(option('over', '40'));
const scratch = option('scratch', path.join(tmpdir(), 'quotedesk-stall-causes'));

const spec: CorpusSpec = {
  name: `stalls-x${copies}-e${every}`,
  kind: 'jsonl',
  sources: ['../shared/corpus-data/news-bbc.jsonl', '../shared/corpus-data/news-reuters21578.jsonl'].map((file) => path.resolve(repoRoot, file)),
  copies,
  every,
};
const corpusDir = path.join(scratch, spec.name);
if (!(await stat(corpusDir).then(() => true, () => false))) await materialise(spec, scratch);
const cacheDir = path.join(scratch, 'cache');
await mkdir(cacheDir, { recursive: true });
/** `--cold`: profile a cold build (no snapshot) instead of the reloads. */
const cold = args.includes('--cold');

/** Event-loop gaps over the threshold, as [start, end] in the profiler's clock (µs). */
const gaps: Array<[number, number]> = [];
let last = nowMicros();
const timer = setInterval(() => {
  const now = nowMicros();
  if (now - last > overMs * 1000) gaps.push([last, now]);
  last = now;
}, 1);

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 200 });
await session.post('Profiler.start');
const opened = performance.now();
const desk = await QuoteDesk.open({ corpusDir, snapshots: cold ? undefined : new FileSnapshotStore(cacheDir) });
say(`opened ${desk.version.articles.length.toLocaleString('en-GB')} articles in ${Math.round(performance.now() - opened)} ms`);
if (!cold) await measureReloads(desk, corpusDir, say);
const { profile } = await session.post('Profiler.stop');
clearInterval(timer);
session.disconnect();

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
const nodes = new Map<number, ProfileNode>((profile.nodes as ProfileNode[]).map((node) => [node.id, node]));
const parent = new Map<number, number>();
for (const node of nodes.values()) for (const child of node.children ?? []) parent.set(child, node.id);
const label = (node: ProfileNode): string => {
  const file = node.callFrame.url.replace(/^file:\/\//, '').replace(`${repoRoot}/`, '');
  return `${node.callFrame.functionName || '(anonymous)'} ${file}:${node.callFrame.lineNumber + 1}`;
};
const ownFrame = (id: number): string => {
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const node = nodes.get(at)!;
    if (node.callFrame.url.includes(`${repoRoot}/src/`)) return label(node);
  }
  return label(nodes.get(id)!);
};

const samples = profile.samples as number[];
const deltas = profile.timeDeltas as number[];
let time = profile.startTime as number;
const times = deltas.map((delta) => (time += delta));
say(`${gaps.length} gaps over ${overMs} ms`);
/** Samples inside a gap that were not idle: how long our process itself computed in it (the rest is the machine's other work). */
const busySamples = (start: number, end: number): number => {
  let busy = 0;
  for (let i = 0; i < samples.length; i += 1) if (times[i]! >= start && times[i]! <= end && nodes.get(samples[i]!)!.callFrame.functionName !== '(idle)') busy += 1;
  return busy;
};
const ranked = gaps.map((gap) => ({ gap, busy: busySamples(gap[0], gap[1]) })).sort((a, b) => b.busy - a.busy);
for (const { gap: [start, end], busy } of ranked.slice(0, 8)) {
  const self = new Map<string, number>();
  const own = new Map<string, number>();
  let inside = 0;
  for (let i = 0; i < samples.length; i += 1) {
    if (times[i]! < start || times[i]! > end) continue;
    inside += 1;
    const node = nodes.get(samples[i]!)!;
    self.set(label(node), (self.get(label(node)) ?? 0) + 1);
    const mine = ownFrame(samples[i]!);
    own.set(mine, (own.get(mine) ?? 0) + 1);
  }
  say(`gap of ${Math.round((end - start) / 1000)} ms wall, ≈${Math.round((busy * 200) / 1000)} ms busy (${inside} samples)`);
  const top = (counts: Map<string, number>) => [...counts].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([name, n]) => `      ${Math.round((100 * n) / Math.max(1, inside))}% ${name}`);
  say(`    self:\n${top(self).join('\n')}`);
  say(`    nearest own frame:\n${top(own).join('\n')}`);
}
process.exit(0);

function nowMicros(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

function say(line: string): void {
  process.stderr.write(`${line}\n`);
}
