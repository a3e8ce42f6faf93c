import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGold } from '../../src/eval/gold.js';
import { seedGold } from './seed-gold.js';

const MALFORMED = readFileSync(new URL('./fixtures/seed-with-malformed-lines.jsonl', import.meta.url), 'utf8');

describe('gold file parsing', () => {
  it('reports each malformed line by number and keeps the articles on the other lines', () => {
    const { articles, problems } = parseGold(MALFORMED);
    expect(articles.map((article) => article.id)).toEqual(['2024-11-08-putin-congratulates-trump']);
    expect(problems.map((problem) => problem.line)).toEqual([2, 3]);
    expect(problems[0]?.reason).toMatch(/not valid JSON/);
  });

  it('rejects a line whose quote offsets do not slice out the quote', () => {
    const { problems } = parseGold(MALFORMED);
    expect(problems[1]?.reason).toMatch(/^quotes\.0: text\.slice\(\d+, \d+\) is "e behaved/);
  });

  it('rejects a line missing a required field, naming the field', () => {
    const { quotes, ...withoutQuotes } = seedGold();
    expect(quotes.length).toBeGreaterThan(0);
    const { problems } = parseGold(JSON.stringify(withoutQuotes));
    expect(problems).toEqual([{ line: 1, reason: expect.stringMatching(/quotes/) }]);
  });

  it('ignores extra keys and blank lines', () => {
    const article = seedGold();
    const withExtras = { ...article, url: 'https://example.org', annotator: 'b', quotes: article.quotes.map((row) => ({ ...row, note: 'checked' })) };
    const { articles, problems } = parseGold(`\n${JSON.stringify(withExtras)}\n\n`);
    expect(problems).toEqual([]);
    expect(articles[0]).toEqual(article);
  });

  it('treats a row without speechCue as speech', () => {
    const { quotes, ...rest } = seedGold();
    const row = { start: quotes[0]!.start, end: quotes[0]!.end, quote: quotes[0]!.quote, speaker: 'Putin', speakerCanonical: null, direct: false };
    const { articles } = parseGold(JSON.stringify({ ...rest, quotes: [row] }));
    expect(articles[0]?.quotes[0]?.speechCue).toBe(true);
  });

  it('rejects a second article with an id already seen', () => {
    const line = JSON.stringify(seedGold());
    const { articles, problems } = parseGold(`${line}\n${line}`);
    expect(articles).toHaveLength(1);
    expect(problems).toEqual([{ line: 2, reason: expect.stringMatching(/already appeared/) }]);
  });
});
