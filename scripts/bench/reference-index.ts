import MiniSearch, { type SearchResult } from 'minisearch';
import type { IndexedQuote } from '../../src/search/quote-index.js';
import { indexTerms, queryTerms, tokenize } from '../../src/search/terms.js';

/**
 * The quote index as it was on MiniSearch 7 (same terms, fields, boosts, prefix rule and weights),
 * kept as the reference that src/search/inverted-index.ts must score like.
 */
export class ReferenceQuoteIndex {
  private constructor(private readonly miniSearch: MiniSearch<IndexedQuote>) {}

  static build(quotes: readonly IndexedQuote[]): ReferenceQuoteIndex {
    const miniSearch = new MiniSearch<IndexedQuote>({
      idField: 'id',
      fields: ['text', 'context', 'title'],
      storeFields: [],
      tokenize: (text) => tokenize(text),
      processTerm: (term) => indexTerms(term),
      searchOptions: { tokenize: (text) => tokenize(text), processTerm: (term) => queryTerms(term) },
    });
    miniSearch.addAll([...quotes]);
    return new ReferenceQuoteIndex(miniSearch);
  }

  search(topic: string, filter?: (id: string) => boolean): Array<{ id: string; score: number; terms: string[]; inText: boolean }> {
    const results: SearchResult[] = this.miniSearch.search(topic, {
      fields: ['text', 'context', 'title'],
      boost: { text: 3, context: 1, title: 0.5 },
      prefix: (term) => term.length >= 5,
      weights: { prefix: 0.5, fuzzy: 0.3 },
      combineWith: 'OR',
      ...(filter ? { filter: (result: SearchResult) => filter(result.id as string) } : {}),
    });
    return results.map((result) => ({
      id: result.id as string,
      score: result.score,
      terms: result.terms,
      inText: Object.values(result.match).some((fields) => fields.includes('text')),
    }));
  }
}
