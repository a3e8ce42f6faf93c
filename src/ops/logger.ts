import { Writable } from 'node:stream';
import pino, { type Logger, type LevelWithSilent } from 'pino';
import pretty from 'pino-pretty';

export type { Logger } from 'pino';

export interface LoggerOptions {
  level?: LevelWithSilent;
  /** `json` for machines (the default, one object per line); `pretty` for a person at a terminal. */
  format?: 'json' | 'pretty';
  /**
   * Strings that must never reach a log line, such as the bot token. They are replaced wherever
   * they appear — in messages, error stacks or objects — not only under known keys.
   */
  secrets?: ReadonlyArray<string | undefined>;
  /** Where lines go; standard error by default so that terminal answers on stdout stay clean. */
  destination?: NodeJS.WritableStream;
}

/** Keys redacted by name, as a first line of defence before the secret scrubber. */
const REDACTED_PATHS = [
  'token',
  '*.token',
  'DISCORD_TOKEN',
  '*.DISCORD_TOKEN',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
];

/** Creates the structured logger every part of Quotedesk writes to. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const destination = options.destination ?? process.stderr;
  const target = options.format === 'pretty' ? pretty({ destination, sync: true, colorize: false }) : destination;
  const secrets = (options.secrets ?? []).filter((s): s is string => typeof s === 'string' && s.length >= 8);
  const stream = secrets.length > 0 ? scrubbing(target, secrets) : target;
  return pino(
    {
      level: options.level ?? 'info',
      base: { app: 'quotedesk' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    stream,
  );
}

function scrubbing(target: NodeJS.WritableStream, secrets: string[]): Writable {
  return new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      let line = chunk.toString();
      for (const secret of secrets) line = line.split(secret).join('[redacted]');
      target.write(line);
      callback();
    },
  });
}
