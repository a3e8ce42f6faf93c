/**
 * Reload figures (issue 13) on a desk already serving a corpus: a reload with nothing changed, one
 * after adding one article (the time until it is answered), one after changing one article inside
 * the big JSON Lines file, and the longest event-loop stall during each and during the snapshot
 * write that follows. Leaves the corpus folder as it found it.
 */
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { QuoteDesk } from '../../src/desk/quote-desk.js';
import { withStalls } from './stall.js';
import { round } from './stats.js';

export interface ReloadFigures {
  unchangedMs: number;
  unchangedStallMs: number;
  /** The longest stall of every reload step above, and of the snapshot write, counted in the process's own CPU time (see stall.ts). */
  longestBusyStallMs: number;
  addOneMs: number;
  /** CPU time of the add-one reload (this process, all threads): less swayed than wall time by a busy machine. */
  addOneCpuMs: number;
  /** Wall time of each step of the add-one reload. */
  addOneStagesMs: Record<string, number>;
  addOneStallMs: number;
  /** Whether the added article's quotes were answerable right after the reload. */
  addOneServed: boolean;
  addOneExtracted: number;
  addOneIndexMerged: boolean;
  changeOneMs: number;
  changeOneStallMs: number;
  changeOneExtracted: number;
  /**
   * A second article added the same way, once the first reload has run: the first reload after a
   * start runs the merge and join code for the first time in the process (unoptimised), so the
   * second is what a bot that reloads now and then pays from then on.
   */
  addSecondMs: number;
  addSecondCpuMs: number;
  addSecondStagesMs: Record<string, number>;
  /** The background snapshot write after the add-one reload. */
  snapshotAfterReloadMs: number;
  snapshotAfterReloadStallMs: number;
}

const ADDED_FILE = 'bench-added-article.jsonl';
const ADDED_ID = 'bench-added-article';
const SECOND_FILE = 'bench-added-second-article.jsonl';
const SECOND_ID = 'bench-added-second-article';

export async function measureReloads(desk: QuoteDesk, dir: string, say: (line: string) => void): Promise<ReloadFigures> {
  const unchanged = await withStalls(() => desk.reload({ trigger: 'bench: nothing changed' }));
  say(`reload, nothing changed: ${Math.round(unchanged.ms)} ms, longest stall ${Math.round(unchanged.stalls.longestMs)} ms`);

  // One real article under a new id, in a file of its own (as a feed or `/corpus add` writes one).
  const big = await biggestJsonl(dir);
  const sample = JSON.parse(await firstLine(big)) as Record<string, unknown>;
  await writeFile(path.join(dir, ADDED_FILE), `${JSON.stringify({ ...sample, id: ADDED_ID })}\n`);
  const added = await withStalls(() => desk.reload({ trigger: 'bench: one article added' }));
  const served = desk.version.article(ADDED_ID) !== undefined && desk.version.quotesByArticle.has(ADDED_ID);
  const report = added.result.status === 'reloaded' ? added.result.report : null;
  say(`reload, one article added: ${Math.round(added.ms)} ms, CPU ${Math.round(added.cpuMs)} ms, steps ${JSON.stringify(report?.stagesMs ?? {})} (extracted ${report?.extracted ?? '?'}, index merged ${desk.version.reuse.indexMerged}, layered ${desk.version.reuse.indexLayered}, positions carried ${desk.version.reuse.positionsCarried}), longest stall ${Math.round(added.stalls.longestMs)} ms`);
  const snapshot = await withStalls(() => desk.snapshotWritten());
  say(`snapshot written after it: ${Math.round(snapshot.ms)} ms, longest stall ${Math.round(snapshot.stalls.longestMs)} ms`);

  await writeFile(path.join(dir, SECOND_FILE), `${JSON.stringify({ ...sample, id: SECOND_ID })}\n`);
  const second = await withStalls(() => desk.reload({ trigger: 'bench: a second article added' }));
  const secondReport = second.result.status === 'reloaded' ? second.result.report : null;
  say(`reload, a second article added: ${Math.round(second.ms)} ms, CPU ${Math.round(second.cpuMs)} ms, steps ${JSON.stringify(secondReport?.stagesMs ?? {})}, longest stall ${Math.round(second.stalls.longestMs)} ms (CPU ${Math.round(second.stalls.longestBusyMs)} ms)`);
  await desk.snapshotWritten();

  // One article changed inside the big file: the file is read again, one article re-extracted.
  const original = await readFile(big, 'utf8');
  const lines = original.split('\n');
  const changed = JSON.parse(lines[0]!) as { body: string };
  lines[0] = JSON.stringify({ ...changed, body: `${changed.body}\n\n"This sentence was added by the benchmark," a spokesman said.` });
  await writeFile(big, lines.join('\n'));
  const change = await withStalls(() => desk.reload({ trigger: 'bench: one article changed' }));
  const changeReport = change.result.status === 'reloaded' ? change.result.report : null;
  say(`  longest stalls in CPU time: nothing changed ${Math.round(unchanged.stalls.longestBusyMs)} ms, one added ${Math.round(added.stalls.longestBusyMs)} ms, its snapshot ${Math.round(snapshot.stalls.longestBusyMs)} ms`);
  say(`reload, one article changed in ${path.basename(big)}: ${Math.round(change.ms)} ms (extracted ${changeReport?.extracted ?? '?'}), longest stall ${Math.round(change.stalls.longestMs)} ms`);
  await desk.snapshotWritten();

  await writeFile(big, original);
  await rm(path.join(dir, ADDED_FILE), { force: true });
  await rm(path.join(dir, SECOND_FILE), { force: true });
  return {
    unchangedMs: round(unchanged.ms),
    longestBusyStallMs: round(Math.max(unchanged.stalls.longestBusyMs, added.stalls.longestBusyMs, second.stalls.longestBusyMs, change.stalls.longestBusyMs, snapshot.stalls.longestBusyMs)),
    addSecondMs: round(second.ms),
    addSecondCpuMs: round(second.cpuMs),
    addSecondStagesMs: secondReport?.stagesMs ?? {},
    unchangedStallMs: round(unchanged.stalls.longestMs),
    addOneMs: round(added.ms),
    addOneCpuMs: round(added.cpuMs),
    addOneStagesMs: report?.stagesMs ?? {},
    addOneStallMs: round(added.stalls.longestMs),
    addOneServed: served,
    addOneExtracted: report?.extracted ?? -1,
    addOneIndexMerged: desk.version.reuse.indexMerged,
    changeOneMs: round(change.ms),
    changeOneStallMs: round(change.stalls.longestMs),
    changeOneExtracted: changeReport?.extracted ?? -1,
    snapshotAfterReloadMs: round(snapshot.ms),
    snapshotAfterReloadStallMs: round(snapshot.stalls.longestMs),
  };
}

async function biggestJsonl(dir: string): Promise<string> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const files = entries.filter((entry) => entry.isFile() && entry.name.endsWith('.jsonl')).map((entry) => path.join(entry.parentPath, entry.name));
  if (files.length === 0) throw new Error(`no .jsonl file in ${dir} to add an article beside`);
  const sizes = await Promise.all(files.map(async (file) => ({ file, size: (await stat(file)).size })));
  return sizes.sort((a, b) => b.size - a.size)[0]!.file;
}

async function firstLine(file: string): Promise<string> {
  const text = await readFile(file, 'utf8');
  return text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n'));
}
