import type { Answer } from '../answer/answer.js';
import type { CorpusVersion } from './corpus-version.js';
import type { ReloadReport } from './reload-report.js';

/**
 * The answer when nothing is loaded: the real reason (no articles, and where the desk looked),
 * instead of "I couldn't find a speaker named …", which sends a moderator looking for a typo.
 * Keeps the question's interpretation, so front ends render it like any other answer.
 */
export function noCorpusAnswer(answer: Answer, version: CorpusVersion, report: ReloadReport): Answer {
  if (answer.status === 'invalid') return answer;
  const rejected = report.rejected.length;
  const why =
    rejected > 0
      ? ` ${rejected.toLocaleString('en-GB')} file(s) or line(s) there were rejected${report.rejectionListFile ? ` (the list: ${report.rejectionListFile})` : ''}.`
      : ' It holds no .txt, .jsonl or .md articles.';
  return {
    ...answer,
    status: 'no-match',
    message: `No articles are loaded: I looked in the corpus folder ${version.load.dir}.${why} Add articles there and reload, or point CORPUS_DIR (or --corpus) at the folder that has them.`,
    suggestions: [],
    snippets: [],
    totalMatches: 0,
  };
}
