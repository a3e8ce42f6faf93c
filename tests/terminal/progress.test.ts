import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.js';
import { CorpusVersion, type BuildProgress } from '../../src/desk/corpus-version.js';
import { QuoteDesk } from '../../src/desk/quote-desk.js';
import type { ReloadProgress } from '../../src/desk/reload-progress.js';
import { terminalProgress } from '../../src/terminal/progress.js';

/** A stream that says it is a terminal and keeps what is written to it. */
function fakeTerminal(isTTY: boolean): NodeJS.WriteStream & { text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      chunks.push(String(chunk));
      callback();
    },
  }) as unknown as NodeJS.WriteStream & { text: () => string };
  Object.assign(stream, { isTTY, columns: 120, text: () => chunks.join('') });
  return stream;
}

const under = (elapsedMs: number, extra: Partial<ReloadProgress> = {}): ReloadProgress => ({
  stage: 'extract',
  filesRead: 2,
  filesToRead: 2,
  bytesRead: 23_000_000,
  bytesToRead: 23_000_000,
  articles: 20_920,
  articlesToExtract: 20_920,
  articlesExtracted: 5_230,
  quotesFound: 19_000,
  elapsedMs,
  done: 0.2,
  leftMs: 80_000,
  ...extra,
});

describe('the terminal progress line for long loads', () => {
  it('shows articles read, quotes found and the time left, rewritten in place, then clears itself', () => {
    const stream = fakeTerminal(true);
    const progress = terminalProgress(stream);
    progress.update(under(5_000));
    progress.update(under(6_000, { articlesExtracted: 6_000, quotesFound: 22_000, leftMs: 75_000 }));
    progress.finish();
    const text = stream.text();
    expect(text).toContain('\rLoading the corpus: 20,920 articles read, 19,000 quotes found, extracting 5,230 of 20,920, about 1 min 20 s left');
    expect(text).toContain('22,000 quotes found');
    expect(text.endsWith('\r\x1b[K')).toBe(true);
    expect(text).not.toContain('\n');
  });

  it('stays silent for a load that takes under a second', () => {
    const stream = fakeTerminal(true);
    const progress = terminalProgress(stream);
    progress.update(under(400));
    progress.finish();
    expect(stream.text()).toBe('');
  });

  it('prints whole lines, every ten seconds at most, when stderr is not a terminal', () => {
    const stream = fakeTerminal(false);
    const progress = terminalProgress(stream);
    for (let elapsed = 1_000; elapsed <= 25_000; elapsed += 1_000) progress.update(under(elapsed));
    progress.finish();
    expect(stream.text().trimEnd().split('\n')).toHaveLength(3);
  });

  it('is fed by the desk: counts grow to the whole corpus and the last update says done', async () => {
    const updates: ReloadProgress[] = [];
    const desk = await QuoteDesk.open({ corpusDir: 'corpus', onProgress: (update) => updates.push(update) });
    const last = updates.at(-1)!;
    expect(last).toMatchObject({ done: 1, leftMs: 0, articles: 101, quotesFound: desk.version.stats().quotes });
    expect(updates.some((update) => update.stage === 'read')).toBe(true);
  });

  it('counts every article as left to extract in a first build, so the extract stage is not skipped', async () => {
    const updates: BuildProgress[] = [];
    await CorpusVersion.build(await loadCorpus('corpus'), undefined, { onProgress: (update) => updates.push(update) });
    const extracting = updates.filter((update) => update.stage === 'extract');
    expect(extracting[0]).toMatchObject({ articlesToExtract: 101 });
    expect(extracting.at(-1)).toMatchObject({ articlesToExtract: 101, articlesExtracted: 101 });
  });
});

describe('progress in the bot\'s logs', () => {
  it('logs how a load is getting on, with articles read and quotes found', async () => {
    const { capturingLogger } = await import('../desk/support.js');
    const log = capturingLogger();
    await QuoteDesk.open({ corpusDir: 'corpus', logger: log.logger, progressLogEveryMs: 0 });
    const lines = log.lines().filter((line) => String(line.msg).startsWith('corpus load under way'));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.at(-1)).toMatchObject({ progress: { articles: 101 } });
    expect(String(lines.at(-1)!.msg)).toMatch(/101 articles read, [\d,]+ quotes found/);
  });
});
