import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ArticleQuotes } from '../../src/quotes/extractor.js';
import { QuoteExtractor } from '../../src/quotes/extractor.js';
import type { Quote } from '../../src/quotes/quote.js';

/** Runs the extractor on a body (the tests' articles are short real excerpts). */
export function extract(body: string, id = 'test'): ArticleQuotes {
  return new QuoteExtractor().extract({ id, body, title: null });
}

export function directQuotes(result: ArticleQuotes): Quote[] {
  return result.quotes.filter((quote) => quote.kind === 'direct');
}

export function reportedQuotes(result: ArticleQuotes): Quote[] {
  return result.quotes.filter((quote) => quote.kind === 'reported');
}

/** The quote whose text starts with `prefix`; fails the test when there is none. */
export function quoteStarting(result: ArticleQuotes, prefix: string, kind: Quote['kind'] = 'direct'): Quote {
  const quote = result.quotes.find((candidate) => candidate.kind === kind && candidate.text.startsWith(prefix));
  if (quote === undefined) {
    throw new Error(`no ${kind} quote starting ${JSON.stringify(prefix)}; got ${JSON.stringify(result.quotes.map((q) => q.text))}`);
  }
  return quote;
}

/** The seed article's body: the bundled file without its ` date YYYY-MM-DD ` prefix. */
export function seedBody(): string {
  const path = fileURLToPath(new URL('../../corpus/2024-11-08-putin-congratulates-trump.txt', import.meta.url));
  return readFileSync(path, 'utf8').replace(/^ date \d{4}-\d{2}-\d{2} /, '');
}
