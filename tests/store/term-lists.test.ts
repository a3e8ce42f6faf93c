import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answerer.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { CorpusVersion } from '../../src/desk/corpus-version.js';
import { paragraphAround } from '../../src/desk/paragraph.js';
import type { InvertedIndexData } from '../../src/search/inverted-index.js';
import { scoreCandidates } from '../../src/store/candidate-scoring.js';
import { CANDIDATE_WEIGHTS, fetchTopic } from '../../src/stores/postgres/fetch-candidates.js';
import { ingestCorpus } from '../../src/stores/postgres/ingest.js';
import { PostgresQuoteStore } from '../../src/stores/postgres/postgres-store.js';
import { currentVersionId, readVersion } from '../../src/stores/postgres/reader-version.js';
import { kthLargest } from '../../src/kth-largest.js';
import { LIST_COPIES_PER_GROUP, termLists, type TermList } from '../../src/stores/postgres/term-lists.js';
import { topicTerms } from '../../src/stores/postgres/terms-vector.js';
import { materialise } from '../../scripts/bench/corpora.js';
import { freshDatabase } from '../support/postgres/database.js';
import { SCORED_FIELDS } from '../../src/search/quote-index.js';

/**
 * A common topic over PostgreSQL reads precomputed lists of each frequent term's best quotes
 * instead of ranking every match. The bundled corpus is small, so these tests make lists of a
 * few dozen quotes, and a copy of it where every article is printed four times (reprints).
 */
const LENGTH = 30;
let scratch: string;
let version: CorpusVersion;
let reprinted: CorpusVersion;
beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'quotedesk-lists-'));
  version = await CorpusVersion.build(await loadCorpus(path.resolve('corpus')));
  const dir = await materialise({ name: 'reprinted', kind: 'jsonl', sources: [path.resolve('corpus/sample-bbc.jsonl')], copies: 4, every: 3 }, scratch);
  reprinted = await CorpusVersion.build(await loadCorpus(dir));
}, 120_000);
afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

function weightOf(of: CorpusVersion, doc: number): number {
  const record = of.quoteAt(doc)!;
  return (record.quote.kind === 'direct' ? 1 : CANDIDATE_WEIGHTS.reported) * (record.wordCount <= 3 ? CANDIDATE_WEIGHTS.fragment : 1);
}

function listsOf(of: CorpusVersion, length = LENGTH): TermList[] {
  return [...termLists(of.index.toData(), (doc) => {
    const record = of.quoteAt(doc);
    return record && { reprintKey: record.reprintKey, weight: weightOf(of, doc) };
  }, length)];
}

/** Every quote holding the term in any field, from the index's postings. */
function matchesOf(data: InvertedIndexData, term: string): number[] {
  const t = data.terms.indexOf(term);
  const docs = new Set<number>();
  for (let field = 0; field < SCORED_FIELDS; field += 1) for (let i = data.offsets[field]![t]!; i < data.offsets[field]![t + 1]!; i += 1) docs.add(data.docs[field]![i]!);
  return [...docs];
}

/** A one-term search's BM25+ score of each quote, as the embedded index scores it, times the answerer's weight. */
function termScores(of: CorpusVersion, term: string, docs: readonly number[]): Map<number, number> {
  const data = of.index.toData();
  const t = data.terms.indexOf(term);
  const df = [0, 1, 2].map((f) => data.offsets[f]![t + 1]! - data.offsets[f]![t]!) as [number, number, number];
  const fields = docs.map((doc) => {
    const record = of.quoteAt(doc)!;
    return [record.quote.text, paragraphAround(record.article.body, record.quote.start, record.quote.end), record.article.title ?? ''] as const;
  });
  const scored = scoreCandidates([term], fields, new Map([[term, df]]), { quoteCount: data.ids.length, averageFieldLengths: data.averageFieldLengths as [number, number, number] });
  return new Map(docs.map((doc, i) => [doc, scored.scores[i]! * weightOf(of, doc)]));
}

