import path from 'node:path';
import type { Logger } from 'pino';
import type { ReloadResult } from '../desk/reload-report.js';
import type { Config } from '../ops/config.js';
import type { FeedServiceOptions } from './feed-service.js';

/** The feed service as the environment configures it (FEEDS_FILE, FETCH_*), for the bot and `npm run fetch`. */
export function feedServiceOptions(
  config: Config,
  options: { corpusDir: string; logger?: Logger; reload?: (trigger: string) => Promise<ReloadResult> },
): FeedServiceOptions {
  return {
    corpusDir: options.corpusDir,
    feedsFile: path.resolve(config.FEEDS_FILE),
    stateFile: path.resolve(config.CACHE_DIR, 'feeds-state.json'),
    fetcher: {
      ...(config.FETCH_CONTACT_URL ? { contactUrl: config.FETCH_CONTACT_URL } : {}),
      hostDelayMs: config.FETCH_DELAY_MS,
      timeoutMs: config.FETCH_TIMEOUT_MS,
      maxBytes: config.FETCH_MAX_BYTES,
      allowPrivateAddresses: config.FETCH_ALLOW_PRIVATE,
    },
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.reload ? { reload: options.reload } : {}),
  };
}
