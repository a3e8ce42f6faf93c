import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { isNonPublicAddress } from './addresses.js';
import { FetchFailure } from './fetch-errors.js';

export interface RequestOptions {
  headers: Record<string, string>;
  /** Whole exchange, from connecting to the last body byte. */
  timeoutMs: number;
  /** Body bytes after decompression; the transfer is aborted as soon as it is passed. */
  maxBytes: number;
  /** Allow loopback / private / link-local addresses (tests, or a bot fetching an intranet). */
  allowPrivateAddresses: boolean;
}

export interface RawResponse {
  url: URL;
  status: number;
  headers: IncomingHttpHeaders;
  /** Decompressed body; empty for 3xx and 304. */
  body: Buffer;
}

/**
 * Refuses any resolved address that is not public, at connect time: checking the host name before
 * the request would let a DNS answer that changes between check and connect (rebinding) through.
 */
function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const usable = allowPrivate ? addresses : addresses.filter((a) => !isNonPublicAddress(a.address));
      if (usable.length === 0) {
        const refused = new FetchFailure('blocked-address', `${hostname} resolves to a private, loopback or link-local address (${addresses.map((a) => a.address).join(', ')}); such addresses are not fetched`);
        return callback(refused as NodeJS.ErrnoException, '', 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, usable);
      return callback(null, usable[0]!.address, usable[0]!.family);
    });
  };
}

function decompressed(response: IncomingMessage): Readable {
  const encoding = String(response.headers['content-encoding'] ?? '').trim().toLowerCase();
  if (encoding === 'gzip' || encoding === 'x-gzip') return response.pipe(zlib.createGunzip());
  if (encoding === 'br') return response.pipe(zlib.createBrotliDecompress());
  // "deflate" is zlib-wrapped by the spec but raw from some servers: inflate both.
  if (encoding === 'deflate') return response.pipe(zlib.createUnzip());
  return response;
}

/**
 * One HTTP(S) GET, no redirects followed: the caller decides about each hop (robots, politeness).
 * Rejects with a {@link FetchFailure} for every way the exchange can go wrong.
 */
export function requestOnce(url: URL, options: RequestOptions): Promise<RawResponse> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return Promise.reject(new FetchFailure('bad-url', `only http and https addresses are fetched, not ${url.protocol.replace(':', '')}`));
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) !== 0 && !options.allowPrivateAddresses && isNonPublicAddress(host)) {
    return Promise.reject(new FetchFailure('blocked-address', `${host} is a private, loopback or link-local address; such addresses are not fetched`));
  }
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<RawResponse>((resolve, reject) => {
    let settled = false;
    const fail = (failure: Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      reject(failure instanceof FetchFailure ? failure : new FetchFailure('network', `could not fetch ${url.host}: ${failure.message}`));
    };
    const timer = setTimeout(() => fail(new FetchFailure('timeout', `${url.host} did not answer within ${Math.round(options.timeoutMs / 1000)} s`)), options.timeoutMs);
    const request = client.get(url, { headers: { 'accept-encoding': 'gzip, deflate, br', ...options.headers }, lookup: guardedLookup(options.allowPrivateAddresses), agent: false }, (response) => {
      const status = response.statusCode ?? 0;
      const declared = Number(response.headers['content-length']);
      if (Number.isFinite(declared) && declared > options.maxBytes) {
        return fail(new FetchFailure('too-large', `${url.href} is ${megabytes(declared)} MB, over the ${megabytes(options.maxBytes)} MB limit`));
      }
      if ((status >= 300 && status < 400) || status === 304) {
        response.resume();
        settled = true;
        clearTimeout(timer);
        request.destroy();
        return resolve({ url, status, headers: response.headers, body: Buffer.alloc(0) });
      }
      const chunks: Buffer[] = [];
      let size = 0;
      const body = decompressed(response);
      body.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > options.maxBytes) return fail(new FetchFailure('too-large', `${url.href} is over the ${megabytes(options.maxBytes)} MB limit`));
        chunks.push(chunk);
      });
      body.on('error', (error) => fail(new FetchFailure('network', `${url.host} sent a body that could not be read (${error.message})`)));
      response.on('error', fail);
      body.on('end', () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ url, status, headers: response.headers, body: Buffer.concat(chunks) });
      });
    });
    request.on('error', fail);
  });
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '');
}
