import type { ArticleOutcome, FeedPollReport, ItemOutcome } from './ingest.js';

/** One line per article outcome, for the terminal: what happened and where it went, or why not. */
export function outcomeLine(outcome: ItemOutcome | ArticleOutcome): string {
  switch (outcome.status) {
    case 'added':
    case 'updated':
      return `${outcome.status} ${outcome.file}${outcome.title ? ` (${outcome.title})` : ''}`;
    case 'unchanged':
      return `unchanged ${outcome.file}`;
    case 'duplicate':
      return `duplicate ${outcome.url}: same text as ${outcome.sameAs} (${outcome.file})`;
    case 'refused':
      return `not added ${outcome.url}: ${outcome.reason}${outcome.retry ? ' (tried again next poll)' : ''}`;
    case 'skipped':
      return `skipped ${outcome.url ?? outcome.title ?? 'an item'}: ${outcome.reason}`;
  }
}

/** The terminal report of one poll round: a heading per feed, a line per item that was not just "seen". */
export function pollSummary(reports: FeedPollReport[]): string[] {
  const lines: string[] = [];
  for (const report of reports) {
    const heading = `${report.feed.name} <${report.feed.url}>`;
    if (report.status === 'failed') lines.push(`${heading}: could not be polled: ${report.reason}`);
    else if (report.status === 'not-modified') lines.push(`${heading}: not modified since the last poll`);
    else {
      lines.push(`${heading}: ${report.items.length} new or changed item(s), ${report.seen} already seen`);
      for (const item of report.items) lines.push(`  ${outcomeLine(item)}`);
    }
  }
  return lines;
}
