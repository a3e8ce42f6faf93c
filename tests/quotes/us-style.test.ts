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

describe('US tags between a name and its verb', () => {
  it('steps over a party-state tag in parentheses', () => {
    const body = '"We will not vote for this budget," Sen. Harry Reid (D-Nev.) said on the Senate floor.';
    expect(quoteStarting(extract(body), 'We will not vote').speaker).toBe('Harry Reid');
  });

  it('steps over a party-state tag between commas', () => {
    const body = 'Mary Smith chairs the panel. "The program works," Sen. Jane Doe, R-Ky., said.';
    expect(quoteStarting(extract(body), 'The program works').speaker).toBe('Jane Doe');
  });

  it('steps over an age and a home town', () => {
    const body = 'Mary Smith chairs the panel. "I drove four hours to be here," Jane Roe, 34, of Dayton, Ohio, said.';
    expect(quoteStarting(extract(body), 'I drove four hours').speaker).toBe('Jane Roe');
  });

  it('steps over "Democrat of New York"', () => {
    const body = 'Mary Smith chairs the panel. "That is not how this works," Senator Ann Clark, Democrat of New York, said.';
    expect(quoteStarting(extract(body), 'That is not how').speaker).toBe('Ann Clark');
  });
});

describe('speakers described, not named', () => {
  it('takes "the moderator" as the speaker even though the lexicon has no such role', () => {
    const body = 'Mary Smith and John Black met on stage. "Your time is up," the moderator said.';
    expect(quoteStarting(extract(body), 'Your time is up').speaker).toBe('the moderator');
  });

  it('takes "said the narrator" after the quote', () => {
    const body = 'The ad shows John Black at a rally. "He has never told you the truth," said the narrator in the 30-second spot.';
    expect(quoteStarting(extract(body), 'He has never told').speaker).toBe('the narrator');
  });
});

describe('speech verbs of US copy', () => {
  it('reads "tweeted" as a speech verb, also after a quote ending in "!"', () => {
    const body = 'Mary Smith spoke first. "Not much power or insight!" Donald Trump tweeted Friday afternoon.';
    expect(quoteStarting(extract(body), 'Not much power').speaker).toBe('Donald Trump');
  });

  it('reads "The ad claims" before a quotation as speech', () => {
    const body = 'Mary Smith released a new spot on Monday. The ad claims "she is the conservative you can trust."';
    expect(quoteStarting(extract(body), 'she is the conservative').speaker).toBe('the ad');
  });
});
