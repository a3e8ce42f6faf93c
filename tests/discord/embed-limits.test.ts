import type { APIEmbed } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { EMBED_LIMITS, embedCharacters, embedLimitProblems, fitEmbeds, truncate } from '../../src/discord/embed-limits.js';
import { escapeForDiscord, markdownLink } from '../../src/discord/escape.js';

const SENTENCE = 'He behaved, in my opinion, in a very correct way, courageously, like a real man. ';

describe('embed limits', () => {
  it('finds nothing wrong with a small embed', () => {
    expect(embedLimitProblems([{ title: 'Putin', fields: [{ name: '1. Vladimir Putin', value: SENTENCE }] }])).toEqual([]);
  });

  it('names every limit an embed breaks', () => {
    const problems = embedLimitProblems([{ title: 'x'.repeat(300), fields: [{ name: 'n', value: 'v'.repeat(1_100) }] }]);
    expect(problems).toEqual(['embed 0 title: 300 characters (limit 256)', 'embed 0 field 0 value: 1100 characters (limit 1024)']);
  });

  it('cuts over-long parts at a word and marks the cut', () => {
    const [embed] = fitEmbeds([{ title: SENTENCE.repeat(5), fields: [{ name: 'Putin', value: SENTENCE.repeat(20) }] }]);
    expect(embed!.title!.length).toBeLessThanOrEqual(EMBED_LIMITS.title);
    expect(embed!.title!.endsWith('…')).toBe(true);
    expect(embed!.fields![0]!.value.length).toBeLessThanOrEqual(EMBED_LIMITS.fieldValue);
    expect(SENTENCE.repeat(20)).toContain(embed!.fields![0]!.value.slice(0, -1));
  });

  it('drops trailing fields until the whole message is within 6,000 characters, and says so', () => {
    const fields = Array.from({ length: 25 }, (_, i) => ({ name: `${i + 1}. Vladimir Putin`, value: SENTENCE.repeat(12) }));
    const embeds: APIEmbed[] = [{ title: 'Quotes', fields, footer: { text: 'Page 1 of 3' } }];
    expect(embedLimitProblems(embeds)).not.toEqual([]);
    const fitted = fitEmbeds(embeds);
    expect(embedLimitProblems(fitted)).toEqual([]);
    expect(fitted[0]!.fields!.length).toBeLessThan(25);
    expect(fitted[0]!.footer!.text).toContain('shortened');
  });

  it('never breaks a limit, whatever the sizes (fuzzed)', () => {
    for (let seed = 1; seed <= 200; seed += 1) {
      const size = (n: number): number => (seed * 7919 * n) % 5_000;
      const embeds: APIEmbed[] = Array.from({ length: 1 + (seed % 12) }, (_, i) => ({
        title: 't'.repeat(size(i + 1) % 400),
        description: 'd '.repeat(size(i + 2)),
        footer: { text: 'f'.repeat(size(i + 3)) },
        fields: Array.from({ length: seed % 30 }, (_, j) => ({ name: 'n'.repeat(size(j + 4) % 300), value: 'word '.repeat(size(j + 5) % 400) })),
      }));
      expect(embedLimitProblems(fitEmbeds(embeds))).toEqual([]);
    }
  });

  it('counts the characters Discord counts', () => {
    expect(embedCharacters({ title: 'ab', description: 'cde', footer: { text: 'f' }, fields: [{ name: 'g', value: 'hi' }] })).toBe(9);
  });

  it('truncates at a word boundary', () => {
    expect(truncate('the ball was in Washington’s court', 20)).toBe('the ball was in…');
  });
});

describe('escaping for Discord', () => {
  it('breaks @everyone, @here and user, role and channel mentions', () => {
    const escaped = escapeForDiscord('Hello @everyone and @here, <@123>, <@&456>, <#789>');
    expect(escaped).not.toMatch(/@everyone|@here|<@\d|<@&|<#/);
  });

  it('escapes markdown so a quote renders as written', () => {
    expect(escapeForDiscord('*really* _big_ ~~deal~~ `code`')).toBe('\\*really\\* \\_big\\_ \\~\\~deal\\~\\~ \\`code\\`');
  });

  it('links only http(s) URLs', () => {
    expect(markdownLink('Putin congratulates Trump', 'https://example.com/a')).toBe('[Putin congratulates Trump](https://example.com/a)');
    expect(markdownLink('Click', 'javascript:alert(1)')).toBe('Click');
  });

  it('escapes brackets in a link label so a title cannot forge a link', () => {
    expect(markdownLink('[fake](https://evil.example)', 'https://example.com/a')).toBe('[\\[fake\\](https://evil.example)](https://example.com/a)');
  });
});
