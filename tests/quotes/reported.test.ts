import { describe, expect, it } from 'vitest';
import { extract, quoteStarting, reportedQuotes } from './helpers.js';

// Excerpts of real BBC and Reuters articles.

describe('reported speech', () => {
  it('finds "X said CLAUSE" without the final stop', () => {
    const body = 'Douglas also said the year\'s sales should exceed 1.4 billion dlrs, up from 1.27 billion dlrs the prior year.';
    const quote = quoteStarting(extract(body), "the year's sales should exceed", 'reported');
    expect(quote.text).toBe("the year's sales should exceed 1.4 billion dlrs, up from 1.27 billion dlrs the prior year");
  });

  it('drops "that" from "X warned that CLAUSE"', () => {
    const body = 'On Monday Lib Dem constitutional affairs committee chairman Alan Beith warned that the deletion of millions of government e-mails could harm the ability of key probes.';
    const quote = quoteStarting(extract(body), 'the deletion of millions', 'reported');
    expect(quote.speaker).toBe('Alan Beith');
    expect(quote.text.endsWith('key probes')).toBe(true);
  });

  it('finds "CLAUSE, X said." with the clause before the cue', () => {
    const body = 'However, no jobs would be lost and the airline would keep on flying, he added. Varig operates in 18 countries.';
    const quotes = reportedQuotes(extract(body));
    expect(quotes.map((quote) => quote.text)).toEqual(['However, no jobs would be lost and the airline would keep on flying']);
  });

  it('keeps a quoted fragment inside the reported clause, and reports the fragment as direct too', () => {
    const body = 'Mr McConnell said the country\'s health rates were "lamentable" not least because of smoking.';
    const result = extract(body);
    expect(quoteStarting(result, 'the country\'s health rates were "lamentable"', 'reported').speakerSurface).toBe('Mr McConnell');
    expect(quoteStarting(result, 'lamentable').speakerSurface).toBe('Mr McConnell');
  });

  it('does not report a quotation introduced with a colon', () => {
    const body = 'Ms Hewitt told the seminar: "Clearly, one of the things we need to do in the future is to extend the period of payment."';
    expect(reportedQuotes(extract(body))).toHaveLength(0);
  });

  it('gives a verb coordinated with "but"/"and" the subject of the sentence ("said …, but admitted …")', () => {
    const body =
      'The Tory leader said his front bench team had reached a "collective view" after holding a "good discussion", but admitted it was "not an easy issue". He had decided to support the plans.';
    const quote = quoteStarting(extract(body), 'it was "not an easy issue"', 'reported');
    expect(quote.speakerSurface).toBe('the Tory leader');
    expect(quote.cue).toBe('admitted');
  });

  it('does not let a coordinated verb take over the quotes of its sentence', () => {
    const body = 'Chancellor Gordon Brown visited the plant and said: "This is a great day for the town."';
    const quote = quoteStarting(extract(body), 'This is a great day');
    expect(quote.speaker).toBe('Gordon Brown');
  });

  it('ends a reported clause before the reporter\'s next verb ("… and added that …")', () => {
    const body =
      'The mayor said his comments would not affect the 2012 Olympic bid and added that his determination to stand up for what he believed in may impress bid chiefs.';
    const texts = extract(body).quotes.filter((quote) => quote.kind === 'reported').map((quote) => quote.text);
    expect(texts).toContain('his comments would not affect the 2012 Olympic bid');
    expect(texts).toContain('his determination to stand up for what he believed in may impress bid chiefs');
  });

  it('reads "made it clear" as a speech verb', () => {
    const body = 'Mr Blair signed the constitution at a ceremony in Rome in November, but had already made it clear the issue would be put to voters in a referendum.';
    const quote = quoteStarting(extract(body), 'the issue would be put', 'reported');
    expect(quote.speaker).toBe('Blair');
    expect(quote.text).toBe('the issue would be put to voters in a referendum');
  });

  it('reads "called on X to Y" as reported speech spanning "X to Y"', () => {
    const body = 'Director Shami Chakrabarti called on the government to "practise what it preaches" and either free or charge 12 detainees at Belmarsh and Woodhill prisons.';
    const quote = quoteStarting(extract(body), 'the government to', 'reported');
    expect(quote.speaker).toBe('Shami Chakrabarti');
    expect(quote.text).toBe('the government to "practise what it preaches" and either free or charge 12 detainees at Belmarsh and Woodhill prisons');
  });

  it('ends a relative clause\'s reported content where the main verb comes back (", has said")', () => {
    const body =
      'Jack Straw, who argues the constitution reflected a "British vision for Europe" and gives "national governments a stronger grip", has said the referendum could be held in spring 2006.';
    const texts = reportedQuotes(extract(body)).map((quote) => quote.text);
    expect(texts).toContain('the constitution reflected a "British vision for Europe" and gives "national governments a stronger grip"');
    expect(texts).toContain('the referendum could be held in spring 2006');
  });

  it('keeps an inverted cue inside the content it interrupts ("…, said Mr X of Y, were …")', () => {
    const body = 'The European ministers\' comments, said Junya Tanase of JPMorgan Chase bank in Tokyo, were "generally in line with expectations".';
    const texts = reportedQuotes(extract(body)).map((quote) => quote.text);
    expect(texts).not.toContain("The European ministers' comments");
  });

  it('reads the content of ", saying …" after the participle, also when it holds a quoted fragment', () => {
    const body = 'Mr Blair has failed to tackle these problems, he claimed, saying he has the "wrong solution" to them.';
    const texts = reportedQuotes(extract(body)).map((quote) => quote.text);
    expect(texts).toContain('he has the "wrong solution" to them');
  });

  it('reads "claims" after a subject pronoun as a verb ("But he claims …")', () => {
    const body = 'Mr Howard has said Britain should take its fair share. But he claims the current asylum system is being abused - and with it Britain\'s generosity.';
    const quote = quoteStarting(extract(body), 'the current asylum system', 'reported');
    expect(quote.cue).toBe('claims');
  });

  it('reports a clause that ends in a quoted piece before a final cue ("… \"fractured\", Mr Blair said.")', () => {
    const body = 'Mr Bush\'s re-election came at a crucial time for a world that was "fractured, divided and uncertain", Mr Blair said.';
    const quote = quoteStarting(extract(body), "Mr Bush's re-election", 'reported');
    expect(quote.text).toBe('Mr Bush\'s re-election came at a crucial time for a world that was "fractured, divided and uncertain"');
  });

  it('reads the content after the verb when a comma stands before the subject ("In a statement, he said …")', () => {
    const body = 'Cardinal Cormac Murphy O\'Connor backed Mr Howard. In a statement, he said abortion was a "very key issue", adding that he welcomed the debate.';
    const texts = reportedQuotes(extract(body)).map((quote) => quote.text);
    expect(texts).toContain('abortion was a "very key issue"');
  });

  it('does not report a whole sentence of quotation interrupted by its cue', () => {
    const body = '"We have accommodated reserve needs," Johnson said, "and we will go on doing so."';
    expect(reportedQuotes(extract(body))).toEqual([]);
  });

  it('ends the content before ", urging …" and reports what the participle says', () => {
    const body = 'This is the record Mr Blair will have to defend in the coming months, he said, urging voters to hold him to account.';
    const texts = reportedQuotes(extract(body)).map((quote) => quote.text);
    expect(texts).toContain('This is the record Mr Blair will have to defend in the coming months');
    expect(texts).toContain('voters to hold him to account');
  });

  it('reads "went on to accuse X of Y" as the subject\'s reported speech', () => {
    const body = 'Michael Howard mocked the Budget. He went on to accuse Mr Brown of giving with one hand while taking away with the other.';
    const quote = quoteStarting(extract(body), 'Mr Brown of giving', 'reported');
    expect(quote.speaker).toBe('Michael Howard');
  });

  it('reads "CLAUSE, bank president X said." with lower-case role words before the name', () => {
    const body =
      'MANILA, April 21 - The Asian Development Bank (ADB) will not change its decision to admit China as a member despite protests from founder member Taiwan, bank president Masao Fujioka said.';
    const quote = quoteStarting(extract(body), 'The Asian Development Bank', 'reported');
    expect(quote.text.endsWith('founder member Taiwan')).toBe(true);
    expect(quote.speaker).toBe('Masao Fujioka');
  });

  it('reads a present-tense clause after "say" without "that" ("analysts say the discord forebodes …")', () => {
    const body = 'But security analysts say the discord forebodes tough talks this fall on a new national labor contract at General Motors.';
    const quote = quoteStarting(extract(body), 'the discord forebodes', 'reported');
    expect(quote.cue).toBe('say');
  });

  it('does not read an adverbial after "said" as a clause ("said in a letter to fellow senators")', () => {
    const body = 'Senator Don Nickles said in a letter to fellow senators seeking support for his legislation.';
    expect(reportedQuotes(extract(body))).toEqual([]);
  });
});
