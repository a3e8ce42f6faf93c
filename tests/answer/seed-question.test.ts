import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion, lookUpQuotes } from '../../src/answer/answerer.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { CorpusVersion } from '../../src/desk/corpus-version.js';

/**
 * The question every version of Quotedesk must answer well, asked of the bundled corpus: the seed
 * article plus 100 real BBC and Reuters articles around it.
 */
let version: CorpusVersion;
beforeAll(async () => {
  version = await CorpusVersion.build(await loadCorpus(path.resolve('corpus')));
});

const SEED_ID = '2024-11-08-putin-congratulates-trump';
const ask = (question: string) => answerQuestion(version, { question });

describe('the seed question: "what did Putin say about Ukraine"', () => {
  it('answers first with the Ukraine quote, by Vladimir Putin, cited to the 2024-11-08 article', () => {
    const answer = ask('What did Putin say about Ukraine?');
    expect(answer.status).toBe('answered');
    const first = answer.snippets[0]!;
    expect(first.text).toMatch(/^What was said about the desire to restore relations with Russia, to bring about the end of the Ukrainian crisis/);
    expect(first.kind).toBe('direct');
    expect(first.speaker).toBe('Vladimir Putin');
    expect(first.citation).toMatchObject({ articleId: SEED_ID, date: '2024-11-08', file: `${SEED_ID}.txt` });
  });

  it('understands the question as speaker Putin and topic Ukraine', () => {
    expect(ask('what did Putin say about Ukraine').interpretation).toMatchObject({ speakers: ['Vladimir Putin'], topic: 'Ukraine' });
  });

  it('answers the same in lower case and without a question mark', () => {
    expect(ask('what did putin say about ukraine').snippets[0]!.text).toBe(ask('What did Putin say about Ukraine?').snippets[0]!.text);
  });
});

describe('other questions about the seed article', () => {
  it('finds both halves of the Trump quote for "what did Putin say about Trump"', () => {
    const texts = ask('what did Putin say about Trump').snippets.map((snippet) => snippet.text);
    expect(texts).toContain('He behaved, in my opinion, in a very correct way, courageously, like a real man');
    expect(texts).toContain('I take this opportunity to congratulate him on his election.');
  });

  it('puts Putin\'s own words about Trump before reporters\' paraphrases of them', () => {
    const top = ask('what did Putin say about Trump').snippets.slice(0, 2);
    expect(top.map((snippet) => snippet.kind)).toEqual(['direct', 'direct']);
    expect(top.map((snippet) => snippet.text)).toEqual([
      'He behaved, in my opinion, in a very correct way, courageously, like a real man',
      'I take this opportunity to congratulate him on his election.',
    ]);
  });

  it('finds the reported "Russia, Putin said, was ready…" for relations with the US', () => {
    const snippets = ask('what did Putin say about relations with the US').snippets;
    expect(snippets.map((snippet) => snippet.text)).toContain(
      "Russia, Putin said, was ready to restore relations with the United States but the ball was in Washington's court",
    );
    expect(snippets.find((snippet) => snippet.text.startsWith('Russia, Putin said'))!.kind).toBe('reported');
  });

  it('attributes nothing to Reuters, which only reported the words', () => {
    const all = lookUpQuotes(version, { speaker: 'Vladimir Putin' }).snippets;
    expect(all.length).toBeGreaterThanOrEqual(4);
    expect(ask('what did Reuters say').status).toBe('unknown-speaker');
    for (const record of version.allQuotes()) {
      if (record.article.id === SEED_ID) expect(record.quote.speaker ?? '').not.toMatch(/Reuters/);
    }
  });

  it('never takes an attribution ("as quoted by Reuters") for the words quoted', () => {
    for (const record of version.allQuotes()) {
      if (record.article.id === SEED_ID) expect(record.quote.text).not.toMatch(/quoted by Reuters|reported by Reuters/);
    }
  });

  it('never returns a section heading as a quote', () => {
    for (const record of version.allQuotes()) {
      if (record.article.id !== SEED_ID) continue;
      expect(record.quote.text).not.toContain("What was Putin's response on Ukraine crisis?");
      expect(record.quote.text).not.toContain('Putin on restoring relations with US');
    }
  });
});

describe('answers to awkward questions', () => {
  it('suggests the closest known speaker for a misspelled name', () => {
    const answer = ask('what did Pootin say about Ukraine');
    expect(answer.status).toBe('unknown-speaker');
    expect(answer.suggestions[0]).toBe('Vladimir Putin');
    expect(answer.message).toContain('Did you mean Vladimir Putin?');
  });

  it('reads "X on Y" as a topic when X is nobody it knows', () => {
    const answer = ask('sanctions on Russia');
    expect(answer.status).not.toBe('unknown-speaker');
    expect(answer.interpretation.speakers).toEqual([]);
  });

  it('lists a speaker\'s quotes when no topic is given', () => {
    const answer = ask('what has Putin said');
    expect(answer.status).toBe('answered');
    expect(answer.snippets.every((snippet) => snippet.speaker === 'Vladimir Putin')).toBe(true);
    expect(answer.snippets[0]!.kind).toBe('direct');
  });

  it.each([
    ['', 'invalid'],
    ['   ', 'invalid'],
    ['?!?...', 'invalid'],
    ['x'.repeat(10_000), 'invalid'],
  ])('answers %j with a helpful message instead of an error', (question, status) => {
    const answer = ask(question);
    expect(answer.status).toBe(status);
    expect(answer.message.length).toBeGreaterThan(10);
  });

  it('refuses a start date after the end date, naming both', () => {
    const answer = answerQuestion(version, { question: 'what did Putin say about Ukraine', filters: { from: '2024-12-01', to: '2024-01-01' } });
    expect(answer.status).toBe('invalid');
    expect(answer.message).toBe('The start date 2024-12-01 is after the end date 2024-01-01.');
  });

  it('refuses a date that does not exist, quoting it', () => {
    const answer = answerQuestion(version, { question: 'what did Putin say', filters: { from: '2024-13-45' } });
    expect(answer.status).toBe('invalid');
    expect(answer.message).toContain('"2024-13-45"');
  });

  it('narrows by date: nothing from Putin before 2024', () => {
    const answer = answerQuestion(version, { question: 'what did Putin say about Ukraine', filters: { to: '2023-12-31' } });
    expect(answer.status).toBe('no-match');
    expect(answer.message).toContain('Vladimir Putin is quoted');
  });

  it('treats regex and markdown characters in a question as plain text', () => {
    for (const question of ['what did Putin say about (Ukraine|.*)', '**Ukraine** [x](y) @everyone <@123>', 'Україна 🇺🇦 أوكرانيا']) {
      expect(() => ask(question)).not.toThrow();
    }
  });

  it('names the corpus version each answer came from', () => {
    expect(ask('what did Putin say about Ukraine').corpusVersion).toBe(version.id);
  });
});
