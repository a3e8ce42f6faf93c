import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../src/feeds/charset.js';

/** "Café — «Putin»" in windows-1252: é = E9, em dash = 97, guillemets = AB/BB. */
const WINDOWS_1252 = Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x97, 0x20, 0xab, 0x50, 0x75, 0x74, 0x69, 0x6e, 0xbb]);

describe('decodeBody', () => {
  it('uses the charset in the Content-Type header', () => {
    expect(decodeBody(WINDOWS_1252, 'text/html; charset=windows-1252')).toBe('Café — «Putin»');
  });

  it('uses <meta charset> when the header has none', () => {
    const page = Buffer.concat([Buffer.from('<html><head><meta charset="iso-8859-1"></head><body>'), WINDOWS_1252.subarray(0, 4), Buffer.from('</body></html>')]);
    expect(decodeBody(page, 'text/html')).toContain('<body>Café</body>');
  });

  it('uses the XML declaration of a feed', () => {
    const feed = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><rss><title>'), WINDOWS_1252.subarray(0, 4), Buffer.from('</title></rss>')]);
    expect(decodeBody(feed, 'application/rss+xml')).toContain('<title>Café</title>');
  });

  it('reads UTF-8 when nothing is declared', () => {
    expect(decodeBody(Buffer.from('Café — «Putin»'), '')).toBe('Café — «Putin»');
  });

  it('falls back to UTF-8 for a charset nobody knows', () => {
    expect(decodeBody(Buffer.from('Café'), 'text/html; charset=x-made-up')).toBe('Café');
  });
});

describe('windows-1252 punctuation (Node 20 decodes it as latin1 on its own)', () => {
  it('turns 0x93/0x94 into curly quotes and 0x80 into the euro sign, also when labelled iso-8859-1', () => {
    const bytes = Buffer.from([0x93, 0x52, 0x65, 0x61, 0x64, 0x79, 0x94, 0x20, 0x80, 0x35]);
    expect(decodeBody(bytes, 'text/html; charset=ISO-8859-1')).toBe('“Ready” €5');
  });
});
