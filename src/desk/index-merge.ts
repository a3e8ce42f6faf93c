import { narrowFrequencies, type Frequencies, type InvertedIndexData } from '../search/inverted-index.js';
import { firstAtLeast } from '../search/posting-lists.js';

/**
 * Where each document of a merged index comes from, in the merged order: `fromOld[d]` is the
 * merged number of the old index's document d (or -1 when it leaves), `fromDelta[d]` that of the
 * delta index's document d. Kept documents must stay in their old relative order.
 */
export interface MergePlan {
  fromOld: Int32Array;
  fromDelta: Uint32Array;
  /** Quote ids in merged order. */
  ids: string[];
  /**
   * What the documents that leave held, per field: their postings and the largest frequency among
   * them (an index of those documents alone says, at the cost of indexing a few quotes). Without
   * it the old postings are counted one by one, a pass over tens of millions at 500k articles.
   */
  leaving?: { postings: readonly number[]; maxFrequency: readonly number[] } | undefined;
}

/** Beyond any document number: "this run is used up". */
const NONE = 2 ** 32;
/** Postings copied between chances to pause. */
const POSTINGS_PER_STEP = 65_536;
/**
 * Documents walked between chances to pause, less one (a mask): at 500k articles each walk over
 * every document (renumbering pieces, field lengths, the average replay) took 15-55 ms at once.
 */
const DOCUMENTS_PER_STEP = 0x3ffff;
/**
 * Renumbering is piecewise a shift (documents before an insertion keep their numbers, those after
 * move by the insertion's size): up to this many pieces, postings are copied in runs, in bulk
 * where the shift is zero, instead of looked up one by one in `fromOld`.
 */
const MAX_PIECES = 256;
/** Shorter runs than this are renumbered one by one: a binary search costs more than it saves. */
const SHORT_RUN = 16;

/**
 * Builds the index a full rebuild would give, from the previous version's index and a small index
 * of the new and changed quotes: postings of kept documents are renumbered and merged with the
 * delta's, term by term, and the per-field averages replayed in the new order with the builder's
 * own arithmetic, so scores are bit for bit those of a fresh build (tests compare the two). This
 * is what makes adding one article to 500k cost a pass over typed arrays instead of re-tokenising
 * every quote. A generator, so the caller can pause for answers between steps.
 */
export function* mergeIndexes(old: InvertedIndexData, delta: InvertedIndexData, plan: MergePlan): Generator<void, InvertedIndexData> {
  if (old.fieldCount !== delta.fieldCount) throw new Error('indexes with different fields cannot be merged');
  const documents = plan.ids.length;
  const { terms, inOld: oldTerm, inDelta: deltaTerm } = yield* alignTerms(old.terms, delta.terms);
  const pieces = yield* piecesOf(plan.fromOld);
  const oldBefore = oldDocumentsBefore(plan);
  yield;
  const offsets: Uint32Array[] = [];
  const docs: Uint32Array[] = [];
  const freqs: Frequencies[] = [];
  const fieldLengths: Uint32Array[] = [];
  const averageFieldLengths: number[] = [];
  for (let field = 0; field < old.fieldCount; field += 1) {
    const oldOffsets = old.offsets[field]!;
    const oldDocs = old.docs[field]!;
    const oldFreqs = old.freqs[field]!;
    const deltaOffsets = delta.offsets[field]!;
    const deltaDocs = delta.docs[field]!;
    const deltaFreqs = delta.freqs[field]!;
    const fieldOffsets = new Uint32Array(terms.length + 1);
    const removed = yield* removedPostings(oldDocs, plan, pieces, field);
    // Sized exactly (no copy at the end): at 500k articles a field holds tens of millions of postings.
    const total = oldDocs.length - removed + deltaDocs.length;
    const mergedDocs = new Uint32Array(total);
    // The wider of the two frequency arrays holds every merged frequency; only when postings left
    // might a narrower one do, as a fresh build would choose.
    const mergedFreqs = wider(oldFreqs, deltaFreqs, total);
    const out = new OldRuns(oldDocs, oldFreqs, mergedDocs, mergedFreqs, plan.fromOld, pieces);
    let sinceStep = 0;
    for (let t = 0; t < terms.length; t += 1) {
      fieldOffsets[t] = out.at;
      let i = oldTerm[t]! >= 0 ? oldOffsets[oldTerm[t]!]! : 0;
      const iEnd = oldTerm[t]! >= 0 ? oldOffsets[oldTerm[t]! + 1]! : 0;
      const j0 = deltaTerm[t]! >= 0 ? deltaOffsets[deltaTerm[t]!]! : 0;
      const jEnd = deltaTerm[t]! >= 0 ? deltaOffsets[deltaTerm[t]! + 1]! : 0;
      sinceStep += iEnd - i + (jEnd - j0);
      // Two ascending runs, merged: old documents renumbered in runs (dropping those that left),
      // each delta posting placed after the old documents that come before it.
      for (let j = j0; j < jEnd; j += 1) {
        const k = firstAtLeast(oldDocs, oldBefore[deltaDocs[j]!]!, i, iEnd);
        out.copy(i, k);
        i = k;
        mergedDocs[out.at] = plan.fromDelta[deltaDocs[j]!]!;
        mergedFreqs[out.at] = deltaFreqs[j]!;
        out.at += 1;
      }
      out.copy(i, iEnd);
      if (sinceStep > POSTINGS_PER_STEP) {
        sinceStep = 0;
        yield;
      }
    }
    const at = out.at;
    fieldOffsets[terms.length] = at;
    offsets.push(fieldOffsets);
    if (at !== total) throw new Error(`index merge placed ${at} postings of ${total}`);
    docs.push(mergedDocs);
    const mayNarrow = removed > 0 && !(mergedFreqs instanceof Uint8Array) && (plan.leaving === undefined || plan.leaving.maxFrequency[field]! > maxOfNarrower(mergedFreqs));
    freqs.push(mayNarrow ? narrowFrequencies(Uint32Array.from(mergedFreqs)) : mergedFreqs);
    yield;
    const lengths = new Uint32Array(documents);
    const oldLengths = old.fieldLengths[field]!;
    const deltaLengths = delta.fieldLengths[field]!;
    for (let d = 0; d < plan.fromOld.length; d += 1) {
      if (plan.fromOld[d]! >= 0) lengths[plan.fromOld[d]!] = oldLengths[d]!;
      if ((d & DOCUMENTS_PER_STEP) === DOCUMENTS_PER_STEP) yield;
    }
    for (let d = 0; d < plan.fromDelta.length; d += 1) lengths[plan.fromDelta[d]!] = deltaLengths[d]!;
    fieldLengths.push(lengths);
    yield;
    // The builder's running average, replayed in the merged order: ((avg × n) + length) / (n + 1).
    let average = 0;
    for (let d = 0; d < documents; d += 1) {
      average = (average * d + lengths[d]!) / (d + 1);
      if ((d & DOCUMENTS_PER_STEP) === DOCUMENTS_PER_STEP) yield;
    }
    averageFieldLengths.push(average);
    yield;
  }
  return dropEmptyTerms({ fieldCount: old.fieldCount, ids: plan.ids, terms, fieldLengths, averageFieldLengths, offsets, docs, freqs });
}

