import { createHash } from 'node:crypto';
import { access, mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { articleFilePath, articleFileText, contentHash, dayOf } from './article-file.js';
import { trustedCanonical } from './canonical-url.js';
import type { CorpusUrlLookup } from './corpus-urls.js';
import { decodeBody } from './charset.js';
import { extractInline, type ExtractArticle } from './article-extractor.js';
import { NoArticleError } from './extract-article.js';
import { FetchFailure } from './fetch-errors.js';
import { FeedFormatError, parseFeed, type FeedItem, type ParsedFeed } from './feed-parse.js';
import type { FeedConfig } from './feeds-file.js';
import type { IngestState } from './ingest-state.js';
import type { PoliteFetcher } from './polite-fetcher.js';

/** What became of one article URL, said so a moderator can act on it. */
export type ArticleOutcome =
  | { status: 'added' | 'updated'; url: string; file: string; title: string | null }
  | { status: 'unchanged'; url: string; file: string; title: string | null }
  | { status: 'duplicate'; url: string; file: string; sameAs: string }
  | { status: 'refused'; url: string; reason: string; retry: boolean };

/** What became of one feed item. */
export type ItemOutcome = ArticleOutcome | { status: 'skipped'; url: string | null; title: string | null; reason: string };

export type FeedPollReport =
  | { feed: FeedConfig; status: 'not-modified' }
  | { feed: FeedConfig; status: 'failed'; reason: string }
  | { feed: FeedConfig; status: 'polled'; items: ItemOutcome[]; seen: number };

export interface ArticleHints {
  /** Shown as the outlet; else the page's site name, else its host. */
  outlet?: string;
  feed?: string;
  title?: string | null;
  published?: string | null;
  /** A moderator asked for this URL: bring it back even if its file was deleted. */
  explicit?: boolean;
}

const HTML_TYPES = /^(?:text\/html|application\/xhtml\+xml)\b/i;
const FEED_ACCEPT = 'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1';
const PAGE_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.1';

export interface IngestOptions {
  corpusDir: string;
  state: IngestState;
  fetcher: PoliteFetcher;
  logger?: Logger;
  now?: () => Date;
  /** Readability, inline by default; the bot passes a worker thread's (article-extractor.ts). */
  extract?: ExtractArticle;
  /** Articles already served, whoever put them there: one of them at the same URL is a duplicate. */
  corpusUrls?: CorpusUrlLookup;
}

/**
 * Brings articles into the corpus folder as ordinary Markdown files: from a URL, or from every new
 * or changed item of a feed. Deduplicates by canonical URL (same address = same file, replaced
 * when the text changed) and by content hash (the same text at another address is not added twice).
 */
export class ArticleIngest {
  constructor(private readonly options: IngestOptions) {}

  /** Fetches one article page and writes (or replaces) its file. Never throws for a bad page. */
  async addArticle(address: string, hints: ArticleHints = {}): Promise<ArticleOutcome> {
    const { fetcher, state, corpusDir } = this.options;
    let fetched;
    try {
      fetched = await fetcher.fetch(address, { accept: PAGE_ACCEPT });
    } catch (error) {
      return refusal(address, error);
    }
    if (fetched.status !== 'ok') return { status: 'refused', url: address, reason: 'the server answered "not modified" to a plain request', retry: true };
    const notPage = notAWebPage(fetched.contentType, fetched.body);
    if (notPage) return { status: 'refused', url: address, reason: notPage, retry: false };
    let page;
    try {
      page = await (this.options.extract ?? extractInline)(decodeBody(fetched.body, fetched.contentType), fetched.url.href);
    } catch (error) {
      if (error instanceof NoArticleError) return { status: 'refused', url: address, reason: error.message, retry: false };
      // The reader itself failed (a worker that crashed or was restarted): not the page's fault.
      return { status: 'refused', url: address, reason: `the page could not be read (${error instanceof Error ? error.message : String(error)})`, retry: true };
    }
    const canonical = trustedCanonical(fetched.url.href, page.canonicalUrl);
    const hash = contentHash(page.body);
    const known = state.article(canonical);
    const fileExists = known ? await exists(path.join(corpusDir, known.file)) : false;
    if (known && !fileExists && !hints.explicit) {
      return { status: 'refused', url: canonical, reason: `its file ${known.file} was deleted from the corpus, so it is not brought back (add it with /corpus add to restore it)`, retry: false };
    }
    const served = known ? undefined : this.options.corpusUrls?.(canonical);
    if (served) return { status: 'duplicate', url: canonical, file: served.file, sameAs: canonical };
    const title = hints.title ?? page.title;
    if (known && fileExists && known.contentHash === hash) return { status: 'unchanged', url: canonical, file: known.file, title };
    const twin = state.urlWithContent(hash);
    if (twin !== undefined && twin !== canonical && (await exists(path.join(corpusDir, state.article(twin)!.file)))) {
      return { status: 'duplicate', url: canonical, file: state.article(twin)!.file, sameAs: twin };
    }
    const outlet = hints.outlet ?? page.siteName ?? fetched.url.hostname.replace(/^www\./, '');
    const file = known?.file ?? articleFilePath(outlet, canonical);
    const text = articleFileText({
      title,
      date: dayOf(hints.published) ?? dayOf(page.published),
      outlet,
      url: canonical,
      body: page.body,
      fetchedAt: (this.options.now?.() ?? new Date()).toISOString(),
      ...(hints.feed ? { feed: hints.feed } : {}),
    });
    await writeAtomically(path.join(corpusDir, file), text);
    state.recordArticle(canonical, file, hash);
    await state.save();
    this.options.logger?.info({ url: canonical, file, updated: Boolean(known && fileExists) }, 'article written to the corpus');
    return { status: known && fileExists ? 'updated' : 'added', url: canonical, file, title };
  }

  /** Fetches a feed (conditionally) and parses it, without touching the corpus: for `/feeds add`. */
  async readFeed(url: string): Promise<ParsedFeed> {
    const fetched = await this.options.fetcher.fetch(url, { accept: FEED_ACCEPT });
    if (fetched.status !== 'ok') throw new FeedFormatError('the server answered "not modified" to a plain request');
    return parseFeed(decodeBody(fetched.body, fetched.contentType), fetched.url.href);
  }

  /** Polls one feed and ingests each item that is new, or changed since the last poll. */
  async pollFeed(feed: FeedConfig): Promise<FeedPollReport> {
    const { fetcher, state } = this.options;
    const feedState = state.feed(feed.url);
    feedState.lastPolledAt = (this.options.now?.() ?? new Date()).getTime();
    let parsed: ParsedFeed;
    try {
      const fetched = await fetcher.fetch(feed.url, { accept: FEED_ACCEPT, ...(feedState.etag ? { etag: feedState.etag } : {}), ...(feedState.lastModified ? { lastModified: feedState.lastModified } : {}) });
      if (fetched.status === 'not-modified') {
        delete feedState.lastError;
        await state.save();
        return { feed, status: 'not-modified' };
      }
      parsed = parseFeed(decodeBody(fetched.body, fetched.contentType), fetched.url.href);
      if (fetched.etag) feedState.etag = fetched.etag;
      else delete feedState.etag;
      if (fetched.lastModified) feedState.lastModified = fetched.lastModified;
      else delete feedState.lastModified;
    } catch (error) {
      if (!(error instanceof FetchFailure) && !(error instanceof FeedFormatError)) throw error;
      feedState.lastError = error.message;
      await state.save();
      return { feed, status: 'failed', reason: error.message };
    }
    delete feedState.lastError;
    const items: ItemOutcome[] = [];
    const current: Record<string, string> = {};
    let seen = 0;
    for (const item of parsed.items) {
      const fingerprint = itemFingerprint(item);
      if (feedState.items[item.key] === fingerprint) {
        current[item.key] = fingerprint;
        seen++;
        continue;
      }
      const outcome = await this.ingestItem(feed, item);
      items.push(outcome);
      // Temporary failures are tried again next poll; anything else is settled for this version of the item.
      if (!(outcome.status === 'refused' && outcome.retry)) current[item.key] = fingerprint;
    }
    feedState.items = current;
    await state.save();
    return { feed, status: 'polled', items, seen };
  }

  private async ingestItem(feed: FeedConfig, item: FeedItem): Promise<ItemOutcome> {
    if (item.link === null) return { status: 'skipped', url: null, title: item.title, reason: 'the item has no link to an article' };
    const filtered = keywordFilter(feed, item);
    if (filtered) return { status: 'skipped', url: item.link, title: item.title, reason: filtered };
    return this.addArticle(item.link, { outlet: feed.name, feed: feed.url, title: item.title, published: item.published });
  }
}

/** Why an item is left out by the feed's include/exclude keywords (title and summary), or null. */
export function keywordFilter(feed: Pick<FeedConfig, 'include' | 'exclude'>, item: Pick<FeedItem, 'title' | 'summary'>): string | null {
  const text = `${item.title ?? ''} ${item.summary}`.toLowerCase();
  const has = (keyword: string): boolean => new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(keyword.toLowerCase())}(?![\\p{L}\\p{N}])`, 'u').test(text);
  const excluded = feed.exclude.find(has);
  if (excluded !== undefined) return `excluded by the keyword "${excluded}"`;
  if (feed.include.length > 0 && !feed.include.some(has)) return `has none of the keywords ${feed.include.map((k) => `"${k}"`).join(', ')}`;
  return null;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function itemFingerprint(item: FeedItem): string {
  return createHash('sha256').update(JSON.stringify([item.link, item.title, item.published, item.summary])).digest('hex').slice(0, 16);
}

function refusal(url: string, error: unknown): ArticleOutcome {
  if (!(error instanceof FetchFailure)) throw error;
  const temporary = error.kind === 'timeout' || error.kind === 'network' || error.kind === 'rate-limited' || (error.kind === 'http-status' && (error.status ?? 0) >= 500);
  return { status: 'refused', url, reason: error.message, retry: temporary };
}

/** A PDF, an image or a download is not an article page; said plainly. */
function notAWebPage(contentType: string, body: Buffer): string | null {
  if (body.subarray(0, 5).toString('latin1') === '%PDF-') return 'it is a PDF document, not a web page';
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (type === '' || HTML_TYPES.test(type)) return null;
  return `it is ${type}, not a web page`;
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

/** Temporary dot-file (the corpus walk skips dot-files) then rename: a reload never reads half a file. */
async function writeAtomically(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.partial`);
  await writeFile(temporary, text);
  await rename(temporary, file);
}
