import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.js';
import { CorpusVersion } from '../../src/desk/corpus-version.js';
import { paragraphAround } from '../../src/desk/paragraph.js';
import { quoteTerms, vectorsFromPostings } from '../../src/stores/postgres/terms-vector.js';

/**
 * The writer reads each quote's terms vector from the embedded index's postings instead of
 * tokenising the quote again: what it stores must be exactly the vector of the quote's own
 * fields (text, paragraph, headline), whichever way it is computed.
 */
let version: CorpusVersion;
beforeAll(async () => {
  version = await CorpusVersion.build(await loadCorpus(path.resolve('corpus')));
});

/** A vector literal's entries in a fixed order: PostgreSQL sorts lexemes itself, so order carries nothing. */
const entries = (vector: string): string[] => (vector === '' ? [] : vector.split(' ').sort());

function tokenisedVectors(): string[] {
  return version.index.ids.map((_, doc) => {
    const record = version.quoteAt(doc)!;
    return quoteTerms([record.quote.text, paragraphAround(record.article.body, record.quote.start, record.quote.end), record.article.title ?? '']).vector;
  });
}

describe('terms vectors from the index postings', () => {
  it('gives every quote of the bundled corpus the vector its own fields tokenise to', () => {
    const expected = tokenisedVectors();
    const actual = [...vectorsFromPostings(version.index.toData())];
    expect(actual).toHaveLength(expected.length);
    expect(expected.length).toBeGreaterThan(100);
    actual.forEach((vector, doc) => expect(entries(vector)).toEqual(entries(expected[doc]!)));
  });

  it('gives the same vectors when the postings are turned around a few quotes at a time', () => {
    const data = version.index.toData();
    expect([...vectorsFromPostings(data, 7)]).toEqual([...vectorsFromPostings(data)]);
  });

  it('says how often a term occurs in each field, as the seed article’s "Ukraine" paragraph has it', () => {
    const data = version.index.toData();
    const vectors = [...vectorsFromPostings(data)];
    const doc = version.index.ids.findIndex((_, d) => /Ukrain/.test(version.quoteAt(d)!.quote.text));
    expect(doc).toBeGreaterThanOrEqual(0);
    const record = version.quoteAt(doc)!;
    const paragraph = paragraphAround(record.article.body, record.quote.start, record.quote.end);
    const inParagraph = paragraph.match(/\bUkrain\w*/g)!.length;
    const entry = entries(vectors[doc]!).find((e) => e.startsWith("'ukrain':"))!;
    // Text field (A) at its count, the paragraph (B) at 5000 + its count.
    expect(entry).toMatch(/^'ukrain':\d+A,\d+B/);
    expect(Number(/,(\d+)B/.exec(entry)![1]) - 5000).toBe(inParagraph);
  });
});