/** A stretch of old document numbers `[start, end)` renumbered by adding `shift`, or leaving (`shift` null). */
interface Piece {
  start: number;
  end: number;
  shift: number | null;
}

/** `fromOld` as pieces, or null when it has too many for runs to pay (most documents moved about). */
function* piecesOf(fromOld: Int32Array): Generator<void, Piece[] | null> {
  const pieces: Piece[] = [];
  for (let d = 0; d < fromOld.length; d += 1) {
    if ((d & DOCUMENTS_PER_STEP) === DOCUMENTS_PER_STEP) yield;
    const shift = fromOld[d]! < 0 ? null : fromOld[d]! - d;
    const last = pieces[pieces.length - 1];
    if (last !== undefined && last.shift === shift) last.end = d + 1;
    else {
      if (pieces.length === MAX_PIECES) return null;
      pieces.push({ start: d, end: d + 1, shift });
    }
  }
  return pieces;
}

/** Per delta document: how many old document numbers come before it in the merged order (kept ones keep their order). */
function oldDocumentsBefore(plan: MergePlan): Uint32Array {
  const before = new Uint32Array(plan.fromDelta.length);
  let d = 0;
  for (let j = 0; j < plan.fromDelta.length; j += 1) {
    const merged = plan.fromDelta[j]!;
    while (d < plan.fromOld.length && plan.fromOld[d]! < merged) d += 1;
    before[j] = d;
  }
  return before;
}

/** Postings of the old index's field whose documents leave. */
function* removedPostings(oldDocs: Uint32Array, plan: MergePlan, pieces: Piece[] | null, field: number): Generator<void, number> {
  if (pieces !== null && pieces.every((piece) => piece.shift !== null)) return 0;
  if (plan.leaving !== undefined) return plan.leaving.postings[field]!;
  let removed = 0;
  for (let i = 0; i < oldDocs.length; i += 1) {
    if (plan.fromOld[oldDocs[i]!]! < 0) removed += 1;
    if ((i & 0xfffff) === 0xfffff) yield;
  }
  return removed;
}

/** Copies runs of one term's old postings into the merged arrays, renumbered, dropping documents that leave. */
class OldRuns {
  /** Where the next merged posting goes. */
  at = 0;

