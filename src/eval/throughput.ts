import type { Article } from '../corpus/article.js';
import type { ExtractorUnderTest } from './extractor-under-test.js';
import type { Throughput } from './scores.js';

export interface TimingOptions {
  /** Keep timing full passes until at least this long has been measured (default 1000 ms). */
  minMilliseconds?: number;
  /** …and at least this many passes (default 3). */
  minPasses?: number;
}

/**
 * Articles extracted per second, over extraction alone (no file reading, no scoring). One pass over
 * a 40-article gold file takes a few tens of milliseconds, too short to measure on a shared machine,
 * so whole passes are repeated until enough time has passed. Call it after one untimed pass so the
 * JIT has warmed up.
 */
export function measureThroughput(
  articles: ReadonlyArray<Pick<Article, 'id' | 'body' | 'title'>>,
  extractor: ExtractorUnderTest,
  options: TimingOptions = {},
): Throughput {
  const minMilliseconds = options.minMilliseconds ?? 1000;
  const minPasses = options.minPasses ?? 3;
  let passes = 0;
  const started = performance.now();
  let elapsed = 0;
  while (articles.length > 0 && (passes < minPasses || elapsed < minMilliseconds)) {
    for (const article of articles) extractor.extract(article);
    passes += 1;
    elapsed = performance.now() - started;
  }
  const seconds = elapsed / 1000;
  const articlesPerSecond = seconds > 0 ? (passes * articles.length) / seconds : 0;
  return { articlesPerSecond, passes, seconds };
}
