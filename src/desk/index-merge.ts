import { narrowFrequencies, type Frequencies, type InvertedIndexData } from '../search/inverted-index.js';

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
}

/** Beyond any document number: "this run is used up". */
const NONE = 2 ** 32;
/** Postings copied between chances to pause. */
const POSTINGS_PER_STEP = 65_536;

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
  const terms = mergeSortedUnique(old.terms, delta.terms);
  yield;
  // Each merged term's place in the old and delta term lists (-1 if absent there).
  const oldTerm = new Int32Array(terms.length).fill(-1);
  const deltaTerm = new Int32Array(terms.length).fill(-1);
  for (let t = 0, o = 0, d = 0; t < terms.length; t += 1) {
    if (old.terms[o] === terms[t]) oldTerm[t] = o++;
    if (delta.terms[d] === terms[t]) deltaTerm[t] = d++;
  }
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
    // Sized exactly (no copy at the end): at 500k articles a field holds tens of millions of postings.
    let removed = 0;
    for (let i = 0; i < oldDocs.length; i += 1) if (plan.fromOld[oldDocs[i]!]! < 0) removed += 1;
    yield;
    const total = oldDocs.length - removed + deltaDocs.length;
    const mergedDocs = new Uint32Array(total);
    // The wider of the two frequency arrays holds every merged frequency; only when postings left
    // might a narrower one do, as a fresh build would choose.
    const mergedFreqs = wider(oldFreqs, deltaFreqs, total);
    let at = 0;
    let sinceStep = 0;
    for (let t = 0; t < terms.length; t += 1) {
      fieldOffsets[t] = at;
      let i = oldTerm[t]! >= 0 ? oldOffsets[oldTerm[t]!]! : 0;
      const iEnd = oldTerm[t]! >= 0 ? oldOffsets[oldTerm[t]! + 1]! : 0;
      let j = deltaTerm[t]! >= 0 ? deltaOffsets[deltaTerm[t]!]! : 0;
      const jEnd = deltaTerm[t]! >= 0 ? deltaOffsets[deltaTerm[t]! + 1]! : 0;
      sinceStep += iEnd - i + (jEnd - j);
      if (j === jEnd) {
        // Most terms: no new postings, so the old ones are only renumbered (dropping those that left).
        for (; i < iEnd; i += 1) {
          const renumbered = plan.fromOld[oldDocs[i]!]!;
          if (renumbered < 0) continue;
          mergedDocs[at] = renumbered;
          mergedFreqs[at] = oldFreqs[i]!;
          at += 1;
        }
      }
      // Two ascending runs, merged: old documents renumbered (dropping those that left), delta ones placed.
      for (;;) {
        while (i < iEnd && plan.fromOld[oldDocs[i]!]! < 0) i += 1;
        const fromOld = i < iEnd ? plan.fromOld[oldDocs[i]!]! : NONE;
        const fromDelta = j < jEnd ? plan.fromDelta[deltaDocs[j]!]! : NONE;
        if (fromOld === NONE && fromDelta === NONE) break;
        if (fromOld < fromDelta) {
          mergedDocs[at] = fromOld;
          mergedFreqs[at] = oldFreqs[i]!;
          i += 1;
        } else {
          mergedDocs[at] = fromDelta;
          mergedFreqs[at] = deltaFreqs[j]!;
          j += 1;
        }
        at += 1;
      }
      if (sinceStep > POSTINGS_PER_STEP) {
        sinceStep = 0;
        yield;
      }
    }
    fieldOffsets[terms.length] = at;
    offsets.push(fieldOffsets);
    if (at !== total) throw new Error(`index merge placed ${at} postings of ${total}`);
    docs.push(mergedDocs);
    freqs.push(removed > 0 && !(mergedFreqs instanceof Uint8Array) ? narrowFrequencies(Uint32Array.from(mergedFreqs)) : mergedFreqs);
    yield;
    const lengths = new Uint32Array(documents);
    const oldLengths = old.fieldLengths[field]!;
    const deltaLengths = delta.fieldLengths[field]!;
    for (let d = 0; d < plan.fromOld.length; d += 1) if (plan.fromOld[d]! >= 0) lengths[plan.fromOld[d]!] = oldLengths[d]!;
    for (let d = 0; d < plan.fromDelta.length; d += 1) lengths[plan.fromDelta[d]!] = deltaLengths[d]!;
    fieldLengths.push(lengths);
    // The builder's running average, replayed in the merged order: ((avg × n) + length) / (n + 1).
    let average = 0;
    for (let d = 0; d < documents; d += 1) average = (average * d + lengths[d]!) / (d + 1);
    averageFieldLengths.push(average);
    yield;
  }
  return dropEmptyTerms({ fieldCount: old.fieldCount, ids: plan.ids, terms, fieldLengths, averageFieldLengths, offsets, docs, freqs });
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

/** Two sorted lists of unique strings as one, sorted, unique (code-unit order, as the builder sorts). */
function mergeSortedUnique(a: readonly string[], b: readonly string[]): string[] {
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
  }
  return merged;
}
