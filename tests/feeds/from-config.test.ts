import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { feedServiceOptions } from '../../src/feeds/from-config.js';
import { ConfigError, loadConfig } from '../../src/ops/config.js';

describe('feed settings from the environment', () => {
  it('defaults to polite fetching: 5 s per site, 20 s timeout, 5 MB, public addresses only', () => {
    const options = feedServiceOptions(loadConfig({ env: {} }), { corpusDir: '/srv/corpus' });
    expect(options).toMatchObject({
      corpusDir: '/srv/corpus',
      feedsFile: path.resolve('feeds.yaml'),
      stateFile: path.resolve('.cache', 'feeds-state.json'),
      fetcher: { hostDelayMs: 5_000, timeoutMs: 20_000, maxBytes: 5 * 1024 * 1024, allowPrivateAddresses: false },
    });
    expect(options.fetcher).not.toHaveProperty('contactUrl');
  });

  it('takes the contact URL and limits that are set', () => {
    const config = loadConfig({ env: { FETCH_CONTACT_URL: 'https://desk.example/bot', FETCH_DELAY_MS: '10000', FETCH_MAX_BYTES: '1048576', FETCH_ALLOW_PRIVATE: 'true', FEEDS_FILE: 'config/feeds.json' } });
    expect(feedServiceOptions(config, { corpusDir: '/srv/corpus' })).toMatchObject({
      feedsFile: path.resolve('config/feeds.json'),
      fetcher: { contactUrl: 'https://desk.example/bot', hostDelayMs: 10_000, maxBytes: 1_048_576, allowPrivateAddresses: true },
    });
  });

  it('refuses a delay under one second and a contact that is not a URL, naming the variables', () => {
    expect(() => loadConfig({ env: { FETCH_DELAY_MS: '200', FETCH_CONTACT_URL: 'me' } })).toThrow(ConfigError);
    try {
      loadConfig({ env: { FETCH_DELAY_MS: '200', FETCH_CONTACT_URL: 'me' } });
    } catch (error) {
      expect((error as ConfigError).problems).toEqual(['FETCH_CONTACT_URL must be a URL, such as https://example.org/quotedesk-bot', 'FETCH_DELAY_MS must be at least 1000']);
    }
  });
});
