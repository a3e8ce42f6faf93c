import type { Article } from '../corpus/article.js';
import type { Quote } from '../quotes/quote.js';

/**
 * What the eval needs of the system under test: `QuoteExtractor` from src/quotes/extractor.ts fits
 * it, and so does a hand-made stand-in in a test. Only `quotes` is read; speakers are judged through
 * each quote's resolved `speaker`.
 */
export interface ExtractorUnderTest {
  extract(article: Pick<Article, 'id' | 'body' | 'title'>): { quotes: readonly Quote[] };
}

/** The article as the extractor sees it: the gold text is the body. */
export function articleInput(gold: { id: string; title?: string | null | undefined; text: string }): Pick<Article, 'id' | 'body' | 'title'> {
  return { id: gold.id, body: gold.text, title: gold.title ?? null };
}
