import { appendFile, mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answerer.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { CorpusVersion } from '../../src/desk/corpus-version.js';
import { tallyReports } from '../../src/reports/open-reports.js';
import { ReportWriteError, SpeakerReportLog } from '../../src/reports/report-log.js';
import { wrongSpeakerInput, type SpeakerReport } from '../../src/reports/speaker-report.js';
import { emptyDir } from '../desk/support.js';

/** The speaker report file and what counts as an open report, on the bundled corpus. */
let version: CorpusVersion;
beforeAll(async () => {
  version = await CorpusVersion.build(await loadCorpus(path.resolve('corpus')));
});

/** A report on the seed answer's first quote (Putin's Ukraine quote), as the bot would write it. */
function reportOnSeedQuote(extra: Partial<SpeakerReport> = {}): SpeakerReport {
  const snippet = answerQuestion(version, { question: 'What did Putin say about Ukraine?' }).snippets[0]!;
  const record = version.quote(snippet.quoteId)!;
  return {
    id: `r-${Math.random()}`,
    quoteId: snippet.quoteId,
    articleId: record.article.id,
    start: record.quote.start,
    end: record.quote.end,
    quoteText: record.quote.text,
    shownSpeaker: snippet.speaker,
    suggestedSpeaker: 'Dmitry Peskov',
    reporterId: '123456789012345678',
    guildId: null,
    channelId: null,
    corpusVersion: version.id,
    reportedAt: new Date().toISOString(),
    ...extra,
  };
}

describe('the speaker report file', () => {
  it('keeps every one of many concurrent appends as one whole line', async () => {
    const log = new SpeakerReportLog(path.join(await emptyDir('reports-'), 'reports.jsonl'));
    await Promise.all(Array.from({ length: 50 }, (_, i) => log.append(reportOnSeedQuote({ id: `r${i}` }))));
    const lines = (await readFile(log.file, 'utf8')).split('\n').filter(Boolean);
    expect(lines.map((line) => (JSON.parse(line) as SpeakerReport).id).sort()).toEqual(Array.from({ length: 50 }, (_, i) => `r${i}`).sort());
  });

  it('keeps a report it could not write, and writes it with the next one', async () => {
    const dir = await emptyDir('reports-');
    const log = new SpeakerReportLog(path.join(dir, 'reports.jsonl', 'nested.jsonl'));
    await appendFile(path.join(dir, 'reports.jsonl'), '');
    await expect(log.append(reportOnSeedQuote({ id: 'kept' }))).rejects.toBeInstanceOf(ReportWriteError);
    expect(log.unsavedCount).toBe(1);
    await rm(path.join(dir, 'reports.jsonl'));
    await mkdir(path.join(dir, 'reports.jsonl'));
    await log.append(reportOnSeedQuote({ id: 'next' }));
    expect(log.unsavedCount).toBe(0);
    expect((await log.readAll()).reports.map((r) => r.id)).toEqual(['kept', 'next']);
  });

  it('skips and counts lines that are not reports instead of failing', async () => {
    const log = new SpeakerReportLog(path.join(await emptyDir('reports-'), 'reports.jsonl'));
    await log.append(reportOnSeedQuote({ id: 'good' }));
    await appendFile(log.file, '{"not": "a report"}\nnot json at all\n');
    expect(await log.readAll()).toMatchObject({ reports: [{ id: 'good' }], badLines: 2 });
  });
});

describe('open reports', () => {
  it('counts a report as open while the corpus still credits those words to the speaker reported', () => {
    expect(tallyReports(version, [reportOnSeedQuote()])).toEqual({ total: 1, open: 1 });
  });

  it('counts it closed once the corpus credits the words to someone else, or the article is gone', () => {
    const fixed = reportOnSeedQuote({ shownSpeaker: 'Somebody Else' });
    const gone = reportOnSeedQuote({ articleId: 'no-such-article' });
    expect(tallyReports(version, [fixed, gone])).toEqual({ total: 2, open: 0 });
  });
});

describe('the report modal input', () => {
  it('takes a quote number within the answer and a name with letters, trimmed', () => {
    expect(wrongSpeakerInput(5).parse({ quote: ' 3 ', speaker: '  Dmitry Peskov ' })).toEqual({ quote: 3, speaker: 'Dmitry Peskov' });
    expect(wrongSpeakerInput(5).safeParse({ quote: '0', speaker: 'Dmitry Peskov' }).success).toBe(false);
    expect(wrongSpeakerInput(5).safeParse({ quote: 'two', speaker: 'Dmitry Peskov' }).success).toBe(false);
    expect(wrongSpeakerInput(5).safeParse({ quote: '2', speaker: 'x'.repeat(101) }).success).toBe(false);
  });
});
