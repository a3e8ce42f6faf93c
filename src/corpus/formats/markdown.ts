import { baseNameWithoutExtension } from '../paths.js';
import type { OneArticleFormat } from './format.js';
import { parseFrontMatter } from './front-matter.js';

/** A front-matter date may carry a time (`2024-11-08T10:00:00Z`); the article keeps the day. */
const DATE_WITH_TIME = /^(\d{4}-\d{2}-\d{2})[T ]\d/;

/**
 * `.md` / `.markdown`: optional front matter (`id`, `title`, `date`, `source`, `url`) then the body,
 * kept as written (markdown and all) apart from blank lines before it and CRLF line ends. Without
 * an `id`, the file name is the id.
 */
export const markdownFormat: OneArticleFormat = {
  kind: 'one-article',
  name: 'markdown',
  parse(text, relativePath) {
    const { fields, rest } = parseFrontMatter(text);
    const date = fields.get('date') ?? null;
    return {
      id: fields.get('id') ?? baseNameWithoutExtension(relativePath),
      title: fields.get('title') ?? null,
      date: date === null ? null : (DATE_WITH_TIME.exec(date)?.[1] ?? date),
      source: fields.get('source') ?? null,
      url: fields.get('url') ?? null,
      body: rest.replace(/\r\n/g, '\n').replace(/^(?:[ \t]*\n)+/, ''),
    };
  },
};
