import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion, lookUpQuotes, SPEAKER_UNKNOWN } from '../../src/answer/answerer.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { CorpusVersion } from '../../src/desk/corpus-version.js';

/** Issue 11's examples, asked of the bundled corpus: answers that match what was asked. */
let version: CorpusVersion;
beforeAll(async () => {
  version = await CorpusVersion.build(await loadCorpus(path.resolve('corpus')));
});
const ask = (question: string, limit?: number) => answerQuestion(version, { question, ...(limit === undefined ? {} : { limit }) });

describe('finding the speaker anywhere in the question', () => {
  it('reads "did Blair mention Iraq?" as Blair on Iraq, not a topic of four words', () => {
    expect(ask('did Blair mention Iraq?').interpretation).toMatchObject({ speakers: ['Tony Blair'], topic: 'Iraq' });
  });

  it('answers a bare name with that speaker\'s quotes', () => {
    const answer = ask('Putin');
    expect(answer.interpretation).toMatchObject({ speakers: ['Vladimir Putin'], topic: null });
    expect(answer.snippets.every((snippet) => snippet.speaker === 'Vladimir Putin')).toBe(true);
  });

  it('finds a name without any question shape around it ("Blair election")', () => {
    expect(ask('Blair election').interpretation).toMatchObject({ speakers: ['Tony Blair'], topic: 'election' });
  });

  it('resolves a role the corpus ties to one person', () => {
    expect(ask('what did the Russian president say about Trump').interpretation.speakers).toEqual(['Vladimir Putin']);
  });

  it('answers several speakers together, each on the first page', () => {
    const answer = ask('what did blair and brown say');
    expect(answer.interpretation.speakers).toEqual(['Tony Blair', 'Gordon Brown']);
    expect(new Set(answer.snippets.slice(0, 5).map((snippet) => snippet.speaker))).toEqual(new Set(['Tony Blair', 'Gordon Brown']));
  });

  it('explains a question that names nobody ("he") instead of guessing a name', () => {
    const answer = ask('what did he say about Ukraine');
    expect(answer.status).toBe('invalid');
    expect(answer.suggestions).toEqual([]);
    expect(answer.message).toMatch(/^"he" doesn't say who you mean/);
  });

  it('does not take a role word in a topic for a speaker ("the chief executive")', () => {
    expect(ask('the chief executive').interpretation.speakers).toEqual([]);
  });

  it('reads "last year" as a date, not as the topic', () => {
    const answer = ask('what did Putin say last year', undefined);
    expect(answer.interpretation.topic).toBeNull();
    expect(answer.interpretation.filters.from).toMatch(/^\d{4}-01-01$/);
  });
});

describe('topic relevance', () => {
  it('says plainly when none of a speaker\'s quotes mention the topic', () => {
    const answer = ask('What did Gordon Brown say about pensions?');
    expect(answer.status).toBe('no-match');
    expect(answer.snippets).toEqual([]);
    expect(answer.message).toMatch(/^No quote by Gordon Brown mentions "pensions"\. Gordon Brown is quoted 17 times/);
  });

  it('finds nothing for a topic no quote mentions, rather than filling the page', () => {
    const answer = ask('quotes about the NHS');
    expect(answer.status).toBe('no-match');
    expect(answer.message).toBe('No quote in the corpus mentions "the NHS".');
  });

  it('lists quotes with every word of the topic before those with some, and labels the partial ones', () => {
    const answer = ask('tuition fees');
    const places = answer.snippets.map((snippet) => snippet.match?.place);
    expect(places[0]).not.toBe('partial');
    expect(places.lastIndexOf('quote') < places.indexOf('partial') || !places.includes('quote')).toBe(true);
    const partial = answer.snippets.find((snippet) => snippet.match?.place === 'partial')!;
    expect(partial.match!.missing).toEqual(['tuition']);
  });

  it('counts only the on-topic quotes in the first line', () => {
    const answer = ask('tuition fees');
    expect(answer.message).toMatch(new RegExp(`^${answer.counts.onTopic} quotes? about "tuition fees"\\.`));
    expect(answer.totalMatches).toBe(answer.counts.onTopic + answer.counts.partial);
  });

  it('marks a quote whose topic is only in the sentence around it', () => {
    const answer = ask('what did Putin say about Ukraine');
    const inSentence = answer.snippets.filter((snippet) => snippet.match?.place === 'sentence');
    for (const snippet of inSentence) expect(snippet.text).not.toMatch(/ukrain/i);
  });

  it('keeps the seed question\'s quote first with its topic in the quote itself', () => {
    expect(ask('What did Putin say about Ukraine?').snippets[0]!.match).toEqual({ place: 'quote', missing: [] });
  });
});

describe('exact words', () => {
  it('ranks the quote with the exact phrase first and counts the exact matches', () => {
    const answer = ask('who said "like a real man"');
    expect(answer.snippets[0]).toMatchObject({ speaker: 'Vladimir Putin', match: { place: 'phrase' } });
    expect(answer.counts.exactPhrase).toBe(1);
    expect(answer.message).toContain('1 of them contains the exact words "like a real man"');
    expect(answer.totalMatches).toBeLessThan(10);
  });
});

describe('one speaker per person, and people who share a surname', () => {
  it('answers "Johnson" for the Johnson the corpus calls so, and offers the other by name with a count', () => {
    const answer = ask('what did Johnson say');
    expect(answer.interpretation.speakers).toEqual(['Alan Johnson']);
    expect(answer.suggestions).toEqual(['Paul Johnson']);
    expect(answer.message).toContain('Paul Johnson (1)');
  });

  it('looks up a shared surname the same way for /quote', () => {
    expect(lookUpQuotes(version, { speaker: 'Johnson' }).suggestions).toEqual(['Paul Johnson']);
  });
});

describe('counts that mean what they say', () => {
  it('says how many undated articles a date filter left out', () => {
    const answer = ask('quotes from Blair about the election in 2005');
    expect(answer.status).toBe('no-match');
    expect(answer.message).toMatch(/\d+ undated articles? (?:was|were) left out by the date filter/);
    expect(answer.counts.undatedExcluded).toBeGreaterThan(0);
  });

  it('carries every match when asked for all of them', () => {
    const capped = ask('what did Howard say');
    const all = ask('what did Howard say', Infinity);
    expect(all.snippets.length).toBe(all.totalMatches);
    expect(all.snippets.length).toBeGreaterThan(capped.snippets.length);
  });
});

describe('speakers the extractor could not name', () => {
  it('shows "speaker unknown", never a pronoun, as the speaker', () => {
    const pronouns = /^(?:he|she|it|they|him|her|them|we|i|you)$/i;
    const questions = ['who said anything about the market', 'who said anything about the government', 'oil prices', 'the election', 'music'];
    const speakers = questions.flatMap((question) => ask(question, Infinity).snippets.map((snippet) => snippet.speaker));
    expect(speakers.filter((speaker) => pronouns.test(speaker))).toEqual([]);
    expect(speakers).toContain(SPEAKER_UNKNOWN);
  });
});

describe('the examples users are shown', () => {
  it('answers every question in the README\'s Asking table with quotes', async () => {
    const readme = await readFile(path.resolve('README.md'), 'utf8');
    const asking = readme.slice(readme.indexOf('## Asking'), readme.indexOf('## The Discord bot'));
    const examples = [...asking.matchAll(/^\| `([^`]+)` \|/gm)].map((match) => match[1]!);
    expect(examples.length).toBeGreaterThanOrEqual(8);
    expect(examples.filter((question) => ask(question).status !== 'answered')).toEqual([]);
  });
});
