import { describe, expect, it } from 'vitest';
import { extract, quoteStarting } from './helpers.js';

// US and wire conventions found wrong on the PolNeAR development split (issue 10, sixth round).
// The texts are short sentences written for these tests (PolNeAR carries no licence); each test
// names one mechanism.

describe('a question or exclamation closing its paragraph', () => {
  it('keeps its own cue: the next paragraph\'s "Issa continued, “…”" introduces that paragraph\'s words', () => {
    const body = 'Maria Bartiromo asked, “Do you think the director would charge them both?”\n\nIssa continued, “Yes. For fifteen years I have watched this.”';
    const result = extract(body);
    expect(quoteStarting(result, 'Do you think').speaker).toBe('Maria Bartiromo');
    expect(quoteStarting(result, 'Yes. For fifteen').speaker).toBe('Issa');
  });

  it('still takes a cue that follows it in its own paragraph: "“…?” Issa asked."', () => {
    const body = 'Darrell Issa spoke on Sunday.\n\n“What did you expect?” Issa asked. “Nothing less.”';
    expect(quoteStarting(extract(body), 'What did you expect').speaker).toBe('Darrell Issa');
  });
});
