import { TextDecoder } from 'node:util';

/**
 * Turns fetched bytes into text using the charset the server or the document declares: the
 * Content-Type header first, then a byte-order mark, then `<meta charset>` / `<?xml encoding?>` in
 * the first 1024 bytes, else UTF-8. Old news archives still serve windows-1252 and ISO-8859-1.
 */
export function decodeBody(body: Buffer, contentType: string): string {
  const label = charsetFromHeader(contentType) ?? charsetFromBom(body) ?? charsetFromDocument(body) ?? 'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label);
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  return decoder.decode(body);
}

function charsetFromHeader(contentType: string): string | null {
  const match = /charset\s*=\s*"?([\w.:-]+)"?/i.exec(contentType);
  return match ? match[1]!.toLowerCase() : null;
}

function charsetFromBom(body: Buffer): string | null {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return 'utf-8';
  if (body[0] === 0xff && body[1] === 0xfe) return 'utf-16le';
  if (body[0] === 0xfe && body[1] === 0xff) return 'utf-16be';
  return null;
}

function charsetFromDocument(body: Buffer): string | null {
  const head = body.subarray(0, 1024).toString('latin1');
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  if (xml) return xml[1]!.toLowerCase();
  const meta = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head);
  return meta ? meta[1]!.toLowerCase() : null;
}
