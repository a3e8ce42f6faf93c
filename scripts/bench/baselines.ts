import { readFile } from 'node:fs/promises';
import MiniSearch from 'minisearch';
import type { LoadedArticle } from '../../src/corpus/article.js';

/**
 * Baseline 1, the naive bot: one plain MiniSearch document per article (title + body), default
 * options, queried with the question as typed. What Quotedesk must beat to be worth its parts.
 */
export function buildNaiveIndex(articles: readonly LoadedArticle[]): MiniSearch {
  const index = new MiniSearch({ fields: ['title', 'body'] });
  index.addAll(articles.map((article) => ({ id: article.id, title: article.title ?? '', body: article.body })));
  return index;
}

export function askNaive(index: MiniSearch, question: string): number {
  return index.search(question).length;
}

/**
 * Baseline 2, the floor for any ingest: read every corpus file and split its text into
 * lower-cased words. Nothing that indexes words can be faster than this.
 */
export async function tokenisationFloor(files: readonly string[]): Promise<{ tokens: number }> {
  let tokens = 0;
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    for (const word of text.split(/\W+/)) {
      if (word.length > 0 && word.toLowerCase().length > 0) tokens += 1;
    }
  }
  return { tokens };
}