describe('frequent-term lists (the writer)', () => {
  it('are made only for terms matching more quotes than the list holds', () => {
    const data = version.index.toData();
    const lists = listsOf(version);
    expect(lists.length).toBeGreaterThan(10);
    const listed = new Set(lists.map((list) => list.term));
    for (const term of data.terms) expect(listed.has(term), term).toBe(matchesOf(data, term).length > LENGTH);
  });

  it('hold a term’s best quotes, best first, by the embedded index’s BM25+ score of that term', () => {
    const data = version.index.toData();
    for (const list of listsOf(version).slice(0, 40)) {
      const matches = matchesOf(data, list.term);
      const scores = termScores(version, list.term, matches);
      const listed = [...list.docs].map((doc) => scores.get(doc)!);
      expect(listed).toHaveLength(LENGTH);
      for (let i = 1; i < listed.length; i += 1) expect(listed[i]!, list.term).toBeLessThanOrEqual(listed[i - 1]! * (1 + 1e-9));
      const inList = new Set(list.docs);
      const best = Math.max(...matches.filter((doc) => !inList.has(doc)).map((doc) => scores.get(doc)!));
      expect(best, list.term).toBeLessThanOrEqual(listed.at(-1)! * (1 + 1e-9));
    }
  });

  it('find a list’s score threshold as sorting would', () => {
    // Many ties, as the copies of reprinted articles score alike.
    const values = Array.from({ length: 5_000 }, (_, i) => Math.floor(Math.abs(Math.sin(i * 7.3)) * 400) / 4);
    const sorted = [...values].sort((a, b) => b - a);
    for (const k of [1, 2, 17, 1_000, 2_500, 4_999, 5_000]) expect(kthLargest(Float64Array.from(values), k), String(k)).toBe(sorted[k - 1]);
  });

  it('keep at most three copies of a reprinted quote, and count each reprint group once', () => {
    const data = reprinted.index.toData();
    const lists = listsOf(reprinted);
    expect(lists.length).toBeGreaterThan(10);
    let crowded = 0;
    for (const list of lists) {
      const copies = new Map<number, number>();
      for (const doc of list.docs) copies.set(reprinted.quoteAt(doc)!.reprintKey, (copies.get(reprinted.quoteAt(doc)!.reprintKey) ?? 0) + 1);
      expect(Math.max(...copies.values()), list.term).toBeLessThanOrEqual(LIST_COPIES_PER_GROUP);
      if (Math.max(...copies.values()) === LIST_COPIES_PER_GROUP) crowded += 1;
      const groups = new Set(matchesOf(data, list.term).map((doc) => reprinted.quoteAt(doc)!.reprintKey));
      expect(new Set(list.groups), list.term).toEqual(groups);
      expect(list.groups, list.term).toHaveLength(groups.size);
    }
    // Every article is printed four times: the limit is what kept a fourth copy out.
    expect(crowded).toBeGreaterThan(lists.length / 2);
  });

  it('are made only for terms whose quotes that can be listed are more than the list holds, whatever copies left out add', () => {
    const data = reprinted.index.toData();
    // Only the first copy of each quote can be listed, as the writer leaves verbatim reprints out.
    const firstOfGroup = new Map<number, number>();
    data.ids.forEach((_, doc) => {
      const key = reprinted.quoteAt(doc)!.reprintKey;
      if (!firstOfGroup.has(key)) firstOfGroup.set(key, doc);
    });
    const canList = (doc: number): boolean => firstOfGroup.get(reprinted.quoteAt(doc)!.reprintKey) === doc;
    const lists = [...termLists(data, (doc) => (canList(doc) ? { reprintKey: reprinted.quoteAt(doc)!.reprintKey, weight: weightOf(reprinted, doc) } : undefined), LENGTH)];
    const listed = new Set(lists.map((list) => list.term));
    let heldBackByCopies = 0;
    for (const term of data.terms) {
      const matches = matchesOf(data, term);
      const listable = matches.filter(canList).length;
      expect(listed.has(term), term).toBe(listable > LENGTH);
      if (matches.length > LENGTH && listable <= LENGTH) heldBackByCopies += 1;
    }
    expect(heldBackByCopies).toBeGreaterThan(10);
    for (const list of lists) expect([...list.docs].every(canList), list.term).toBe(true);
  });
});

