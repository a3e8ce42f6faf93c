import { parentPort } from 'node:worker_threads';
import { extractArticle, NoArticleError } from './extract-article.js';

/** Runs Readability off the main thread: see article-extractor.ts. */
parentPort!.on('message', (message: { id: number; html: string; url: string }) => {
  try {
    parentPort!.postMessage({ id: message.id, article: extractArticle(message.html, message.url) });
  } catch (error) {
    parentPort!.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error), noArticle: error instanceof NoArticleError });
  }
});
