import { createHash } from 'node:crypto';
import { constants, type Stats } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { utf16ByteOrder } from './decode.js';
import { LineSplitter, type Line } from './line-splitter.js';
import { FileProblem } from './rejection.js';

/** What every read yields: the file's size and sha256, computed while streaming it. */
export interface FileDigest {
  bytes: number;
  sha256: string;
  /** The file's identity and times when it was opened: a later reload may skip a file whose identity is unchanged. */
  stamp: FileStamp;
}

/** What says a file is unchanged without reading it: the same inode, size, and modification and change times. */
export interface FileStamp {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
}

export interface ReadOptions {
  signal?: AbortSignal | undefined;
  /** Longest wait for one read from the disk before the file is given up on (a hung network share, a device). */
  readTimeoutMs?: number | undefined;
}

/** Bytes per read: each read's lines are parsed before the next read, so this bounds how long answers wait on parsing (≈60 articles). */
const CHUNK_BYTES = 256 * 1024;
/** How far into a file we look for NUL bytes when deciding whether it is binary. */
const BINARY_SNIFF_BYTES = 8192;
/** Default for {@link ReadOptions.readTimeoutMs}: far beyond any healthy disk, short enough that a moderator sees why. */
export const DEFAULT_READ_TIMEOUT_MS = 30_000;
/** O_NONBLOCK makes opening a FIFO return at once instead of waiting for a writer (it does not exist on Windows). */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

export function stampOf(info: Stats): FileStamp {
  return { dev: info.dev, ino: info.ino, size: info.size, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs };
}

export function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs;
}

/**
 * Reads a one-article file, hashing all of it but holding at most `limit` bytes: a file over the
 * limit comes back with `content: null` instead of exhausting memory.
 */
export async function readWholeFile(filePath: string, limit: number, options: ReadOptions = {}): Promise<FileDigest & { content: Buffer | null }> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  let overLimit = false;
  const digest = await readChunks(filePath, options, (chunk) => {
    bytes += chunk.length;
    if (bytes > limit) {
      overLimit = true;
      chunks.length = 0;
    } else {
      chunks.push(chunk);
    }
  });
  return { ...digest, content: overLimit ? null : Buffer.concat(chunks, bytes) };
}

/**
 * Streams a line-based file, handing each line's bytes (UTF-8, without the `\n`) to `onLine` as it
 * arrives, so a large JSON Lines file is never held whole. A file starting with a UTF-16 byte order
 * mark is turned into UTF-8 on the way. A file whose first bytes contain NUL (and no UTF-16 mark)
 * is reported as `binary` and its lines are not handed out (it is still hashed to the end).
 */
export async function readFileLines(
  filePath: string,
  maxLineBytes: number,
  onLine: (line: Line) => void,
  options: ReadOptions = {},
): Promise<FileDigest & { binary: boolean }> {
  const splitter = new LineSplitter(maxLineBytes, onLine);
  let first = true;
  let binary = false;
  let utf16: InstanceType<typeof TextDecoder> | null = null;
  const digest = await readChunks(filePath, options, (chunk) => {
    if (first) {
      first = false;
      const order = utf16ByteOrder(chunk);
      if (order !== null) utf16 = new TextDecoder(order, { fatal: true });
      else if (chunk.subarray(0, BINARY_SNIFF_BYTES).includes(0)) binary = true;
    }
    if (binary) return;
    splitter.push(utf16 === null ? chunk : Buffer.from(decodeUtf16(utf16, chunk, true), 'utf8'));
  });
  if (!binary) {
    if (utf16 !== null) splitter.push(Buffer.from(decodeUtf16(utf16, new Uint8Array(0), false), 'utf8'));
    splitter.end();
  }
  return { ...digest, binary };
}

function decodeUtf16(decoder: InstanceType<typeof TextDecoder>, chunk: Uint8Array, stream: boolean): string {
  try {
    return decoder.decode(chunk, { stream });
  } catch {
    throw new FileProblem('file starts with a UTF-16 byte order mark but is not valid UTF-16 text; save it as UTF-8');
  }
}

/**
 * Opens a file without ever blocking on it and hands its bytes over chunk by chunk. A file that
 * was a regular file when the folder was listed may be a pipe by the time it is opened: opening a
 * FIFO normally waits for a writer for ever (and holds one of libuv's four file threads), so it is
 * opened non-blocking and refused unless it is still a regular file. Every read has a timeout and
 * honours the abort signal, so no file can hold a reload past its deadline.
 */
async function readChunks(filePath: string, options: ReadOptions, onChunk: (chunk: Buffer) => void): Promise<FileDigest> {
  const timeoutMs = options.readTimeoutMs ?? DEFAULT_READ_TIMEOUT_MS;
  const opening = open(filePath, OPEN_FLAGS);
  let handle: FileHandle;
  try {
    handle = await bounded(opening, timeoutMs, options.signal, 'opening it');
  } catch (error) {
    // Given up on: should the open still succeed, close what it opens.
    opening.then((late) => late.close(), () => undefined).catch(() => undefined);
    throw error;
  }
  try {
    const info = await bounded(handle.stat(), timeoutMs, options.signal, 'reading its size');
    if (!info.isFile()) throw new FileProblem('is not a regular file (it became a pipe, socket or device after the folder was listed); not read');
    const hash = createHash('sha256');
    let bytes = 0;
    for (;;) {
      options.signal?.throwIfAborted();
      const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
      const { bytesRead } = await bounded(readInto(handle, buffer), timeoutMs, options.signal, 'reading it');
      if (bytesRead === 0) break;
      const chunk = buffer.subarray(0, bytesRead);
      hash.update(chunk);
      bytes += bytesRead;
      onChunk(chunk);
    }
    return { bytes, sha256: hash.digest('hex'), stamp: stampOf(info) };
  } finally {
    // A read still stuck in the kernel keeps the handle busy; closing it must not hold us up either.
    void handle.close().catch(() => undefined);
  }
}

/**
 * A file's stamp, or null when it cannot be had: within the read timeout like every read, because
 * a stat on a hung disk waits as long as a read does (a reload stamps every file before reading).
 */
export function stampWithin(filePath: string, options: ReadOptions = {}): Promise<FileStamp | null> {
  return bounded(stat(filePath), options.readTimeoutMs ?? DEFAULT_READ_TIMEOUT_MS, options.signal, 'reading its size').then(stampOf, (error: unknown) => {
    if (options.signal?.aborted) throw options.signal.reason;
    return null;
  });
}

function readInto(handle: FileHandle, buffer: Buffer): Promise<{ bytesRead: number }> {
  return handle.read(buffer, 0, buffer.length, null);
}

/** `work`, or a {@link FileProblem} once `timeoutMs` passes, or the abort reason. */
async function bounded<T>(work: Promise<T>, timeoutMs: number, signal: AbortSignal | undefined, doing: string): Promise<T> {
  signal?.throwIfAborted();
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const stopped = new Promise<never>((_, reject) => {
    const limit = timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`;
    timer = setTimeout(() => reject(new FileProblem(`did not answer within ${limit} while ${doing}; not read`)), timeoutMs);
    onAbort = () => reject(signal!.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  // The work may still settle after we stop waiting: never let that become an unhandled rejection.
  work.catch(() => undefined);
  try {
    return await Promise.race([work, stopped]);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}
