import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { collapse } from './html-text.js';

/** What a news page yields: the main text as paragraphs and what the page says about itself. */
export interface PageArticle {
  title: string | null;
  /** Paragraphs separated by a blank line; no script, style, navigation or boilerplate. */
  body: string;
  /** `<link rel="canonical">` (http(s) only), else null. */
  canonicalUrl: string | null;
  /** `og:site_name` or Readability's site name. */
  siteName: string | null;
  /** The page's publication date (meta tags, JSON-LD, `<time>`), as written. */
  published: string | null;
}

const BLOCKS = 'p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, dd, dt, figcaption, td, th';
const NO_TEXT = 'script, style, noscript, template, iframe, svg, object, embed, form, button';

/** Thrown when a page has no article text worth keeping (an index page, a login wall, an empty shell). */
export class NoArticleError extends Error {
  override name = 'NoArticleError';
}

/**
 * Pulls the article out of a page with Mozilla's Readability (Firefox Reader View) on a linkedom
 * document. Script and style are removed before Readability sees the page, so their text can
 * never reach a body; paragraphs are rebuilt from Readability's HTML so quotes keep their breaks.
 */
export function extractArticle(html: string, pageUrl: string): PageArticle {
  const { document } = parseHTML(html);
  const meta = readMeta(document, pageUrl);
  for (const element of document.querySelectorAll(NO_TEXT)) element.remove();
  const parsed = new Readability(document as never, { charThreshold: 200 }).parse();
  if (!parsed?.content) throw new NoArticleError('no article text found on the page');
  const body = paragraphsOf(parsed.content);
  if (body.replace(/\s/g, '').length < 80) throw new NoArticleError(`no article text found on the page (only ${body.length} characters of text)`);
  return {
    title: meta.title ?? (parsed.title ? collapse(parsed.title) : null),
    body,
    canonicalUrl: meta.canonicalUrl,
    siteName: meta.siteName ?? (parsed.siteName ? collapse(parsed.siteName) : null),
    published: meta.published ?? (parsed.publishedTime ?? null),
  };
}

function paragraphsOf(contentHtml: string): string {
  const { document } = parseHTML(`<!doctype html><html><body>${contentHtml}</body></html>`);
  for (const element of document.querySelectorAll(NO_TEXT)) element.remove();
  const paragraphs: string[] = [];
  for (const block of document.querySelectorAll(BLOCKS)) {
    // The innermost blocks only: an <li> holding <p>s gives its paragraphs, not one run-together line.
    if (block.querySelector(BLOCKS)) continue;
    const text = collapse(block.textContent ?? '');
    if (text !== '') paragraphs.push(text);
  }
  if (paragraphs.length === 0) {
    const text = collapse(document.body?.textContent ?? '');
    if (text !== '') paragraphs.push(text);
  }
  return paragraphs.join('\n\n');
}

interface PageMeta {
  title: string | null;
  canonicalUrl: string | null;
  siteName: string | null;
  published: string | null;
}

function readMeta(document: ReturnType<typeof parseHTML>['document'], pageUrl: string): PageMeta {
  const content = (selector: string): string | null => {
    const value = document.querySelector(selector)?.getAttribute('content');
    return value && value.trim() !== '' ? collapse(value) : null;
  };
  let canonicalUrl: string | null = null;
  const href = document.querySelector('link[rel~="canonical"]')?.getAttribute('href');
  if (href) {
    try {
      const url = new URL(href, pageUrl);
      if (url.protocol === 'http:' || url.protocol === 'https:') canonicalUrl = url.href;
    } catch {
      canonicalUrl = null;
    }
  }
  const published =
    content('meta[property="article:published_time"]') ??
    content('meta[name="article:published_time"]') ??
    content('meta[itemprop="datePublished"]') ??
    content('meta[name="date"]') ??
    content('meta[name="dc.date"]') ??
    content('meta[name="DC.date.issued"]') ??
    jsonLdDate(document) ??
    (document.querySelector('time[datetime]')?.getAttribute('datetime') || null);
  return {
    title: content('meta[property="og:title"]'),
    canonicalUrl,
    siteName: content('meta[property="og:site_name"]'),
    published,
  };
}

function jsonLdDate(document: ReturnType<typeof parseHTML>['document']): string | null {
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      const found = findDate(JSON.parse(script.textContent ?? ''));
      if (found) return found;
    } catch {
      // A broken JSON-LD block is the page's problem; other date sources remain.
    }
  }
  return null;
}

function findDate(value: unknown, depth = 0): string | null {
  if (depth > 4 || value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findDate(item, depth + 1);
      if (found) return found;
    }
    return null;
  }
  const record = value as Record<string, unknown>;
  if (typeof record.datePublished === 'string') return record.datePublished;
  return findDate(record['@graph'], depth + 1);
}
