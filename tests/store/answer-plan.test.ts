import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answerer.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { CorpusVersion } from '../../src/desk/corpus-version.js';
import { planAnswer } from '../../src/store/answer-plan.js';

/**
 * A store that fetches quotes first (PostgreSQL) runs the answer once over no quotes to learn
 * what to fetch. An answer that reads no quotes at all is then already complete: the store
 * serves it as it is instead of running the answer (and its name suggestions) a second time.
 */
let version: CorpusVersion;
beforeAll(async () => {
  version = await CorpusVersion.build(await loadCorpus(path.resolve('corpus')));
});

describe('planning an answer', () => {
  it('notes the speaker and topic the seed question reads, and that it reads quotes', () => {
    const plan = planAnswer(version, (source) => answerQuestion(source, { question: 'What did Putin say about Ukraine?' }));
    expect(plan.readsQuotes).toBe(true);
    expect(plan.topic?.topic).toMatch(/ukraine/i);
    expect(plan.speakerKeys.length + (plan.topic?.scope.speakerKeys.length ?? 0)).toBeGreaterThan(0);
  });

  it('reads no quotes for a misspelled speaker, and its answer over no quotes is the real one, suggestions and all', () => {
    const question = 'What did Putni say about Ukraine?';
    const plan = planAnswer(version, (source) => answerQuestion(source, { question }));
    const real = answerQuestion(version, { question });
    expect(real.status).toBe('unknown-speaker');
    expect(real.suggestions).toContain('Vladimir Putin');
    expect(plan.readsQuotes).toBe(false);
    expect(plan.answerWithoutQuotes).toEqual(real);
  });

  it('reads no quotes for a question with nothing to search for', () => {
    const question = 'what did say about';
    const plan = planAnswer(version, (source) => answerQuestion(source, { question }));
    expect(plan.readsQuotes).toBe(false);
    expect(plan.answerWithoutQuotes).toEqual(answerQuestion(version, { question }));
  });

  it('reads quotes for a bare topic, whose answer over no quotes would be empty', () => {
    const plan = planAnswer(version, (source) => answerQuestion(source, { question: 'Ukraine' }));
    expect(plan.readsQuotes).toBe(true);
    expect(answerQuestion(version, { question: 'Ukraine' }).snippets.length).toBeGreaterThan(0);
  });
});
