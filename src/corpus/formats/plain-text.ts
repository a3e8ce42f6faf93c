import { baseNameWithoutExtension } from '../paths.js';
import { FileProblem } from '../rejection.js';
import type { OneArticleFormat } from './format.js';

/**
 * ` date 2024-11-08 ` then the body: the format of the seed article. The leading space is optional
 * and a line break may stand in for the space after the date. Exactly one separator is consumed, so
 * offsets into the body match the seed's gold set (body = everything after " date 2024-11-08 ").
 * The date token is taken up to the next whitespace, so a wrong date gets a precise complaint.
 */
const DATE_PREFIX = /^[ \t]*date[ \t]+(\S+)(?:\r?\n|[ \t])?/i;

/** `.txt`: id from the file name; no title, source or url. */
export const plainTextFormat: OneArticleFormat = {
  kind: 'one-article',
  name: 'plain text',
  parse(text, relativePath) {
    const match = DATE_PREFIX.exec(text);
    if (!match) {
      throw new FileProblem('does not start with " date YYYY-MM-DD " followed by the article text (the plain-text format)');
    }
    return {
      id: baseNameWithoutExtension(relativePath),
      title: null,
      date: match[1],
      source: null,
      url: null,
      body: text.slice(match[0].length).replace(/\r\n/g, '\n'),
    };
  },
};
