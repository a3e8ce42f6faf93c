import { describe, expect, it } from 'vitest';
import { FeedFormatError, parseFeed } from '../../src/feeds/feed-parse.js';
import { fixture } from './support/pages.js';

describe('parseFeed', () => {
  it('reads RSS 2.0 with CDATA and entities into plain text', () => {
    const feed = parseFeed(fixture('entities-rss.xml'), 'https://gazette.example/rss');
    expect(feed.title).toBe('Gazette & Herald');
    expect(feed.items[0]).toEqual({
      key: 'https://gazette.example/world/putin-ready',
      link: 'https://gazette.example/world/putin-ready',
      title: 'Putin: "We are ready" — & talks on Ukraine',
      summary: 'President Putin & his ministers “ready”.',
      published: '2026-11-30T09:15:00.000Z',
    });
  });

  it('keeps an item without a date, with no date', () => {
    const item = parseFeed(fixture('entities-rss.xml'), 'https://gazette.example/rss').items[1]!;
    expect([item.title, item.link, item.published]).toEqual(['An item without a date', 'https://gazette.example/world/undated', null]);
  });

  it('keeps an item without a link, with no link, so it can be reported', () => {
    const item = parseFeed(fixture('entities-rss.xml'), 'https://gazette.example/rss').items[2]!;
    expect([item.title, item.link]).toEqual(['An item without a link', null]);
  });

  it('reads Atom, with an HTML title made plain', () => {
    const feed = parseFeed(fixture('world-atom.xml'), 'https://wire.example/atom.xml');
    expect(feed.title).toBe('Wire Service — Top stories');
    expect(feed.items).toHaveLength(1);
    expect(feed.items[0]).toMatchObject({ key: 'tag:wire.example,2026:budget', link: 'https://wire.example/2026/11/30/budget', title: 'Minister says budget will halve deficit' });
  });

  it('reads JSON Feed', () => {
    const feed = parseFeed(fixture('world.json'), 'https://ledger.example/feed.json');
    expect(feed.title).toBe('Daily Ledger');
    expect(feed.items.map((item) => [item.key, item.link])).toEqual([
      ['ledger-42', 'https://ledger.example/politics/talks'],
      ['ledger-43', null],
    ]);
    expect(feed.items[0]!.published).toBe('2026-11-29T17:45:00.000Z');
  });

  it('refuses malformed XML with the reason', () => {
    expect(() => parseFeed('<rss><channel><item><title>Unclosed</channel></rss>', 'https://x.example/')).toThrow(FeedFormatError);
    expect(() => parseFeed('<rss><channel><item><title>Unclosed</channel></rss>', 'https://x.example/')).toThrow(/not a readable RSS, Atom or JSON feed: The XML document is not well-formed/);
  });

  it('refuses an HTML page given as a feed', () => {
    expect(() => parseFeed('<!doctype html><html><body><p>Home page</p></body></html>', 'https://x.example/')).toThrow(FeedFormatError);
  });
});

describe('an Atom feed with no entries yet', () => {
  it('is a feed with no items, not an unrecognised format', () => {
    const feed = parseFeed('<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire Service</title><id>urn:w</id></feed>', 'https://wire.example/atom');
    expect(feed).toEqual({ title: 'Wire Service', items: [] });
  });
});
