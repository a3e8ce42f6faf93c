import { z } from 'zod';
import { AttributionConfidenceSchema, isWeakAttribution } from '../quotes/quote.js';
import { QuestionFiltersSchema } from '../search/question.js';

/**
 * The front-end-neutral answer: what the terminal prints and what Discord renders as embeds. It
 * holds plain text only (no markdown, no mentions); each front end escapes for its own medium.
 */

/** Where a quote was published, enough for a reader to find and check it. */
export const CitationSchema = z.object({
  articleId: z.string(),
  /** The headline, or the article's first words when it has none. */
  title: z.string(),
  /** The outlet ("BBC News"), or null when the corpus does not say. */
  outlet: z.string().nullable(),
  date: z.string().nullable(),
  url: z.string().nullable(),
  /** The corpus file (and line) it was read from, for moderators checking a source. */
  file: z.string(),
});
export type Citation = z.infer<typeof CitationSchema>;

export const SnippetSchema = z.object({
  quoteId: z.string(),
  kind: z.enum(['direct', 'reported']),
  /** The speaker's canonical name ("Vladimir Putin"), or "Unattributed". */
  speaker: z.string(),
  /** How the extractor found the speaker (`isWeakAttribution` tells which to mark); null when unattributed. */
  confidence: AttributionConfidenceSchema.nullable(),
  /** The exact quoted words, trimmed to whole sentences when long. */
  text: z.string(),
  trimmed: z.boolean(),
  /** The sentence the quote stands in, for reported speech and for context. */
  context: z.string(),
  citation: CitationSchema,
  /**
   * How the snippet matches the topic asked about, so front ends can label what is not a full
   * match; null when no topic was asked. `missing` lists the topic words it lacks (for `partial`).
   */
  match: z
    .object({
      place: z.enum(['phrase', 'quote', 'sentence', 'paragraph', 'partial']),
      missing: z.array(z.string()),
    })
    .nullable(),
});
export type Snippet = z.infer<typeof SnippetSchema>;

export const AnswerStatusSchema = z.enum([
  /** Snippets found. */
  'answered',
  /** The question was understood but nothing matched. */
  'no-match',
  /** The speaker asked about is not in the corpus; `suggestions` lists the closest known names. */
  'unknown-speaker',
  /** Nothing to search for: empty, punctuation only, too long, or contradictory filters. */
  'invalid',
]);
export type AnswerStatus = z.infer<typeof AnswerStatusSchema>;

export const AnswerSchema = z.object({
  question: z.string(),
  status: AnswerStatusSchema,
  /** One plain sentence saying what was understood or what went wrong, shown above the snippets. */
  message: z.string(),
  interpretation: z.object({
    /** The canonical names the speaker resolved to; empty when no speaker was asked about. */
    speakers: z.array(z.string()),
    topic: z.string().nullable(),
    filters: QuestionFiltersSchema,
  }),
  /** Closest known speaker names, for an unknown or ambiguous speaker. */
  suggestions: z.array(z.string()),
  /** Ranked best first; front ends page through them. */
  snippets: z.array(SnippetSchema),
  /** How many quotes matched before the cap on `snippets` (on-topic ones, then partial matches). */
  totalMatches: z.number().int().nonnegative(),
  /** What the numbers in `message` count, for front ends and scripts that want them. */
  counts: z.object({
    /** Quotes on the topic (all of it, or any quote when no topic was asked). */
    onTopic: z.number().int().nonnegative(),
    /** Quotes holding only some of a several-word topic, listed after the on-topic ones. */
    partial: z.number().int().nonnegative(),
    /** Quotes holding the exact words typed in quotation marks, or null when none were typed. */
    exactPhrase: z.number().int().nonnegative().nullable(),
    /** Quotes a date filter left out because their article carries no date. */
    undatedExcluded: z.number().int().nonnegative(),
  }),
  /** The corpus version that produced this answer, so answers can be traced across reloads. */
  corpusVersion: z.string(),
});
export type Answer = z.infer<typeof AnswerSchema>;

/**
 * What a front end shows beside the speaker's name when the evidence for it is weak: no cue named
 * them, the name came from the sentence's subject or an earlier quote (right about half the time
 * on US news, against ~0.89 for a cue). A fact-checker must see that before quoting the name.
 */
export function attributionNote(snippet: Pick<Snippet, 'confidence'>): string | null {
  return isWeakAttribution(snippet.confidence) ? 'speaker inferred, no cue' : null;
}
