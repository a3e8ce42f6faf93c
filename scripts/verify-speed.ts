/**
 * How long checking a quote takes: `npx tsx scripts/verify-speed.ts CORPUS_DIR` loads the corpus,
 * makes 100 claims from its own quotes (a third word for word, a third with a word dropped, a
 * third with the words reversed) and prints p50/p99/max milliseconds of verifyClaim and how each
 * claim was classed. Figures only, no targets: the checks of behaviour are in tests/answer/verify.test.ts.
 */
import path from 'node:path';
import { loadCorpus } from '../src/corpus/load.js';
import { CorpusVersion } from '../src/desk/corpus-version.js';
import { verifyClaim } from '../src/answer/verify.js';
const dir = process.argv[2] ?? 'corpus';
const version = await CorpusVersion.build(await loadCorpus(path.resolve(dir)));
const records = [...version.allQuotes()].filter((r) => r.wordCount >= 6);
const claims: string[] = [];
for (let i = 0; i < 100; i += 1) {
  const r = records[Math.floor((i * 7919) % records.length)]!;
  const words = r.quote.text.split(/\s+/);
  const kind = i % 3;
  claims.push(kind === 0 ? words.slice(0, 12).join(' ') : kind === 1 ? words.slice(0, 12).filter((_, j) => j !== 2).join(' ') : words.slice(0, 12).reverse().join(' '));
}
const times: number[] = [];
const kinds: Record<string, number> = {};
for (const claim of claims) {
  const t = performance.now();
  const v = verifyClaim(version, claim);
  times.push(performance.now() - t);
  const k = v.matches[0]?.match ?? v.status;
  kinds[k] = (kinds[k] ?? 0) + 1;
}
times.sort((a, b) => a - b);
console.log(JSON.stringify({ articles: version.articles.length, quotes: records.length, claims: claims.length, p50: times[50]!.toFixed(1), p99: times[98]!.toFixed(1), max: times[99]!.toFixed(1), kinds }));
