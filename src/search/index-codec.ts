import { narrowFrequencies, type Frequencies, type InvertedIndexData } from './inverted-index.js';

/**
 * The index as JSON lines small enough to write and parse one at a time: V8 strings stop at
 * ~512 MB, and at 500k articles one JSON string of the index would be far past that. Postings are
 * varint-coded (document gaps and frequencies, a byte or two each) and base64-wrapped, so loading
 * is a decode loop over bytes, not millions of parsed numbers.
 */

/** Bump when the lines below change shape. */
export const INDEX_CODEC_VERSION = 2;
/** The place value of a LEB128 number's fifth and last byte (2²⁸): anything beyond is malformed. */
const MAX_SCALE = 2 ** 28;
/** Raw bytes per base64 line: ≈64 MB of text, far below the string limit. */
const CHUNK_BYTES = 48 * 1024 * 1024;

export type Line = [key: 'header', value: Header] | [key: 'ids' | 'terms', value: string[]] | [key: 'lengths' | 'postings', field: number, base64: string];

export interface Header {
  version: number;
  fieldCount: number;
  documents: number;
  terms: number;
  /** Per field: how many postings, so decoding allocates once. */
  postings: number[];
  averageFieldLengths: number[];
}

/** Encodes an index as a sequence of JSON lines (each a JSON array; the file is their concatenation). */
export function* encodeIndex(data: InvertedIndexData): Generator<string> {
  const header: Header = {
    version: INDEX_CODEC_VERSION,
    fieldCount: data.fieldCount,
    documents: data.ids.length,
    terms: data.terms.length,
    postings: data.docs.map((docs) => docs.length),
    averageFieldLengths: data.averageFieldLengths,
  };
  yield line(['header', header]);
  // Lines of bounded size, each quick to make: a snapshot written while a bot serves answers must
  // never hold the event loop for long (one line of 1.9M ids, or a field's postings at once, did).
  for (let at = 0; at === 0 || at < data.ids.length; at += STRINGS_PER_LINE) yield line(['ids', data.ids.slice(at, at + STRINGS_PER_LINE)]);
  for (let at = 0; at === 0 || at < data.terms.length; at += STRINGS_PER_LINE) yield line(['terms', data.terms.slice(at, at + STRINGS_PER_LINE)]);
  for (let field = 0; field < data.fieldCount; field += 1) {
    const lengths = data.fieldLengths[field]!;
    for (let at = 0; at === 0 || at < lengths.length; at += NUMBERS_PER_LINE) {
      for (const chunk of chunks(encodeVarints(lengths.subarray(at, at + NUMBERS_PER_LINE)))) yield line(['lengths', field, chunk]);
    }
    const offsets = data.offsets[field]!;
    // Postings in runs of whole terms (the decoder reads the lines of a field as one byte stream).
    for (let term = 0; term === 0 || term + 1 < offsets.length; ) {
      let end = term + 1;
      while (end + 1 < offsets.length && offsets[end]! - offsets[term]! < NUMBERS_PER_LINE) end += 1;
      const run = offsets.subarray(term, end + 1);
      for (const chunk of chunks(encodePostings(run, data.docs[field]!, data.freqs[field]!))) yield line(['postings', field, chunk]);
      term = end;
    }
  }
}

/** Ids or terms per line, and numbers (lengths, postings) per line: each line takes a few milliseconds to make. */
export const STRINGS_PER_LINE = 20_000;
export const NUMBERS_PER_LINE = 100_000;

/** Reads lines written by {@link encodeIndex} back into an index; throws on anything else or anything missing. */
export class IndexDecoder {
  private header: Header | null = null;
  private ids: string[] | null = null;
  private terms: string[] | null = null;
  private readonly lengths = new Map<number, Buffer[]>();
  private readonly postings = new Map<number, Buffer[]>();

  push(text: string): void {
    const parsed = JSON.parse(text) as Line;
    switch (parsed[0]) {
      case 'header':
        if (parsed[1].version !== INDEX_CODEC_VERSION) throw new Error(`index codec ${parsed[1].version} is not ${INDEX_CODEC_VERSION}`);
        this.header = parsed[1];
        return;
      case 'ids':
      case 'terms':
        if (!Array.isArray(parsed[1]) || !parsed[1].every((item) => typeof item === 'string')) throw new Error(`index ${parsed[0]} are not strings`);
        // Written in several lines: each adds to what the ones before it held.
        if (this[parsed[0]] === null) this[parsed[0]] = parsed[1];
        else for (const item of parsed[1]) this[parsed[0]]!.push(item);
        return;
      case 'lengths':
      case 'postings': {
        const store = parsed[0] === 'lengths' ? this.lengths : this.postings;
        const list = store.get(parsed[1]) ?? [];
        list.push(Buffer.from(parsed[2], 'base64'));
        store.set(parsed[1], list);
        return;
      }
      default:
        throw new Error('index line of an unknown kind');
    }
  }

  finish(): InvertedIndexData {
    const { header, ids, terms } = this;
    if (!header || !ids || !terms) throw new Error('index is incomplete');
    if (ids.length !== header.documents || terms.length !== header.terms) throw new Error('index counts do not agree');
    const data: InvertedIndexData = {
      fieldCount: header.fieldCount,
      ids,
      terms,
      fieldLengths: [],
      averageFieldLengths: header.averageFieldLengths,
      offsets: [],
      docs: [],
      freqs: [],
    };
    for (let field = 0; field < header.fieldCount; field += 1) {
      const lengths = decodeVarints(Buffer.concat(this.lengths.get(field) ?? []), ids.length);
      const { offsets, docs, freqs } = decodePostings(Buffer.concat(this.postings.get(field) ?? []), terms.length, ids.length, header.postings[field] ?? 0);
      data.fieldLengths.push(lengths);
      data.offsets.push(offsets);
      data.docs.push(docs);
      data.freqs.push(freqs);
    }
    return data;
  }
}

