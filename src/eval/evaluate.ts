import { articleInput, type ExtractorUnderTest } from './extractor-under-test.js';
import type { GoldArticle } from './gold.js';
import { scoreArticle } from './score-article.js';
import { summarise, type Scores } from './scores.js';
import { measureThroughput, type TimingOptions } from './throughput.js';

export interface EvaluateOptions {
  /** How long to time extraction; `false` skips timing (articlesPerSecond is then 0). */
  timing?: TimingOptions | false;
}

export interface Evaluation extends Scores {
  /** Broken extractor promises (`body.slice(start, end) !== text`), one line each; should be empty. */
  contractViolations: string[];
}

/**
 * Runs the extractor over every gold article, scores its quotes against the gold rows, then times
 * extraction on its own. The one entry point for the CLI and the regression floor test, so both
 * measure the same thing.
 */
export function evaluate(goldArticles: readonly GoldArticle[], extractor: ExtractorUnderTest, options: EvaluateOptions = {}): Evaluation {
  const inputs = goldArticles.map(articleInput);
  const contractViolations: string[] = [];
  const perArticle = goldArticles.map((gold, index) => {
    const { quotes } = extractor.extract(inputs[index]!);
    for (const quote of quotes) {
      const found = gold.text.slice(quote.start, quote.end);
      if (found !== quote.text) {
        contractViolations.push(
          `${gold.id}: quote at ${quote.start}-${quote.end} has text ${JSON.stringify(quote.text)} but the body there reads ${JSON.stringify(found)}`,
        );
      }
    }
    return scoreArticle(gold, quotes);
  });
  const throughput =
    options.timing === false ? { articlesPerSecond: 0, passes: 0, seconds: 0 } : measureThroughput(inputs, extractor, options.timing);
  return { ...summarise(perArticle, throughput), contractViolations };
}
