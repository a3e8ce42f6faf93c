import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answerer.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { CorpusVersion } from '../../src/desk/corpus-version.js';
import { copyOfCorpus } from '../desk/support.js';

/** Wire copy is reprinted word for word by many outlets; an answer shows each quote once. */
describe('reprinted articles', () => {
  it('give one snippet per quote, cited to the first copy, and count it once', async () => {
    const dir = await copyOfCorpus('seed');
    const seed = path.join(dir, '2024-11-08-putin-congratulates-trump.txt');
    await copyFile(seed, path.join(dir, '2024-11-09-putin-congratulates-trump-reprint.txt'));
    const load = await loadCorpus(dir);
    expect(load.articles).toHaveLength(2);
    const twice = await CorpusVersion.build(load);
    const once = await CorpusVersion.build({ ...load, articles: load.articles.filter((article) => article.id === '2024-11-08-putin-congratulates-trump') });

    const answer = answerQuestion(twice, { question: 'What did Putin say about Ukraine?' });
    const texts = answer.snippets.map((snippet) => snippet.text);
    expect(new Set(texts).size).toBe(texts.length);
    expect(answer.totalMatches).toBe(answerQuestion(once, { question: 'What did Putin say about Ukraine?' }).totalMatches);
    expect(answer.snippets[0]!.citation.articleId).toBe('2024-11-08-putin-congratulates-trump');
  });
});
