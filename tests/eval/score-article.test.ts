import { describe, expect, it } from 'vitest';
import { quoteTokens } from '../../src/eval/normalise.js';
import { scoreArticle } from '../../src/eval/score-article.js';
import { summarise } from '../../src/eval/scores.js';
import { asPredicted, predicted, seedGold, seedWith } from './seed-gold.js';

const NO_TIMING = { articlesPerSecond: 0, passes: 0, seconds: 0 };
const COURAGE = 'He behaved, in my opinion, in a very correct way, courageously, like a real man,';
const UKRAINE = 'What was said about the desire to restore relations with Russia, to bring about the end of the Ukrainian crisis, in my opinion this deserves attention at least,';

describe('direct quote scoring', () => {
  it('matches exactly when the prediction includes the quotation marks the gold span leaves out', () => {
    const article = seedWith((row) => row.quote === COURAGE);
    const score = scoreArticle(article, [predicted(article, `"${COURAGE}"`)]);
    expect(score.direct.matched).toBe(1);
    expect(score.errors.boundary).toEqual([]);
  });

  it('matches at overlap, not exactly, when the prediction stops early but keeps half the words', () => {
    const article = seedWith((row) => row.quote === UKRAINE);
    const half = 'What was said about the desire to restore relations with Russia, to bring about';
    expect(quoteTokens(half).length * 2).toBe(quoteTokens(UKRAINE).length);
    const score = scoreArticle(article, [predicted(article, half)]);
    expect(score.direct.matched).toBe(0);
    expect(score.directOverlap.matched).toBe(1);
    expect(score.errors.boundary).toHaveLength(1);
  });

  it('does not match at all below half of the words', () => {
    const article = seedWith((row) => row.quote === UKRAINE);
    const score = scoreArticle(article, [predicted(article, 'What was said about the desire to restore relations with Russia, to bring')]);
    expect(score.directOverlap.matched).toBe(0);
    expect(score.errors.missedDirect[0]?.nearest?.overlap).toBeCloseTo(13 / 28);
    expect(score.errors.spuriousDirect).toHaveLength(1);
  });

  it('counts every predicted direct quote in precision, including ones no annotator marked', () => {
    const article = seedWith((row) => row.direct);
    const predictions = [...article.quotes.map(asPredicted), predicted(article, 'Valdai discussion club')];
    const scores = summarise([scoreArticle(article, predictions)], NO_TIMING);
    expect(scores.direct.precision).toBe(3 / 4);
    expect(scores.direct.recall).toBe(1);
  });

  it('leaves reported predictions out of direct precision', () => {
    const article = seedWith((row) => row.direct);
    const predictions = [...article.quotes.map(asPredicted), predicted(article, 'he could bring peace in Ukraine', { kind: 'reported' })];
    const score = scoreArticle(article, predictions);
    expect(score.direct).toEqual({ matched: 3, predicted: 3, gold: 3 });
  });
});

describe('speaker accuracy', () => {
  it('is judged over matched direct quotes only', () => {
    const article = seedWith((row) => row.direct);
    const [first] = article.quotes;
    const score = scoreArticle(article, [{ ...asPredicted(first!), speaker: 'Donald Trump' }]);
    expect(score.speaker).toEqual({ correct: 0, wrong: 1, skipped: 0, givenNameWrong: 0 });
    expect(score.errors.wrongSpeaker[0]?.gold.speakerCanonical).toBe('Vladimir Putin');
  });

  it('skips and counts a matched quote whose gold speaker is a bare pronoun', () => {
    const article = seedGold();
    const pronounOnly = {
      ...article,
      quotes: article.quotes.filter((row) => row.direct).map((row) => (row.speaker === 'he' ? { ...row, speakerCanonical: null } : row)),
    };
    const scores = summarise([scoreArticle(pronounOnly, pronounOnly.quotes.map((row) => ({ ...asPredicted(row), speaker: 'Vladimir Putin' })))], NO_TIMING);
    expect(scores.speakerSkipped).toBe(1);
    expect(scores.speaker).toEqual({ correct: 2, wrong: 0, skipped: 1, givenNameWrong: 0 });
    expect(scores.speakerAccuracy).toBe(1);
  });
});

describe('reported speech scoring', () => {
  it('matches a reported clause sharing half of its words and misses one running on past the clause', () => {
    const article = seedWith((row) => !row.direct && row.speaker === 'Trump');
    const tooLong = predicted(
      article,
      'he could bring peace in Ukraine within 24 hours if elected, but has given few details on how he would seek to end the biggest land war in Europe since World War Two',
      { kind: 'reported' },
    );
    const moreThanHalf = predicted(article, 'he could bring peace in Ukraine', { kind: 'reported' });
    expect(scoreArticle(article, [moreThanHalf]).reported.matched).toBe(1);
    expect(scoreArticle(article, [tooLong]).reported.matched).toBe(0);
  });

  it('leaves gold rows marked speechCue:false out of recall, and predictions on them out of precision', () => {
    const article = seedGold();
    const officials = article.quotes.find((row) => row.speaker === 'Russian officials')!;
    const withBelief = { ...article, quotes: article.quotes.map((row) => (row === officials ? { ...row, speechCue: false } : row)) };
    const score = scoreArticle(withBelief, article.quotes.filter((row) => !row.direct).map(asPredicted));
    expect(score.reported).toEqual({ matched: 6, predicted: 6, gold: 6, ignored: 1 });
  });

  it('does not score direct predictions against reported gold rows', () => {
    const article = seedWith((row) => !row.direct);
    const score = scoreArticle(article, article.quotes.map((row) => ({ ...asPredicted(row), kind: 'direct' as const })));
    expect(score.reported.matched).toBe(0);
    expect(score.direct.predicted).toBe(article.quotes.length);
  });
});
