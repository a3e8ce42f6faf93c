import { FileProblem } from './rejection.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The UTF-16 byte order a file's byte order mark announces, or null (no BOM, or the UTF-8 one). */
export function utf16ByteOrder(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/**
 * Bytes → text for a whole file: UTF-16 (as Windows tools save "Unicode" text) when it starts with
 * a UTF-16 byte order mark, else {@link decodeUtf8Text}. Without a mark, UTF-8 is the only encoding
 * read: guessing others would corrupt quotes silently.
 */
export function decodeText(bytes: Uint8Array, what = 'file'): string {
  const order = utf16ByteOrder(bytes);
  if (order === null) return decodeUtf8Text(bytes, what);
  try {
    const text = new TextDecoder(order, { fatal: true }).decode(bytes);
    if (text.includes('\0')) throw new FileProblem(`${what} looks binary (it contains NUL characters), not text`);
    return text;
  } catch (error) {
    if (error instanceof FileProblem) throw error;
    throw new FileProblem(`${what} starts with a ${order.toUpperCase()} byte order mark but is not valid ${order.toUpperCase()} text; save it as UTF-8`);
  }
}

/**
 * Bytes → text, refusing anything that is not clean UTF-8 text: a NUL byte means a binary file,
 * and invalid UTF-8 would otherwise become U+FFFD and corrupt quotes silently. A leading byte order
 * mark is dropped.
 */
export function decodeUtf8Text(bytes: Uint8Array, what = 'file'): string {
  if (bytes.includes(0)) throw new FileProblem(`${what} looks binary (it contains NUL bytes), not text`);
  try {
    return utf8.decode(bytes);
  } catch {
    const at = firstInvalidUtf8Offset(bytes);
    throw new FileProblem(`${what} is not valid UTF-8 text (first bad byte at offset ${at}); save it as UTF-8`);
  }
}

/** Byte offset of the first byte that breaks UTF-8, so the message points at it. */
function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let low = 0;
  let high = bytes.length;
  // The shortest failing prefix ends at the first bad sequence; binary search keeps this O(n log n).
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (isValidUtf8Prefix(bytes.subarray(0, mid + 1))) low = mid + 1;
    else high = mid;
  }
  return low;
}

function isValidUtf8Prefix(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}
