import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/ops/logger.js';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB';

function capture(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      chunks.push(String(chunk));
      callback();
    },
  });
  return { stream, text: () => chunks.join('') };
}

describe('createLogger', () => {
  it('writes one JSON object per line', () => {
    const out = capture();
    createLogger({ destination: out.stream }).info({ articles: 3 }, 'corpus loaded');
    expect(JSON.parse(out.text().trim())).toMatchObject({ msg: 'corpus loaded', articles: 3, app: 'quotedesk' });
  });

  it('redacts the token under a known key', () => {
    const out = capture();
    createLogger({ destination: out.stream }).info({ token: TOKEN }, 'login');
    expect(out.text()).not.toContain(TOKEN);
    expect(out.text()).toContain('[redacted]');
  });

  it('scrubs the token wherever else it appears: messages, errors, nested objects', () => {
    const out = capture();
    const logger = createLogger({ destination: out.stream, secrets: [TOKEN] });
    logger.error({ err: new Error(`401 for Bot ${TOKEN}`), request: { auth: `Bot ${TOKEN}` } }, `login failed with ${TOKEN}`);
    expect(out.text()).not.toContain(TOKEN);
    expect(out.text().match(/\[redacted\]/g)!.length).toBeGreaterThanOrEqual(3);
  });

  it('writes readable lines in pretty format', () => {
    const out = capture();
    createLogger({ destination: out.stream, format: 'pretty' }).info('bot ready');
    expect(out.text()).toMatch(/INFO.*bot ready/);
  });
});
