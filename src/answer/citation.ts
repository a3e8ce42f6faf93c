import type { LoadedArticle } from '../corpus/article.js';
import type { Citation } from './answer.js';

const UNTITLED_WORDS = 8;

/** Enough about an article for a reader to find and check it: title (or first words), outlet, date, link, file. */
export function citationFor(article: LoadedArticle): Citation {
  return {
    articleId: article.id,
    title: article.title?.trim() || firstWords(article.body),
    outlet: article.source,
    date: article.date,
    url: article.url,
    file: article.origin.line === undefined ? article.origin.file : `${article.origin.file}:${article.origin.line}`,
  };
}

/** The first words of an untitled article, read only as far as needed: a snippet is cited per answer line, and the bodies run to pages. */
function firstWords(body: string): string {
  const words: string[] = [];
  const word = /\S+/g;
  for (let match = word.exec(body); match !== null && words.length <= UNTITLED_WORDS; match = word.exec(body)) words.push(match[0]);
  const head = words.slice(0, UNTITLED_WORDS).join(' ').replace(/[,;:.]+$/, '');
  return words.length > UNTITLED_WORDS ? `${head}…` : head;
}