describe('common topics over PostgreSQL', () => {
  let url: string;
  let pool: pg.Pool;
  let store: PostgresQuoteStore;
  beforeAll(async () => {
    url = await freshDatabase('lists');
    expect((await ingestCorpus({ url, corpusDir: path.resolve('corpus'), termListLength: LENGTH })).status).toBe('reloaded');
    pool = new pg.Pool({ connectionString: url, max: 2 });
    store = await PostgresQuoteStore.open({ url, poolSize: 2 });
  }, 120_000);
  afterAll(async () => {
    await store?.close();
    await pool?.end();
  });

  async function storedLists(terms: readonly string[]): Promise<Map<string, number[]>> {
    const rows = await pool.query<{ term: string; docs: number[] }>('SELECT term, docs FROM term_lists WHERE term = ANY ($1::text[])', [terms]);
    return new Map(rows.rows.map((row) => [row.term, row.docs]));
  }

  it('stores the writer’s lists with the version', async () => {
    const expected = listsOf(version);
    const stored = await storedLists(expected.map((list) => list.term));
    expect(stored.size).toBe(expected.length);
    for (const list of expected.slice(0, 20)) expect(stored.get(list.term), list.term).toEqual([...list.docs]);
  });

  it('takes a common topic’s candidates from its terms’ lists, not from every match', async () => {
    const reader = await readVersion(pool, (await currentVersionId(pool))!);
    const topic = 'government';
    const data = version.index.toData();
    const matched = data.terms.filter((term) => topicTerms(topic).some((query) => term === query || (query.length >= 5 && term.startsWith(query))));
    const lists = await storedLists(matched);
    const rareMatches = new Set(matched.filter((term) => !lists.has(term)).flatMap((term) => matchesOf(data, term)));
    expect(lists.size).toBeGreaterThan(0);
    const fetched = await fetchTopic(pool, reader, topic, { speakerKeys: [], filters: {} }, 50);
    expect(fetched.candidates).toHaveLength(50);
    const allowed = new Set([...lists.values()].flat());
    for (const candidate of fetched.candidates) expect(allowed.has(candidate.order) || rareMatches.has(candidate.order), candidate.record.quote.id).toBe(true);
    // Fewer than the topic's matches were read: the list, not the whole posting list.
    expect(allowed.size + rareMatches.size).toBeLessThan(new Set(matched.flatMap((term) => matchesOf(data, term))).size);
  });

  it.each(['government', 'Ukraine', 'oil prices', 'economy'])('counts every match of "%s" (reprints once), as the embedded index finds them', async (topic) => {
    const reader = await readVersion(pool, (await currentVersionId(pool))!);
    const hits = version.index.searchScored(topic);
    const groups = new Set([...hits.docs.subarray(0, hits.count)].map((doc) => version.quoteAt(doc)!.reprintKey));
    const fetched = await fetchTopic(pool, reader, topic, { speakerKeys: [], filters: {} });
    expect(fetched.total).toBe(groups.size);
  });

  it('answers speaker and filtered questions from every match, as the embedded store does', async () => {
    for (const request of [
      { question: 'What did Blair say about the election?' },
      { question: 'election', filters: { source: 'bbc' } },
      { question: 'oil prices', filters: { source: 'reuters', from: '1987-01-01' } },
      { question: 'what did Blair say about the economy', filters: { from: '2005-01-01', to: '2005-03-31' } },
    ]) {
      const answer = await store.ask(request);
      expect({ ...answer, corpusVersion: undefined }, JSON.stringify(request)).toEqual({ ...answerQuestion(version, request), corpusVersion: undefined });
    }
  });

  it('keeps the embedded answer’s first snippets for common topics', async () => {
    let shared = 0;
    let shown = 0;
    for (const question of ['government', 'economy', 'election', 'Ukraine', 'oil prices', 'the budget', 'market', 'company', 'who said anything about growth', 'people']) {
      const expected = answerQuestion(version, { question }).snippets.slice(0, 10).map((snippet) => snippet.quoteId);
      const got = new Set((await store.ask({ question })).snippets.slice(0, 10).map((snippet) => snippet.quoteId));
      shared += expected.filter((id) => got.has(id)).length;
      shown += expected.length;
    }
    expect(shown).toBeGreaterThan(50);
    expect(shared / shown).toBeGreaterThanOrEqual(0.8);
  });
});
