import { z } from 'zod';

/**
 * A reader's report that an answer credited a quote to the wrong person: one line of the report
 * file. Reports are the raw material for the gold set, so each carries what is needed to find the
 * words again without the bot: article, offsets into its body, the words, and the corpus version.
 */
export const SpeakerReportSchema = z.object({
  /** Random, so two reports about one quote stay two lines. */
  id: z.string().min(1),
  quoteId: z.string(),
  articleId: z.string(),
  /** Offsets of the quote in the article body (UTF-16 units; `body.slice(start, end)` is `quoteText`); null if unknown. */
  start: z.number().int().nonnegative().nullable(),
  end: z.number().int().nonnegative().nullable(),
  quoteText: z.string(),
  /** The speaker the answer showed. */
  shownSpeaker: z.string(),
  /** Who the reporter says said it, as typed (trimmed); "unknown" is a fair answer. */
  suggestedSpeaker: z.string().min(1),
  /** The reporter's Discord user id: who to ask, and how to spot one person's flood of reports. */
  reporterId: z.string(),
  guildId: z.string().nullable(),
  channelId: z.string().nullable(),
  corpusVersion: z.string(),
  reportedAt: z.iso.datetime(),
});
export type SpeakerReport = z.infer<typeof SpeakerReportSchema>;

/** Longest speaker name accepted: well past any real name, short enough to read in a log line. */
export const MAX_SUGGESTED_SPEAKER = 100;

/**
 * What a reporter typed into the modal, checked: which quote (by the number the answer shows) and
 * the right speaker. Built per answer, since the numbers allowed depend on it.
 */
export function wrongSpeakerInput(quotes: number) {
  return z.object({
    quote: z
      .string()
      .trim()
      .regex(/^\d{1,3}$/, 'must be the number shown before the speaker, like 3')
      .transform(Number)
      .refine((n) => n >= 1 && n <= quotes, quotes === 1 ? 'must be 1: the answer has one quote' : `must be between 1 and ${quotes}`),
    speaker: z
      .string()
      .trim()
      .min(2, 'is too short: give the name as the article has it, or "unknown"')
      .max(MAX_SUGGESTED_SPEAKER, `is longer than ${MAX_SUGGESTED_SPEAKER} characters`)
      .regex(/\p{L}/u, 'needs at least one letter'),
  });
}
