import type { Answer } from '../../src/answer/answer.js';
import { answerQuestion } from '../../src/answer/answerer.js';
import type { CorpusVersion } from '../../src/desk/corpus-version.js';
import { buildQuestions, type BenchQuestion } from './questions.js';

/** The bench's questions over one corpus and the embedded index's answers, as kept in a file between runs (postgres-questions.ts). */
export interface ExpectedAnswers {
  questions: BenchQuestion[];
  /** Per question: the embedded answer's status, message and snippets, as JSON (for "identical"), and its top ten quote ids. */
  answers: Record<string, { whole: string; top10: string[] }>;
}

/** An answer's status, message and snippets as one string: equal strings, identical answers. */
export function wholeAnswer(answer: Answer): string {
  return JSON.stringify([answer.status, answer.message, answer.snippets]);
}

/** The questions the bench asks of this version, and the embedded answers to them. */
export function expectedAnswersOf(version: CorpusVersion): ExpectedAnswers {
  const questions = buildQuestions(version);
  const answers: ExpectedAnswers['answers'] = {};
  for (const { question } of questions) {
    const answer = answerQuestion(version, { question });
    answers[question] = { whole: wholeAnswer(answer), top10: answer.snippets.slice(0, 10).map((snippet) => snippet.quoteId) };
  }
  return { questions, answers };
}
