import { describe, expect, it } from 'vitest';
import { extractArticle, NoArticleError } from '../../src/feeds/extract-article.js';
import { fixture } from './support/pages.js';

describe('extractArticle', () => {
  const page = extractArticle(fixture('article-putin-talks.html'), 'https://news.example/world/putin-talks-ukraine?utm_source=rss');

  it('keeps the article paragraphs, a blank line between each', () => {
    expect(page.body.split('\n\n')).toEqual([
      'Russian President Vladimir Putin said on Monday that Moscow was "ready for talks" on ending the war in Ukraine, but only on terms that recognised what he called "the realities on the ground".',
      '"We have never refused negotiations," Putin told reporters in Moscow. "It is the other side that walked away from the table."',
      'Ukraine\'s foreign minister dismissed the remarks. "These are not offers of peace, they are demands for surrender," he said in a statement.',
      'Western officials said they would study the comments carefully, but noted that similar statements in the past had not been followed by any change on the battlefield.',
    ]);
  });

  it('never keeps script or style text, even from inside the article', () => {
    expect(page.body).not.toMatch(/SCRIPT TEXT|STYLE TEXT|tracking|color: red/);
  });

  it('leaves out navigation, sidebars and footers', () => {
    expect(page.body).not.toMatch(/Most read|Copyright|Privacy|Sport/);
  });

  it('reads title, site name, canonical address and publication time from the page', () => {
    expect(page).toMatchObject({
      title: 'Putin says Russia ready for talks on Ukraine',
      siteName: 'World News Desk',
      canonicalUrl: 'https://news.example/world/putin-talks-ukraine',
      published: '2026-11-30T09:15:00Z',
    });
  });

  it('finds the date in JSON-LD when there is no meta tag', () => {
    const html = fixture('article-putin-talks.html')
      .replace(/<meta property="article:published_time"[^>]*>/, '<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","datePublished":"2026-11-29T21:00:00+00:00"}</script>');
    expect(extractArticle(html, 'https://news.example/a').published).toBe('2026-11-29T21:00:00+00:00');
  });

  it('refuses a page with no article on it', () => {
    expect(() => extractArticle('<!doctype html><html><body><nav><a href="/">Home</a></nav></body></html>', 'https://news.example/')).toThrow(NoArticleError);
  });
});
