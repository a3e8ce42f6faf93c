import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answerer.js';
import { SENTENCE_CHECKS } from '../../src/answer/relevance.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { CorpusVersion } from '../../src/desk/corpus-version.js';
import { emptyDir } from '../desk/support.js';

/**
 * A topic so common that more quotes match it through their paragraph than sentences were once
 * read per answer: whether each quote's sentence holds the topic comes from the index, so every
 * one is judged and the count is exact.
 */
const IN_SENTENCE = SENTENCE_CHECKS + 50;
const PARAGRAPH_ONLY = 60;

let version: CorpusVersion;
beforeAll(async () => {
  const dir = await emptyDir('quotedesk-broad-');
  const article = (i: number, saidOfPensions: boolean) =>
    JSON.stringify({
      id: `pensions-${i}`,
      title: 'Budget day',
      date: null,
      source: 'BBC News',
      url: null,
      body: `Gordon Brown, the chancellor, spoke in London on Monday.\n\nPensions were the theme of the day. "Plan ${i} will protect savers," Mr Brown said${saidOfPensions ? ' of pensions' : ''}.`,
    });
  const lines = Array.from({ length: IN_SENTENCE + PARAGRAPH_ONLY }, (_, i) => article(i, i < IN_SENTENCE));
  await writeFile(path.join(dir, 'budget.jsonl'), `${lines.join('\n')}\n`);
  version = await CorpusVersion.build(await loadCorpus(dir));
});

describe('a topic matched through hundreds of paragraphs', () => {
  it('counts every quote whose sentence holds the topic, and none whose paragraph alone does', () => {
    const answer = answerQuestion(version, { question: 'what did Gordon Brown say about pensions?' });
    expect(answer.interpretation.speakers).toEqual(['Gordon Brown']);
    expect(answer.counts.onTopic).toBe(IN_SENTENCE);
    expect(answer.snippets.every((snippet) => snippet.match?.place === 'sentence')).toBe(true);
    expect(answer.message).not.toMatch(/not checked/);
  });
});
