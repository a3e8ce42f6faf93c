import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/** DER prefix of an Ed25519 SubjectPublicKeyInfo; the 32 raw key bytes follow it. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
/** Discord signs each request when it sends it; older timestamps are replays. */
const MAX_AGE_SECONDS = 5 * 60;

/** The application's public key (hex, from the developer portal's General Information page) as a key object. */
export function discordPublicKey(hex: string): KeyObject {
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new Error('DISCORD_PUBLIC_KEY must be 64 hex characters (General Information page of the developer portal)');
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, 'hex')]), format: 'der', type: 'spki' });
}

/**
 * Whether a request really comes from Discord: `X-Signature-Ed25519` must be the application key's
 * signature of `X-Signature-Timestamp` followed by the raw body, and the timestamp recent. Discord
 * requires endpoints to refuse anything else with 401, and tests endpoints with bad signatures.
 */
export function isSignedByDiscord(key: KeyObject, signatureHex: string | undefined, timestamp: string | undefined, body: Buffer, now = Date.now()): boolean {
  if (!signatureHex || !timestamp || !/^[0-9a-f]{128}$/i.test(signatureHex) || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(now / 1000 - Number(timestamp)) > MAX_AGE_SECONDS) return false;
  try {
    return verify(null, Buffer.concat([Buffer.from(timestamp, 'utf8'), body]), key, Buffer.from(signatureHex, 'hex'));
  } catch {
    return false;
  }
}
