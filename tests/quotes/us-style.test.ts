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

describe('attribution without a speech verb', () => {
  it('takes the name before a colon as the speaker', () => {
    const body = 'The two rivals differ on the war. Jane Doe: "Our goal is to defeat the group, not to contain it." John Black: "Containment has worked before."';
    const result = extract(body);
    const first = quoteStarting(result, 'Our goal is');
    expect(first.speaker).toBe('Jane Doe');
    expect(first.confidence).toBe('colon');
    expect(quoteStarting(result, 'Containment has worked').speaker).toBe('John Black');
  });

  it('takes the name before the colon, not the outlet after its comma', () => {
    const body = 'Pundits weighed in after the debate.\n\nChris Walker, The Daily Record: "This was her best night of the campaign."';
    expect(quoteStarting(extract(body), 'This was her best night').speaker).toBe('Chris Walker');
  });

  it('does not take a label before a colon for a speaker', () => {
    const body = 'UPDATE: "The polls have closed in all districts."';
    expect(quoteStarting(extract(body), 'The polls have closed').speaker).toBeNull();
  });

  it('reads "as X put it" after the quote', () => {
    const body = 'Applicants must show a "lawful source of investment income," as a Homeland Security memo put it.';
    expect(quoteStarting(extract(body), 'lawful source').speaker).toBe('a Homeland Security memo');
  });

  it('reads "as X put it" before the quote', () => {
    const body = 'As Tom Reyes put it, "Nobody in this town trusts the council any more."';
    expect(quoteStarting(extract(body), 'Nobody in this town').speaker).toBe('Tom Reyes');
  });
});

describe('confidence of an attribution', () => {
  const body = [
    'Mayor Linda Park opened the meeting. "We are out of money," Mayor Park said.',
    '"We will have to close two libraries," she said.',
    '"Nobody wants that."',
  ].join('\n\n');

  it('is "cue" when a speech verb names the speaker', () => {
    expect(quoteStarting(extract(body), 'We are out of money').confidence).toBe('cue');
  });

  it('is "pronoun" when the cue says "she"', () => {
    const quote = quoteStarting(extract(body), 'We will have to close');
    expect(quote.speaker).toBe('Linda Park');
    expect(quote.confidence).toBe('pronoun');
  });

  it('is "inherited" for a quote with no cue of its own', () => {
    const quote = quoteStarting(extract(body), 'Nobody wants that');
    expect(quote.speaker).toBe('Linda Park');
    expect(quote.confidence).toBe('inherited');
  });

  it('is null when the speaker is unknown', () => {
    const quote = quoteStarting(extract('"Nobody wants that," the sign read in large letters.'), 'Nobody wants that');
    expect(quote.speaker).toBeNull();
    expect(quote.confidence).toBeNull();
  });
});

describe('words that are never a speaker', () => {
  it('does not take the day after "said" for the speaker', () => {
    const body = 'Mary Smith spoke first. "Our assumption is that the veto will be overridden," Senate Majority Leader Mitch McConnell, R-Ky., said Tuesday.';
    expect(quoteStarting(extract(body), 'Our assumption').speaker).toBe('Mitch McConnell');
  });

  it('does not join a headline run into the text to a name', () => {
    const body = 'President Tom Hale Says New Museum Will Tell Hard Stories\n\n"This museum can help us talk to each other," the president said.';
    expect(quoteStarting(extract(body), 'This museum can help').speaker).toBe('Tom Hale');
  });
});

describe('one surname, several people', () => {
  it('does not give "Mr." to a woman of the same surname (by her given name)', () => {
    const body = 'Donald Trump spoke at the rally. Mary Trump, his sister, introduced him.\n\n"We will win this state," Mr. Trump said.';
    expect(quoteStarting(extract(body), 'We will win').speaker).toBe('Donald Trump');
  });

  it('reads a lone surname as the bearer the article names most', () => {
    const body = [
      'Hillary Clinton campaigned in Ohio on Monday. Hillary Clinton told voters she would protect their pensions.',
      'Hillary Clinton was joined on stage by former President Bill Clinton.',
      '"We are not going to give up on this state," Clinton said.',
    ].join('\n\n');
    expect(quoteStarting(extract(body), 'We are not going').speaker).toBe('Hillary Clinton');
  });

  it('does not join a capitalised verb opening a sentence to the name after it', () => {
    const body = 'Jared Sexton studies the campaign. See Sexton\'s notes below.\n\n"They feel left behind," Sexton said.';
    expect(quoteStarting(extract(body), 'They feel left behind').speaker).toBe('Jared Sexton');
  });
});

