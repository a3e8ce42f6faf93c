import { z } from 'zod';

/**
 * A calendar date written `YYYY-MM-DD` that really exists (no 2024-13-45, no 2023-02-29).
 * Articles, question filters and command options all share this one rule.
 */
export const IsoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine(isRealCalendarDate, 'is not a real calendar date');

/**
 * One news article as every corpus format must deliver it, whatever the file looked like.
 * `title`, `date`, `source` and `url` may be unknown (`null`): the datasets we ship lack some.
 */
export const ArticleSchema = z.object({
  id: z.string().trim().min(1, 'id is empty').max(200, 'id is longer than 200 characters'),
  title: z.string().nullable(),
  date: IsoDateSchema.nullable(),
  source: z.string().trim().min(1).nullable(),
  url: z.url().nullable(),
  body: z.string().refine((body) => body.trim().length > 0, 'body is empty'),
});
export type Article = z.infer<typeof ArticleSchema>;

/** Where an article was read from, so a researcher can open the file and a reload can diff it. */
export const ArticleOriginSchema = z.object({
  /** Path relative to the corpus folder, with forward slashes. */
  file: z.string(),
  /** 1-based line for JSON Lines files; absent for one-article files. */
  line: z.number().int().positive().optional(),
});
export type ArticleOrigin = z.infer<typeof ArticleOriginSchema>;

export const LoadedArticleSchema = ArticleSchema.extend({ origin: ArticleOriginSchema });
/** An article plus the file (and line) it came from. */
export type LoadedArticle = z.infer<typeof LoadedArticleSchema>;

function isRealCalendarDate(text: string): boolean {
  const [year, month, day] = text.split('-').map(Number) as [number, number, number];
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999, so "0042-01-01" failed.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}
