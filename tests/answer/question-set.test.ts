import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Answer, Snippet } from '../../src/answer/answer.js';
import { answerQuestion } from '../../src/answer/answerer.js';
import { keyTermsOf } from '../../src/answer/relevance.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { CorpusVersion } from '../../src/desk/corpus-version.js';
import { paragraphAround } from '../../src/desk/paragraph.js';
import { indexTerms, tokenize } from '../../src/search/terms.js';
import { questionSet, type CorpusName, type QuestionCase } from './question-set.js';

/**
 * Issue 11's measurement: every question of the set asked of its corpus, and three rates that
 * must meet the targets. The rates are printed so a change shows what it gained or cost.
 */
const TARGET_TOP5 = 0.95;
const TARGET_FIRST_BY_ASKED = 0.95;

const versions = new Map<CorpusName, CorpusVersion>();
beforeAll(async () => {
  versions.set('bundled', await CorpusVersion.build(await loadCorpus(path.resolve('corpus'))));
  // The gold file's rows carry annotations beside the article; the corpus reader wants articles.
  const dir = await mkdtemp(path.join(tmpdir(), 'quotedesk-dev-articles-'));
  const rows = (await readFile(path.resolve('tests/gold/dev.jsonl'), 'utf8')).split('\n').filter((line) => line.trim().length > 0);
  const articles = rows.map((line) => {
    const row = JSON.parse(line) as { id: string; title: string | null; date: string | null; source: string | null; text: string };
    return JSON.stringify({ id: row.id, title: row.title, date: row.date, source: row.source, body: row.text });
  });
  await writeFile(path.join(dir, 'dev.jsonl'), `${articles.join('\n')}\n`);
  versions.set('dev', await CorpusVersion.build(await loadCorpus(dir)));
}, 120_000);

interface Outcome {
  question: QuestionCase;
  answer: Answer;
  inTop5: boolean;
  firstByAsked: boolean | null;
  offTopicAboveOnTopic: boolean;
}

function judge(question: QuestionCase): Outcome {
  const version = versions.get(question.corpus)!;
  const answer = answerQuestion(version, { question: question.question });
  const snippets = answer.snippets;
  const expected = question.expect?.toLowerCase() ?? null;
  const wanted = (snippet: Snippet): boolean =>
    (expected === null || snippet.text.toLowerCase().includes(expected) || snippet.context.toLowerCase().includes(expected)) &&
    (question.speakers.length === 0 || question.speakers.includes(snippet.speaker));
  const window = snippets.slice(0, question.first ? 1 : 5);
  const firstByAsked = question.speakers.length === 0 ? null : snippets.length > 0 && question.speakers.includes(snippets[0]!.speaker);
  return { question, answer, inTop5: window.some(wanted), firstByAsked, offTopicAboveOnTopic: offTopicAbove(version, answer) };
}

/**
 * Whether a snippet that does not mention the topic is listed above one that does. "Mentions"
 * is read from the words themselves: every key term in the quote or its sentence, or, when the
 * topic is a person and the quote says "he" or "him", in its paragraph (how the seed's "He
 * behaved … like a real man" is about Trump).
 */
function offTopicAbove(version: CorpusVersion, answer: Answer): boolean {
  const topic = answer.interpretation.topic;
  if (topic === null) return false;
  const keys = keyTermsOf(topic);
  if (keys.length === 0) return false;
  const holds = (text: string): boolean => {
    const terms = new Set(tokenize(text).flatMap((token) => indexTerms(token) ?? []));
    return keys.every((key) => key.terms.some((term) => [...terms].some((held) => held === term || (term.length >= 5 && held.startsWith(term)))));
  };
  const aboutAPerson = version.speakers.lookUp(topic).some((speaker) => speaker.person);
  const onTopic = answer.snippets.map((snippet) => {
    if (holds(`${snippet.text} ${snippet.context}`)) return true;
    const record = version.quote(snippet.quoteId);
    return aboutAPerson && record !== undefined && /\b(?:he|him|his|she|her)\b/i.test(record.quote.text) && holds(paragraphAround(record.article.body, record.quote.start, record.quote.end));
  });
  const firstOff = onTopic.indexOf(false);
  const above = firstOff !== -1 && onTopic.slice(firstOff).includes(true);
  if (above && process.env.QUESTION_SET_DEBUG) process.stdout.write(`${answer.question}: ${answer.snippets.map((s, i) => `${onTopic[i] ? 'on' : 'OFF'}/${s.match?.place}: ${s.text.slice(0, 50)}`).join(' || ')}\n`);
  return above;
}

describe('the question set (issue 11)', () => {
  it('has at least 150 questions, over both corpora, of every kind', () => {
    const questions = questionSet();
    expect(questions.length).toBeGreaterThanOrEqual(150);
    expect(new Set(questions.map((question) => question.corpus))).toEqual(new Set(['bundled', 'dev']));
    expect(new Set(questions.map((question) => question.kind)).size).toBe(6);
  });

  it('meets the targets: expected quote in the top 5, first snippet by the asked person, nothing off topic above on topic', () => {
    const outcomes = questionSet().map(judge);
    const rate = (values: boolean[]): number => values.filter(Boolean).length / Math.max(1, values.length);
    const top5 = rate(outcomes.map((outcome) => outcome.inTop5));
    const asked = outcomes.filter((outcome) => outcome.firstByAsked !== null);
    const firstByAsked = rate(asked.map((outcome) => outcome.firstByAsked!));
    const offTopic = outcomes.filter((outcome) => outcome.offTopicAboveOnTopic);
    const percent = (value: number): string => `${(value * 100).toFixed(1)} %`;
    const misses = outcomes.filter((outcome) => !outcome.inTop5 || outcome.firstByAsked === false || outcome.offTopicAboveOnTopic);
    process.stdout.write(
      [
        `question set: ${outcomes.length} questions (${outcomes.filter((o) => o.question.corpus === 'bundled').length} bundled, ${outcomes.filter((o) => o.question.corpus === 'dev').length} dev articles)`,
        `  expected quote in the top 5 (first, for bare names and quoted phrases): ${percent(top5)} (target ${percent(TARGET_TOP5)})`,
        `  first snippet by the asked person: ${percent(firstByAsked)} of ${asked.length} (target ${percent(TARGET_FIRST_BY_ASKED)})`,
        `  answers with an off-topic snippet above an on-topic one: ${offTopic.length} (target 0)`,
        ...misses.map((miss) => `  miss [${miss.question.corpus}] ${JSON.stringify(miss.question.question)}: ${miss.answer.message.slice(0, 140)} | first: ${miss.answer.snippets[0] ? `${miss.answer.snippets[0].speaker}: ${miss.answer.snippets[0].text.slice(0, 60)}` : '-'}`),
        '',
      ].join('\n'),
    );
    expect(top5).toBeGreaterThanOrEqual(TARGET_TOP5);
    expect(firstByAsked).toBeGreaterThanOrEqual(TARGET_FIRST_BY_ASKED);
    expect(offTopic.map((outcome) => outcome.question.question)).toEqual([]);
  });
});
