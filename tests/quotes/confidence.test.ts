import { describe, expect, it } from 'vitest';
import type { LoadedArticle } from '../../src/corpus/article.js';
import { isStoredArticleQuotes, restoreQuotes, storeQuotes } from '../../src/desk/snapshot-quotes.js';
import { QuoteExtractor } from '../../src/quotes/extractor.js';
import { isWeakAttribution } from '../../src/quotes/quote.js';

// A short article written for this test: a cue, a pronoun and an uncued paragraph.
const article: LoadedArticle = {
  id: 'council',
  title: 'Council runs out of money',
  date: '2016-03-01',
  source: null,
  url: null,
  body: ['Mayor Linda Park opened the meeting. "We are out of money," Mayor Park said.', '"We will have to close two libraries," she said.', '"Nobody wants that."'].join('\n\n'),
  origin: { file: 'council.md' },
};

describe('the confidence of an attribution', () => {
  it('survives the snapshot', () => {
    const extracted = new QuoteExtractor().extract(article);
    const stored = JSON.parse(JSON.stringify(storeQuotes(article, extracted))) as unknown;
    expect(isStoredArticleQuotes(stored)).toBe(true);
    const restored = restoreQuotes(article, stored as Parameters<typeof restoreQuotes>[1]);
    expect(restored.quotes.map((quote) => quote.confidence)).toEqual(['cue', 'pronoun', 'inherited']);
  });

  it('rejects a snapshot entry with an unknown confidence', () => {
    const stored = storeQuotes(article, new QuoteExtractor().extract(article));
    const broken = { ...stored, quotes: stored.quotes.map((quote) => ({ ...quote, confidence: 'guessed' })) };
    expect(isStoredArticleQuotes(broken)).toBe(false);
  });

  it('calls inherited and subject attributions weak, cue, colon and pronoun not', () => {
    expect(['cue', 'colon', 'pronoun', 'subject', 'inherited', null].map((confidence) => isWeakAttribution(confidence as never))).toEqual([false, false, false, true, true, false]);
  });
});
