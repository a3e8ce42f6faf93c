import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_CLAIM_LENGTH, verifyClaim, wordsToCheck, type QuoteMatch } from '../../src/answer/verify.js';
import { alignWords, wordsOf } from '../../src/answer/word-alignment.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { CorpusVersion } from '../../src/desk/corpus-version.js';

/** Checking claimed quotes against the bundled corpus: the seed article and the BBC/Reuters samples. */
let version: CorpusVersion;
beforeAll(async () => {
  version = await CorpusVersion.build(await loadCorpus(path.resolve('corpus')));
});

const SEED_ID = '2024-11-08-putin-congratulates-trump';
const verify = (claim: string) => verifyClaim(version, claim);
/** A match's marked-up source as the terminal shows it: [-claim only-] {+source only+}. */
const marked = (match: QuoteMatch): string =>
  match.segments.map((s) => s.lead + (s.kind === 'same' ? s.text : s.kind === 'claim-only' ? `[-${s.text}-]` : `{+${s.text}+}`)).join('');

describe('verifying a claimed quote', () => {
  it('finds the exact words of the seed quote, by Vladimir Putin, cited to the seed article', () => {
    const result = verify('this deserves attention at least');
    expect(result.status).toBe('found');
    const [best] = result.matches;
    expect(best).toMatchObject({ match: 'exact', speaker: 'Vladimir Putin', kind: 'direct', moreBefore: true, moreAfter: false });
    expect(best!.citation).toMatchObject({ articleId: SEED_ID, date: '2024-11-08' });
    expect(marked(best!)).toBe('this deserves attention at least');
    expect(result.message).toBe('These exact words are in the corpus.');
  });

  it('ignores case, curly apostrophes and punctuation when calling words exact', () => {
    const result = verify('THE BALL WAS IN WASHINGTON’S COURT');
    expect(result.matches[0]).toMatchObject({ match: 'exact', speaker: 'Vladimir Putin' });
  });

  it('calls a quote with one word swapped and a few cut nearly exact, and marks each difference', () => {
    const result = verify('What was said about the wish to restore relations with Russia, to end the Ukrainian crisis');
    const [best] = result.matches;
    expect(best!.match).toBe('near');
    expect(best!.counts).toEqual({ same: 15, changed: 1, added: 0, cut: 4 });
    expect(marked(best!)).toBe('What was said about the [-wish-] {+desire+} to restore relations with Russia, to {+bring about the+} end {+of+} the Ukrainian crisis');
    expect(result.message).toContain('a few words different');
  });

  it('finds a quote that was corrected: the BBC sample\'s "outweight" typo and a cut "and growing"', () => {
    const result = verify('These improvements are so significant that they now outweigh the serious political risk');
    expect(result.matches[0]).toMatchObject({ match: 'near', speaker: 'Helena Hessel', citation: { articleId: 'bbc-business-091', outlet: 'BBC News' } });
    expect(marked(result.matches[0]!)).toContain('[-outweigh-] {+outweight+} the serious {+and growing+} political risk');
  });

  it('finds words spanning a quote split around its cue ("…," Putin said. "…")', () => {
    const result = verify('He behaved in a very correct way, courageously, like a real man. I take this opportunity to congratulate him');
    const [best] = result.matches;
    expect(best!.match).toBe('near');
    expect(best!.counts).toMatchObject({ changed: 0, added: 0, cut: 3 });
    expect(marked(best!)).toBe('He behaved, {+in my opinion+}, in a very correct way, courageously, like a real man … I take this opportunity to congratulate him');
  });

  it('calls words shared in another order only similar, and shows the stretch of the quote holding them', () => {
    const result = verify('restoring relations with Russia deserves attention');
    const [best] = result.matches;
    expect(result.message).toBe('No quote in the corpus has these words; the closest have similar wording.');
    expect(best).toMatchObject({ match: 'similar', speaker: 'Vladimir Putin', citation: { articleId: SEED_ID } });
    expect(marked(best!)).toBe('restore relations with Russia, {+to bring about the end of the Ukrainian crisis, in my opinion this+} deserves attention');
  });

  it('says plainly that nothing matches words nobody in the corpus said', () => {
    const result = verify('we will invade Poland next week');
    expect(result.status).toBe('no-match');
    expect(result.matches).toEqual([]);
    expect(result.message).toBe(`Nothing in the corpus matches these words (${version.articles.length} articles checked).`);
  });

  it('checks the words inside quotation marks when a message has them', () => {
    expect(wordsToCheck('Putin said “this deserves attention at least” lol')).toBe('this deserves attention at least');
    expect(verify('Putin said "this deserves attention at least" lol').matches[0]!.match).toBe('exact');
    expect(wordsToCheck('no quotation marks here at all')).toBe('no quotation marks here at all');
  });

  it('checks the quoted words of a long message, which alone would be too long to check', () => {
    const message = `${'Some context about the summit and what everyone thought of it. '.repeat(20)} He said "this deserves attention at least" apparently.`;
    expect(message.length).toBeGreaterThan(MAX_CLAIM_LENGTH);
    expect(verify(message).matches[0]!.match).toBe('exact');
  });

  it('refuses too little to check, and too much, in plain words', () => {
    expect(verify('   ')).toMatchObject({ status: 'invalid', message: expect.stringContaining('Give me the words to check') });
    expect(verify('a disgrace')).toMatchObject({ status: 'invalid', message: expect.stringContaining('at least 3 words') });
    expect(verify('it was the of and')).toMatchObject({ status: 'invalid', message: expect.stringContaining('too common') });
    expect(verify('word '.repeat(MAX_CLAIM_LENGTH))).toMatchObject({ status: 'invalid', message: expect.stringContaining(`up to ${MAX_CLAIM_LENGTH}`) });
  });

  it('returns at most three matches, best first', () => {
    const result = verify('restore relations with Russia');
    expect(result.matches.length).toBeGreaterThan(1);
    expect(result.matches.length).toBeLessThanOrEqual(3);
    const rank = { exact: 0, near: 1, similar: 2 };
    const ranks = result.matches.map((m) => rank[m.match]);
    expect(ranks).toEqual([...ranks].sort());
  });
});

describe('word alignment', () => {
  it('does not count the rest of a long source as cut when a claim quotes part of it', () => {
    const alignment = alignWords(wordsOf('ready to hold discussions'), wordsOf('The Russian President also added that he is ready to hold discussions with the new American leader.'));
    expect(alignment).toMatchObject({ same: 4, changed: 0, claimOnly: 0, sourceOnly: 0, window: { first: 8, last: 11 } });
  });

  it('counts an added word as claim-only and a dropped one as source-only', () => {
    const alignment = alignWords(wordsOf('he behaved in a very very correct way'), wordsOf('he behaved in a correct way'));
    expect(alignment).toMatchObject({ same: 6, claimOnly: 2, sourceOnly: 0 });
    const dropped = alignWords(wordsOf('he behaved in a way'), wordsOf('he behaved in a correct way'));
    expect(dropped).toMatchObject({ same: 5, claimOnly: 0, sourceOnly: 1 });
  });
});
