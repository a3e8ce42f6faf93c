import type { LoadedArticle } from '../corpus/article.js';
import { canonicalUrl } from './canonical-url.js';

/** Finds the served article (of any origin: bundled, copied in by hand, fetched) with this canonical URL. */
export type CorpusUrlLookup = (canonical: string) => { file: string } | undefined;

/**
 * A lookup over whatever version the desk serves now, rebuilt only when the version changes, so
 * an article already in the corpus by hand is not fetched in a second time under fetched/.
 */
export function corpusUrlLookup(current: () => { id: string; articles: readonly LoadedArticle[] }): CorpusUrlLookup {
  let builtFor: string | null = null;
  let byUrl = new Map<string, string>();
  return (canonical) => {
    const version = current();
    if (version.id !== builtFor) {
      byUrl = new Map();
      for (const article of version.articles) {
        if (article.url === null) continue;
        try {
          byUrl.set(canonicalUrl(article.url), article.origin.file);
        } catch {
          // A URL the schema accepted but URL() cannot normalise is left out of the lookup.
        }
      }
      builtFor = version.id;
    }
    const file = byUrl.get(canonical);
    return file === undefined ? undefined : { file };
  };
}
