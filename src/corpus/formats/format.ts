/** Article fields as a file spelled them, before {@link ArticleSchema} has checked them. */
export type ArticleFields = Record<string, unknown>;

/**
 * A format whose file holds one article (`.txt`, `.md`). `parse` throws a `FileProblem` when the
 * file does not follow the format; the loader turns that into a rejection.
 */
export interface OneArticleFormat {
  readonly kind: 'one-article';
  readonly name: string;
  parse(text: string, relativePath: string): ArticleFields;
}

/**
 * A format with one article a line (`.jsonl`), read as a stream. `parseLine` returns `null` for a
 * blank line and throws a `FileProblem` for a bad one.
 */
export interface LineFormat {
  readonly kind: 'lines';
  readonly name: string;
  parseLine(text: string): ArticleFields | null;
}

export type CorpusFormat = OneArticleFormat | LineFormat;
