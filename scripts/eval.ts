/**
 * `npm run eval -- --gold FILE.jsonl [--json] [--errors] [--article ID]… [--timing-ms N]`
 *
 * Scores the project's quote extractor against a gold file (issue 3). Prints a score table; with
 * --json the last stdout line is one JSON object; with --errors (or --verbose) every miss, false
 * positive, boundary mismatch and wrong speaker, per article, before the table. Malformed gold lines
 * are reported on stderr with their line number and skipped. Exit codes: 0 scored, 1 nothing to
 * score, 2 bad usage or unreadable gold file.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { formatErrors } from '../src/eval/error-report.js';
import { evaluate } from '../src/eval/evaluate.js';
import { parseGold } from '../src/eval/gold.js';
import { formatScoreTable, scoresJson } from '../src/eval/report.js';
import { QuoteExtractor } from '../src/quotes/extractor.js';

const USAGE = 'usage: npm run eval -- --gold FILE.jsonl [--json] [--errors] [--article ID]... [--timing-ms N]';

function fail(message: string, code: number): never {
  process.stderr.write(`eval: ${message}\n`);
  process.exit(code);
}

function readOptions() {
  try {
    const { values } = parseArgs({
      options: {
        gold: { type: 'string' },
        json: { type: 'boolean', default: false },
        errors: { type: 'boolean', default: false },
        verbose: { type: 'boolean', default: false },
        article: { type: 'string', multiple: true },
        'timing-ms': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    });
    if (values.gold === undefined || values.gold === '') fail(`--gold FILE.jsonl is required (${USAGE})`, 2);
    const timingMs = values['timing-ms'] === undefined ? 1000 : Number(values['timing-ms']);
    if (!Number.isFinite(timingMs) || timingMs < 0) fail(`--timing-ms must be a number of milliseconds (${USAGE})`, 2);
    return { ...values, gold: values.gold, timingMs, errors: values.errors || values.verbose };
  } catch (error) {
    return fail(`${(error as Error).message} (${USAGE})`, 2);
  }
}

async function main(): Promise<void> {
  const options = readOptions();
  let content: string;
  try {
    content = await readFile(options.gold, 'utf8');
  } catch (error) {
    fail(`cannot read gold file ${options.gold}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, 2);
  }
  const { articles, problems } = parseGold(content);
  for (const problem of problems) process.stderr.write(`${options.gold}:${problem.line}: skipped: ${problem.reason}\n`);

  const wanted = options.article === undefined ? null : new Set(options.article);
  const selected = wanted === null ? articles : articles.filter((article) => wanted.has(article.id));
  if (wanted !== null) {
    for (const id of wanted) if (!articles.some((article) => article.id === id)) process.stderr.write(`eval: no article "${id}" in ${options.gold}\n`);
  }
  if (selected.length === 0) fail(`no article to score in ${options.gold}`, 1);

  const scores = evaluate(selected, new QuoteExtractor(), { timing: { minMilliseconds: options.timingMs } });
  for (const violation of scores.contractViolations) process.stderr.write(`eval: extractor broke its offsets contract: ${violation}\n`);

  const out: string[] = [];
  if (options.errors) out.push(formatErrors(scores.perArticle), '');
  const skipped = problems.length === 0 ? '' : `, ${problems.length} malformed line${problems.length === 1 ? '' : 's'} skipped`;
  out.push(`${options.gold}: ${scores.articles} article${scores.articles === 1 ? '' : 's'} scored${skipped} (QuoteExtractor version ${QuoteExtractor.version})`, '');
  out.push(formatScoreTable(scores));
  if (options.json) out.push(JSON.stringify(scoresJson(scores, { malformedLines: problems.length, extractorVersion: QuoteExtractor.version })));
  process.stdout.write(`${out.join('\n')}\n`);
}

await main();