export function line(value: Line): string {
  return `${JSON.stringify(value)}\n`;
}

export function* chunks(bytes: Buffer): Generator<string> {
  for (let at = 0; at < bytes.length || at === 0; at += CHUNK_BYTES) {
    yield bytes.subarray(at, at + CHUNK_BYTES).toString('base64');
    if (bytes.length === 0) return;
  }
}

/** Per term: its posting count, then (document gap, frequency) pairs; gaps from the previous document of the same term. */
export function encodePostings(offsets: Uint32Array, docs: Uint32Array, freqs: Frequencies): Buffer {
  // Sized by this run's postings, not the field's: sized by the field, each line of a 105k-article
  // snapshot allocated tens of megabytes, and the collector ran a scavenge for every few of them.
  const writer = new VarintWriter((offsets[offsets.length - 1]! - offsets[0]!) * 3 + offsets.length * 2);
  for (let term = 0; term + 1 < offsets.length; term += 1) {
    const start = offsets[term]!;
    const end = offsets[term + 1]!;
    writer.write(end - start);
    let previous = 0;
    for (let i = start; i < end; i += 1) {
      writer.write(docs[i]! - previous);
      writer.write(freqs[i]!);
      previous = docs[i]!;
    }
  }
  return writer.done();
}

/** The inverse of {@link encodePostings}, as one tight loop: it runs once per posting at every start. */
function decodePostings(bytes: Buffer, termCount: number, documentCount: number, postingCount: number) {
  const offsets = new Uint32Array(termCount + 1);
  const docs = new Uint32Array(postingCount);
  const freqs = new Uint32Array(postingCount);
  const end = bytes.length;
  let at = 0;
  let total = 0;
  // LEB128 numbers are read inline (three times below): a method call per number cost 3× as much,
  // and `2 ** shift` per byte (a Math.pow call) cost as much again where gaps take three bytes.
  for (let term = 0; term < termCount; term += 1) {
    offsets[term] = total;
    let count = 0;
    for (let scale = 1; ; scale *= 128) {
      if (at >= end || scale > MAX_SCALE) throw new Error('index postings are cut short or malformed');
      const byte = bytes[at++]!;
      count += (byte & 0x7f) * scale;
      if (byte < 0x80) break;
    }
    if (total + count > postingCount) throw new Error('index holds more postings than its header says');
    let doc = 0;
    for (let i = 0; i < count; i += 1, total += 1) {
      if (at + 2 > end) throw new Error('index postings are cut short');
      let byte = bytes[at++]!;
      let gap = byte & 0x7f;
      for (let scale = 128; byte >= 0x80; scale *= 128) {
        if (at >= end || scale > MAX_SCALE) throw new Error('index postings are cut short or malformed');
        byte = bytes[at++]!;
        gap += (byte & 0x7f) * scale;
      }
      doc += gap;
      if (doc >= documentCount) throw new Error('index posting points past the last document');
      docs[total] = doc;
      if (at >= end) throw new Error('index postings are cut short');
      byte = bytes[at++]!;
      let freq = byte & 0x7f;
      for (let scale = 128; byte >= 0x80; scale *= 128) {
        if (at >= end || scale > MAX_SCALE) throw new Error('index postings are cut short or malformed');
        byte = bytes[at++]!;
        freq += (byte & 0x7f) * scale;
      }
      freqs[total] = freq;
    }
  }
  offsets[termCount] = total;
  if (total !== postingCount || at !== end) throw new Error('index postings do not match their header');
  return { offsets, docs, freqs: narrowFrequencies(freqs) };
}

export function encodeVarints(values: Uint32Array): Buffer {
  const writer = new VarintWriter(values.length + 16);
  for (const value of values) writer.write(value);
  return writer.done();
}

function decodeVarints(bytes: Buffer, count: number): Uint32Array {
  const reader = new VarintReader(bytes);
  const values = new Uint32Array(count);
  for (let i = 0; i < count; i += 1) values[i] = reader.read();
  if (!reader.atEnd()) throw new Error('index field lengths have trailing bytes');
  return values;
}

/** LEB128 unsigned integers (7 bits a byte, high bit = more), for values below 2³². */
class VarintWriter {
  private bytes: Buffer;
  private length = 0;

  constructor(capacity: number) {
    this.bytes = Buffer.allocUnsafe(Math.max(16, capacity));
  }

  write(value: number): void {
    if (this.length + 5 > this.bytes.length) {
      const bigger = Buffer.allocUnsafe(this.bytes.length * 2);
      this.bytes.copy(bigger, 0, 0, this.length);
      this.bytes = bigger;
    }
    let rest = value >>> 0;
    while (rest >= 0x80) {
      this.bytes[this.length++] = (rest & 0x7f) | 0x80;
      rest >>>= 7;
    }
    this.bytes[this.length++] = rest;
  }

  done(): Buffer {
    return this.bytes.subarray(0, this.length);
  }
}

class VarintReader {
  private at = 0;

  constructor(private readonly bytes: Buffer) {}

  read(): number {
    let value = 0;
    for (let scale = 1; ; scale *= 128) {
      if (this.at >= this.bytes.length) throw new Error('index data ends in the middle of a number');
      const byte = this.bytes[this.at++]!;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      if (scale >= MAX_SCALE) throw new Error('index number is too long');
    }
  }

  atEnd(): boolean {
    return this.at === this.bytes.length;
  }
}
