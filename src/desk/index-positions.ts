import type { LoadedArticle } from '../corpus/article.js';
import type { QuoteFacts, QuoteRecord } from './corpus-version.js';
import { liveInCorpusOrder } from '../search/layered-index.js';
import type { Lookup } from './lookup-chain.js';
import { runPaused, type Pause } from '../time-slices.js';
import { LargeMap } from '../large-map.js';
import { TypedArrayPool, type TypedArraySource } from './typed-array-pool.js';

/** What a version keeps per index position, so ranking never looks a hit up by id. */
export interface IndexPositions {
  recordsByDoc: Array<QuoteRecord | undefined>;
  /** Reprint groups numbered from 0: equal {@link QuoteRecord.reprintKey}s share one. */
  reprintGroupByDoc: Uint32Array;
  groupCount: number;
  /** Each position's {@link QuoteRecord.reprintKey}, so the next version can find a new quote's group without a map of every key. */
  reprintKeys: Float64Array;
  facts: QuoteFacts;
  /** Speaker key → its number in `facts.speaker`. */
  speakerNumbers: Map<string, number>;
}

/** How the merged index renumbered the previous one (see `MergePlan`), and whose quotes its delta holds. */
export interface PositionsPlan {
  /** Quotes in the merged index. */
  documents: number;
  fromOld: Int32Array;
  fromDelta: Uint32Array;
  /** The records of the delta index's quotes, in its order. */
  deltaRecords: readonly QuoteRecord[];
  /** A layered index's corpus order of its positions (see `QuoteFacts.corpusOrder`). */
  corpusOrder?: Int32Array | undefined;
}


/** Positions between pauses. */
const STEP = 0x3fff;

/**
 * {@link IndexPositions} for the index's quotes, in one pass that pauses for answers every few
 * milliseconds. The index holds quotes in corpus order, so records are walked in that order and
 * only checked against the index's ids (looking each id up cost a string split per quote); a
 * layered index says each position's place in corpus order (`corpusOrder`, -1 for a removed quote).
 */
export async function positionsOf(
  index: { readonly size: number; idAt(doc: number): string },
  articles: readonly LoadedArticle[],
  recordsByArticle: Lookup<QuoteRecord[]>,
  findRecord: (id: string) => QuoteRecord | undefined,
  pause: Pause,
  corpusOrder?: Int32Array,
  arrays: TypedArraySource = new TypedArrayPool(),
): Promise<IndexPositions> {
  const positions = emptyPositions(index.size, 0, new Map(), corpusOrder, arrays);
  const groupOfKey = new LargeMap<number, number>();
  // Records in corpus order, flattened once: the index holds quotes in that order.
  const inOrder: QuoteRecord[] = [];
  for (let i = 0; i < articles.length; i += 1) {
    for (const record of recordsByArticle.get(articles[i]!.id) ?? []) inOrder.push(record);
    if ((i & 0x3ff) === 0) await pause();
  }
  for (let doc = 0; doc < index.size; doc += 1) {
    if (corpusOrder !== undefined && corpusOrder[doc]! < 0) {
      positions.reprintGroupByDoc[doc] = positions.groupCount++;
      continue;
    }
    const next = inOrder[corpusOrder === undefined ? doc : corpusOrder[doc]!];
    const id = index.idAt(doc);
    const record = next !== undefined && next.quote.id === id ? next : findRecord(id);
    if (record === undefined) positions.reprintGroupByDoc[doc] = positions.groupCount++;
    else place(positions, doc, record, groupOfKey);
    if ((doc & STEP) === 0) await pause();
  }
  return positions;
}

/**
 * The positions of a merged index from the previous version's: kept quotes carry their facts,
 * reprint groups and records across by the merge's renumbering (typed arrays copied, no record
 * read), and only the delta's quotes are placed afresh, a new quote joining the reprint group of
 * an earlier copy found by one scan of the previous keys. Valid when every kept quote's record is
 * the previous version's (the caller checks). Group and speaker numbers differ from a fresh
 * build's, which only ever compares them for equality.
 */
