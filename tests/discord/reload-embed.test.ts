import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { embedLimitProblems } from '../../src/discord/embed-limits.js';
import { reloadEmbeds } from '../../src/discord/reload-embed.js';

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
});
