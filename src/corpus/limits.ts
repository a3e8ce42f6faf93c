/**
 * Size limits that keep one oversized or runaway file from exhausting memory or stalling a reload.
 * The largest real article we ship is about 25,000 characters, so these leave a wide margin.
 */

/** Longest article body accepted, in characters (about 40 times the longest real article). */
export const MAX_ARTICLE_CHARS = 1_000_000;

/**
 * Largest one-article file (`.txt`, `.md`) read into memory. Bigger files are still hashed (so the
 * fingerprint notices them) but never held whole; they are rejected with their size.
 */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

/** Longest single JSON Lines line kept in memory; a longer line is skipped byte by byte and rejected. */
export const MAX_LINE_BYTES = 8 * 1024 * 1024;

/** Deepest folder nesting walked, so a pathological tree cannot recurse without end. */
export const MAX_FOLDER_DEPTH = 32;