export async function positionsMerged(previous: IndexPositions, plan: PositionsPlan, pause: Pause, arrays: TypedArraySource = new TypedArrayPool()): Promise<IndexPositions> {
  const positions = emptyPositions(plan.documents, previous.groupCount, new Map(previous.speakerNumbers), plan.corpusOrder, arrays);
  const { fromOld } = plan;
  for (let old = 0; old < fromOld.length; old += 1) {
    const doc = fromOld[old]!;
    if (doc >= 0) {
      positions.recordsByDoc[doc] = previous.recordsByDoc[old];
      positions.reprintGroupByDoc[doc] = previous.reprintGroupByDoc[old]!;
      positions.reprintKeys[doc] = previous.reprintKeys[old]!;
      positions.facts.direct[doc] = previous.facts.direct[old]!;
      positions.facts.words[doc] = previous.facts.words[old]!;
      positions.facts.speaker[doc] = previous.facts.speaker[old]!;
    }
    if ((old & STEP) === 0) await pause();
  }
  // The groups the new quotes' reprint keys already have, if any.
  const groupOfKey = new Map<number, number>();
  for (const record of plan.deltaRecords) groupOfKey.set(record.reprintKey, -1);
  const keys = previous.reprintKeys;
  for (let old = 0; old < keys.length; old += 1) {
    // A removed quote's position (a layered index keeps it, dead) holds no key: key 0, group 0.
    if (groupOfKey.get(keys[old]!) === -1 && previous.recordsByDoc[old] !== undefined) groupOfKey.set(keys[old]!, previous.reprintGroupByDoc[old]!);
    if ((old & STEP) === 0) await pause();
  }
  for (const [key, group] of groupOfKey) if (group === -1) groupOfKey.delete(key);
  plan.deltaRecords.forEach((record, j) => place(positions, plan.fromDelta[j]!, record, groupOfKey));
  return positions;
}

function emptyPositions(documents: number, groupCount: number, speakerNumbers: Map<string, number>, corpusOrder: Int32Array | undefined, arrays: TypedArraySource): IndexPositions {
  return {
    recordsByDoc: new Array<QuoteRecord | undefined>(documents),
    reprintGroupByDoc: arrays.take('Uint32Array', documents),
    groupCount,
    reprintKeys: arrays.take('Float64Array', documents),
    facts: {
      direct: arrays.take('Uint8Array', documents),
      words: arrays.take('Uint16Array', documents),
      speaker: arrays.take('Int32Array', documents, -1),
      speakerNumber: (key) => speakerNumbers.get(key) ?? -1,
      corpusOrder,
    },
    speakerNumbers,
  };
}

/** The arrays of {@link IndexPositions} that a pool made, given back when their version is retired. */
export function givePositions(positions: IndexPositions, arrays: TypedArraySource): void {
  const { facts } = positions;
  arrays.give(positions.reprintGroupByDoc, positions.reprintKeys, facts.direct, facts.words, facts.speaker);
}

/**
 * Puts into `arrays` what `builds` builds of a version of `documents` quotes take (positions,
 * speaker lists and reprint groups, and a build's scratch), so that a process's first reload
 * allocates none of it: see {@link TypedArrayPool}. Called early in the build at start-up (with
 * `builds` 2: the start's own and the first reload's), so that these bytes are counted by the
 * collector's collections during the rest of the start, not as growth during a reload.
 */
export async function reserveForBuilds(arrays: TypedArraySource, documents: number, builds: number, pause: Pause): Promise<void> {
  const needed = [
    ['Int32Array', 3],
    ['Uint32Array', 3],
    ['Float64Array', 1],
    ['Uint8Array', 1],
    ['Uint16Array', 1],
  ] as const;
  // One array per step: at 2M quotes the 18 of them are 140 MB, and taken in one go they held answers for ≈150 ms.
  for (const [kind, count] of needed) {
    const taken = [];
    for (let i = 0; i < count * builds; i += 1) {
      taken.push(arrays.take(kind, documents));
      await pause();
    }
    arrays.give(...taken);
  }
}

/** Places one record at an index position: its facts, and its reprint group (a new one for a key not seen yet). */
function place(positions: IndexPositions, doc: number, record: QuoteRecord, groupOfKey: { get(key: number): number | undefined; set(key: number, group: number): unknown }): void {
  positions.recordsByDoc[doc] = record;
  let group = groupOfKey.get(record.reprintKey);
  if (group === undefined) {
    group = positions.groupCount++;
    groupOfKey.set(record.reprintKey, group);
  }
  positions.reprintGroupByDoc[doc] = group;
  positions.reprintKeys[doc] = record.reprintKey;
  positions.facts.direct[doc] = record.quote.kind === 'direct' ? 1 : 0;
  positions.facts.words[doc] = Math.min(record.wordCount, 0xffff);
  if (record.speakerKey !== null) {
    let number = positions.speakerNumbers.get(record.speakerKey);
    if (number === undefined) {
      number = positions.speakerNumbers.size;
      positions.speakerNumbers.set(record.speakerKey, number);
    }
    positions.facts.speaker[doc] = number;
  }
}

