import { describe, expect, it } from 'vitest';
import { extract, quoteStarting } from './helpers.js';

// US newspaper and wire conventions. The articles are short texts written for these tests (PolNeAR's
// articles, which showed each mechanism, carry no licence); each test names the behaviour it pins down.

describe('names written with abbreviation periods', () => {
  it('keeps "Mr." with the name after an inverted cue', () => {
    const body = 'Harold Jones owns the hardware store on Main Street. "We have never seen prices like these," said Mr. Jones, who opened the shop in 1988.';
    const quote = quoteStarting(extract(body), 'We have never seen prices');
    expect(quote.speakerSurface).toBe('Mr. Jones');
    expect(quote.speaker).toBe('Harold Jones');
  });

  it('reads "Sen." as a title, not as the speaker', () => {
    const body = 'The bill reached the floor on Tuesday. "This is a bad deal for farmers," Sen. Jane Doe said after the vote.';
    const quote = quoteStarting(extract(body), 'This is a bad deal');
    expect(quote.speaker).toBe('Jane Doe');
  });

  it('keeps a middle initial inside the name', () => {
    const body = '"The committee will meet again in March," Edward G. Smith told reporters on Monday.';
    expect(quoteStarting(extract(body), 'The committee will meet').speaker).toBe('Edward G. Smith');
  });

  it('keeps two initials inside the name', () => {
    const body = '"I never asked for a recount," J. J. Brown said.';
    expect(quoteStarting(extract(body), 'I never asked').speaker).toBe('J. J. Brown');
  });
});
