import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QuoteDesk } from '../../src/desk/quote-desk.js';
import { embedLimitProblems } from '../../src/discord/embed-limits.js';
import { reloadEmbeds } from '../../src/discord/reload-embed.js';
import { copyOfCorpus, emptyDir } from '../desk/support.js';

const rejection = fc.record({
  file: fc.string({ maxLength: 400, size: 'large' }),
  line: fc.option(fc.integer({ min: 1, max: 100_000 }), { nil: undefined }),
  reason: fc.string({ maxLength: 2_000, size: 'large' }),
});

/** Every rejection is either listed or counted: none vanishes in the fitting. */
function accounted(fields: Array<{ name: string }>): number {
  const listed = fields.filter((field) => field.name.startsWith('Rejected: ')).length;
  const more = /^… and (\d+) more rejected$/.exec(fields.at(-1)?.name ?? '');
  return listed + (more ? Number(more[1]) : 0);
}

describe('reloadEmbeds', () => {
  it('fits any list of rejections to the limits and accounts for every one of them (fuzzed)', () => {
    fc.assert(
      fc.property(fc.array(rejection, { maxLength: 80, size: 'large' }), fc.array(fc.string({ maxLength: 300 }), { maxLength: 30 }), (rejected, added) => {
        const embeds = reloadEmbeds({
          status: 'reloaded',
          report: { versionId: 'abcdef0123456789', previousVersionId: null, articles: 1, quotes: 2, speakers: 1, durationMs: 10, stagesMs: {}, fromSnapshot: false, extracted: 1, corpusDir: '/corpus', added, changed: [], removed: [], rejected, rejectionListFile: null },
        });
        expect(embedLimitProblems(embeds)).toEqual([]);
        expect(accounted(embeds[0]!.fields ?? [])).toBe(rejected.length);
      }),
      { numRuns: 60, seed: 12 },
    );
  });

  it('accounts for every rejection of a failed reload too, whatever the reason says', () => {
    const rejected = Array.from({ length: 30 }, (_, i) => ({ file: `feed-${i}.jsonl`, line: i + 1, reason: 'Unexpected end of JSON input. '.repeat(30) }));
    const embeds = reloadEmbeds({ status: 'failed', reason: 'The corpus folder is empty. '.repeat(200), rejected, servingVersion: 'abc' });
    expect(embedLimitProblems(embeds)).toEqual([]);
    expect(accounted(embeds[0]!.fields!)).toBe(30);
  });

  it('says, past the listed rejections, which files they came from and where the whole list is', () => {
    const rejected = [
      ...Array.from({ length: 5_000 }, (_, i) => ({ file: 'garbage.jsonl', line: i + 1, reason: 'line is not valid JSON' })),
      { file: 'notes.md', reason: 'front matter line 2 is not "key: value"' },
      { file: 'notes.md', reason: 'front matter line 4 is not "key: value"' },
    ];
    const embeds = reloadEmbeds({
      status: 'reloaded',
      report: { versionId: 'abcdef0123456789', previousVersionId: null, articles: 1, quotes: 2, speakers: 1, durationMs: 10, stagesMs: {}, fromSnapshot: false, extracted: 1, corpusDir: '/corpus', added: [], changed: [], removed: [], rejected, rejectionListFile: '/srv/cache/rejected-abc.txt' },
    });
    expect(embedLimitProblems(embeds)).toEqual([]);
    const count = embeds[0]!.fields!.at(-1)!;
    expect(accounted(embeds[0]!.fields!)).toBe(5_002);
    expect(count.value).toContain('Rejected by file: garbage.jsonl: 5,000, notes.md: 2.');
    expect(count.value).toContain("The whole list is in /srv/cache/rejected-abc.txt on the bot's machine.");
  });

  it('names the list file when a reload is refused because every file was rejected', async () => {
    const dir = await copyOfCorpus('seed');
    const listFile = path.join(await emptyDir('quotedesk-cache-'), 'rejected.txt');
    const desk = await QuoteDesk.open({ corpusDir: dir, rejectionListFile: listFile });
    await writeFile(path.join(dir, '2024-11-08-putin-congratulates-trump.txt'), '');
    await writeFile(path.join(dir, 'garbage.jsonl'), 'not json\n'.repeat(40));
    const result = await desk.reload();
    expect(result).toMatchObject({ status: 'failed', rejectionListFile: listFile });
    if (result.status !== 'failed') throw new Error('the reload should have been refused');
    expect(reloadEmbeds(result)[0]!.fields!.at(-1)!.value).toContain(`The whole list is in ${listFile.replace(/_/g, '\\_')} on the bot's machine.`);
  });
});
