import type { Article } from '../corpus/article.js';
import { Slice } from '../time-slices.js';

/** Longest stretch the diff runs without letting answers through (it walks every article: 500k of them). */
const MAX_SLICE_MS = 10;

/** Which articles a reload adds, changes and removes, by id (sorted, for a readable report). */
export async function diffArticles(
  before: readonly Article[],
  after: readonly Article[],
): Promise<{ added: string[]; changed: string[]; removed: string[] }> {
  const slice = new Slice(MAX_SLICE_MS);
  const old = new Map<string, Article>();
  for (let i = 0; i < before.length; i += 1) {
    old.set(before[i]!.id, before[i]!);
    if ((i & 0x3ff) === 0) await slice.pauseIfDue();
  }
  const added: string[] = [];
  const changed: string[] = [];
  for (let i = 0; i < after.length; i += 1) {
    const article = after[i]!;
    const previous = old.get(article.id);
    // An unchanged file's articles are the very same objects: no need to compare their text.
    if (!previous) added.push(article.id);
    else if (previous !== article && !sameContent(previous, article)) changed.push(article.id);
    old.delete(article.id);
    if ((i & 0x3ff) === 0) await slice.pauseIfDue();
  }
  return { added: added.sort(), changed: changed.sort(), removed: [...old.keys()].sort() };
}

function sameContent(a: Article, b: Article): boolean {
  return a.body === b.body && a.title === b.title && a.date === b.date && a.source === b.source && a.url === b.url;
}
