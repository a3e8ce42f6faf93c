import type { CorpusResult } from './result.js';
import { megabytes } from './stats.js';

/** The human-readable summary: one column per corpus, one row per figure, targets as ratios. */
export function formatTable(results: readonly CorpusResult[]): string {
  const mb = (bytes: number): string => `${megabytes(bytes).toFixed(1)} MB`;
  const ms = (value: number): string => (value >= 100 ? `${Math.round(value)} ms` : `${value.toFixed(value >= 10 ? 1 : 2)} ms`);
  const ratio = (value: number, limit: number): string => `${value.toFixed(2)}× ${value <= limit ? 'ok' : 'MISSED'} (≤ ${limit})`;
  const rows: Array<[string, (r: CorpusResult) => string]> = [
    ['articles', (r) => r.articles.toLocaleString('en-GB')],
    ['quotes / speakers', (r) => `${r.quotes.toLocaleString('en-GB')} / ${r.speakers.toLocaleString('en-GB')}`],
    ['corpus bytes', (r) => mb(r.corpusBytes)],
    ['ingest total', (r) => `${ms(r.ingestMs)} (${r.ingestMBps} MB/s)`],
    ['  read + parse', (r) => ms(r.stagesMs.readParse)],
    ['  extract quotes', (r) => ms(r.stagesMs.extract)],
    ['  speaker directory', (r) => ms(r.stagesMs.speakers)],
    ['  index', (r) => ms(r.stagesMs.index)],
    ['  quote records', (r) => ms(r.stagesMs.records)],
    ['naive ingest (read+parse + MiniSearch)', (r) => ms(r.naiveIngestMs)],
    ['tokenisation floor', (r) => ms(r.floorMs)],
    ['peak RSS', (r) => mb(r.peakRssBytes)],
    ['heap after GC (built)', (r) => mb(r.heapBytes)],
    ['heap after GC (from snapshot)', (r) => mb(r.heapAfterSnapshotBytes)],
    ['snapshot size', (r) => (r.snapshotProblem && r.snapshotBytes === 0 ? 'not written' : mb(r.snapshotBytes))],
    ['snapshot write', (r) => ms(r.snapshotWriteMs)],
    ['start from snapshot', (r) => `${ms(r.snapshotLoadMs)}${r.snapshotProblem ? ' (REBUILT)' : ''}`],
    ['questions answered', (r) => `${r.answered} / ${r.questions}`],
    ['query p50 / p95 / p99', (r) => `${ms(r.queryP50Ms)} / ${ms(r.queryP95Ms)} / ${ms(r.queryP99Ms)}`],
    ['  p99 speaker+topic', (r) => ms(r.queryP99ByKindMs['speaker+topic'] ?? 0)],
    ['  p99 speaker', (r) => ms(r.queryP99ByKindMs['speaker'] ?? 0)],
    ['  p99 topic', (r) => ms(r.queryP99ByKindMs['topic'] ?? 0)],
    ['  p99 misspelled', (r) => ms(r.queryP99ByKindMs['misspelled'] ?? 0)],
    ['naive query p50 / p99', (r) => `${ms(r.naiveQueryP50Ms)} / ${ms(r.naiveQueryP99Ms)}`],
    ['autocomplete p99', (r) => ms(r.autocompleteP99Ms)],
    ['ingest ÷ naive ingest', (r) => ratio(r.ingestMs / r.naiveIngestMs, 3)],
    ['ingest ÷ tokenisation floor', (r) => ratio(r.ingestMs / r.floorMs, 10)],
    ['query p99 ÷ naive p99', (r) => ratio(r.queryP99Ms / r.naiveQueryP99Ms, 1)],
    ['query p99 (target < 50 ms at 500k)', (r) => `${ms(r.queryP99Ms)} ${r.queryP99Ms < 50 ? 'ok' : 'MISSED'}`],
    ['start from snapshot ÷ cold ingest', (r) => ratio(r.snapshotLoadMs / r.ingestMs, 0.2)],
    ['heap ÷ corpus bytes', (r) => ratio(r.heapBytes / r.corpusBytes, 3)],
  ];
  const header = ['', ...results.map((r) => r.corpus)];
  const body = rows.map(([label, cell]) => [label, ...results.map(cell)]);
  const widths = header.map((_, column) => Math.max(...[header, ...body].map((row) => row[column]!.length)));
  const line = (row: string[]): string => `| ${row.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...body.map(line)].join('\n');
}
