import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { AnswerSchema } from '../../src/answer/answer.js';
import { answerQuestion, lookUpQuotes } from '../../src/answer/answerer.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { CorpusVersion } from '../../src/desk/corpus-version.js';
import { ParsedQuestionSchema, parseQuestion } from '../../src/search/question.js';

/** Words users really type, mixed with hostile ones, so mutations stay close to real questions. */
const WORDS = [
  'what', 'did', 'Putin', 'say', 'about', 'Ukraine', 'on', 'quotes', 'from', 'in', '2004', 'between', 'and',
  'since', 'before', 'March', 'the', 'BBC', "Blair's", 'comments', 'who', 'said', '?', '@everyone', '<@123>',
  '**', '(.*)', '[x](y)', '🇺🇦', 'أوكرانيا', '\u202e', '2024-13-45', '\\', '"', '’',
];
const questionLike = fc.array(fc.constantFrom(...WORDS), { maxLength: 20 }).map((words) => words.join(' '));
const anyText = fc.oneof(fc.string({ maxLength: 600 }), fc.string({ unit: 'grapheme', maxLength: 300 }), questionLike);
const dateLike = fc.oneof(fc.constant(undefined), fc.constant(''), fc.string({ maxLength: 12 }), fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)));

let version: CorpusVersion;
beforeAll(async () => {
  version = await CorpusVersion.build(await loadCorpus(path.resolve('corpus')));
});

describe('any question, fuzzed', () => {
  it('parses into a valid shape without throwing', () => {
    fc.assert(
      fc.property(anyText, (question) => {
        expect(ParsedQuestionSchema.safeParse(parseQuestion(question, { knownSources: ['BBC News', 'Reuters'] })).success).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('gets a valid answer, with a message, from /ask and /quote paths alike', () => {
    fc.assert(
      fc.property(anyText, anyText, dateLike, dateLike, (question, speaker, from, to) => {
        for (const answer of [
          answerQuestion(version, { question, filters: { from, to } }),
          lookUpQuotes(version, { speaker, topic: question, filters: { from, to } }),
        ]) {
          expect(AnswerSchema.safeParse(answer).success).toBe(true);
          expect(answer.message.length).toBeGreaterThan(0);
          expect(answer.snippets.length).toBeLessThanOrEqual(50);
        }
      }),
      { numRuns: 300 },
    );
  });
});
