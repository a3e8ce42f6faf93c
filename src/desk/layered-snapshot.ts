import { INDEX_CODEC_VERSION, NUMBERS_PER_LINE, STRINGS_PER_LINE, chunks, encodeIndex, encodePostings, encodeVarints, line, type Header } from '../search/index-codec.js';
import { placeInCorpusOrder, type IndexLayers } from '../search/layered-index.js';
import { alignTerms } from './index-merge.js';

/** Beyond any place in corpus order: "this run is used up". */
const NONE = 2 ** 32;
/** Terms between chances to pause. */
const STEP = 0x3fff;

/**
 * The snapshot lines of a layered index, exactly those `encodeIndex` writes for the index its
 * layers fold into, made without folding: each run of terms' postings is merged from the two
 * layers into a buffer of one line's size, renumbered to corpus order on the way. Folding first
 * allocated every posting of the corpus afresh (hundreds of megabytes at 500k articles) and kept
 * the copy; the collector's work on that stalled answers for ≈850 ms. Yields `''` where the
 * writer may pause (see `writeLines`).
 */
export function* encodeLayeredIndex(layers: IndexLayers): Generator<string> {
  const { base, delta, corpusOrder, documentCount } = layers;
  const baseData = base.toData();
  if (layers.dead === null && delta.size === 0) return yield* encodeIndex(baseData);
  const deltaData = delta.toData();
  const baseSize = base.size;
  const fieldCount = baseData.fieldCount;

  // Terms of both layers, with live postings (a term held only by dead documents leaves, as a fold drops it).
  const aligned = yield* asLinePauses(alignTerms(baseData.terms, deltaData.terms));
  const terms: string[] = [];
  const baseTerm = new Int32Array(aligned.terms.length);
  const deltaTerm = new Int32Array(aligned.terms.length);
  // Per field: the offsets a fold would give, filled as far as `terms` goes.
  const offsets = Array.from({ length: fieldCount }, () => new Uint32Array(aligned.terms.length + 1));
  const counts = new Uint32Array(fieldCount);
  for (let t = 0; t < aligned.terms.length; t += 1) {
    const term = aligned.terms[t]!;
    const b = aligned.inOld[t]!;
    const d = aligned.inDelta[t]!;
    const dead = b >= 0 ? layers.deadPostings.get(term) : undefined;
    let total = 0;
    for (let field = 0; field < fieldCount; field += 1) {
      const inBase = b >= 0 ? baseData.offsets[field]![b + 1]! - baseData.offsets[field]![b]! - (dead?.[field] ?? 0) : 0;
      const inDelta = d >= 0 ? deltaData.offsets[field]![d + 1]! - deltaData.offsets[field]![d]! : 0;
      counts[field] = inBase + inDelta;
      total += inBase + inDelta;
    }
    if (total > 0) {
      const kept = terms.length;
      terms.push(term);
      baseTerm[kept] = b;
      deltaTerm[kept] = d;
      for (let field = 0; field < fieldCount; field += 1) offsets[field]![kept + 1] = offsets[field]![kept]! + counts[field]!;
    }
    if ((t & STEP) === STEP) yield '';
  }
  for (let field = 0; field < fieldCount; field += 1) offsets[field] = offsets[field]!.subarray(0, terms.length + 1);
  yield '';

  const header: Header = {
    version: INDEX_CODEC_VERSION,
    fieldCount,
    documents: documentCount,
    terms: terms.length,
    postings: offsets.map((fieldOffsets) => fieldOffsets[terms.length]!),
    averageFieldLengths: [...layers.averageFieldLengths],
  };
  yield line(['header', header]);

  const ids = new Array<string>(documentCount);
  yield* asLinePauses(placeInCorpusOrder(layers, baseData.ids, deltaData.ids, ids));
  for (let at = 0; at === 0 || at < ids.length; at += STRINGS_PER_LINE) yield line(['ids', ids.slice(at, at + STRINGS_PER_LINE)]);
  for (let at = 0; at === 0 || at < terms.length; at += STRINGS_PER_LINE) yield line(['terms', terms.slice(at, at + STRINGS_PER_LINE)]);

  let docs = new Uint32Array(NUMBERS_PER_LINE * 2);
  let freqs = new Uint32Array(NUMBERS_PER_LINE * 2);
  for (let field = 0; field < fieldCount; field += 1) {
    const lengths = new Uint32Array(documentCount);
    yield* asLinePauses(placeInCorpusOrder(layers, baseData.fieldLengths[field]!, deltaData.fieldLengths[field]!, lengths));
    for (let at = 0; at === 0 || at < lengths.length; at += NUMBERS_PER_LINE) {
      for (const chunk of chunks(encodeVarints(lengths.subarray(at, at + NUMBERS_PER_LINE)))) yield line(['lengths', field, chunk]);
    }

    const fieldOffsets = offsets[field]!;
    const baseOffsets = baseData.offsets[field]!;
    const baseDocs = baseData.docs[field]!;
    const baseFreqs = baseData.freqs[field]!;
    const deltaOffsets = deltaData.offsets[field]!;
    const deltaDocs = deltaData.docs[field]!;
    const deltaFreqs = deltaData.freqs[field]!;
    // The runs of whole terms `encodeIndex` makes lines of, each merged into `docs`/`freqs` first.
    for (let term = 0; term === 0 || term + 1 < fieldOffsets.length; ) {
      let end = term + 1;
      while (end + 1 < fieldOffsets.length && fieldOffsets[end]! - fieldOffsets[term]! < NUMBERS_PER_LINE) end += 1;
      const first = fieldOffsets[term]!;
      const size = fieldOffsets[Math.min(end, terms.length)]! - first;
      if (size > docs.length) {
        docs = new Uint32Array(size);
        freqs = new Uint32Array(size);
      }
      let out = 0;
      for (let t = term; t < end && t < terms.length; t += 1) {
        let i = baseTerm[t]! >= 0 ? baseOffsets[baseTerm[t]!]! : 0;
        const iEnd = baseTerm[t]! >= 0 ? baseOffsets[baseTerm[t]! + 1]! : 0;
        let j = deltaTerm[t]! >= 0 ? deltaOffsets[deltaTerm[t]!]! : 0;
        const jEnd = deltaTerm[t]! >= 0 ? deltaOffsets[deltaTerm[t]! + 1]! : 0;
        // Both runs ascend in corpus order (kept base documents keep their order): a two-way merge, dead ones dropped.
        let baseAt = -1;
        for (; i < iEnd && (baseAt = corpusOrder[baseDocs[i]!]!) < 0; i += 1);
        while (i < iEnd || j < jEnd) {
          const deltaAt = j < jEnd ? corpusOrder[baseSize + deltaDocs[j]!]! : NONE;
          if (i < iEnd && baseAt < deltaAt) {
            docs[out] = baseAt;
            freqs[out] = baseFreqs[i]!;
            for (i += 1; i < iEnd && (baseAt = corpusOrder[baseDocs[i]!]!) < 0; i += 1);
          } else {
            docs[out] = deltaAt;
            freqs[out] = deltaFreqs[j]!;
            j += 1;
          }
          out += 1;
        }
        if (out !== fieldOffsets[t + 1]! - first) throw new Error(`layered snapshot placed ${out} postings of ${fieldOffsets[t + 1]! - first}`);
      }
      const run = new Uint32Array(end - term + 1);
      for (let k = 0; k < run.length; k += 1) run[k] = fieldOffsets[term + k]! - first;
      for (const chunk of chunks(encodePostings(run, docs, freqs))) yield line(['postings', field, chunk]);
      term = end;
    }
  }
}

/** A computation's pauses as the writer's (`''`), its result passed on. */
function* asLinePauses<T>(steps: Generator<void, T>): Generator<string, T> {
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) return step.value;
    yield '';
  }
}
