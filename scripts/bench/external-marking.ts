/**
 * What sets off the collector's long main-thread marking at a 505k reload, without the desk: builds
 * a heap of small objects the size of the 505k desk's (≈2 GB), collects it fully, then runs a
 * "reload" that allocates corpus-sized typed arrays (≈90 MB by default) in time slices, the way
 * `src/desk` does, while a 2 ms timer measures the longest event-loop stall. Each strategy of
 * allocation runs after a full collection, so each starts with V8's external-memory budget
 * (64 MB over what the last mark-compact left) untouched.
 *
 * usage: node --expose-gc --max-old-space-size=8000 --import tsx scripts/bench/external-marking.ts
 *          [--heap-mb 2000] [--external-mb 90] [--base-external-mb 300] [--arrays 2000] [--only a,b] [--repeat 2] [--flags "--v8-flag ..."]
 *   --arrays: how many typed arrays the external bytes are split into (the "many" strategies).
 *   --flags: V8 flags set with v8.setFlagsFromString before the heap is built.
 * Run one strategy per process (`--only few --repeat 1`): V8's budget is counted from the external
 * bytes at the last mark-compact, and a strategy's arrays, freed only after that collection, raise
 * the next one's budget, so a second strategy in the same process rarely crosses it.
 * Strategies: `few` (8 big `new Uint32Array`), `many` (--arrays of them), `pool` (views of arrays
 * kept from a previous "version": no new external bytes), `one-buffer` (one ArrayBuffer, --arrays
 * views on it), `shared` (SharedArrayBuffer-backed, --arrays of them), `plain-array` (JS arrays of
 * small integers on the heap instead of typed arrays), `none` (no big allocation: the baseline).
 */
import v8 from 'node:v8';
import { performance } from 'node:perf_hooks';
import { flagOption } from './flag-option.js';
import { StallMeter } from './stall.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: string): string => flagOption(args, name, fallback);
const heapMb = Number(option('heap-mb', '2000'));
const externalMb = Number(option('external-mb', '90'));
const baseExternalMb = Number(option('base-external-mb', '300'));
const arrayCount = Number(option('arrays', '2000'));
const repeat = Number(option('repeat', '2'));
const flags = option('flags', '');
if (flags !== '') v8.setFlagsFromString(flags);
const strategies = option('only', 'none,few,many,pool,one-buffer,shared,plain-array').split(',');
const gc = global.gc ?? ((): never => { throw new Error('run with --expose-gc'); });

/** A quote-like record: a few small objects and a short string each, as the desk holds per quote. */
interface Small { id: number; text: string; span: number[]; next: Small | null }
const kept: Small[][] = [];
let previous: Small | null = null;
let built = 0;
const started = performance.now();
for (let chunk = 0; process.memoryUsage().heapUsed < heapMb * 1024 * 1024; chunk += 1) {
  const objects: Small[] = new Array(100_000);
  for (let i = 0; i < objects.length; i += 1) {
    previous = { id: built, text: `q${built}`, span: [built, built + 1], next: (built & 7) === 0 ? null : previous };
    objects[i] = previous;
    built += 1;
  }
  kept.push(objects);
}
say(`before gc ${mb(process.memoryUsage().heapUsed)} MB, ${kept.length} chunks`);
gc();
say(`heap of ${built.toLocaleString('en-GB')} small objects: ${mb(process.memoryUsage().heapUsed)} MB in ${Math.round(performance.now() - started)} ms${flags ? `; flags ${flags}` : ''}`);

const externalWords = (externalMb * 1024 * 1024) / 4;
/** What a started desk holds outside the heap before its first reload (the loaded index's postings). */
const baseExternal = new Uint32Array((baseExternalMb * 1024 * 1024) / 4).fill(1);
/** Arrays kept from the "previous version", handed to `pool`: allocated before the start's last full collection. */
let pool: Uint32Array[] = strategies.includes('pool') ? split(new Uint32Array(externalWords), arrayCount) : [];

for (let round = 0; round < repeat; round += 1) {
  for (const strategy of strategies) {
    gc();
    const meter = new StallMeter().start();
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    const arrays = await reload(strategy);
    const ms = performance.now() - t0;
    const used = process.cpuUsage(cpu);
    const stalls = meter.stop();
    const external = process.memoryUsage().arrayBuffers;
    say(`${strategy.padEnd(11)} ${arrays.length} arrays: reload ${Math.round(ms)} ms (CPU ${Math.round((used.user + used.system) / 1000)} ms), longest stall ${Math.round(stalls.longestMs)} ms wall / ${Math.round(stalls.longestBusyMs)} ms CPU; array buffers ${mb(external)} MB`);
    if (strategy === 'pool') pool = arrays as Uint32Array[];
  }
}
void kept;
void baseExternal;

/** One "reload": allocates the arrays of `strategy`, fills them in 5 ms slices, allocating small objects as a build does. */
async function reload(strategy: string): Promise<ArrayLike<number>[]> {
  const arrays = allocate(strategy);
  let slice = performance.now();
  const garbage: Small[] = [];
  for (const array of arrays) {
    for (let i = 0; i < array.length; i += 1) {
      (array as Uint32Array)[i] = i;
      if ((i & 255) === 0) garbage.push({ id: i, text: '', span: [i], next: null });
      if ((i & 4095) === 0 && performance.now() - slice > 5) {
        garbage.length = 0;
        await new Promise((resolve) => setImmediate(resolve));
        slice = performance.now();
      }
    }
    if (performance.now() - slice > 5) {
      await new Promise((resolve) => setImmediate(resolve));
      slice = performance.now();
    }
  }
  return arrays;
}

function allocate(strategy: string): ArrayLike<number>[] {
  const each = Math.floor(externalWords / arrayCount);
  switch (strategy) {
    case 'none': return [];
    case 'few': return Array.from({ length: 8 }, () => new Uint32Array(externalWords / 8));
    case 'many': return Array.from({ length: arrayCount }, () => new Uint32Array(each));
    case 'pool': return pool;
    case 'one-buffer': return split(new Uint32Array(externalWords), arrayCount);
    case 'shared': return Array.from({ length: arrayCount }, () => new Uint32Array(new SharedArrayBuffer(each * 4)));
    case 'plain-array': return Array.from({ length: arrayCount }, () => new Array<number>(each).fill(0));
    default: throw new Error(`unknown strategy ${strategy}`);
  }
}

function split(whole: Uint32Array, count: number): Uint32Array[] {
  const each = Math.floor(whole.length / count);
  return Array.from({ length: count }, (_, i) => whole.subarray(i * each, (i + 1) * each));
}

function mb(bytes: number): number {
  return Math.round(bytes / 1024 / 1024);
}

function say(text: string): void {
  process.stdout.write(`${text}\n`);
}
