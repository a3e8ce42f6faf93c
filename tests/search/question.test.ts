import { describe, expect, it } from 'vitest';
import { parseQuestion } from '../../src/search/question.js';

describe('parseQuestion', () => {
  it('reads the seed question into speaker and topic', () => {
    expect(parseQuestion('What did Putin say about Ukraine?')).toEqual({ speaker: 'Putin', speakerCertain: true, topic: 'Ukraine', form: 'speaker', phrase: null, filters: {} });
  });

  it('reads "what has X said" as a speaker with no topic', () => {
    expect(parseQuestion('what has Tony Blair said')).toMatchObject({ speaker: 'Tony Blair', topic: null });
  });

  it('reads "quotes from X about Y"', () => {
    expect(parseQuestion('quotes from Gordon Brown about the budget')).toMatchObject({ speaker: 'Gordon Brown', topic: 'the budget', speakerCertain: true });
  });

  it('reads "X\'s comments on Y"', () => {
    expect(parseQuestion("Howard's comments on immigration")).toMatchObject({ speaker: 'Howard', topic: 'immigration' });
  });

  it('reads "X on Y" with an uncertain speaker, since "sanctions on Russia" names nobody', () => {
    expect(parseQuestion('Putin on restoring relations')).toMatchObject({ speaker: 'Putin', speakerCertain: false, topic: 'restoring relations' });
  });

  it('reads a bare topic as a topic', () => {
    expect(parseQuestion('tuition fees')).toEqual({ speaker: null, speakerCertain: false, topic: 'tuition fees', form: 'free', phrase: null, filters: {} });
  });

  it('takes a year into a date range', () => {
    expect(parseQuestion('what did Blair say about Iraq in 2005').filters).toEqual({ from: '2005-01-01', to: '2005-12-31' });
  });

  it('takes a month and year into that month, leap years included', () => {
    expect(parseQuestion('what did Brown say in February 2004').filters).toEqual({ from: '2004-02-01', to: '2004-02-29' });
  });

  it('takes "between A and B" into a range', () => {
    expect(parseQuestion('Blair on Iraq between 2004-03-01 and 2004-06-30').filters).toEqual({ from: '2004-03-01', to: '2004-06-30' });
  });

  it('leaves a date that does not exist in the text rather than filtering on it', () => {
    expect(parseQuestion('what did Blair say since 2004-13-45').filters).toEqual({});
  });

  it('takes a known outlet into the source filter', () => {
    expect(parseQuestion('what did Blair say about Iraq from the BBC', { knownSources: ['BBC News'] })).toMatchObject({
      speaker: 'Blair',
      topic: 'Iraq',
      filters: { source: 'BBC News' },
    });
  });

  it('finds nothing to search in punctuation alone, without throwing', () => {
    expect(parseQuestion('?!?...')).toMatchObject({ speaker: null, topic: null });
  });

  it('cuts a 10,000-character question to the length limit instead of choking on it', () => {
    const parsed = parseQuestion('what did Putin say about '.concat('Ukraine '.repeat(1_250)));
    expect(parsed.speaker).toBe('Putin');
    expect(parsed.topic!.length).toBeLessThanOrEqual(500);
  });
});
