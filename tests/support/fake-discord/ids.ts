import { randomBytes } from 'node:crypto';

/** Discord's epoch (2015-01-01): snowflakes count milliseconds from it, and discord.js reads timestamps back out. */
const DISCORD_EPOCH = 1_420_070_400_000n;
let increment = 0n;

/** A fresh, time-ordered snowflake, so `createdTimestamp` of every fake object is "now" as discord.js sees it. */
export function snowflake(at: number = Date.now()): string {
  increment = (increment + 1n) & 0xfffn;
  return (((BigInt(at) - DISCORD_EPOCH) << 22n) | (1n << 17n) | increment).toString();
}

/** An opaque interaction token, long and URL-safe like the real ones. */
export function interactionToken(): string {
  return `aW50ZXJhY3Rpb246${randomBytes(48).toString('base64url')}`;
}

/**
 * A bot token with the real shape: base64(application id) . base64url(timestamp) . base64url(HMAC-ish),
 * so code that checks the token's format (or derives the client id from it) accepts it. It grants
 * nothing anywhere but the fake.
 */
export function fakeBotToken(applicationId: string): string {
  const id = Buffer.from(applicationId).toString('base64').replace(/=+$/, '');
  const timestamp = randomBytes(4).toString('base64url');
  const signature = randomBytes(27).toString('base64url');
  return `${id}.${timestamp}.${signature}`;
}
