import type { Article } from '../corpus/article.js';
import { Slice } from '../time-slices.js';

/** Longest stretch the diff runs without letting answers through (it walks every article: 500k of them). */
const MAX_SLICE_MS = 10;

/** Looks an article up by id in one corpus version. */
type FindArticle = (id: string) => Article | undefined;

/**
 * Which articles a reload adds, changes and removes, by id (sorted, for a readable report). Given
 * each side's lookup by id (the versions hold one), it walks both lists without making a map of
 * its own: one at 500k articles was 0.5 s of a one-article reload and its collector's work. Given
 * what the build already knows (`sincePrevious`: the articles that are not the previous version's
 * objects, and whether any left), it looks at those alone.
 */
export async function diffArticles(
  before: readonly Article[],
  after: readonly Article[],
  lookups: { before: FindArticle; after: FindArticle; sincePrevious?: { notKept: readonly string[]; noneLeft: boolean } | null | undefined },
): Promise<{ added: string[]; changed: string[]; removed: string[] }> {
  const slice = new Slice(MAX_SLICE_MS);
  const added: string[] = [];
  const changed: string[] = [];
  let kept = 0;
  const known = lookups.sincePrevious ?? null;
  const walked = known === null ? after.length : known.notKept.length;
  for (let i = 0; i < walked; i += 1) {
    const article = known === null ? after[i]! : lookups.after(known.notKept[i]!);
    if (article === undefined) continue;
    const previous = lookups.before(article.id);
    // An unchanged file's articles are the very same objects: no need to compare their text.
    if (!previous) added.push(article.id);
    else if (previous !== article && !sameContent(previous, article)) changed.push(article.id);
    if (previous) kept += 1;
    if ((i & 0x3ff) === 0) await slice.pauseIfDue();
  }
  const removed: string[] = [];
  // Every article before is still there when as many were found, or when the build says so: no second walk.
  const noneLeft = known === null ? kept === before.length : known.noneLeft;
  for (let i = 0; !noneLeft && i < before.length; i += 1) {
    if (lookups.after(before[i]!.id) === undefined) removed.push(before[i]!.id);
    if ((i & 0x3ff) === 0) await slice.pauseIfDue();
  }
  return { added: added.sort(), changed: changed.sort(), removed: removed.sort() };
}

function sameContent(a: Article, b: Article): boolean {
  return a.body === b.body && a.title === b.title && a.date === b.date && a.source === b.source && a.url === b.url;
}
