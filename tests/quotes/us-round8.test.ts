import { describe, expect, it } from 'vitest';
import { extract, quoteStarting } from './helpers.js';

// US conventions found wrong on the PolNeAR development split (issue 10, eighth round).
// The texts are short sentences written for these tests (PolNeAR carries no licence); each test
// names one mechanism.

describe('a speech verb followed by "by" and the channel', () => {
  it('keeps "Mr. Vance, now 81 and retired in Dayton, said by telephone" as the cue', () => {
    const body = '"If they had waited, I would still be there," Mr. Vance, now 81 and retired in Dayton, Ohio, said by telephone this week.';
    expect(quoteStarting(extract(body), 'If they had waited').speaker).toBe('Vance');
  });

});
