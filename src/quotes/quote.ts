import { z } from 'zod';

/**
 * One attributed piece of speech found in an article.
 *
 * Offsets are UTF-16 code units into the article body, so `body.slice(start, end) === text`
 * always holds: a fact-checker can go from any answer back to the exact words in the source.
 */
export const QuoteSchema = z.object({
  /** Stable within one corpus version: `${articleId}#${ordinal}`. */
  id: z.string(),
  articleId: z.string(),
  /** `direct`: words inside quotation marks; `reported`: "Putin said he was ready to…". */
  kind: z.enum(['direct', 'reported']),
  /** The quoted words exactly as in the body, without the surrounding quotation marks. */
  text: z.string().min(1),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  /** The speaker as written at the cue ("he", "Mr Blair", "a Downing Street spokesman"), or null. */
  speakerSurface: z.string().nullable(),
  /** The speaker's fullest name in this article ("Tony Blair"), pronouns and titles resolved; null if unknown. */
  speaker: z.string().nullable(),
  /** The speech verb or phrase that attributes it ("said", "told the BBC", "according to"), or null. */
  cue: z.string().nullable(),
  /** The sentence (or sentences) around the quote, for context in answers and for search. */
  context: z.string(),
  /** Parts of one quote split around its cue (`"…," he said. "…"`) share a group id. */
  group: z.string(),
});
export type Quote = z.infer<typeof QuoteSchema>;
