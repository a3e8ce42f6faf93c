import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.js';
import { CorpusVersion } from '../../src/desk/corpus-version.js';
import { findSpeakers, isPronoun, resolveMention, splitNames } from '../../src/search/speaker-finder.js';

let version: CorpusVersion;
beforeAll(async () => {
  version = await CorpusVersion.build(await loadCorpus(path.resolve('corpus')));
});
const names = (text: string) => findSpeakers(text, version.speakers).mentions.map((mention) => mention.speakers.map((speaker) => speaker.name));

describe('finding speakers in a question', () => {
  it('finds a surname anywhere and leaves the rest as the topic', () => {
    expect(findSpeakers('Iraq Blair', version.speakers)).toMatchObject({ rest: 'Iraq', mentions: [{ text: 'Blair' }] });
  });

  it('prefers the longest name ("Gordon Brown" over "Brown")', () => {
    expect(findSpeakers('Gordon Brown budget', version.speakers).mentions.map((mention) => mention.text)).toEqual(['Gordon Brown']);
  });

  it('finds a hyphenated surname', () => {
    expect(names('Kilroy-Silk')).toEqual([['Robert Kilroy-Silk']]);
  });

  it('finds nobody in a topic made of ordinary words', () => {
    expect(names('tuition fees')).toEqual([]);
    expect(names('the chief executive')).toEqual([]);
  });

  it('finds two people in one question', () => {
    expect(names('blair brown economy')).toEqual([['Tony Blair'], ['Gordon Brown']]);
  });
});

describe('reading a speaker slot', () => {
  it('splits "Blair, Brown & Howard" and "blair and brown" into names', () => {
    expect(splitNames('Blair, Brown & Howard')).toEqual(['Blair', 'Brown', 'Howard']);
    expect(splitNames('blair and brown')).toEqual(['blair', 'brown']);
  });

  it('knows a pronoun names nobody', () => {
    expect(['he', 'She', 'they', 'it'].every(isPronoun)).toBe(true);
    expect(isPronoun('Putin')).toBe(false);
  });

  it('keeps people sharing a surname apart: the one the corpus calls "Johnson" answered, the other offered', () => {
    const mention = resolveMention('Johnson', version.speakers)!;
    expect(mention.speakers.map((speaker) => speaker.name)).toEqual(['Alan Johnson']);
    expect(mention.others.map((speaker) => speaker.name)).toEqual(['Paul Johnson']);
  });
});
