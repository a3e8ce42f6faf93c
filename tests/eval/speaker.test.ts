import { describe, expect, it } from 'vitest';
import { headWord, judgeSpeaker, judgeSpeakerStrictly } from '../../src/eval/speaker.js';

const gold = (speaker: string | null, speakerCanonical: string | null) => ({ speaker, speakerCanonical });

describe('speaker judging', () => {
  it('compares on the surname, case-insensitively', () => {
    expect(judgeSpeaker(gold('Putin', 'Vladimir Putin'), 'Putin')).toBe('correct');
    expect(judgeSpeaker(gold('Putin', 'Vladimir Putin'), 'VLADIMIR PUTIN')).toBe('correct');
  });

  it('judges a different surname wrong, even with the same first name', () => {
    expect(judgeSpeaker(gold('Trump', 'Donald Trump'), 'Donald Tusk')).toBe('wrong');
  });

  it('ignores titles and honorifics before a name and letters after it', () => {
    expect(judgeSpeaker(gold('Mr Blair', 'Tony Blair'), 'Prime Minister Tony Blair')).toBe('correct');
    expect(judgeSpeaker(gold('Lord Falconer', null), 'Falconer')).toBe('correct');
    expect(headWord('Sir Menzies Campbell MP')).toBe('campbell');
    expect(headWord('Dr Rowan Williams')).toBe('williams');
  });

  it('compares with speakerCanonical when the annotator resolved the surface', () => {
    expect(judgeSpeaker(gold('The Russian President', 'Vladimir Putin'), 'Vladimir Putin')).toBe('correct');
  });

  it('compares with the surface when there is no canonical name', () => {
    expect(judgeSpeaker(gold('a Downing Street spokesman', null), 'a Downing Street spokesman')).toBe('correct');
    expect(judgeSpeaker(gold('Russian officials', null), 'Vladimir Putin')).toBe('wrong');
  });

  it('skips a gold pronoun with no canonical name, whatever was predicted', () => {
    expect(judgeSpeaker(gold('he', null), 'Vladimir Putin')).toBe('skipped');
    expect(judgeSpeaker(gold('They', null), null)).toBe('skipped');
  });

  it('judges a gold pronoun that the annotator resolved like any named speaker', () => {
    expect(judgeSpeaker(gold('he', 'Vladimir Putin'), 'Putin')).toBe('correct');
    expect(judgeSpeaker(gold('he', 'Vladimir Putin'), null)).toBe('wrong');
  });

  it('takes the head noun of a description, not the name in its post-modifier', () => {
    expect(headWord('a spokesman for Mr Brown')).toBe('spokesman');
    expect(judgeSpeaker(gold('a spokesman for Mr Brown', null), 'Gordon Brown')).toBe('wrong');
    expect(headWord('Donna Brazile, the interim chairwoman')).toBe('brazile');
  });

  it("reads past the extractor's tag for a second person of the same name", () => {
    expect(judgeSpeaker(gold('Mr Smith', 'John Smith'), 'John Smith (2)')).toBe('correct');
  });

  it('counts a prediction as right for an unattributed gold quote only when it names nobody', () => {
    expect(judgeSpeaker(gold(null, null), null)).toBe('correct');
    expect(judgeSpeaker(gold(null, null), 'Vladimir Putin')).toBe('wrong');
  });
});

describe('strict speaker judging (given names must agree)', () => {
  it('judges another bearer of the surname wrong', () => {
    expect(judgeSpeaker(gold('Clinton', 'Hillary Clinton'), 'Bill Clinton')).toBe('correct');
    expect(judgeSpeakerStrictly(gold('Clinton', 'Hillary Clinton'), 'Bill Clinton')).toBe('wrong');
  });

  it('accepts a name without a given name on either side', () => {
    expect(judgeSpeakerStrictly(gold('Mr. Trump', null), 'Donald J. Trump')).toBe('correct');
    expect(judgeSpeakerStrictly(gold('Trump', 'Donald Trump'), 'Trump')).toBe('correct');
  });

  it('steps over titles, home states and middle initials', () => {
    expect(judgeSpeakerStrictly(gold('Cruz', 'Texas Sen. Ted Cruz'), 'Ted Cruz')).toBe('correct');
    expect(judgeSpeakerStrictly(gold('Trump', 'Donald Trump'), 'Donald J. Trump')).toBe('correct');
  });

  it('lets an initial agree with the name it starts', () => {
    expect(judgeSpeakerStrictly(gold('Smith', 'J. Smith'), 'John Smith')).toBe('correct');
  });

  it('keeps the verdicts of the head-word rule otherwise', () => {
    expect(judgeSpeakerStrictly(gold('Trump', 'Donald Trump'), 'Donald Tusk')).toBe('wrong');
    expect(judgeSpeakerStrictly(gold('he', null), 'Anyone')).toBe('skipped');
  });
});

describe('names with a place or an employer after them', () => {
  it('compares "Sen. Tom Udall of New Mexico" on Udall, not Mexico', () => {
    expect(headWord('Sen. Tom Udall of New Mexico')).toBe('udall');
    expect(judgeSpeaker(gold('Sen. Tom Udall of New Mexico, who backs the plan', null), 'Tom Udall')).toBe('correct');
  });

  it('compares "Craig Holman of Public Citizen" on Holman, so the group alone is wrong', () => {
    expect(judgeSpeaker(gold('Craig Holman of Public Citizen', null), 'Craig Holman')).toBe('correct');
    expect(judgeSpeaker(gold('Craig Holman of Public Citizen', null), 'Public Citizen')).toBe('wrong');
  });

  it('keeps an office or an organisation named with "of" whole', () => {
    expect(headWord('Secretary of State Colin Powell')).toBe('powell');
    expect(headWord('Bank of England')).toBe('england');
  });
});
