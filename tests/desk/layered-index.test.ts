import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.js';
import { CorpusVersion } from '../../src/desk/corpus-version.js';
import { QuoteDesk } from '../../src/desk/quote-desk.js';
import { encodeLayeredIndex } from '../../src/desk/layered-snapshot.js';
import { encodeIndex } from '../../src/search/index-codec.js';
import { LayeredQuoteIndex } from '../../src/search/layered-index.js';
import { copyOfCorpus } from './support.js';

const SEED_FILE = '2024-11-08-putin-congratulates-trump.txt';
/** Topics with exact terms, prefixes ("ukrain", "minist"), a synonym ("the US") and words the changed and removed articles hold. */
const TOPICS = ['Ukraine', 'ukrain', 'Trump election', 'minist', 'the US economy', 'oil prices', 'government plans', 'talks', 'Blair', 'football club'];

/** Every hit of a topic by quote id, with its exact score and the terms and fields it matched (term bits as strings). */
function hitsOf(version: CorpusVersion, topic: string, speakerKey?: string, lookUp = false) {
  const number = speakerKey === undefined ? -1 : version.facts.speakerNumber(speakerKey);
  const filter = speakerKey === undefined ? undefined : (doc: number) => version.facts.speaker[doc] === number;
  // `lookUp`: the speaker's positions go along as candidates, split between the layers.
  const candidates = speakerKey !== undefined && lookUp ? version.positionsBy(speakerKey) : undefined;
  const hits = version.index.searchScored(topic, filter ? { filter, ...(candidates ? { candidates } : {}) } : {});
  const terms = (mask: number) => hits.derivedTerms.filter((_, bit) => bit < 32 && (mask & (1 << bit)) !== 0);
  const rows = Array.from({ length: hits.count }, (_, i) => ({
    id: version.index.ids[hits.docs[i]!]!,
    quote: version.quoteAt(hits.docs[i]!)?.quote.text,
    score: hits.scores[i]!,
    terms: [...hits.termsAt(i)].sort(),
    inText: hits.inText(i),
    inContext: hits.inContext(i),
    matched: terms(hits.termMasks[i]!),
    inQuote: terms(hits.textMasks[i]!),
    inSentence: terms(hits.sentenceMasks?.[i] ?? 0),
  }));
  return { derived: hits.derivedTerms, rows: rows.sort((a, b) => (a.id < b.id ? -1 : 1)) };
}

function expectSameSearches(layered: CorpusVersion, fresh: CorpusVersion): void {
  for (const topic of TOPICS) expect(hitsOf(layered, topic), topic).toEqual(hitsOf(fresh, topic));
  for (const topic of ['Ukraine', 'Trump', 'talks']) {
    expect(hitsOf(layered, topic, 'vladimir putin'), `Putin on ${topic}`).toEqual(hitsOf(fresh, topic, 'vladimir putin'));
    expect(hitsOf(layered, topic, 'vladimir putin', true), `Putin on ${topic}, looked up`).toEqual(hitsOf(fresh, topic, 'vladimir putin'));
  }
}

async function reloaded(desk: QuoteDesk): Promise<void> {
  const result = await desk.reload();
  if (result.status !== 'reloaded') throw new Error(`reload ${result.status}: ${'reason' in result ? result.reason : ''}`);
}

/** Adds an article (a copy of the seed's, sorting before every other file), changes one BBC article and removes one Reuters article. */
async function addChangeAndRemove(dir: string): Promise<void> {
  const seed = await readFile(path.join(dir, SEED_FILE), 'utf8');
  await writeFile(path.join(dir, '0000-added.txt'), `${seed.replace('2024-11-08', '2024-11-09')}\n\n"Ukraine must talk to Russia about the oil prices," Putin told reporters.`);
  const bbc = path.join(dir, 'sample-bbc.jsonl');
  const lines = (await readFile(bbc, 'utf8')).split('\n');
  const changed = JSON.parse(lines[2]!) as { body: string };
  lines[2] = JSON.stringify({ ...changed, body: `${changed.body}\n\n"The government plans no new talks with Ukraine," the minister said.` });
  await writeFile(bbc, lines.join('\n'));
  const reuters = path.join(dir, 'sample-reuters21578.jsonl');
  const reutersLines = (await readFile(reuters, 'utf8')).split('\n');
  reutersLines.splice(4, 1);
  await writeFile(reuters, reutersLines.join('\n'));
}

