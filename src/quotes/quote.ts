import { z } from 'zod';

/**
 * How the speaker of a quote was found, which is how far a reader can trust the name:
 * - `cue`: a speech verb or "according to" next to the words names the speaker ("…," said Mr. Jones);
 * - `colon`: a name with no verb, right before a colon (`Jeb Bush: "The mission is …"`) or after a
 *   dash that follows the words (`"…" ― Martha Aguilar`);
 * - `pronoun`: the cue says "he"/"she", resolved to the person last speaking or named;
 * - `subject`: no speech verb; the speaker is the subject of the sentence holding a short fragment
 *   (`He wants to see "proper health checks"`) or a colon (`He then listed the qualities: "…"`);
 * - `inherited`: no cue at all; the speaker of an earlier quote or cue in the last paragraphs.
 * Measured on the PolNeAR development split, the last two are wrong far more often than the first
 * three: answers rank and mark them as weak ({@link isWeakAttribution}).
 */
export const AttributionConfidenceSchema = z.enum(['cue', 'colon', 'pronoun', 'subject', 'inherited']);
export type AttributionConfidence = z.infer<typeof AttributionConfidenceSchema>;

/** Attributions whose evidence is indirect: shown with a mark and ranked after direct evidence. */
export function isWeakAttribution(confidence: AttributionConfidence | null): boolean {
  return confidence === 'subject' || confidence === 'inherited';
}

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
  /** How the speaker was found (see {@link AttributionConfidenceSchema}); null when the speaker is unknown. */
  confidence: AttributionConfidenceSchema.nullable(),
  /** The speech verb or phrase that attributes it ("said", "told the BBC", "according to"), or null. */
  cue: z.string().nullable(),
  /** The sentence (or sentences) around the quote, for context in answers and for search. */
  context: z.string(),
  /** Parts of one quote split around its cue (`"…," he said. "…"`) share a group id. */
  group: z.string(),
});
export type Quote = z.infer<typeof QuoteSchema>;
