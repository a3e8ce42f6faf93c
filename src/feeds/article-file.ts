import { createHash } from 'node:crypto';

/** An article as the feeds write it: the fields the corpus loader reads from Markdown front matter. */
export interface FetchedArticle {
  title: string | null;
  /** YYYY-MM-DD, or null when neither feed nor page gave a date. */
  date: string | null;
  outlet: string;
  url: string;
  body: string;
  /** When it was fetched (ISO), and from which feed: for the person who opens the file. */
  fetchedAt: string;
  feed?: string;
}

/** Folder (inside the corpus folder) that fetched articles are written under, one sub-folder per outlet. */
export const FETCHED_FOLDER = 'fetched';

/**
 * The Markdown-with-front-matter text the corpus loader reads (`src/corpus/formats/markdown.ts`).
 * Values are written as double-quoted scalars with only `\"` and `\\` escapes, which both the
 * loader's parser and any YAML parser read back exactly; control characters become spaces.
 */
export function articleFileText(article: FetchedArticle): string {
  const lines = ['---'];
  const field = (key: string, value: string | null | undefined): void => {
    if (value !== null && value !== undefined) lines.push(`${key}: ${quoted(value)}`);
  };
  field('title', article.title);
  // Quoted, so a YAML library that reads timestamps (js-yaml, YAML 1.1) still sees a string.
  field('date', article.date);
  field('source', article.outlet);
  field('url', article.url);
  field('fetched', article.fetchedAt);
  field('feed', article.feed);
  lines.push('---', '');
  return `${lines.join('\n')}\n${article.body.replace(/\r\n?/g, '\n').trim()}\n`;
}

function quoted(value: string): string {
  const clean = value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD').replace(/[\s\u0000-\u001f\u007f]+/g, ' ').trim();
  return `"${clean.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * Where an article lives, from its canonical URL alone (`fetched/<outlet>/<slug>-<hash>.md`), so a
 * second fetch of the same article lands on the same file and an update replaces it in place.
 */
export function articleFilePath(outlet: string, canonical: string): string {
  const url = new URL(canonical);
  const last = url.pathname.split('/').filter(Boolean).at(-1) ?? url.hostname;
  const hash = createHash('sha256').update(canonical).digest('hex').slice(0, 10);
  return `${FETCHED_FOLDER}/${slug(outlet, 40) || 'outlet'}/${slug(last.replace(/\.[a-z0-9]{2,5}$/i, ''), 60) || 'article'}-${hash}.md`;
}

/** Content hash of an article body, whitespace-insensitive: what "the same text" means for dedupe. */
export function contentHash(body: string): string {
  return createHash('sha256').update(body.replace(/\s+/g, ' ').trim()).digest('hex');
}

function slug(text: string, max: number): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '');
}

/** The day of an ISO-ish date-time (`2026-11-30T09:15:00Z`, `Mon, 30 Nov 2026 …`), or null. */
export function dayOf(published: string | null | undefined): string | null {
  if (!published) return null;
  const iso = /^(\d{4}-\d{2}-\d{2})/.exec(published.trim());
  if (iso) return iso[1]!;
  const parsed = Date.parse(published);
  return Number.isNaN(parsed) ? null : new Date(parsed).toISOString().slice(0, 10);
}
