import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';

const booleanFromText = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
  .transform((text) => text === 'true' || text === '1' || text === 'yes');

const snowflake = z.string().regex(/^\d{17,20}$/, 'must be a Discord id: 17 to 20 digits');

/**
 * A bot token is three dot-separated base64url parts. Checking the shape catches the usual
 * mistakes (pasting the client secret or the application id) before a login attempt is made.
 */
const discordToken = z
  .string()
  .regex(
    /^[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{20,}$/,
    'does not look like a bot token (three dot-separated parts, from the Bot page of the Discord developer portal)',
  );

const wholeNumber = (min: number, fallback: number) =>
  z.coerce.number({ error: 'must be a whole number' }).int('must be a whole number').min(min, `must be at least ${min}`).default(fallback);

/** Feeds and article fetching (src/feeds): where the feed list is, and how politely we fetch. */
const FETCH_ENV = {
  /** The feed list moderators edit (YAML or JSON); /feeds add and /feeds remove write it. */
  FEEDS_FILE: z.string().min(1).default('feeds.yaml'),
  /** A page saying who runs this bot, put in the User-Agent so site owners can reach us. */
  FETCH_CONTACT_URL: z.url({ error: 'must be a URL, such as https://example.org/quotedesk-bot' }).optional(),
  /** Pause between two requests to one site. */
  FETCH_DELAY_MS: wholeNumber(1_000, 5_000),
  FETCH_TIMEOUT_MS: wholeNumber(1_000, 20_000),
  FETCH_MAX_BYTES: wholeNumber(1_024, 5 * 1024 * 1024),
  /** Fetch loopback / private / link-local addresses (an intranet news site). Off by default. */
  FETCH_ALLOW_PRIVATE: booleanFromText.default(false),
};

/**
 * The variables only the Discord side reads (the bot, deploy-commands). They are checked only there:
 * a malformed token in `.env` must not stop the token-free terminal mode.
 */
export const DiscordEnvSchema = z.object({
  DISCORD_TOKEN: discordToken.optional(),
  DISCORD_CLIENT_ID: snowflake.optional(),
  DISCORD_GUILD_ID: snowflake.optional(),
  /**
   * Discord's REST base URL. Only for an API proxy or the loopback Discord in tests; leave unset in
   * production. The gateway address is then taken from that API's /gateway/bot.
   */
  DISCORD_API_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as http://127.0.0.1:8080/api' }).optional(),
});

/** What every mode reads: the corpus, the cache, logging. */
export const CoreEnvSchema = z.object({
  CORPUS_DIR: z.string().min(1).default('corpus'),
  CACHE_DIR: z.string().min(1).default('.cache'),
  CORPUS_WATCH: booleanFromText.default(false),
  /** The "Wrong speaker?" reports: an append-only JSON Lines file (the folder is made if missing). */
  SPEAKER_REPORTS_FILE: z.string().min(1).default('data/speaker-reports.jsonl'),
  ...FETCH_ENV,
  /** The application's public key (hex): the HTTP interactions endpoint (`npm run start:http`) checks every request's signature with it. */
  DISCORD_PUBLIC_KEY: z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (General Information page of the developer portal)').optional(),
  /** Where `npm run start:http` listens for Discord's interaction requests. */
  INTERACTIONS_PORT: z.coerce.number({ error: 'must be a port number' }).int().min(0).max(65_535).default(8080),
  INTERACTIONS_HOST: z.string().min(1).default('0.0.0.0'),
  /** Shards `npm run start:sharded` runs (discord.js ShardingManager); unset: as many as Discord recommends. */
  SHARD_COUNT: z.coerce.number({ error: 'must be a whole number of shards' }).int().min(1).max(10_000).optional(),
  /** Pause between starting shards: Discord allows one IDENTIFY per 5 s per bucket. */
  SHARD_SPAWN_DELAY_MS: z.coerce.number({ error: 'must be milliseconds' }).int().min(0).default(5_500),
  /**
   * When set, quotes are served from this PostgreSQL database (shared by many bot processes; see
   * docs/scaling.md) instead of the embedded index, and `npm run ingest` writes the corpus there.
   */
  DATABASE_URL: z.url({ protocol: /^postgres(?:ql)?$/, error: 'must be a postgres:// URL such as postgres://user:password@host:5432/quotedesk' }).optional(),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty'], { error: 'must be json or pretty' }).default('json'),
});

/**
 * Every environment variable Quotedesk reads, in one place. Empty strings count as unset, so a
 * `.env` line like `DISCORD_GUILD_ID=` means "not set" rather than "invalid".
 */
export const EnvSchema = CoreEnvSchema.extend(DiscordEnvSchema.shape);
export type Config = z.infer<typeof EnvSchema>;

/** Thrown with one line per bad variable, each naming the variable and what is wrong with it. */
export class ConfigError extends Error {
  constructor(
    readonly problems: string[],
    /** The variables the problems are about, so a caller can tell Discord-only problems from the rest. */
    readonly variables: string[] = [],
  ) {
    super(`Configuration problem${problems.length > 1 ? 's' : ''}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }

  /** True when only Discord variables are wrong: the terminal mode (`npm run ask`) would still work. */
  get onlyDiscord(): boolean {
    return this.variables.length > 0 && this.variables.every((name) => name in DiscordEnvSchema.shape);
  }
}

export interface LoadConfigOptions {
  /** The environment to read; defaults to `process.env` after `.env` is loaded into it. */
  env?: NodeJS.ProcessEnv;
  /** Require the variables the Discord bot cannot run without. The terminal mode needs none. */
  require?: ReadonlyArray<'DISCORD_TOKEN' | 'DISCORD_CLIENT_ID'>;
  /**
   * Read and check the Discord variables. Default: only when some are required. Without it they are
   * left out of the result entirely, so nothing can use a value that was never checked.
   */
  discord?: boolean;
}

/**
 * Reads and validates the environment once at start, so a typo fails loudly with the variable's
 * name instead of surfacing later as a confusing runtime error.
 */
export function loadConfig(options: LoadConfigOptions = {}): Config {
  const env = options.env ?? loadProcessEnv();
  const withoutBlanks = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''),
  );
  const discord = options.discord ?? (options.require?.length ?? 0) > 0;
  const parsed = (discord ? EnvSchema : CoreEnvSchema).safeParse(withoutBlanks);
  const problems: string[] = [];
  const variables: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0] ?? 'environment');
      problems.push(`${name} ${issue.message}`);
      variables.push(name);
    }
  }
  for (const name of options.require ?? []) {
    if (withoutBlanks[name] === undefined) {
      problems.push(`${name} is missing: set it in .env (see .env.example)`);
      variables.push(name);
    }
  }
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems, variables);
  return parsed.data;
}

function loadProcessEnv(): NodeJS.ProcessEnv {
  loadDotenv({ quiet: true });
  return process.env;
}
