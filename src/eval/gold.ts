import { z } from 'zod';

/**
 * One annotated quote of a gold article (see tests/gold/README.md for how annotators fill it in).
 * Offsets are UTF-16 code units into the article `text`, exactly like `Quote.start`/`Quote.end`,
 * so gold rows and extractor output can be compared by position as well as by words.
 */
export const GoldQuoteSchema = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  quote: z.string().min(1),
  /** The speaker as written at the cue ("he", "Mr Blair", "a Downing Street spokesman"), or null. */
  speaker: z.string().nullable(),
  /** The person's full name when the article makes it clear ("Tony Blair"), else null. */
  speakerCanonical: z.string().nullable(),
  /** True when the words are inside quotation marks, false for reported speech. */
  direct: z.boolean(),
  /** False for attributions that are not speech (beliefs, polls): such rows are never scored. */
  speechCue: z.boolean().default(true),
});
export type GoldQuote = z.infer<typeof GoldQuoteSchema>;

/** One gold article: one line of a gold JSON Lines file. Extra keys are dropped, not rejected. */
export const GoldArticleSchema = z.object({
  id: z.string().min(1),
  title: z.string().nullable().optional(),
  date: z.string().nullable().optional(),
  source: z.string().nullable().optional(),
  text: z.string(),
  quotes: z.array(GoldQuoteSchema),
});
export type GoldArticle = z.infer<typeof GoldArticleSchema>;

/** A gold line that could not be scored, with its 1-based line number so an annotator can fix it. */
export interface GoldProblem {
  line: number;
  reason: string;
}

export interface ParsedGold {
  articles: GoldArticle[];
  problems: GoldProblem[];
}

/**
 * Parses a gold JSON Lines file. A bad line (not JSON, wrong shape, a quote whose offsets do not
 * point at its words, a repeated id) is reported and skipped so one typo never hides the scores of
 * the other articles. Blank lines are ignored.
 */
export function parseGold(content: string): ParsedGold {
  const articles: GoldArticle[] = [];
  const problems: GoldProblem[] = [];
  const seenIds = new Set<string>();
  content.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    const parsed = parseLine(raw);
    if (typeof parsed === 'string') {
      problems.push({ line, reason: parsed });
      return;
    }
    if (seenIds.has(parsed.id)) {
      problems.push({ line, reason: `article id "${parsed.id}" already appeared on an earlier line` });
      return;
    }
    seenIds.add(parsed.id);
    articles.push(parsed);
  });
  return { articles, problems };
}

/** The article on one line, or why it cannot be scored. */
function parseLine(raw: string): GoldArticle | string {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    return `not valid JSON (${(error as Error).message})`;
  }
  const result = GoldArticleSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue === undefined || issue.path.length === 0 ? '' : `${issue.path.map(String).join('.')}: `;
    return `does not match the gold format (${where}${issue?.message ?? 'invalid'})`;
  }
  const article = result.data;
  for (const [n, row] of article.quotes.entries()) {
    const found = article.text.slice(row.start, row.end);
    if (found !== row.quote) {
      return `quotes.${n}: text.slice(${row.start}, ${row.end}) is ${JSON.stringify(found)}, not the quote ${JSON.stringify(row.quote)}`;
    }
  }
  return article;
}
