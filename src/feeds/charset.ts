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
  // Node 20's TextDecoder turns windows-1252 (which also stands for iso-8859-1 and ascii) into
  // latin1, so 0x80–0x9F come out as control characters instead of “curly quotes” and dashes.
  if (decoder.encoding === 'windows-1252') return decodeWindows1252(body);
  return decoder.decode(body);
}

/** windows-1252 bytes 0x80–0x9F (WHATWG Encoding index); the other bytes are their own code points. */
const WINDOWS_1252_C1 = '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

function decodeWindows1252(body: Buffer): string {
  return body.toString('latin1').replace(/[\u0080-\u009f]/g, (char) => WINDOWS_1252_C1[char.charCodeAt(0) - 0x80]!);
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
