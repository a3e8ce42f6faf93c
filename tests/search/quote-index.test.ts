import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ReferenceQuoteIndex } from '../../scripts/bench/reference-index.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { CorpusVersion, indexRecords } from '../../src/desk/corpus-version.js';
import { InvertedIndexBuilder } from '../../src/search/inverted-index.js';
import { QuoteIndex, type IndexedQuote } from '../../src/search/quote-index.js';
import { indexTerms, tokenize } from '../../src/search/terms.js';

/**
 * The quote index stores postings in typed arrays but must rank exactly as MiniSearch 7 would with
 * the same options: MiniSearch is the reference, asserted here on the bundled corpus.
 */
let records: IndexedQuote[];
let ours: QuoteIndex;
let reference: ReferenceQuoteIndex;
let version: CorpusVersion;

beforeAll(async () => {
  version = await CorpusVersion.build(await loadCorpus(path.resolve('corpus')));
  records = indexRecords(version.articles, version.quotesByArticle);
  ours = QuoteIndex.build(records);
  reference = ReferenceQuoteIndex.build(records);
});

/** Topics people type, plus one or two rarer words from every fifth quote, so many terms are tried. */
function topics(): string[] {
  const typed = ['Ukraine', 'relations with the US', 'Trump', 'congratulate', 'oil prices', 'the election', 'tuition fees', 'immigration', 'Britain', 'interest rates', 'ukrain'];
  const sampled = records
    .filter((_, i) => i % 5 === 0)
    .map((record) => record.text.split(/\W+/).filter((word) => word.length > 6).slice(0, 2).join(' '))
    .filter((topic) => topic.length > 0);
  return [...typed, ...sampled];
}

describe('QuoteIndex', () => {
  it('returns the same quotes, in the same order, with the same scores and terms as MiniSearch', () => {
    const checked = topics();
    expect(checked.length).toBeGreaterThan(100);
    for (const topic of checked) {
      const mine = ours.search(topic);
      const theirs = reference.search(topic);
      expect(mine.map((hit) => hit.id), topic).toEqual(theirs.map((hit) => hit.id));
      mine.forEach((hit, i) => {
        expect(hit.score).toBeCloseTo(theirs[i]!.score, 9);
        expect([...hit.terms].sort()).toEqual([...theirs[i]!.terms].sort());
        expect(hit.inText).toBe(theirs[i]!.inText);
      });
    }
  });

  it('ranks a topic whose prefixes match more than 32 index terms as MiniSearch does', () => {
    // Five-letter prefixes match many terms each ("inter" → international, interest, …): past 32
    // matched terms the index tracks them outside its bit masks.
    const topic = 'inter under contr compl trans count';
    const mine = ours.search(topic);
    const theirs = reference.search(topic);
    expect(new Set(mine.flatMap((hit) => hit.terms)).size).toBeGreaterThan(32);
    expect(mine.map((hit) => hit.id)).toEqual(theirs.map((hit) => hit.id));
    mine.forEach((hit, i) => expect([...hit.terms].sort()).toEqual([...theirs[i]!.terms].sort()));
  });

  it('applies a filter the way MiniSearch does', () => {
    const keep = (id: string): boolean => id.startsWith('2024-11-08');
    expect(ours.search('Ukraine', { filter: keep }).map((hit) => hit.id)).toEqual(reference.search('Ukraine', keep).map((hit) => hit.id));
  });

  it('says which terms each sentence holds alike for a speaker\'s few hits and for a whole topic', () => {
    // A few hits are looked up in the sentence postings one by one, many in one pass over them.
    const sentenceTerms = (hits: ReturnType<QuoteIndex['searchScored']>, i: number) => hits.derivedTerms.filter((_, bit) => (hits.sentenceMasks![i]! & (1 << bit)) !== 0);
    for (const topic of ['government', 'the election', 'oil prices']) {
      const all = ours.searchScored(topic);
      const byDoc = new Map(Array.from({ length: all.count }, (_, i) => [all.docs[i]!, sentenceTerms(all, i)]));
      const holding = [...byDoc].find(([, terms]) => terms.length > 0)![0];
      const lacking = [...byDoc].find(([, terms]) => terms.length === 0)![0];
      const few = ours.searchScored(topic, { filter: (doc) => doc === holding || doc === lacking });
      expect(few.count, topic).toBe(2);
      for (let i = 0; i < few.count; i += 1) expect(sentenceTerms(few, i), topic).toEqual(byDoc.get(few.docs[i]!));
    }
  });

  it("scores a speaker's quotes alike whether it looks them up among the candidates or sweeps every posting", () => {
    const speakerOf = version.facts.speaker;
    const quoted = [...new Set(speakerOf)].filter((number) => number >= 0);
    const keyOf = new Map(version.speakers.all().map((speaker) => [version.facts.speakerNumber(speaker.key), speaker.key]));
    let compared = 0;
    for (const number of quoted.slice(0, 40)) {
      const filter = (doc: number): boolean => speakerOf[doc] === number;
      const candidates = version.positionsBy(keyOf.get(number)!);
      for (const topic of ['Ukraine', 'the government', 'said', 'people']) {
        const swept = version.index.searchScored(topic, { filter });
        const looked = version.index.searchScored(topic, { filter, candidates });
        const byDoc = (hits: typeof swept) => new Map(Array.from({ length: hits.count }, (_, i) => [hits.docs[i]!, [hits.scores[i], hits.inText(i), hits.inContext(i), hits.termsAt(i), hits.sentenceMasks?.[i]]]));
        expect(byDoc(looked), `${keyOf.get(number)} on ${topic}`).toEqual(byDoc(swept));
        compared += swept.count;
      }
    }
    expect(compared).toBeGreaterThan(50);
  });

  it('looks only the candidates up when they are few against the postings, with the scores a sweep gives', () => {
    // 2,000 documents hold "pensions", so three candidates are looked up rather than swept; the
    // filter lets everything through, so only the lookup explains a result of exactly those three.
    const builder = new InvertedIndexBuilder(1, tokenize, indexTerms);
    for (let n = 0; n < 2000; n += 1) builder.add(`d${n}`, [n % 7 === 0 ? 'pensions pensions and the budget' : 'pensions and the budget']);
    const index = builder.finish();
    const spec = { terms: ['pension'], prefix: () => false, prefixWeight: 0.375, boosts: [1] };
    const swept = index.searchScored(spec);
    const scoreOf = new Map(Array.from({ length: swept.count }, (_, i) => [swept.docs[i]!, swept.scores[i]!]));
    const looked = index.searchScored({ ...spec, filter: () => true, candidates: Uint32Array.of(5, 14, 1999) });
    expect(Array.from(looked.docs.subarray(0, looked.count)).sort((a, b) => a - b)).toEqual([5, 14, 1999]);
    for (let i = 0; i < looked.count; i += 1) expect(looked.scores[i]).toBe(scoreOf.get(looked.docs[i]!));
  });

  it('lets "Ukraine" find the quote that says "Ukrainian"', () => {
    const hits = ours.search('Ukraine').map((hit) => records.find((record) => record.id === hit.id)!.text);
    expect(hits.some((text) => text.includes('Ukrainian crisis'))).toBe(true);
  });
});

