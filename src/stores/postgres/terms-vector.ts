import type { InvertedIndexData } from '../../search/inverted-index.js';
import { SCORED_FIELDS } from '../../search/quote-index.js';
import { indexTerms, queryTerms, tokenize } from '../../search/terms.js';

/** Field weights in the vector: the quote's words A, its paragraph B, the headline C (see quote-index.ts). */
const FIELD_WEIGHTS = ['A', 'B', 'C'] as const;
/**
 * Where each field's positions start. A term's position in a field is this plus its frequency
 * there, so the vector carries the term frequencies BM25+ needs ({@link countsFromPositions}) and
 * the fields' positions never collide (PostgreSQL keeps positions 1–16383, and merges equal ones).
 */
const FIELD_BASES = [0, 5_000, 10_000] as const;
/** The most occurrences of one term in one field the vector can say; more count as this many. */
const MAX_COUNTED_FREQUENCY = 4_999;

/** A quote's terms vector, and its fields' lengths as the embedded index counts them (distinct tokens). */
export interface QuoteTerms {
  vector: string;
  lengths: [number, number, number];
}

/**
 * A `tsvector` literal of the project's own index terms for a quote's fields (text, paragraph,
 * headline): each term once per field it occurs in, weighted by the field, at a position that
 * says how often it occurs there. Built here rather than with PostgreSQL's `to_tsvector`, so
 * stems, place stems ("Ukraine" → "ukrain", as "Ukrainian") and country synonyms are exactly the
 * embedded index's.
 *
 * One position per field, not one per occurrence: the vector stays small enough to live in the
 * row rather than in TOAST, which halved the work of ranking a common topic. ts_rank reads only
 * the positions' weights and order (text before paragraph before headline, as before), not their
 * values, so the frequencies in them change no ranking; the candidates' exact BM25+ reads them
 * instead of tokenising each candidate's paragraph at question time.
 * The writer reads the same literal from the index's postings ({@link vectorsFromPostings}); this
 * tokenising form is its reference, and what the tests compare it with. Lexemes are quoted, so no
 * term can break out of the literal COPY sends.
 */
export function quoteTerms(fields: readonly [string, string, string]): QuoteTerms {
  const counts = new Map<string, [number, number, number]>();
  const lengths: [number, number, number] = [0, 0, 0];
  fields.forEach((text, field) => {
    const tokens = tokenize(text);
    lengths[field] = new Set(tokens).size;
    for (const token of tokens) {
      for (const term of indexTerms(token) ?? []) {
        let perField = counts.get(term);
        if (perField === undefined) counts.set(term, (perField = [0, 0, 0]));
        perField[field] = perField[field]! + 1;
      }
    }
  });
  const vector = [...counts]
    .map(([term, perField]) => {
      const at = perField.flatMap((count, field) => (count === 0 ? [] : [`${FIELD_BASES[field]! + Math.min(count, MAX_COUNTED_FREQUENCY)}${FIELD_WEIGHTS[field]}`]));
      return `${lexeme(term)}:${at.join(',')}`;
    })
    .join(' ');
  return { vector, lengths };
}

/** The field a vector position belongs to (see {@link FIELD_BASES}). */
function fieldOf(position: number): 0 | 1 | 2 {
  return position > FIELD_BASES[2] ? 2 : position > FIELD_BASES[1] ? 1 : 0;
}

/** The per-field frequencies a term's positions in a {@link quoteTerms} vector say. */
export function countsFromPositions(positions: readonly number[]): [number, number, number] {
  const counts: [number, number, number] = [0, 0, 0];
  for (const position of positions) {
    const field = fieldOf(position);
    counts[field] = position - FIELD_BASES[field];
  }
  return counts;
}

/** Quotes whose postings are gathered at once by {@link vectorsFromPostings}: bounds its memory (≈ 6 bytes per posting of a chunk). */
const VECTOR_CHUNK_DOCS = 32_768;

