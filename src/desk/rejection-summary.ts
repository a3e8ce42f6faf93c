import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { formatRejection, type CorpusLoad, type Rejection } from '../corpus/load.js';

/** One file's rejections, grouped by the kind of reason. */
export interface FileRejections {
  file: string;
  count: number;
  reasons: Array<{
    /** The reason with its particulars (numbers, quoted names) blanked: what groups them. */
    kind: string;
    count: number;
    /** The first few, verbatim. */
    examples: Rejection[];
  }>;
}

/** Rejections shown per reason in a summary, and files shown before "and N more files". */
const EXAMPLES_PER_REASON = 3;
const FILES_SHOWN = 20;

/**
 * Rejections grouped by file, then by kind of reason, most first: 100,000 bad lines in one file are
 * one entry with a count and its first few lines, not 100,000 lines of terminal output.
 */
export function summariseRejections(rejected: readonly Rejection[]): FileRejections[] {
  const byFile = new Map<string, Map<string, { count: number; examples: Rejection[] }>>();
  for (const rejection of rejected) {
    const reasons = byFile.get(rejection.file) ?? new Map<string, { count: number; examples: Rejection[] }>();
    byFile.set(rejection.file, reasons);
    const kind = kindOf(rejection.reason);
    const entry = reasons.get(kind) ?? { count: 0, examples: [] };
    reasons.set(kind, entry);
    entry.count += 1;
    if (entry.examples.length < EXAMPLES_PER_REASON) entry.examples.push(rejection);
  }
  return [...byFile]
    .map(([file, reasons]) => {
      const list = [...reasons].map(([kind, entry]) => ({ kind, ...entry })).sort((a, b) => b.count - a.count);
      return { file, count: list.reduce((sum, entry) => sum + entry.count, 0), reasons: list };
    })
    .sort((a, b) => b.count - a.count || (a.file < b.file ? -1 : 1));
}

/** Counts per file, most first, for a log line (the first {@link FILES_SHOWN} files). */
export function rejectionCountsByFile(report: { rejected: readonly Rejection[] }): Record<string, number> {
  return Object.fromEntries(summariseRejections(report.rejected).slice(0, FILES_SHOWN).map((entry) => [entry.file, entry.count]));
}

/** The summary as terminal lines: a heading, then per file its count and each kind of reason with its first few lines. */
export function formatRejectionSummary(rejected: readonly Rejection[], listFile: string | null): string {
  if (rejected.length === 0) return '';
  const summary = summariseRejections(rejected);
  const count = (n: number): string => n.toLocaleString('en-GB');
  const lines = [`${count(rejected.length)} file(s) or line(s) were not loaded${listFile ? `; the whole list is in ${listFile}` : ''}:`];
  for (const file of summary.slice(0, FILES_SHOWN)) {
    lines.push(`  ${file.file}: ${count(file.count)} rejected`);
    for (const reason of file.reasons.slice(0, 5)) {
      const more = reason.count - reason.examples.length;
      for (const example of reason.examples) lines.push(`    skipped ${formatRejection(example)}`);
      if (more > 0) lines.push(`    … and ${count(more)} more like these`);
    }
    if (file.reasons.length > 5) lines.push(`    … and ${count(file.reasons.length - 5)} other kinds of problem`);
  }
  if (summary.length > FILES_SHOWN) lines.push(`  … and ${count(summary.length - FILES_SHOWN)} more files`);
  return `${lines.join('\n')}\n`;
}

/**
 * Writes every rejection, one `file:line: reason` a line, with a heading naming the corpus folder,
 * to `file` (replacing it). Returns the path, or null when it could not be written (logged).
 */
export async function writeRejectionList(file: string, load: CorpusLoad, logger?: Logger): Promise<string | null> {
  try {
    await mkdir(path.dirname(file), { recursive: true });
    const heading = `# ${load.rejected.length} file(s) or line(s) of ${load.dir} not loaded, ${new Date().toISOString()}\n`;
    await writeFile(file, heading + load.rejected.map((rejection) => `${formatRejection(rejection)}\n`).join(''));
    return file;
  } catch (error) {
    logger?.warn({ err: error, file }, 'could not write the list of rejected files');
    return null;
  }
}

/** The reason with what varies between lines of the same problem (numbers, quoted text) blanked out. */
function kindOf(reason: string): string {
  return reason.replace(/"[^"]*"/g, '"…"').replace(/\d[\d,.]*/g, 'N');
}
