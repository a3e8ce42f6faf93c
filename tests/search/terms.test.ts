import { describe, expect, it } from 'vitest';
import { indexTerms, queryTerms, tokenize } from '../../src/search/terms.js';

/** The terms a text is indexed under, and the terms a query looks for. */
const indexed = (text: string): string[] => tokenize(text).flatMap((token) => indexTerms(token) ?? []);
const queried = (text: string): string[] => tokenize(text).flatMap((token) => queryTerms(token) ?? []);
const finds = (query: string, text: string): boolean => queried(query).some((term) => indexed(text).includes(term));

describe('search terms', () => {
  it('lets "Ukraine" find "Ukrainian"', () => {
    expect(finds('Ukraine', 'the end of the Ukrainian crisis')).toBe(true);
  });

  it('lets "congratulate" find "congratulated"', () => {
    expect(finds('congratulate', 'Putin congratulated Donald Trump')).toBe(true);
  });

  it('lets "the US" find "the United States" and "U.S."', () => {
    expect(finds('relations with the US', 'restore relations with the United States')).toBe(true);
    expect(finds('US', 'talks with U.S. officials')).toBe(true);
  });

  it('does not read the pronoun "us" as the country', () => {
    expect(finds('US', 'he told us so')).toBe(false);
  });

  it('lets "Britain" find "British"', () => {
    expect(finds('Britain', 'British troops')).toBe(true);
  });

  it('lets "racism" find "racist" and "racists" find "racism", which Porter stems apart', () => {
    expect(finds('racism', 'If you think they are racist')).toBe(true);
    expect(finds('racists', 'a campaign against racism')).toBe(true);
  });

  it('lets "bankruptcy" find "bankrupt"', () => {
    expect(finds('bankruptcy', 'they cannot go bankrupt')).toBe(true);
  });

  it('drops speech verbs and stopwords from queries, so "say about" matches nothing by itself', () => {
    expect(queried('what did they say about it')).toEqual([]);
  });
});
