import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseGold, type GoldArticle, type GoldQuote } from '../../src/eval/gold.js';
import type { PredictedQuote } from '../../src/eval/score-article.js';

/** The seed article (corpus/2024-11-08-putin-congratulates-trump.txt) annotated in the gold format. */
export const SEED_GOLD_PATH = fileURLToPath(new URL('./fixtures/seed.jsonl', import.meta.url));

export function seedGold(): GoldArticle {
  const article = parseGold(readFileSync(SEED_GOLD_PATH, 'utf8')).articles[0];
  if (article === undefined) throw new Error(`no article in ${SEED_GOLD_PATH}`);
  return article;
}

/** The seed article with only the gold rows a test is about, so each test states what it scores. */
export function seedWith(rows: (quote: GoldQuote) => boolean): GoldArticle {
  const article = seedGold();
  return { ...article, quotes: article.quotes.filter(rows) };
}

/** A hand-made prediction: `words` located in the article text (the first occurrence at or after `from`). */
export function predicted(
  article: GoldArticle,
  words: string,
  options: { kind?: PredictedQuote['kind']; speaker?: string | null; from?: number } = {},
): PredictedQuote {
  const start = article.text.indexOf(words, options.from ?? 0);
  if (start < 0) throw new Error(`"${words}" is not in ${article.id}`);
  return { kind: options.kind ?? 'direct', text: words, start, end: start + words.length, speaker: options.speaker ?? null };
}

/** A prediction that reproduces a gold row exactly, speaker included. */
export function asPredicted(row: GoldQuote): PredictedQuote {
  return {
    kind: row.direct ? 'direct' : 'reported',
    text: row.quote,
    start: row.start,
    end: row.end,
    speaker: row.speakerCanonical ?? row.speaker,
  };
}
