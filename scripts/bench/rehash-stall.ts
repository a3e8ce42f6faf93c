/**
 * The one insertion that grows a `Map` or `Set` rehashes its whole table: how long that single
 * step takes at a build's sizes, against {@link LargeMap} and {@link LargeSet}, which grow a shard
 * at a time. Why the build's big lookups are sharded (src/large-map.ts).
 *
 * usage: node --import tsx scripts/bench/rehash-stall.ts [--entries N]
 */
import { LargeMap, LargeSet } from '../../src/large-map.js';
import { flagOption } from './flag-option.js';

const entries = Number(flagOption(process.argv.slice(2), 'entries', '2100000'));
// Shaped as the build's keys are: article ids with a quote number.
const keys = Array.from({ length: entries }, (_, i) => `bbc-${i}#${i % 7}`);

/** The longest single insertion, and the total, of `entries` keys into a fresh container. */
function longestInsertion(insert: (key: string, at: number) => void): { longestMs: number; totalMs: number } {
  let longestMs = 0;
  const started = performance.now();
  for (let i = 0; i < keys.length; i += 1) {
    const before = performance.now();
    insert(keys[i]!, i);
    longestMs = Math.max(longestMs, performance.now() - before);
  }
  return { longestMs, totalMs: performance.now() - started };
}

const runs: Array<[string, () => (key: string, at: number) => void]> = [
  ['Set', () => { const set = new Set<string>(); return (key) => void set.add(key); }],
  ['LargeSet', () => { const set = new LargeSet<string>(); return (key) => void set.add(key); }],
  ['Map', () => { const map = new Map<string, number>(); return (key, at) => void map.set(key, at); }],
  ['LargeMap', () => { const map = new LargeMap<string, number>(); return (key, at) => void map.set(key, at); }],
];
process.stdout.write(`${entries.toLocaleString('en-GB')} string keys; longest single insertion / all insertions\n`);
for (const [name, make] of runs) {
  const { longestMs, totalMs } = longestInsertion(make());
  process.stdout.write(`  ${name.padEnd(8)} ${longestMs.toFixed(1).padStart(7)} ms / ${totalMs.toFixed(0).padStart(6)} ms\n`);
}
