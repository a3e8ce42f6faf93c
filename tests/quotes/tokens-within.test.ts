import { describe, expect, it } from 'vitest';
import { tokenize, tokensWithin } from '../../src/quotes/text.js';

// A written paragraph with what the tokenizer treats specially: titles and initials that keep their
// full stop, "U.S." that does not, joiners inside words, a slash between digits, '' and `` marks,
// curly marks and an astral character.
const BODY = "Sen. J. J. Brown told Mr. O'Neill on 9/11 that ``U.S. policy'' was “well-run” — 𝒜 test… said G.K. Butterfield, R-N.C.";

describe('tokensWithin', () => {
  it('gives what tokenize gives for every range of the body', () => {
    const tokens = tokenize(BODY);
    for (let from = 0; from <= BODY.length; from += 1) {
      for (let to = from; to <= BODY.length; to += 1) {
        expect(tokensWithin(BODY, tokens, from, to)).toEqual(tokenize(BODY, from, to));
      }
    }
  });

  it('takes the body tokens themselves for a range on token boundaries', () => {
    const tokens = tokenize(BODY);
    const from = BODY.indexOf('Mr.');
    const within = tokensWithin(BODY, tokens, from, BODY.indexOf(' on 9/11'));
    expect(within.map((token) => token.text)).toEqual(['Mr.', "O'Neill"]);
    expect(within[0]).toBe(tokens.find((token) => token.start === from));
  });
});
