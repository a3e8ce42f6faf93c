import { indexTerms, queryTerms, tokenize } from '../../search/terms.js';

/** PostgreSQL keeps positions 1–16383; later tokens share the last one. */
const MAX_POSITION = 16_383;
/** Field weights in the vector: the quote's words A, its paragraph B, the headline C (see quote-index.ts). */
const FIELD_WEIGHTS = ['A', 'B', 'C'] as const;

/**
 * A `tsvector` literal of the project's own index terms for a quote's fields (text, paragraph,
 * headline): each term once per field it occurs in, at its first position there, weighted by the
 * field. Built here rather than with PostgreSQL's `to_tsvector`, so stems, place stems ("Ukraine"
 * → "ukrain", as "Ukrainian") and country synonyms are exactly the embedded index's.
 *
 * One position per field, not one per occurrence: ts_rank only picks candidates (the exact term
 * frequencies are counted from the fetched text by our BM25+), and the vector stays small enough
 * to live in the row rather than in TOAST, which halved the work of ranking a common topic.
 * Sent as a bound parameter and cast; lexemes are quoted, so no term can break out of the literal.
 */
export function termsVector(fields: readonly [string, string, string]): string {
  const positions = new Map<string, string[]>();
  let position = 0;
  fields.forEach((text, field) => {
    const seen = new Set<string>();
    for (const token of tokenize(text)) {
      position = Math.min(position + 1, MAX_POSITION);
      for (const term of indexTerms(token) ?? []) {
        if (seen.has(term)) continue;
        seen.add(term);
        const entry = `${position}${FIELD_WEIGHTS[field]}`;
        const list = positions.get(term);
        if (!list) positions.set(term, [entry]);
        else list.push(entry);
      }
    }
  });
  return [...positions].map(([term, at]) => `${lexeme(term)}:${at.join(',')}`).join(' ');
}

/** The question's terms as a `tsquery` literal: any of them (OR), long ones also as prefixes ("ukrain:*"). */
export function topicQuery(terms: readonly string[], isPrefix: (term: string) => boolean): string | null {
  const unique = [...new Set(terms)];
  if (unique.length === 0) return null;
  return unique.map((term) => `${lexeme(term)}${isPrefix(term) ? ':*' : ''}`).join(' | ');
}

/** A topic's query terms, as the embedded index derives them (quote-index.ts `specFor`). */
export function topicTerms(topic: string): string[] {
  return tokenize(topic)
    .flatMap((token) => queryTerms(token) ?? [])
    .filter((term) => term.length > 0);
}

function lexeme(term: string): string {
  return `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}