describe('a reload layered on the previous index', () => {
  it('ranks a query over base and delta exactly as a fresh build of the same articles, an added, a changed and a removed article included', async () => {
    const dir = await copyOfCorpus();
    const desk = await QuoteDesk.open({ corpusDir: dir });
    await addChangeAndRemove(dir);
    await reloaded(desk);
    expect(desk.version.index).toBeInstanceOf(LayeredQuoteIndex);
    expect(desk.version.reuse).toMatchObject({ extracted: 2, indexLayered: true });
    const fresh = await CorpusVersion.build(await loadCorpus(dir));
    expectSameSearches(desk.version, fresh);
    expect(desk.version.stats()).toEqual(fresh.stats());
  });

  it('gives the answers of a fresh build, ties in corpus order (the added copy of the seed sorts first)', async () => {
    const dir = await copyOfCorpus();
    const desk = await QuoteDesk.open({ corpusDir: dir });
    await addChangeAndRemove(dir);
    await reloaded(desk);
    const freshDesk = await QuoteDesk.open({ corpusDir: dir });
    for (const question of ['What did Putin say about Ukraine?', 'What did Putin say?', 'What did Putin say about oil prices?', 'what did the minister say about talks']) {
      expect(desk.ask({ question }), question).toEqual(freshDesk.ask({ question }));
    }
  });

  it('stays exact layered a second time: a delta article removed, a base article changed again, another added', async () => {
    const dir = await copyOfCorpus();
    const desk = await QuoteDesk.open({ corpusDir: dir });
    await addChangeAndRemove(dir);
    await reloaded(desk);
    await cp(path.join(dir, '0000-added.txt'), path.join(dir, 'zzzz-added-later.txt'));
    await rm(path.join(dir, '0000-added.txt'));
    const bbc = path.join(dir, 'sample-bbc.jsonl');
    const lines = (await readFile(bbc, 'utf8')).split('\n');
    const changed = JSON.parse(lines[5]!) as { body: string };
    lines[5] = JSON.stringify({ ...changed, body: `${changed.body}\n\n"Oil prices will fall," the minister said.` });
    await writeFile(bbc, lines.join('\n'));
    await reloaded(desk);
    expect(desk.version.reuse).toMatchObject({ indexLayered: true });
    const fresh = await CorpusVersion.build(await loadCorpus(dir));
    expectSameSearches(desk.version, fresh);
    expect(desk.version.index.toData()).toEqual(fresh.index.toData());
    expect(desk.version.quotesBy('vladimir putin').map((record) => record.quote.id)).toEqual(fresh.quotesBy('vladimir putin').map((record) => record.quote.id));
  });

  it('folds the delta into one index in corpus order once it outgrows its limit', async () => {
    const dir = await copyOfCorpus();
    const before = await CorpusVersion.build(await loadCorpus(dir));
    await addChangeAndRemove(dir);
    const load = await loadCorpus(dir, { previous: before.load });
    const folded = await CorpusVersion.build(load, undefined, { previous: before, maxDeltaQuotes: 1 });
    expect(folded.index).not.toBeInstanceOf(LayeredQuoteIndex);
    expect(folded.reuse).toMatchObject({ extracted: 2, indexMerged: true, indexLayered: false });
    const fresh = await CorpusVersion.build(await loadCorpus(dir));
    expect(folded.index.toData()).toEqual(fresh.index.toData());
    expectSameSearches(folded, fresh);
    expect(folded.quotesBy('vladimir putin').map((record) => record.quote.id)).toEqual(fresh.quotesBy('vladimir putin').map((record) => record.quote.id));
  });

  it('folds to the frequency widths of a fresh build when the one posting that needed the wider width has left', async () => {
    const dir = await copyOfCorpus();
    const seed = await readFile(path.join(dir, SEED_FILE), 'utf8');
    // 300 times one word in one quote: a frequency past 255 in its fields, held by no other document.
    await writeFile(path.join(dir, '0001-repeated.txt'), `${seed.replace('2024-11-08', '2024-11-10')}\n\n"${'Oil '.repeat(300)}is all we hear," the minister said.`);
    const first = await CorpusVersion.build(await loadCorpus(dir));
    expect(first.index.toData().freqs.some((freqs) => !(freqs instanceof Uint8Array))).toBe(true);
    await rm(path.join(dir, '0001-repeated.txt'));
    await addChangeAndRemove(dir);
    const layered = await CorpusVersion.build(await loadCorpus(dir, { previous: first.load }), undefined, { previous: first });
    expect(layered.index).toBeInstanceOf(LayeredQuoteIndex);
    // A second reload folds the layers, the dead documents' totals carried over from the first.
    await cp(path.join(dir, '0000-added.txt'), path.join(dir, 'zzzz-added-later.txt'));
    const folded = await CorpusVersion.build(await loadCorpus(dir, { previous: layered.load }), undefined, { previous: layered, maxDeltaQuotes: 1 });
    expect(folded.reuse).toMatchObject({ indexMerged: true, indexLayered: false });
    const fresh = (await CorpusVersion.build(await loadCorpus(dir))).index.toData();
    const widths = (data: { freqs: ArrayLike<number>[] }) => data.freqs.map((freqs) => freqs.constructor.name);
    expect(widths(folded.index.toData())).toEqual(widths(fresh));
    expect(folded.index.toData()).toEqual(fresh);
  });

  it('writes the snapshot lines of a fresh build without folding, after one layered reload and after a second', async () => {
    const dir = await copyOfCorpus();
    const desk = await QuoteDesk.open({ corpusDir: dir });
    const linesOf = (index: unknown): string[] => {
      if (!(index instanceof LayeredQuoteIndex)) throw new Error('expected a layered index');
      return [...encodeLayeredIndex(index.layers)].filter((text) => text !== '');
    };
    await addChangeAndRemove(dir);
    await reloaded(desk);
    expect(linesOf(desk.version.index)).toEqual([...encodeIndex((await CorpusVersion.build(await loadCorpus(dir))).index.toData())]);
    await cp(path.join(dir, '0000-added.txt'), path.join(dir, 'zzzz-added-later.txt'));
    await rm(path.join(dir, '0000-added.txt'));
    await reloaded(desk);
    expect(desk.version.index).toBeInstanceOf(LayeredQuoteIndex);
    expect(linesOf(desk.version.index)).toEqual([...encodeIndex((await CorpusVersion.build(await loadCorpus(dir))).index.toData())]);
  });
});
