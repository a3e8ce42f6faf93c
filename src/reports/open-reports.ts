import { speakerName } from '../answer/answerer.js';
import type { CorpusVersion } from '../desk/corpus-version.js';
import type { SpeakerReport } from './speaker-report.js';

/** How many reports still stand against the corpus being served. */
export interface ReportTally {
  total: number;
  /** Reports whose quote is still credited to the speaker reported as wrong. */
  open: number;
}

/**
 * A report is open while the corpus still credits those words (same article, same offsets) to
 * the speaker reported as wrong. It closes by itself once a better extractor, or a corrected
 * article, names someone else, or the article leaves the corpus: nobody has to tick it off.
 */
export function tallyReports(version: CorpusVersion, reports: readonly SpeakerReport[]): ReportTally {
  let open = 0;
  for (const report of reports) if (stillShown(version, report)) open += 1;
  return { total: reports.length, open };
}

function stillShown(version: CorpusVersion, report: SpeakerReport): boolean {
  const quotes = version.quotesByArticle.get(report.articleId)?.quotes;
  if (!quotes) return false;
  const quote =
    report.start === null
      ? quotes.find((q) => q.text === report.quoteText)
      : quotes.find((q) => q.start === report.start && q.end === report.end);
  const record = quote && version.quote(quote.id);
  return record !== undefined && speakerName(version, record) === report.shownSpeaker;
}
