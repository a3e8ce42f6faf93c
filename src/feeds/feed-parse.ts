import { extractFromJson, extractFromXml } from '@extractus/feed-extractor';
import { z } from 'zod';
import { plainText } from './html-text.js';

/** One feed item as we use it: where the article is, and what the feed says about it. */
export const FeedItemSchema = z.object({
  /** The feed's id for the item (guid / id), else its link: what "the same item" means across polls. */
  key: z.string(),
  link: z.string().nullable(),
  title: z.string().nullable(),
  summary: z.string(),
  /** ISO date-time the feed gives (published or updated), or null. */
  published: z.string().nullable(),
});
export type FeedItem = z.infer<typeof FeedItemSchema>;

export interface ParsedFeed {
  title: string | null;
  items: FeedItem[];
}

/** Thrown when a fetched document is not a feed we can read, with the parser's reason. */
export class FeedFormatError extends Error {
  override name = 'FeedFormatError';
}

/**
 * Reads RSS 2.0, Atom, RDF or JSON Feed text (chosen by the first character, as servers often
 * send feeds as text/plain or text/html). Items without a link are kept (with `link: null`) so the
 * caller can report them rather than lose them silently.
 */
export function parseFeed(text: string, baseUrl: string): ParsedFeed {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  let data;
  try {
    const options = { descriptionMaxLen: 0, baseUrl, useISODateFormat: true };
    data = trimmed.startsWith('{') ? extractFromJson(trimmed, options) : extractFromXml(trimmed, options);
  } catch (error) {
    const empty = emptyAtomFeed(trimmed);
    if (empty) return empty;
    throw new FeedFormatError(`not a readable RSS, Atom or JSON feed: ${error instanceof Error ? error.message : String(error)}`);
  }
  const items = (data.entries ?? []).map((entry): FeedItem => {
    const link = entry.link && /^https?:\/\//i.test(entry.link) ? entry.link : null;
    // feed-extractor invents "0-NaN"-style ids when the feed has none; the link is the better key then.
    const ownId = typeof entry.id === 'string' && entry.id !== '' && !/-NaN$/.test(entry.id) ? entry.id : null;
    const title = entry.title ? plainText(entry.title) : '';
    return {
      key: ownId ?? link ?? `${title}|${entry.published ?? ''}`,
      link,
      title: title === '' ? null : title,
      summary: entry.description ? plainText(entry.description) : '',
      published: entry.published ? entry.published : null,
    };
  });
  return { title: data.title ? plainText(data.title) : null, items };
}

/**
 * feed-extractor only recognises Atom that has an `<entry>`; a well-formed Atom feed with none (a
 * new or quiet feed) is still a feed, with no items.
 */
function emptyAtomFeed(text: string): ParsedFeed | null {
  if (!/^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<feed\b[^>]*xmlns=["']http:\/\/www\.w3\.org\/2005\/Atom["']/.test(text)) return null;
  if (/<entry\b/.test(text) || !/<\/feed>\s*$/.test(text)) return null;
  const title = /<title\b[^>]*>([\s\S]*?)<\/title>/.exec(text)?.[1];
  return { title: title ? plainText(title.replace(/^<!\[CDATA\[|\]\]>$/g, '')) : null, items: [] };
}