describe('more speakers found', () => {
  it('reads "Mr. King" as a name although "king" is a role', () => {
    const body = 'Larry King hosts the show. "I have never been edited," Mr. King, 82, told me.';
    expect(quoteStarting(extract(body), 'I have never been edited').speaker).toBe('Larry King');
  });

  it('reads a participle after a comma left inside the closing mark', () => {
    const body = 'Tom Reyes spoke first.\n\nThe Dale Center did not want to address "that person," telling a local station that it is focused on "ending senseless gun violence."';
    expect(quoteStarting(extract(body), 'ending senseless').speaker).toBe('Dale Center');
  });

  it('takes a surname as the subject of a fragment when the article names that person in full', () => {
    const body = 'Donald Trump and Jeff Zucker met in May.\n\nOn Monday, Trump complained to a crowd in Georgia that the network "doesn\'t treat me properly" before leaving.';
    const quote = quoteStarting(extract(body), "doesn't treat me properly");
    expect(quote.speaker).toBe('Donald Trump');
  });
});

describe('pronouns in US copy', () => {
  it('steps over an age before an appositive to find who "she" is', () => {
    const body = 'Robyn Gedrich was banned from the app. "I was shocked," Ms. Gedrich said.\n\nJillian Chase, 27, a designer in New York, said the election came up only lightly. "I generally avoid the subject," she said.';
    expect(quoteStarting(extract(body), 'I generally avoid').speaker).toBe('Jillian Chase');
  });

  it('takes the name before a comma for "she said" followed by its content', () => {
    const body = '"We have to take advantage of it," said Paula Sumberg, a deputy director.\n\nWhen Emily Martin, a lawyer in Washington, spoke to aides, she said many had questions. "There was the sense that it was just the way things were," she said.';
    expect(quoteStarting(extract(body), 'There was the sense').speaker).toBe('Emily Martin');
  });
});

describe('titles of works in US copy', () => {
  it('does not take a programme named right after a cue for speech', () => {
    const body = 'Maria Lane said she told CNN\'s "State of the Union" that the plan was dead.';
    expect(extract(body).quotes.filter((quote) => quote.kind === 'direct')).toEqual([]);
  });

  it('does not take a title with the comma inside the closing mark for speech', () => {
    const body = 'Mary Smith appeared on "The Evening Show," which airs at nine.';
    expect(extract(body).quotes.filter((quote) => quote.kind === 'direct')).toEqual([]);
  });
});

describe('inversions and "as X put it" with an appositive', () => {
  it('does not read "…, said her husband welcomed …" as an inverted speaker', () => {
    const body = 'Carol Lane, who campaigns with him most days, said her husband welcomed hard questions.';
    const reported = extract(body).quotes.filter((quote) => quote.kind === 'reported');
    expect(reported.map((quote) => [quote.text, quote.speaker])).toEqual([['her husband welcomed hard questions', 'Carol Lane']]);
  });

  it('reads "As one voter, Ann Pike, put it:"', () => {
    const body = 'As one voter, Ann Pike, put it after the event: "At least he did not walk out."';
    expect(quoteStarting(extract(body), 'At least he').speaker).toBe('Ann Pike');
  });
});

describe('appositives of US copy', () => {
  it('steps over a parenthesised party tag before an appositive', () => {
    const body = 'Mary Smith spoke.\n\n"They would not get an immunity deal," Rep. Jim Jordan (R-Ohio), an oversight panel member, said in a phone interview.';
    expect(quoteStarting(extract(body), 'They would not').speaker).toBe('Jim Jordan');
  });

  it('reads a capitalised appositive with a possessive as a description', () => {
    const body = 'Mary Smith spoke.\n\n"It is just long and tiring," Tina Tchen, Mrs. Obama\'s chief of staff, said in an interview.';
    expect(quoteStarting(extract(body), 'It is just long').speaker).toBe('Tina Tchen');
  });
});

describe('a dash naming who wrote the words', () => {
  it('reads a name after a dash at the end of the paragraph', () => {
    const body = 'Readers wrote in.\n\n"I am so ashamed of this campaign." ― Jacklyn Ashley';
    const quote = quoteStarting(extract(body), 'I am so ashamed');
    expect(quote.speaker).toBe('Jacklyn Ashley');
    expect(quote.confidence).toBe('colon');
  });

  it('reads a paragraph of its own that opens with a dash and a name', () => {
    const body = 'Quotable.\n\n"The whole idea is something that we have to fight."\n\n-Michelle Marks, Philadelphia.';
    expect(quoteStarting(extract(body), 'The whole idea').speaker).toBe('Michelle Marks');
  });

  it('does not read a dash that goes on into a sentence', () => {
    const body = 'Nobody spoke. "We will see" - Mark Twain would have laughed at that.';
    expect(quoteStarting(extract(body), 'We will see').speaker).toBeNull();
  });
});
