/**
 * Extraction time of one long article with no paragraph breaks (the seed article run together,
 * issue 13): at half a megabyte and at one, so the ratio shows whether extraction stays linear in
 * length (≈2) or not (it was ≈4 before the name join stopped scanning every earlier mention).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { QuoteExtractor } from '../../src/quotes/extractor.js';
import { round } from './stats.js';

/** CPU time of the extraction (the machine is shared: wall time also counts other processes' turns). */
export interface LongArticleFigures {
  halfMegabyteMs: number;
  oneMegabyteMs: number;
  /** oneMegabyteMs ÷ halfMegabyteMs: ≈2 when linear. */
  ratio: number;
}

export async function measureLongArticle(repoRoot: string): Promise<LongArticleFigures> {
  const seed = (await readFile(path.join(repoRoot, 'corpus/2024-11-08-putin-congratulates-trump.txt'), 'utf8')).replace(/^ date \S+ /, '').replace(/\n+/g, '\n');
  const timeFor = (chars: number): number => {
    const body = seed.repeat(Math.ceil(chars / seed.length)).slice(0, chars);
    const started = process.cpuUsage();
    new QuoteExtractor().extract({ id: 'long', title: null, body });
    const used = process.cpuUsage(started);
    return (used.user + used.system) / 1000;
  };
  timeFor(100_000); // warm up the extractor's code
  const half = Math.min(timeFor(500_000), timeFor(500_000));
  const one = Math.min(timeFor(1_000_000), timeFor(1_000_000));
  return { halfMegabyteMs: round(half), oneMegabyteMs: round(one), ratio: round(one / half, 2) };
}
