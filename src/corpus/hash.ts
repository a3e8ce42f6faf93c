import { createHash } from 'node:crypto';

/** sha256 of bytes as lowercase hex; used for per-file hashes. */
export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * One hash for a whole corpus: sha256 over the sorted `(file, sha256)` pairs. It changes when any
 * file's bytes or path change and stays the same otherwise, so it can key caches of work derived
 * from the corpus (extracted quotes, the search index).
 */
export function corpusFingerprint(files: ReadonlyArray<{ file: string; sha256: string }>): string {
  const hash = createHash('sha256');
  const sorted = [...files].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  for (const { file, sha256 } of sorted) hash.update(`${file}\0${sha256}\n`);
  return hash.digest('hex');
}
