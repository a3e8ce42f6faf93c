import { describe, expect, it } from 'vitest';
import { directQuotes, extract, quoteStarting } from './helpers.js';

// Excerpts of real BBC and Reuters articles (bbc-business-006, bbc-business-318, bbc-politics-005,
// bbc-entertainment-061, bbc-entertainment-192, reuters21578-3112); the curly and '' variants are the
// same sentences as a typesetter with smart quotes would print them.

describe('quotation marks', () => {
  it('reads curly double quotes', () => {
    const body =
      'The government was keen to play down the worrying implications of the data. “I maintain the view that Japan’s economy remains in a minor adjustment phase in an upward climb, and we will monitor developments carefully,” said economy minister Heizo Takenaka.';
    const quotes = directQuotes(extract(body));
    expect(quotes.map((quote) => quote.text)).toEqual([
      'I maintain the view that Japan’s economy remains in a minor adjustment phase in an upward climb, and we will monitor developments carefully,',
    ]);
  });

  it("reads '' as a closing double quote", () => {
    const body =
      "But in the face of the strengthening yen, observers were less sanguine. ``It's painting a picture of a recovery... much patchier than previously thought,'' said Paul Sheard, economist at Lehman Brothers in Tokyo.";
    const quote = quoteStarting(extract(body), "It's painting a picture");
    expect(quote.text).toBe("It's painting a picture of a recovery... much patchier than previously thought,");
    expect(quote.speaker).toBe('Paul Sheard');
  });

  it("reads a straight opening mark closed by ''", () => {
    const body = 'Gazprom has denied that it is behind the purchase. "It is a front for somebody but not necessarily for Gazprom,\'\' said Oleg Maximov, an analyst at Troika Dialog in Moscow.';
    const quote = quoteStarting(extract(body), 'It is a front for somebody');
    expect(quote.text.endsWith('necessarily for Gazprom,')).toBe(true);
    expect(quote.speaker).toBe('Oleg Maximov');
  });

  it('returns each paragraph of a quote that runs over paragraphs, as one group with one speaker', () => {
    const body = [
      'Nair also defended her decision to cast an American actress. "I cast intuitively - in my films I cast as many non-actors as I cast actors," she said. "For me, it is intuition - I have to fall in love with the person.',
      '"Thackeray describes Becky Sharp as a minx. Reese had that completely minx-like irresistibility about her."',
    ].join('\n\n');
    const result = extract(body);
    const second = quoteStarting(result, 'For me, it is intuition');
    const third = quoteStarting(result, 'Thackeray describes Becky Sharp');
    expect(second.text).toBe('For me, it is intuition - I have to fall in love with the person.');
    expect(third.group).toBe(second.group);
    expect(third.speaker).toBe(second.speaker);
  });

  it('splits quote paragraphs that the source ran together ("…weeks. "We are…")', () => {
    const body =
      'Ms Hewitt said: "We have already doubled the length of maternity pay, we have already taken it up to 26 weeks. "We are going to extend the pay to nine months by 2007." She said new mothers were already entitled to 12 months leave.';
    const quotes = directQuotes(extract(body));
    expect(quotes.map((quote) => quote.text)).toEqual([
      'We have already doubled the length of maternity pay, we have already taken it up to 26 weeks.',
      'We are going to extend the pay to nine months by 2007.',
    ]);
    expect(quotes[1]!.group).toBe(quotes[0]!.group);
  });

  it('keeps single quotes nested inside a double quote as part of it', () => {
    const body =
      'Sir Digby Jones added: "We would say to him \'don\'t increase your public spending, don\'t give it away. But if you are going to anywhere, put it into skilling our people\'. "That would be a good way to spend any excess."';
    const quotes = directQuotes(extract(body));
    expect(quotes[0]!.text).toBe("We would say to him 'don't increase your public spending, don't give it away. But if you are going to anywhere, put it into skilling our people'.");
    expect(quotes.some((quote) => quote.text.startsWith("don't increase"))).toBe(false);
  });

  it('never opens a quote at an apostrophe', () => {
    const body =
      "The BBC received 47,000 complaints about Blair's remarks on the '90s. \"I wouldn't have written it. I don't believe in making fun of other religions,\" he said. Springer's show didn't stop.";
    const quotes = extract(body).quotes.filter((quote) => quote.kind === 'direct');
    expect(quotes.map((quote) => quote.text)).toEqual(["I wouldn't have written it. I don't believe in making fun of other religions,"]);
  });

  it('does not return the title of a programme as a quote', () => {
    const body =
      'Abshire, on the CBS television show "Face the Nation," did not comment directly on the Post story, but said: "He (Reagan) is deeply honest, he is deeply dedicated, he tells the truth."';
    const quotes = directQuotes(extract(body));
    expect(quotes.map((quote) => quote.text)).toEqual(['He (Reagan) is deeply honest, he is deeply dedicated, he tells the truth.']);
  });

  it('does not return a film title as a quote', () => {
    const body = 'LOS ANGELES, March 31 - Orion Pictures Corp\'s film "Platoon" was awarded four Oscars by the Academy of Motion Picture Arts and Sciences last night.';
    expect(directQuotes(extract(body))).toHaveLength(0);
  });
});

