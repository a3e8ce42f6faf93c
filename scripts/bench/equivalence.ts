/**
 * `node --import tsx scripts/bench/equivalence.ts [CORPUS_DIR]` (default: the bundled corpus)
 *
 * Checks that the quote index answers as the MiniSearch index it replaced: for every benchmark
 * question's topic and a few thousand words from the quotes (a third of them with a filter), the
 * same hits, the same matched terms, the same "matched in the quote's own words", and scores equal
 * to 1e-12 (bit for bit on most topics: only the order in which prefix matches are added differs).
 * Exits 1 on any difference. Also prints both indexes' build and search times.
 */
import { loadCorpus } from '../../src/corpus/load.js';
import { CorpusVersion, indexRecords } from '../../src/desk/corpus-version.js';
import { QuoteIndex } from '../../src/search/quote-index.js';
import { buildQuestions } from './questions.js';
import { ReferenceQuoteIndex } from './reference-index.js';
import { timeIt } from './stats.js';

const TOLERANCE = 1e-12;

const load = await loadCorpus(process.argv[2] ?? 'corpus');
const version = await CorpusVersion.build(load);
const records = indexRecords(load.articles, version.quotesByArticle);
const reference = await timeIt(() => ReferenceQuoteIndex.build(records));
const ours = await timeIt(() => QuoteIndex.build(records));
const words = new Set(records.slice(0, 3_000).flatMap((record) => record.text.split(/\s+/).slice(0, 3)));
const topics = [...buildQuestions(version).map((question) => question.question), ...words, 'the US', 'interest rates', 'share shares shareholder', 'economy economy', '2004', ''];
const sample = new Set(records.filter((_, i) => i % 7 === 0).map((record) => record.id));

let differing = 0;
let bitExact = 0;
let referenceMs = 0;
let oursMs = 0;
for (const [i, topic] of topics.entries()) {
  const filter = i % 3 === 0 ? (id: string) => sample.has(id) : undefined;
  const expected = await timeIt(() => reference.result.search(topic, filter));
  const actual = await timeIt(() => ours.result.search(topic, filter ? { filter } : {}));
  referenceMs += expected.ms;
  oursMs += actual.ms;
  const problem = compare(expected.result, actual.result);
  if (problem === 'bit-exact') bitExact += 1;
  else if (problem !== 'close') {
    differing += 1;
    if (differing <= 10) process.stdout.write(`differs on ${JSON.stringify(topic)}: ${problem}\n`);
  }
}
process.stdout.write(
  `${topics.length} topics over ${records.length} quotes: ${differing} differ, ${bitExact} bit-exact; ` +
    `build ${Math.round(reference.ms)} ms (MiniSearch) vs ${Math.round(ours.ms)} ms, search ${Math.round(referenceMs)} ms vs ${Math.round(oursMs)} ms\n`,
);
process.exit(differing === 0 ? 0 : 1);

type Hit = { id: string; score: number; terms: string[]; inText: boolean };

function compare(expected: readonly Hit[], actual: readonly Hit[]): string {
  if (expected.length !== actual.length) return `${expected.length} hits vs ${actual.length}`;
  const byId = new Map(actual.map((hit) => [hit.id, hit]));
  let exact = true;
  for (const [rank, hit] of expected.entries()) {
    const other = byId.get(hit.id);
    if (!other) return `${hit.id} missing`;
    if (other.score !== hit.score) exact = false;
    if (Math.abs(other.score - hit.score) > TOLERANCE * Math.abs(hit.score)) return `${hit.id} scores ${other.score}, not ${hit.score}`;
    if (Math.abs(actual[rank]!.score - hit.score) > TOLERANCE * Math.abs(hit.score)) return `rank ${rank} differs`;
    if ([...hit.terms].sort().join(' ') !== [...other.terms].sort().join(' ')) return `${hit.id} matched ${other.terms}, not ${hit.terms}`;
    if (hit.inText !== other.inText) return `${hit.id} inText differs`;
  }
  return exact ? 'bit-exact' : 'close';
}
