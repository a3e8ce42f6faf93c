import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/ops/config.js';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB';
const problemsOf = (env: Record<string, string>, require: Array<'DISCORD_TOKEN' | 'DISCORD_CLIENT_ID'> = [], discord = true): string[] => {
  try {
    loadConfig({ env, require, discord });
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
};

describe('loadConfig', () => {
  it('needs nothing at all for the terminal mode, and fills in defaults', () => {
    expect(loadConfig({ env: {} })).toMatchObject({ CORPUS_DIR: 'corpus', CACHE_DIR: '.cache', CORPUS_WATCH: false, LOG_LEVEL: 'info', LOG_FORMAT: 'json' });
  });

  it('names a missing token in one line that says where to set it', () => {
    expect(problemsOf({ DISCORD_CLIENT_ID: '123456789012345678' }, ['DISCORD_TOKEN', 'DISCORD_CLIENT_ID'])).toEqual([
      'DISCORD_TOKEN is missing: set it in .env (see .env.example)',
    ]);
  });

  it('counts a blank value as unset', () => {
    expect(problemsOf({ DISCORD_TOKEN: '  ', DISCORD_CLIENT_ID: '123456789012345678' }, ['DISCORD_TOKEN'])).toEqual([
      'DISCORD_TOKEN is missing: set it in .env (see .env.example)',
    ]);
  });

  it.each([
    ['DISCORD_TOKEN', 'my-client-secret'],
    ['DISCORD_CLIENT_ID', 'quotedesk'],
    ['DISCORD_GUILD_ID', '12'],
    ['DISCORD_API_URL', 'ftp://example.com'],
    ['CORPUS_WATCH', 'sometimes'],
    ['LOG_LEVEL', 'loud'],
    ['LOG_FORMAT', 'xml'],
  ])('names %s when it is malformed, in exactly one line', (name, value) => {
    const problems = problemsOf({ [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${name} `));
  });

  it('accepts a well-formed bot configuration', () => {
    expect(loadConfig({ env: { DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: '123456789012345678', CORPUS_WATCH: 'yes' }, require: ['DISCORD_TOKEN'] })).toMatchObject({
      DISCORD_TOKEN: TOKEN,
      CORPUS_WATCH: true,
    });
  });

  it('leaves the Discord variables alone for the terminal mode, however malformed', () => {
    const config = loadConfig({ env: { DISCORD_TOKEN: 'my-client-secret', DISCORD_CLIENT_ID: 'quotedesk', DISCORD_API_URL: 'ftp://x', CORPUS_DIR: 'news' } });
    expect(config.CORPUS_DIR).toBe('news');
    expect(config).not.toHaveProperty('DISCORD_TOKEN');
    expect(config).not.toHaveProperty('DISCORD_CLIENT_ID');
  });

  it('checks the Discord variables whenever some are required', () => {
    expect(() => loadConfig({ env: { DISCORD_TOKEN: TOKEN, DISCORD_GUILD_ID: '12' }, require: ['DISCORD_TOKEN'] })).toThrow('DISCORD_GUILD_ID must be a Discord id: 17 to 20 digits');
  });

  it('tells Discord-only problems from those the terminal mode would meet too', () => {
    const errorFor = (env: Record<string, string>): ConfigError => {
      try {
        loadConfig({ env, require: ['DISCORD_TOKEN'] });
      } catch (error) {
        return error as ConfigError;
      }
      throw new Error('expected a ConfigError');
    };
    expect(errorFor({ DISCORD_TOKEN: 'my-client-secret' }).onlyDiscord).toBe(true);
    expect(errorFor({}).onlyDiscord).toBe(true);
    expect(errorFor({ DISCORD_TOKEN: 'my-client-secret', LOG_LEVEL: 'loud' }).onlyDiscord).toBe(false);
  });

  it('never echoes a malformed token back in the message', () => {
    const secretish = 'not.a-token-but-still-secret';
    expect(problemsOf({ DISCORD_TOKEN: secretish }).join('\n')).not.toContain(secretish);
  });
});
