/**
 * `node --expose-gc --import tsx scripts/bench/names-trial.ts CORPUS_DIR [COPIES]`
 *
 * Issue 11's trial: MiniSearch (prefix + fuzzy) over speaker names and aliases, against the
 * speaker directory's own sorted-word completion and bounded edit distance, for `/quote`
 * autocomplete and "did you mean". Prints latency (p50/p99), build time and heap for both, and
 * how often they agree: the same first completion, and the intended speaker first for a typo.
 * The directory has one entry per distinct name, so a replicated corpus (the bench's 105k and
 * 502k) has the same directory as the real 21k: these figures hold at those sizes, apart from
 * garbage-collection pressure from the larger heap, which COPIES (replicating quote counts
 * into a heap ballast) lets one see.
 */
import MiniSearch from 'minisearch';
import { loadCorpus } from '../../src/corpus/load.js';
import { CorpusVersion } from '../../src/desk/corpus-version.js';
import type { Speaker } from '../../src/quotes/speaker-directory.js';
import { measureLatency } from './latency.js';
import { autocompletePrefixes } from './questions.js';

const [dir, copiesArg] = process.argv.slice(2);
if (!dir) throw new Error('usage: names-trial.ts CORPUS_DIR [COPIES]');
const version = await CorpusVersion.build(await loadCorpus(dir));
const speakers = version.speakers.all();
// Heap ballast standing for the larger corpora's quotes (only the heap size matters to GC).
const ballast: unknown[] = [];
for (let copy = 1; copy < Number(copiesArg ?? 1); copy += 1) ballast.push([...version.allQuotes()].map((record) => ({ ...record.quote })));

const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const built = performance.now();
const mini = new MiniSearch<Speaker & { id: string; aliasText: string }>({
  idField: 'id',
  fields: ['name', 'aliasText'],
  storeFields: ['name', 'quoteCount'],
  searchOptions: { prefix: true, fuzzy: 0.2, boost: { name: 2 }, combineWith: 'AND' },
});
mini.addAll(speakers.map((speaker) => ({ ...speaker, id: speaker.key, aliasText: speaker.aliases.join(' ') })));
const buildMs = performance.now() - built;
gc?.();
const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1_048_576;

/** MiniSearch's completion: its relevance, then more quotes first, as the directory ranks. */
const completeWithMiniSearch = (prefix: string): string[] => {
  if (prefix.trim() === '') return version.speakers.complete('', 25).map((speaker) => speaker.name);
  return mini
    .search(prefix, { fuzzy: false })
    .sort((a, b) => b.score - a.score || (b.quoteCount as number) - (a.quoteCount as number))
    .slice(0, 25)
    .map((hit) => hit.name as string);
};
const suggestWithMiniSearch = (typed: string): string[] => mini.search(typed, { prefix: false, fuzzy: 0.34 }).slice(0, 5).map((hit) => hit.name as string);

const prefixes = autocompletePrefixes(version).map((input) => ({ kind: 'autocomplete', input }));
const people = speakers.filter((speaker) => speaker.person && / /.test(speaker.name) && speaker.quoteCount >= 3).sort((a, b) => b.quoteCount - a.quoteCount).slice(0, 200);
const typos = people.map((speaker, i) => ({ kind: 'typo', input: misspell(speaker.name.split(' ').at(-1)!, i), want: speaker.name }));
const options = { budgetMs: 10_000, maxPasses: 3, warmUp: 40 };
const ours = measureLatency(prefixes, (prefix) => version.speakers.complete(prefix, 25), options).latency;
const theirs = measureLatency(prefixes, completeWithMiniSearch, options).latency;
const oursSuggest = measureLatency(typos, (typo) => version.speakers.suggest(typo), options).latency;
const theirsSuggest = measureLatency(typos, suggestWithMiniSearch, options).latency;
const sameFirst = prefixes.filter(({ input }) => (version.speakers.complete(input, 1)[0]?.name ?? null) === (completeWithMiniSearch(input)[0] ?? null)).length;
const rightTypo = (suggest: (typed: string) => string[]): number => typos.filter(({ input, want }) => suggest(input)[0] === want).length;
const result = {
  corpus: dir,
  copies: Number(copiesArg ?? 1),
  speakers: speakers.length,
  miniSearch: { buildMs: Math.round(buildMs), heapMb: Math.round(heapMb * 10) / 10, autocomplete: theirs, suggest: theirsSuggest, typoFirstRight: rightTypo(suggestWithMiniSearch) },
  directory: { autocomplete: ours, suggest: oursSuggest, typoFirstRight: rightTypo((typed) => version.speakers.suggest(typed)) },
  prefixes: prefixes.length,
  sameFirstCompletion: sameFirst,
  typos: typos.length,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
void ballast.length;

function misspell(word: string, seed: number): string {
  if (word.length < 4) return `${word}${word.at(-1)}`;
  const at = 1 + (seed % (word.length - 2));
  return seed % 2 === 0 ? word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2) : word.slice(0, at) + word.slice(at + 1);
}
