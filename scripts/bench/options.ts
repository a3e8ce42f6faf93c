/**
 * `node --expose-gc --import tsx scripts/bench/options.ts CORPUS_DIR` (or `npm run bench -- --options`)
 *
 * Measures the design options issue 6 names, on one corpus, beside the choice we ship:
 * - what one index record is: a quote with its paragraph (shipped), a quote with its sentence, the
 *   quote alone, or a whole article (the naive bot's unit, with our terms): build time, memory,
 *   topic-search latency, and how many of the shipped top-10 hits each still finds (recall of the
 *   shipped ranking, not of the truth);
 * - how long a reload holds the event loop: the time-sliced build we ship against building in one
 *   go (what `addAll` without `addAllAsync` would do);
 * - a worker thread for reload: build in a worker, send the quotes and index back (the index as
 *   transferred typed arrays), against building on the main thread.
 */
import { Worker } from 'node:worker_threads';
import type { LoadedArticle } from '../../src/corpus/article.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { CorpusVersion, indexRecords } from '../../src/desk/corpus-version.js';
import type { ArticleQuotes } from '../../src/quotes/extractor.js';
import type { InvertedIndexData } from '../../src/search/inverted-index.js';
import { parseQuestion } from '../../src/search/question.js';
import { QuoteIndex, type IndexedQuote } from '../../src/search/quote-index.js';
import { buildQuestions } from './questions.js';
import { megabytes, percentile, timeIt } from './stats.js';

const dir = process.argv[2];
if (!dir) throw new Error('usage: options.ts CORPUS_DIR');
const out = (line: string): void => void process.stdout.write(`${line}\n`);

const load = await loadCorpus(dir);
const version = await CorpusVersion.build(load);
const topics = buildQuestions(version)
  .map(({ question }) => parseQuestion(question).topic)
  .filter((topic): topic is string => topic !== null);
out(`options measured on ${dir}: ${load.articles.length} articles, ${version.stats().quotes} quotes, ${topics.length} topics\n`);

await indexUnits(load.articles, version.quotesByArticle, topics);
await eventLoopDuringBuild(load);
await workerBuild(dir, load);

async function indexUnits(articles: readonly LoadedArticle[], quotes: ReadonlyMap<string, ArticleQuotes>, asked: readonly string[]): Promise<void> {
  const shipped = indexRecords(articles, quotes);
  const sentenceOf = new Map([...quotes.values()].flatMap((entry) => entry.quotes.map((quote) => [quote.id, quote.context] as const)));
  const variants: Array<[string, IndexedQuote[]]> = [
    ['quote + paragraph (shipped)', shipped],
    ['quote + sentence', shipped.map((record) => ({ ...record, context: sentenceOf.get(record.id) ?? '' }))],
    ['quote alone', shipped.map((record) => ({ ...record, context: '' }))],
    ['whole article', articles.map((article) => ({ id: article.id, text: article.body, context: '', title: article.title ?? '', sentence: '' }))],
  ];
  out('| index record | records | build | postings (typed arrays) | topic search p50 / p99 | shipped top-10 still found |');
  out('|---|---:|---:|---:|---:|---:|');
  let reference: string[][] = [];
  for (const [name, records] of variants) {
    const built = await timeIt(() => QuoteIndex.build(records));
    const data = built.result.toData();
    const bytes = [...data.fieldLengths, ...data.offsets, ...data.docs, ...data.freqs].reduce((sum, array) => sum + array.byteLength, 0);
    const times: number[] = [];
    const tops: string[][] = [];
    for (const topic of asked) {
      const started = performance.now();
      const hits = built.result.search(topic);
      times.push(performance.now() - started);
      tops.push(hits.slice(0, 10).map((hit) => hit.id));
    }
    if (reference.length === 0) reference = tops;
    const recall = name === 'whole article' ? 'n/a (finds articles)' : `${(100 * overlap(reference, tops)).toFixed(0)} %`;
    out(`| ${name} | ${records.length.toLocaleString('en-GB')} | ${Math.round(built.ms)} ms | ${megabytes(bytes).toFixed(1)} MB | ${percentile(times, 50).toFixed(2)} / ${percentile(times, 99).toFixed(2)} ms | ${recall} |`);
  }
  out('');
}

async function eventLoopDuringBuild(corpus: Awaited<ReturnType<typeof loadCorpus>>): Promise<void> {
  out('| reload build | wall time | longest event-loop stall | p99 stall |');
  out('|---|---:|---:|---:|');
  const records = indexRecords(corpus.articles, version.quotesByArticle);
  const runs: Array<[string, () => Promise<unknown>]> = [
    ['whole version, time-sliced (shipped)', () => CorpusVersion.build(corpus)],
    ['index only, time-sliced (shipped)', () => QuoteIndex.buildAsync(records)],
    ['index only, in one go', async () => QuoteIndex.build(records)],
  ];
  for (const [name, run] of runs) {
    const stalls = await stallsDuring(run);
    out(`| ${name} | ${Math.round(stalls.ms)} ms | ${stalls.longest.toFixed(1)} ms | ${stalls.p99.toFixed(1)} ms |`);
  }
  out('');
}

/** Runs `step` while a 1 ms timer notes how late each of its ticks comes: the stalls an answer waiting meanwhile would see. */
async function stallsDuring(step: () => Promise<unknown>): Promise<{ ms: number; longest: number; p99: number }> {
  const gaps: number[] = [];
  let last = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    gaps.push(now - last);
    last = now;
  }, 1);
  const started = performance.now();
  await step();
  const ms = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 5));
  clearInterval(ticker);
  return { ms, longest: Math.max(0, ...gaps), p99: percentile(gaps, 99) };
}

async function workerBuild(corpusDir: string, corpus: Awaited<ReturnType<typeof loadCorpus>>): Promise<void> {
  out('| reload in a worker thread | wall time | main-thread time to take the result | longest main-thread stall |');
  out('|---|---:|---:|---:|');
  let received = 0;
  let assembled = 0;
  const stalls = await stallsDuring(async () => {
    const started = performance.now();
    // tsx's loader does not reach worker threads on Node 20: the worker registers it itself.
    const worker = new Worker(
      `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(new URL('./options-worker.ts', import.meta.url).href)}); })`,
      { eval: true, argv: [corpusDir] },
    );
    const message = await new Promise<{ quotes: Array<[string, ArticleQuotes]>; index: InvertedIndexData }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    received = performance.now() - started;
    const taken = await timeIt(() => CorpusVersion.build(corpus, { quotesByArticle: new Map(message.quotes), index: QuoteIndex.fromData(message.index) }));
    assembled = taken.ms;
    await worker.terminate();
  });
  out(`| load + extract + index in a worker, version assembled on main | ${Math.round(stalls.ms)} ms | ${Math.round(assembled)} ms (result arrived after ${Math.round(received)} ms) | ${stalls.longest.toFixed(1)} ms |`);
  out('');
}

function overlap(expected: readonly string[][], actual: readonly string[][]): number {
  let found = 0;
  let total = 0;
  expected.forEach((ids, i) => {
    const got = new Set(actual[i]);
    total += ids.length;
    found += ids.filter((id) => got.has(id)).length;
  });
  return total === 0 ? 1 : found / total;
}
