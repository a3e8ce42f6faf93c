import { ArticleSchema, type Article } from './article.js';
import { describeIssues } from './issues.js';
import { MAX_ARTICLE_CHARS } from './limits.js';

export type Validation = { ok: true; article: Article } | { ok: false; reason: string };

/**
 * The one gate every article passes, whatever its format: the size limit first (so a huge body is
 * refused by its length, not its content), then {@link ArticleSchema}, with issues in plain words.
 */
export function validateArticle(candidate: Record<string, unknown>): Validation {
  const body = candidate.body;
  if (typeof body === 'string' && body.length > MAX_ARTICLE_CHARS) {
    return {
      ok: false,
      reason: `body is ${body.length.toLocaleString('en-US')} characters, over the limit of ${MAX_ARTICLE_CHARS.toLocaleString('en-US')} for one article`,
    };
  }
  const parsed = ArticleSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, article: parsed.data };
  return { ok: false, reason: describeIssues(parsed.error.issues, candidate) };
}