describe('the sentence around each quote', () => {
  // The same words and paragraph, so the sentence is all that differs.
  const quote = (id: string, sentence: string): IndexedQuote => ({
    id,
    text: 'We will not give up',
    context: 'Pensions were raised in Kiev on Monday. "We will not give up," he said of pensions.',
    title: '',
    sentence,
  });
  const index = QuoteIndex.build([
    quote('in-sentence', '"We will not give up," he said of pensions.'),
    quote('paragraph-only', '"We will not give up," he said.'),
  ]);
  const hitsFor = (topic: string) => {
    const hits = index.searchScored(topic);
    const byId = new Map<string, { score: number; terms: string[] }>();
    for (let i = 0; i < hits.count; i += 1) {
      const inSentence = hits.derivedTerms.filter((_, bit) => (hits.sentenceMasks![i]! & (1 << bit)) !== 0);
      byId.set(index.ids[hits.docs[i]!]!, { score: hits.scores[i]!, terms: inSentence });
    }
    return byId;
  };

  it('says which matched terms the sentence holds outside the quote, from the index alone', () => {
    const hits = hitsFor('pensions Kiev');
    expect(hits.get('in-sentence')!.terms).toEqual(['pension']);
    expect(hits.get('paragraph-only')!.terms).toEqual([]);
  });

  it('neither scores the sentence nor finds a quote by it', () => {
    const hits = hitsFor('pensions');
    expect(hits.get('in-sentence')!.score).toBe(hits.get('paragraph-only')!.score);
    const onlyInSentence = QuoteIndex.build([{ id: 'q', text: 'We will not give up', context: 'We will not give up', title: '', sentence: 'Of pensions he said: We will not give up' }]);
    expect(onlyInSentence.searchScored('pensions').count).toBe(0);
  });
});
