import { indexTerms, queryTerms, tokenize } from '../../search/terms.js';

/** PostgreSQL keeps positions 1–16383; later tokens share the last one (term frequencies are counted by our own scoring, not from these). */
const MAX_POSITION = 16_383;
/** Field weights in the vector: the quote's words A, its paragraph B, the headline C (see quote-index.ts). */
const FIELD_WEIGHTS = ['A', 'B', 'C'] as const;

/**
 * A `tsvector` literal of the project's own index terms for a quote's fields (text, paragraph,
 * headline), each token a position carrying its field's weight. Built here rather than with
 * PostgreSQL's `to_tsvector`, so stems, place stems ("Ukraine" → "ukrain", as "Ukrainian") and
 * country synonyms are exactly the embedded index's. Sent as a bound parameter and cast; lexemes
 * are quoted, so no term can break out of the literal.
 */
export function termsVector(fields: readonly [string, string, string]): string {
  const positions = new Map<string, string[]>();
  let position = 0;
  fields.forEach((text, field) => {
    for (const token of tokenize(text)) {
      position = Math.min(position + 1, MAX_POSITION);
      for (const term of indexTerms(token) ?? []) {
        const list = positions.get(term);
        const entry = `${position}${FIELD_WEIGHTS[field]}`;
        if (!list) positions.set(term, [entry]);
        else if (list.length < 255 && list[list.length - 1] !== entry) list.push(entry);
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