// Reuters-21578 excerpts (reuters21578-6190, a Bally takeover story) and bbc-politics-048.
describe('quotation marks the source got wrong', () => {
  it('continues a quote into a paragraph that closes it without reopening', () => {
    const body = [
      'David Steel, leader of the Liberal Party, said "this was a strangely deceptive budget.',
      'The Chancellor had six billion stg to give back - he has chosen to give half of that to reducing the PSBR."',
      'Steel said the budget was cunning.',
    ].join('\n\n');
    const result = extract(body);
    const first = quoteStarting(result, 'this was a strangely deceptive budget.');
    const second = quoteStarting(result, 'The Chancellor had six billion stg');
    expect(second.text.endsWith('reducing the PSBR.')).toBe(true);
    expect(second.group).toBe(first.group);
    expect(second.speaker).toBe('David Steel');
  });

  it('keeps a short double-quoted phrase inside a quote as part of it', () => {
    const body =
      'David Owen, the leader of the Social Democratic Party (SDP), said "this is a good attempt at an electioneering budget but it has failed in its objective. It has given money to the "haves" as opposed to the "have-nots."';
    const quotes = directQuotes(extract(body));
    expect(quotes).toHaveLength(1);
    expect(quotes[0]!.text.startsWith('this is a good attempt')).toBe(true);
    expect(quotes[0]!.text).toContain('"haves" as opposed to the "have-nots.');
    expect(quotes[0]!.speaker).toBe('David Owen');
  });

  it('ends a quote whose closing mark is missing at its last clause break when a new quote opens', () => {
    const body =
      'But Mr Jack said the bill "very much had the feel of a \'work in progress\', and urged the government to guarantee that "an obligation to consult will be enshrined in law" before it extended legislative plans.';
    const quotes = directQuotes(extract(body));
    expect(quotes.map((quote) => quote.text)).toEqual(["very much had the feel of a 'work in progress'", 'an obligation to consult will be enshrined in law']);
  });
});

describe('a quote whose opening mark went missing', () => {
  it('starts at its sentence when a closing mark with a cue after it shows where it ends', async () => {
    const { extract, quoteStarting } = await import('./helpers.js');
    // Written for this test, in the manner of the flattened Reuters copy where the mark was lost.
    const body = 'The fund grew to 3.6 billion dlrs, Kenji Ito said. In particular Japan has kept its 16 pct share," said the bank chief.\n\nHe said the board would meet in May.';
    const quote = quoteStarting(extract(body), 'In particular Japan');
    expect(quote.text).toBe('In particular Japan has kept its 16 pct share,');
    expect(quote.speaker).toBe('Kenji Ito');
  });
});
