import { readFileSync } from 'node:fs';
import path from 'node:path';

const FIXTURES = path.resolve('tests/feeds/fixtures');

/** A fixture file's text (our own short, written-for-the-test news pages and feeds). */
export function fixture(name: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8');
}

/**
 * A news article page shaped like a real one (header, nav, aside, footer, script, style) around
 * the given paragraphs, so Readability has boilerplate to strip.
 */
export function articlePage(options: { title: string; paragraphs: string[]; site?: string; published?: string; canonical?: string; charset?: string }): string {
  return `<!doctype html>
<html lang="en"><head>${options.charset ? `<meta charset="${options.charset}">` : ''}
<title>${options.title} - ${options.site ?? 'World News Desk'}</title>
<meta property="og:title" content="${options.title}">
<meta property="og:site_name" content="${options.site ?? 'World News Desk'}">
${options.published ? `<meta property="article:published_time" content="${options.published}">` : ''}
${options.canonical ? `<link rel="canonical" href="${options.canonical}">` : ''}
<style>.promo { display: none } /* STYLE TEXT */</style>
<script>window.analytics = "SCRIPT TEXT";</script>
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a></nav></header>
<main><article>
<h1>${options.title}</h1>
${options.paragraphs.map((p) => `<p>${p}</p>`).join('\n')}
</article></main>
<aside><h2>Most read</h2><ul><li><a href="/x">Markets rally</a></li><li><a href="/y">Weather warning</a></li></ul></aside>
<footer>Copyright ${options.site ?? 'World News Desk'}. <a href="/privacy">Privacy</a></footer>
</body></html>`;
}

export const PUTIN_PARAGRAPHS = [
  'Russian President Vladimir Putin said on Monday that Moscow was "ready for talks" on ending the war in Ukraine, but only on terms that recognised what he called "the realities on the ground".',
  '"We have never refused negotiations," Putin told reporters in Moscow. "It is the other side that walked away from the table."',
  'Ukraine\'s foreign minister dismissed the remarks. "These are not offers of peace, they are demands for surrender," he said in a statement.',
];

export const BUDGET_PARAGRAPHS = [
  'The finance minister said the budget would cut the deficit by half within three years, while protecting spending on schools and hospitals.',
  '"This is a budget for working families," she told parliament. "Every pound has been spent with care."',
  'Opposition leaders said the plan relied on optimistic forecasts and would leave the country exposed if growth slowed.',
];

/** An RSS 2.0 feed of the given items (title and description escaped as a CMS would). */
export function rssFeed(items: Array<{ title: string; link?: string; guid?: string; pubDate?: string; description?: string }>): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>World News Desk - World</title>
<link>https://news.example/world</link>
<description>The latest world news</description>
${items
  .map(
    (item) => `<item>
  <title><![CDATA[${item.title}]]></title>
  ${item.link ? `<link>${item.link.replace(/&/g, '&amp;')}</link>` : ''}
  ${item.guid ? `<guid isPermaLink="false">${item.guid}</guid>` : ''}
  ${item.pubDate ? `<pubDate>${item.pubDate}</pubDate>` : ''}
  <description>${item.description ?? ''}</description>
</item>`,
  )
  .join('\n')}
</channel>
</rss>`;
}
