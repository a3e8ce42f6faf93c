import { describe, expect, it } from 'vitest';
import { directQuotes, extract, quoteStarting, reportedQuotes, seedBody } from './helpers.js';

describe('the seed article (Putin congratulates Trump)', () => {
  const body = seedBody();
  const result = extract(body, 'seed');

  it('attributes the Ukraine quote to Vladimir Putin through "he said as quoted by Reuters"', () => {
    const quote = quoteStarting(result, 'What was said about the desire to restore relations with Russia');
    expect(quote.speaker).toBe('Vladimir Putin');
    expect(quote.speakerSurface).toBe('he');
    expect(quote.text.endsWith('this deserves attention at least,')).toBe(true);
  });

  it('joins the two Trump quotes split around "Putin said" into one group by Putin', () => {
    const first = quoteStarting(result, 'He behaved, in my opinion, in a very correct way');
    const second = quoteStarting(result, 'I take this opportunity to congratulate him on his election.');
    expect(first.speaker).toBe('Vladimir Putin');
    expect(second.speaker).toBe('Vladimir Putin');
    expect(second.group).toBe(first.group);
  });

  it('finds the reported speech "Russia, Putin said, was ready…" with its parenthetical cue', () => {
    const quote = quoteStarting(result, 'Russia, Putin said, was ready', 'reported');
    expect(quote.text).toBe("Russia, Putin said, was ready to restore relations with the United States but the ball was in Washington's court");
    expect(quote.speaker).toBe('Vladimir Putin');
  });

  it('finds "Putin replied that he was willing…" as reported speech without "that"', () => {
    const quote = quoteStarting(result, 'he was willing to resume contact', 'reported');
    expect(quote.speaker).toBe('Vladimir Putin');
    expect(quote.text.endsWith('expressed interest')).toBe(true);
  });

  it('never attributes a quote to Reuters', () => {
    for (const quote of result.quotes) {
      expect(quote.speaker ?? '').not.toMatch(/reuters/i);
      expect(quote.speakerSurface ?? '').not.toMatch(/reuters/i);
    }
    expect(result.speakers.map((speaker) => speaker.name)).not.toContain('Reuters');
  });

  it('never reports the attribution "as quoted by Reuters" as speech', () => {
    for (const quote of result.quotes) expect(quote.text).not.toMatch(/quoted by Reuters|reported by Reuters/);
  });

  it('returns no heading as (part of) a quote', () => {
    for (const quote of result.quotes) {
      expect(quote.text).not.toContain("What was Putin's response on Ukraine crisis?");
      expect(quote.text).not.toContain('Putin on restoring relations with US');
    }
  });

  it('finds exactly the three quotations in marks', () => {
    expect(directQuotes(result)).toHaveLength(3);
    expect(reportedQuotes(result).length).toBeGreaterThanOrEqual(2);
  });

  it('names Putin once, with his other names as aliases', () => {
    const putin = result.speakers.find((speaker) => speaker.name === 'Vladimir Putin');
    expect(putin?.person).toBe(true);
    expect(putin?.aliases).toEqual(expect.arrayContaining(['Putin', 'the Russian President']));
    expect(result.speakers.filter((speaker) => /putin/i.test(speaker.name))).toHaveLength(1);
  });

  it('keeps offsets, ids and speakers consistent with the body', () => {
    const names = new Set(result.speakers.map((speaker) => speaker.name));
    result.quotes.forEach((quote, n) => {
      expect(body.slice(quote.start, quote.end)).toBe(quote.text);
      expect(quote.id).toBe(`seed#${n}`);
      if (quote.speaker !== null) expect(names.has(quote.speaker)).toBe(true);
      expect(quote.context).toContain(quote.text);
    });
  });
});
