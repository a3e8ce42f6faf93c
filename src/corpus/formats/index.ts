import { extensionOf } from '../paths.js';
import type { CorpusFormat } from './format.js';
import { jsonLinesFormat } from './json-lines.js';
import { markdownFormat } from './markdown.js';
import { plainTextFormat } from './plain-text.js';

/** Extension → format. Adding a format means adding a module and one line here. */
const FORMATS: ReadonlyMap<string, CorpusFormat> = new Map<string, CorpusFormat>([
  ['.txt', plainTextFormat],
  ['.jsonl', jsonLinesFormat],
  ['.md', markdownFormat],
  ['.markdown', markdownFormat],
]);

/** The extensions we read, for messages about the ones we do not. */
export const SUPPORTED_EXTENSIONS: readonly string[] = [...FORMATS.keys()];

/** README files are the folder's documentation (corpus/README.md explains the datasets), not articles. */
const DOCUMENTATION = /^readme\.(?:md|markdown|txt)$/i;

export type FileKind =
  | { kind: 'article-file'; format: CorpusFormat }
  | { kind: 'documentation' }
  | { kind: 'unsupported'; reason: string };

/** Decides from its name alone what a corpus file is, before it is opened. */
export function classifyFile(relativePath: string): FileKind {
  const name = relativePath.slice(relativePath.lastIndexOf('/') + 1);
  if (DOCUMENTATION.test(name)) return { kind: 'documentation' };
  const extension = extensionOf(relativePath);
  const format = FORMATS.get(extension);
  if (format) return { kind: 'article-file', format };
  const expected = `expected ${SUPPORTED_EXTENSIONS.slice(0, -1).join(', ')} or ${SUPPORTED_EXTENSIONS.at(-1)}`;
  return {
    kind: 'unsupported',
    reason: extension === '' ? `unsupported file type (no extension; ${expected})` : `unsupported file type "${extension}" (${expected})`,
  };
}