  constructor(
    private readonly oldDocs: Uint32Array,
    private readonly oldFreqs: Frequencies,
    private readonly mergedDocs: Uint32Array,
    private readonly mergedFreqs: Frequencies,
    private readonly fromOld: Int32Array,
    private readonly pieces: Piece[] | null,
  ) {}

  /** Copies old postings `i..end`. */
  copy(i: number, end: number): void {
    if (this.pieces === null || end - i < SHORT_RUN) {
      this.oneByOne(i, end);
      return;
    }
    while (i < end) {
      const piece = this.pieces[pieceOf(this.pieces, this.oldDocs[i]!)]!;
      const runEnd = firstAtLeast(this.oldDocs, piece.end, i, end);
      if (piece.shift !== null) this.shifted(i, runEnd, piece.shift);
      i = runEnd;
    }
  }

  private oneByOne(i: number, end: number): void {
    const { oldDocs, oldFreqs, mergedDocs, mergedFreqs, fromOld } = this;
    let at = this.at;
    for (; i < end; i += 1) {
      const renumbered = fromOld[oldDocs[i]!]!;
      if (renumbered < 0) continue;
      mergedDocs[at] = renumbered;
      mergedFreqs[at] = oldFreqs[i]!;
      at += 1;
    }
    this.at = at;
  }

  private shifted(i: number, end: number, shift: number): void {
    const { oldDocs, mergedDocs } = this;
    const at = this.at;
    if (shift === 0) mergedDocs.set(oldDocs.subarray(i, end), at);
    else for (let k = 0; k < end - i; k += 1) mergedDocs[at + k] = oldDocs[i + k]! + shift;
    this.mergedFreqs.set(this.oldFreqs.subarray(i, end), at);
    this.at = at + (end - i);
  }
}

/** The piece holding old document `doc`. */
function pieceOf(pieces: readonly Piece[], doc: number): number {
  let low = 0;
  let high = pieces.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if (pieces[middle]!.start <= doc) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** The largest frequency the next narrower array holds: a leaving posting above it may have been the one that needed this width. */
function maxOfNarrower(frequencies: Frequencies): number {
  return frequencies instanceof Uint32Array ? 0xffff : 0xff;
}

function wider(a: Frequencies, b: Frequencies, length: number): Frequencies {
  const bytes = Math.max(a.BYTES_PER_ELEMENT, b.BYTES_PER_ELEMENT);
  return bytes === 1 ? new Uint8Array(length) : bytes === 2 ? new Uint16Array(length) : new Uint32Array(length);
}

/** Terms whose every posting left (a removed article's rare words), dropped as a fresh build never has them. */
function dropEmptyTerms(data: InvertedIndexData): InvertedIndexData {
  const keep: number[] = [];
  for (let t = 0; t < data.terms.length; t += 1) {
    if (data.offsets.some((offsets) => offsets[t + 1]! > offsets[t]!)) keep.push(t);
  }
  if (keep.length === data.terms.length) return data;
  const offsets = data.offsets.map((fieldOffsets) => {
    const compact = new Uint32Array(keep.length + 1);
    keep.forEach((t, k) => (compact[k] = fieldOffsets[t]!));
    compact[keep.length] = fieldOffsets[data.terms.length]!;
    return compact;
  });
  return { ...data, terms: keep.map((t) => data.terms[t]!), offsets };
}

/** Two indexes' terms as one sorted list, with each term's place in either list (-1: not there). */
export interface AlignedTerms {
  terms: string[];
  inOld: Int32Array;
  inDelta: Int32Array;
}

/** The terms of two indexes aligned (see {@link AlignedTerms}): what a merge of their postings, or a snapshot of a layered index, walks term by term. */
export function* alignTerms(oldTerms: readonly string[], deltaTerms: readonly string[]): Generator<void, AlignedTerms> {
  const terms = yield* mergeSortedUnique(oldTerms, deltaTerms);
  const inOld = new Int32Array(terms.length).fill(-1);
  const inDelta = new Int32Array(terms.length).fill(-1);
  for (let t = 0, o = 0, d = 0; t < terms.length; t += 1) {
    if (oldTerms[o] === terms[t]) inOld[t] = o++;
    if (deltaTerms[d] === terms[t]) inDelta[t] = d++;
    if ((t & 0xffff) === 0xffff) yield;
  }
  yield;
  return { terms, inOld, inDelta };
}

/** Two sorted lists of unique strings as one, sorted, unique (code-unit order, as the builder sorts). */
function* mergeSortedUnique(a: readonly string[], b: readonly string[]): Generator<void, string[]> {
  const merged: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]! < b[j]!)) merged.push(a[i++]!);
    else if (i >= a.length || b[j]! < a[i]!) merged.push(b[j++]!);
    else {
      merged.push(a[i++]!);
      j += 1;
    }
    if ((merged.length & 0xffff) === 0) yield;
  }
  return merged;
}
