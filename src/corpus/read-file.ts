import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { LineSplitter, type Line } from './line-splitter.js';

/** What every read yields: the file's size and sha256, computed while streaming it. */
export interface FileDigest {
  bytes: number;
  sha256: string;
}

const CHUNK_BYTES = 1024 * 1024;
/** How far into a file we look for NUL bytes when deciding whether it is binary. */
const BINARY_SNIFF_BYTES = 8192;

/**
 * Reads a one-article file, hashing all of it but holding at most `limit` bytes: a file over the
 * limit comes back with `content: null` instead of exhausting memory.
 */
export async function readWholeFile(
  filePath: string,
  limit: number,
  signal?: AbortSignal,
): Promise<FileDigest & { content: Buffer | null }> {
  const hash = createHash('sha256');
  const chunks: Buffer[] = [];
  let bytes = 0;
  let overLimit = false;
  for await (const chunk of createReadStream(filePath, { highWaterMark: CHUNK_BYTES, signal })) {
    const buffer = chunk as Buffer;
    hash.update(buffer);
    bytes += buffer.length;
    if (bytes > limit) {
      overLimit = true;
      chunks.length = 0;
    } else {
      chunks.push(buffer);
    }
  }
  return { bytes, sha256: hash.digest('hex'), content: overLimit ? null : Buffer.concat(chunks, bytes) };
}

/**
 * Streams a line-based file, handing each line's bytes (without the `\n`) to `onLine` as it
 * arrives, so a large JSON Lines file is never held whole. A file whose first bytes contain NUL is
 * reported as `binary` and its lines are not handed out (it is still hashed to the end).
 */
export async function readFileLines(
  filePath: string,
  maxLineBytes: number,
  onLine: (line: Line) => void,
  signal?: AbortSignal,
): Promise<FileDigest & { binary: boolean }> {
  const hash = createHash('sha256');
  const splitter = new LineSplitter(maxLineBytes, onLine);
  let bytes = 0;
  let binary = false;
  for await (const chunk of createReadStream(filePath, { highWaterMark: CHUNK_BYTES, signal })) {
    const buffer = chunk as Buffer;
    hash.update(buffer);
    if (bytes === 0 && buffer.subarray(0, BINARY_SNIFF_BYTES).includes(0)) binary = true;
    bytes += buffer.length;
    if (!binary) splitter.push(buffer);
  }
  if (!binary) splitter.end();
  return { bytes, sha256: hash.digest('hex'), binary };
}
