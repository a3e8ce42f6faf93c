import type { Article } from '../corpus/article.js';

/** Which articles a reload adds, changes and removes, by id (sorted, for a readable report). */
export function diffArticles(
  before: readonly Article[],
  after: readonly Article[],
): { added: string[]; changed: string[]; removed: string[] } {
  const old = new Map(before.map((article) => [article.id, article]));
  const added: string[] = [];
  const changed: string[] = [];
  for (const article of after) {
    const previous = old.get(article.id);
    if (!previous) added.push(article.id);
    else if (!sameContent(previous, article)) changed.push(article.id);
    old.delete(article.id);
  }
  return { added: added.sort(), changed: changed.sort(), removed: [...old.keys()].sort() };
}

function sameContent(a: Article, b: Article): boolean {
  return a.body === b.body && a.title === b.title && a.date === b.date && a.source === b.source && a.url === b.url;
}
