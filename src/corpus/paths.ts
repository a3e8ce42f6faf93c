import path from 'node:path';

/**
 * Orders relative paths folder by folder, comparing names by code unit. A depth-first walk that
 * visits names in this order yields files in exactly this order, and the order never depends on the
 * machine's locale, so "first file wins" rules give the same answer everywhere.
 */
export function compareRelativePaths(a: string, b: string): number {
  const left = a.split('/');
  const right = b.split('/');
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const order = compareNames(left[i]!, right[i]!);
    if (order !== 0) return order;
  }
  return left.length - right.length;
}

/** Plain code-unit comparison of two names (no locale rules). */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Joins a relative folder path and a name with a forward slash, whatever the platform. */
export function joinRelative(folder: string, name: string): string {
  return folder === '' ? name : `${folder}/${name}`;
}

/** `sub/2024-11-08-putin.txt` → `2024-11-08-putin`: the file name without its last extension. */
export function baseNameWithoutExtension(relativePath: string): string {
  const name = relativePath.slice(relativePath.lastIndexOf('/') + 1);
  const ext = path.extname(name);
  return ext === '' ? name : name.slice(0, -ext.length);
}

/** Lower-cased last extension with its dot (`.jsonl`), or `''` when the name has none. */
export function extensionOf(relativePath: string): string {
  return path.extname(relativePath.slice(relativePath.lastIndexOf('/') + 1)).toLowerCase();
}
