import { z } from 'zod';

/** A file, or one line of a file, that did not become an article, and why, in words a moderator can act on. */
export const RejectionSchema = z.object({
  /** Path relative to the corpus folder, with forward slashes. */
  file: z.string(),
  /** 1-based line, for JSON Lines lines and front matter lines. */
  line: z.number().int().positive().optional(),
  reason: z.string(),
});
export type Rejection = z.infer<typeof RejectionSchema>;

/** `file:line: reason`, the one-line form used in logs and terminal output. */
export function formatRejection(rejection: Rejection): string {
  const where = rejection.line === undefined ? rejection.file : `${rejection.file}:${rejection.line}`;
  return `${where}: ${rejection.reason}`;
}

/**
 * Thrown inside the loader when one file cannot be used; caught per file and turned into a
 * {@link Rejection}, so a bad file never stops the rest of the corpus from loading.
 */
export class FileProblem extends Error {
  constructor(
    readonly reason: string,
    readonly line?: number,
  ) {
    super(reason);
    this.name = 'FileProblem';
  }
}
