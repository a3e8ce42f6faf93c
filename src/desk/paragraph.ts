const MAX_PARAGRAPH_CHARS = 1_200;

/**
 * The paragraph a quote stands in, at most ~1,200 characters centred on the quote. Indexing it
 * beside the quote lets "what did Putin say about Trump" find "He behaved … like a real man",
 * whose paragraph names Trump though the quote itself says only "he".
 */
export function paragraphAround(body: string, start: number, end: number): string {
  const paragraphStart = Math.max(0, body.lastIndexOf('\n\n', start) + 1);
  const nextBreak = body.indexOf('\n\n', end);
  const paragraphEnd = nextBreak === -1 ? body.length : nextBreak;
  if (paragraphEnd - paragraphStart <= MAX_PARAGRAPH_CHARS) return body.slice(paragraphStart, paragraphEnd).trim();
  const spare = Math.max(0, MAX_PARAGRAPH_CHARS - (end - start));
  const from = Math.max(paragraphStart, start - Math.floor(spare / 2));
  const to = Math.min(paragraphEnd, Math.max(end, from + MAX_PARAGRAPH_CHARS));
  return body.slice(from, to).trim();
}
