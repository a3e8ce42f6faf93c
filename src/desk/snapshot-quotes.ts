import { z } from 'zod';
import type { LoadedArticle } from '../corpus/article.js';
import type { ArticleQuotes } from '../quotes/extractor.js';
import { AttributionConfidenceSchema, QuoteSchema, type AttributionConfidence, type Quote } from '../quotes/quote.js';

/**
 * A quote as the snapshot stores it: without the words, which are `body.slice(start, end)` of an
 * article the start reads anyway, and with its context as offsets rather than a copy of the
 * sentence. Half the bytes to write and parse, and the restored strings are slices of the body,
 * not copies. `check` catches a snapshot whose offsets no longer point at the words.
 */
export const StoredQuoteSchema = QuoteSchema.omit({ articleId: true, text: true, context: true }).extend({
  /** [start, end) in the body, or the text itself should a context ever not be a slice of it. */
  context: z.union([z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]), z.string()]),
  check: z.string(),
});
export type StoredQuote = z.infer<typeof StoredQuoteSchema>;

export const StoredArticleQuotesSchema = z.object({
  quotes: z.array(StoredQuoteSchema),
  speakers: z.array(z.object({ name: z.string(), aliases: z.array(z.string()), person: z.boolean() })),
});
export type StoredArticleQuotes = z.infer<typeof StoredArticleQuotesSchema>;

/**
 * {@link StoredArticleQuotesSchema}, checked by hand. zod returns a copy of everything it parses:
 * at 100k articles that was ~400k quote objects of garbage and a tenth of the start. The schema
 * stays the source of the type; restoreQuotes builds fresh quotes from the fields named there.
 */
export function isStoredArticleQuotes(value: unknown): value is StoredArticleQuotes {
  if (typeof value !== 'object' || value === null) return false;
  const { quotes, speakers } = value as Record<string, unknown>;
  return Array.isArray(quotes) && quotes.every(isStoredQuote) && Array.isArray(speakers) && speakers.every(isArticleSpeaker);
}

function isStoredQuote(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const quote = value as Record<string, unknown>;
  return (
    typeof quote['id'] === 'string' &&
    (quote['kind'] === 'direct' || quote['kind'] === 'reported') &&
    isOffset(quote['start']) &&
    isOffset(quote['end']) &&
    isNullableString(quote['speakerSurface']) &&
    isNullableString(quote['speaker']) &&
    isNullableString(quote['cue']) &&
    (quote['confidence'] === null || AttributionConfidenceSchema.options.includes(quote['confidence'] as AttributionConfidence)) &&
    (typeof quote['context'] === 'string' ||
      (Array.isArray(quote['context']) && quote['context'].length === 2 && isOffset(quote['context'][0]) && isOffset(quote['context'][1]))) &&
    typeof quote['group'] === 'string' &&
    typeof quote['check'] === 'string'
  );
}

function isArticleSpeaker(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const speaker = value as Record<string, unknown>;
  return (
    typeof speaker['name'] === 'string' &&
    typeof speaker['person'] === 'boolean' &&
    Array.isArray(speaker['aliases']) &&
    speaker['aliases'].every((alias) => typeof alias === 'string')
  );
}

function isOffset(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function isNullableString(value: unknown): boolean {
  return value === null || typeof value === 'string';
}

/** Characters of a quote's start and end that its check covers (with its length): enough to catch shifted offsets, cheap at any size. */
const CHECK_CHARS = 32;

export function storeQuotes(article: LoadedArticle, extracted: ArticleQuotes): StoredArticleQuotes {
  return {
    quotes: extracted.quotes.map((quote) => ({
      id: quote.id,
      kind: quote.kind,
      start: quote.start,
      end: quote.end,
      speakerSurface: quote.speakerSurface,
      speaker: quote.speaker,
      confidence: quote.confidence,
      cue: quote.cue,
      context: contextOffsets(article.body, quote),
      group: quote.group,
      check: checkOf(quote.text),
    })),
    speakers: extracted.speakers,
  };
}

/** The article's quotes back from the snapshot; throws when an offset does not fit the body or the words changed. */
export function restoreQuotes(article: LoadedArticle, stored: StoredArticleQuotes): ArticleQuotes {
  const body = article.body;
  // A group is named by its first quote's id: point at that string rather than keep a copy.
  const ids = new Map<string, string>();
  const quotes = stored.quotes.map((entry): Quote => {
    ids.set(entry.id, entry.id);
    const [contextStart, contextEnd] = typeof entry.context === 'string' ? [entry.start, entry.end] : entry.context;
    if (!(entry.start < entry.end && entry.end <= body.length && contextStart <= entry.start && entry.end <= contextEnd && contextEnd <= body.length)) {
      throw new Error(`quote ${entry.id} does not fit its article`);
    }
    const text = body.slice(entry.start, entry.end);
    if (checkOf(text) !== entry.check) throw new Error(`quote ${entry.id} does not match its article`);
    return {
      id: entry.id,
      articleId: article.id,
      kind: entry.kind,
      text,
      start: entry.start,
      end: entry.end,
      speakerSurface: entry.speakerSurface,
      speaker: entry.speaker,
      confidence: entry.confidence,
      cue: entry.cue,
      context: typeof entry.context === 'string' ? entry.context : body.slice(contextStart, contextEnd),
      group: ids.get(entry.group) ?? entry.group,
    };
  });
  return { quotes, speakers: stored.speakers };
}

/** Where the quote's context sits in the body (the extractor cuts it from around the quote), or the context itself if it is not there. */
function contextOffsets(body: string, quote: Quote): [number, number] | string {
  const from = body.lastIndexOf(quote.context, quote.start);
  return from >= 0 && from + quote.context.length >= quote.end ? [from, from + quote.context.length] : quote.context;
}

/** FNV-1a over the length and the first and last characters: a fingerprint of the words, not a proof. */
function checkOf(text: string): string {
  let hash = 0x811c9dc5 ^ text.length;
  const head = Math.min(text.length, CHECK_CHARS);
  const tail = Math.max(head, text.length - CHECK_CHARS);
  for (let i = 0; i < head; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  for (let i = tail; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(36);
}