/**
 * Each speaker's records in corpus order, from the per-position speaker numbers: a counting sort
 * of typed arrays when a version is built, each speaker's list made when first asked for. Lists
 * pushed record by record for every quote cost a pass over every record object per reload.
 */
export class SpeakerLists {
  private readonly made = new Map<number, QuoteRecord[]>();
  /** A layered version's speaker positions, sorted ascending, made on first ask (see {@link positionsOf}). */
  private readonly ascending = new Map<number, Uint32Array>();

  private constructor(
    private readonly positions: IndexPositions,
    /** `docs[starts[n]..starts[n+1]]`: speaker number n's positions, in corpus order. */
    private readonly starts: Uint32Array,
    private readonly docs: Uint32Array,
  ) {}

  /** Counts and sorts in slices: millions of positions, and a process's first reload runs this unoptimised. */
  static async build(positions: IndexPositions, pause: Pause, arrays: TypedArraySource = new TypedArrayPool()): Promise<SpeakerLists> {
    const speaker = positions.facts.speaker;
    const count = positions.speakerNumbers.size;
    const starts = new Uint32Array(count + 1);
    for (let doc = 0; doc < speaker.length; doc += 1) {
      const number = speaker[doc]!;
      if (number >= 0) starts[number + 1] = starts[number + 1]! + 1;
      if ((doc & STEP) === STEP) await pause();
    }
    for (let n = 0; n < count; n += 1) starts[n + 1] = starts[n + 1]! + starts[n]!;
    const next = starts.slice(0, count);
    const docs = arrays.take('Uint32Array', starts[count]!);
    const order = positions.facts.corpusOrder;
    const inCorpusOrder = order === undefined ? null : await positionsInCorpusOrder(order, pause, arrays);
    const total = inCorpusOrder === null ? speaker.length : inCorpusOrder.length;
    for (let at = 0; at < total; at += 1) {
      const doc = inCorpusOrder === null ? at : inCorpusOrder[at]!;
      const number = speaker[doc]!;
      if (number >= 0) docs[next[number]!++] = doc;
      if ((at & STEP) === STEP) await pause();
    }
    if (inCorpusOrder !== null) arrays.give(inCorpusOrder);
    return new SpeakerLists(positions, starts, docs);
  }

  /** Gives this version's list of positions back to `arrays` (its version is retired). */
  giveTo(arrays: TypedArraySource): void {
    arrays.give(this.docs);
  }

  /**
   * One speaker's index positions, ascending: a view of the list, or a sorted copy where a layered
   * index keeps the list in corpus order instead.
   */
  positionsOf(speakerKey: string): Uint32Array {
    const number = this.positions.speakerNumbers.get(speakerKey);
    if (number === undefined) return this.docs.subarray(0, 0);
    const list = this.docs.subarray(this.starts[number]!, this.starts[number + 1]!);
    if (this.positions.facts.corpusOrder === undefined) return list;
    // Sorted once per speaker and version, as `of` makes each speaker's records once: it is asked per question.
    let ascending = this.ascending.get(number);
    if (ascending === undefined) this.ascending.set(number, (ascending = Uint32Array.from(list).sort()));
    return ascending;
  }

  /** Every record of one speaker, in corpus order (removed quotes of a layered index left out: their speaker is -1). */
  of(speakerKey: string): readonly QuoteRecord[] {
    const number = this.positions.speakerNumbers.get(speakerKey);
    if (number === undefined) return [];
    let list = this.made.get(number);
    if (list === undefined) {
      list = [];
      for (let i = this.starts[number]!; i < this.starts[number + 1]!; i += 1) list.push(this.positions.recordsByDoc[this.docs[i]!]!);
      this.made.set(number, list);
    }
    return list;
  }
}

/** Live positions listed in corpus order, from each position's place in it (-1: removed). */
async function positionsInCorpusOrder(corpusOrder: Int32Array, pause: Pause, arrays: TypedArraySource): Promise<Uint32Array> {
  // Every live position has one place, so the live ones are as many as the places: the largest place + 1.
  let live = 0;
  for (let from = 0; from < corpusOrder.length; from += STEP + 1) {
    live = Math.max(live, largestPlace(corpusOrder, from, Math.min(from + STEP + 1, corpusOrder.length)) + 1);
    await pause();
  }
  return runPaused(liveInCorpusOrder(corpusOrder, live, arrays.take('Uint32Array', live)), pause);
}

/** The largest place among positions `from..to-1` (-1 if none is live). */
function largestPlace(corpusOrder: Int32Array, from: number, to: number): number {
  let largest = -1;
  for (let doc = from; doc < to; doc += 1) if (corpusOrder[doc]! > largest) largest = corpusOrder[doc]!;
  return largest;
}
