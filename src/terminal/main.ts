import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { CorpusDirError } from '../corpus/load.js';
import { QuoteDesk } from '../desk/quote-desk.js';
import { formatRejectionSummary } from '../desk/rejection-summary.js';
import { corpusKey, FileSnapshotStore } from '../desk/snapshot.js';
import { ConfigError, loadConfig } from '../ops/config.js';
import { createLogger } from '../ops/logger.js';
import type { Answer } from '../answer/answer.js';
import type { AskRequest } from '../answer/answerer.js';
import { verifyClaim } from '../answer/verify.js';
import { NoCorpusVersionError, PostgresQuoteStore } from '../stores/postgres/postgres-store.js';
import { recoverNpmFlags } from './npm-flags.js';
import { writePaged } from './pager.js';
import { terminalProgress } from './progress.js';
import { renderAnswerForTerminal, TERMINAL_SNIPPETS } from './render.js';
import { renderVerificationForTerminal } from './render-verification.js';

const PROGRAM = process.env.QUOTEDESK_PROGRAM ?? 'npm run ask --';

const USAGE = `Usage: ${PROGRAM} [options] ["question"]

Answers a question about the news corpus with cited quotes. With no question, opens a prompt.

Options:
  --corpus DIR   corpus folder (default: CORPUS_DIR or ./corpus)
  --json         print the whole answer as JSON, every matching quote
  --all          print every matching quote, not just the first ${TERMINAL_SNIPPETS} (paged in a terminal)
  --verify       check the words given (a claimed quote) against the corpus instead
  --no-cache     build from the corpus even if a snapshot exists
  -h, --help     show this help

With DATABASE_URL set, answers come from the corpus version in PostgreSQL (written by
npm run ingest) instead of the corpus folder; --corpus, --no-cache and --verify do not apply.

With npm run, options go after "--" (npm keeps the ones before it); npx quotedesk ask has no such trap.

Examples:
  ${PROGRAM} "What did Putin say about Ukraine?"
  ${PROGRAM} "did Blair mention the election?"
  ${PROGRAM} "what did Blair and Brown say about the economy"
  ${PROGRAM} "quotes from Trump in 1987"
  ${PROGRAM} 'who said "like a real man"'
  ${PROGRAM} --verify "this deserves attention at least"`;

/** The terminal front end: the same desk the Discord bot uses, no token and no network needed. */
async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      allowPositionals: true,
      options: {
        corpus: { type: 'string' },
        json: { type: 'boolean', default: false },
        all: { type: 'boolean', default: false },
        verify: { type: 'boolean', default: false },
        'no-cache': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (args.values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const config = loadConfig();
  const logger = createLogger({
    level: process.env.LOG_LEVEL ? config.LOG_LEVEL : 'warn',
    format: process.env.LOG_FORMAT ? config.LOG_FORMAT : process.stderr.isTTY ? 'pretty' : 'json',
  });
  const recovered = recoverNpmFlags(process.env, args.positionals);
  for (const note of recovered.notes) process.stderr.write(`${note}\n`);
  const json = args.values.json || recovered.json;
  const all = args.values.all || recovered.all;
  if (config.DATABASE_URL && args.values.verify) {
    process.stderr.write('--verify reads the corpus files themselves: unset DATABASE_URL to check a claim against the corpus folder.\n');
    return 2;
  }
  const corpus = config.DATABASE_URL
    ? await fromPostgres(config.DATABASE_URL, logger)
    : await fromFolder(path.resolve(args.values.corpus ?? recovered.corpus ?? config.CORPUS_DIR), logger, !args.values['no-cache'], path.resolve(config.CACHE_DIR));
  try {
    return await converse(corpus, { json, all, verify: args.values.verify, question: recovered.positionals.join(' ').trim() });
  } finally {
    await corpus.close();
  }
}

/** What the terminal asks: the corpus folder's desk, or the current version in PostgreSQL. */
interface TerminalCorpus {
  report: { articles: number; quotes: number; speakers: number };
  ask(request: AskRequest): Promise<Answer>;
  verify: ((claim: string) => ReturnType<typeof verifyClaim>) | null;
  close(): Promise<void>;
}

/**
 * The desk on a corpus folder, as the bot builds it, with what a person at a terminal needs while
 * it loads: a progress line on stderr for a long load (a 200 MB corpus otherwise shows nothing for
 * minutes), and rejected files summarised by file and reason with the whole list written to the
 * cache folder (100,000 bad lines otherwise print 100,000 lines).
 */
async function fromFolder(corpusDir: string, logger: ReturnType<typeof createLogger>, cache: boolean, cacheDir: string): Promise<TerminalCorpus> {
  const progress = terminalProgress();
  let desk: QuoteDesk;
  try {
    desk = await QuoteDesk.open({
      corpusDir,
      logger,
      onProgress: progress.update,
      rejectionListFile: path.join(cacheDir, `rejected-${corpusKey(corpusDir)}.txt`),
      ...(cache ? { snapshots: new FileSnapshotStore(cacheDir, logger) } : {}),
    });
  } finally {
    progress.finish();
  }
  const { report } = desk.lastReload;
  process.stderr.write(formatRejectionSummary(report.rejected, report.rejectionListFile));
  return { report, ask: async (request) => desk.ask(request), verify: (claim) => verifyClaim(desk.version, claim), close: async () => undefined };
}

/** A reader of the PostgreSQL corpus, as a bot process is: it never extracts quotes itself. */
async function fromPostgres(url: string, logger: ReturnType<typeof createLogger>): Promise<TerminalCorpus> {
  const store = await PostgresQuoteStore.open({ url, logger, poolSize: 2 });
  return { report: store.version.report, ask: (request) => store.ask(request), verify: null, close: () => store.close() };
}

async function converse(corpus: TerminalCorpus, options: { json: boolean; all: boolean; verify: boolean; question: string }): Promise<number> {
  const { json, all } = options;
  const { report } = corpus;
  // --json and --all carry every match; the prompt and a plain answer show the first few.
  const answerText = async (question: string): Promise<string> => {
    if (options.verify && corpus.verify) {
      const verification = corpus.verify(question);
      return json ? `${JSON.stringify(verification, null, 2)}\n` : `${renderVerificationForTerminal(verification)}\n`;
    }
    const answer = await corpus.ask({ question, ...(json || all ? { limit: Infinity } : {}) });
    return json ? `${JSON.stringify(answer, null, 2)}\n` : `${renderAnswerForTerminal(answer, all ? { limit: Infinity } : {})}\n`;
  };
  const { question } = options;
  if (question.length > 0) {
    const text = await answerText(question);
    await (all && !json ? writePaged(text) : Promise.resolve(void process.stdout.write(text)));
    return 0;
  }
  const print = async (line: string): Promise<void> => void process.stdout.write(await answerText(line));
  process.stdout.write(`Quotedesk: ${report.articles} articles, ${report.quotes} quotes, ${report.speakers} speakers. Ask away (empty line or Ctrl-D to quit).\n`);
  const prompt = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  prompt.setPrompt('> ');
  prompt.prompt();
  try {
    for await (const line of prompt) {
      if (line.trim() === '') break;
      await print(line);
      prompt.prompt();
    }
  } finally {
    prompt.close();
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof CorpusDirError || error instanceof NoCorpusVersionError) {
      process.stderr.write(`${error.message}\n`);
    } else {
      process.stderr.write(`Quotedesk failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
    process.exitCode = 1;
  },
);