/**
 * Every indexed quote's terms vector, in index order (one string per document number, empty for
 * a document without terms), read from the embedded index's postings instead of tokenising each
 * quote's text, paragraph and headline again: the index already holds, per term and field, each
 * quote's frequency, counted from the same tokens {@link quoteTerms} would count. The literal is
 * {@link quoteTerms}'s (same lexemes, weights and positions; lexemes in byte order, which
 * PostgreSQL sorts them into anyway). Tokenising again was most of the writer's JavaScript.
 *
 * The index's postings run by term; a vector needs them by document. They are turned around one
 * chunk of documents at a time: each term's postings are sorted by document, so a cursor per term
 * and field walks through them once over the whole corpus.
 */
export function* vectorsFromPostings(data: InvertedIndexData, chunkDocs = VECTOR_CHUNK_DOCS): Generator<string> {
  const documentCount = data.ids.length;
  const termCount = data.terms.length;
  const fields = Math.min(SCORED_FIELDS, data.fieldCount);
  const cursors = Array.from({ length: fields }, (_, field) => data.offsets[field]!.slice(0, termCount));
  // Each term's quoted lexeme and each position's text ("5002B"), written once each.
  const lexemes = new Array<string | undefined>(termCount);
  const positions = new Array<string | undefined>(FIELD_BASES[2] + MAX_COUNTED_FREQUENCY + 1);
  for (let low = 0; low < documentCount; low += chunkDocs) {
    const high = Math.min(documentCount, low + chunkDocs);
    // Pass 1: how many entries (term, field) each document of the chunk has.
    const starts = new Uint32Array(high - low + 1);
    for (let term = 0; term < termCount; term += 1) {
      for (let field = 0; field < fields; field += 1) {
        const docs = data.docs[field]!;
        const end = data.offsets[field]![term + 1]!;
        for (let at = cursors[field]![term]!; at < end && docs[at]! < high; at += 1) starts[docs[at]! - low + 1]! += 1;
      }
    }
    for (let i = 1; i < starts.length; i += 1) starts[i]! += starts[i - 1]!;
    // Pass 2: the entries themselves, per document in term order (and per term in field order).
    const filled = starts.slice(0, high - low);
    const entryTerms = new Uint32Array(starts[high - low]!);
    const entryPositions = new Uint16Array(entryTerms.length);
    for (let term = 0; term < termCount; term += 1) {
      for (let field = 0; field < fields; field += 1) {
        const docs = data.docs[field]!;
        const freqs = data.freqs[field]!;
        const end = data.offsets[field]![term + 1]!;
        const cursor = cursors[field]!;
        let at = cursor[term]!;
        for (; at < end && docs[at]! < high; at += 1) {
          const slot = filled[docs[at]! - low]!++;
          entryTerms[slot] = term;
          // The field's base plus the frequency, as quoteTerms writes it; the field is recovered from the range.
          entryPositions[slot] = FIELD_BASES[field]! + Math.min(freqs[at]!, MAX_COUNTED_FREQUENCY);
        }
        cursor[term] = at;
      }
    }
    for (let doc = low; doc < high; doc += 1) {
      let vector = '';
      const end = starts[doc - low + 1]!;
      for (let i = starts[doc - low]!; i < end; i += 1) {
        const term = entryTerms[i]!;
        const position = entryPositions[i]!;
        const at = (positions[position] ??= `${position}${FIELD_WEIGHTS[fieldOf(position)]}`);
        if (i > starts[doc - low]! && entryTerms[i - 1] === term) vector += `,${at}`;
        else vector += `${vector === '' ? '' : ' '}${(lexemes[term] ??= `${lexeme(data.terms[term]!)}:`)}${at}`;
      }
      yield vector;
    }
  }
}

/** The question's terms as a `tsquery` literal: any of them (OR), long ones also as prefixes ("ukrain:*"). */
export function topicQuery(terms: readonly string[], isPrefix: (term: string) => boolean): string | null {
  const unique = [...new Set(terms)];
  if (unique.length === 0) return null;
  return unique.map((term) => `${lexeme(term)}${isPrefix(term) ? ':*' : ''}`).join(' | ');
}

/** A topic's query terms, as the embedded index derives them (quote-index.ts `specFor`). */
export function topicTerms(topic: string): string[] {
  return tokenize(topic)
    .flatMap((token) => queryTerms(token) ?? [])
    .filter((term) => term.length > 0);
}

function lexeme(term: string): string {
  return `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}
