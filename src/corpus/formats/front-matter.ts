import { isCollection, isMap, isScalar, LineCounter, parseDocument, type Node } from 'yaml';
import { FileProblem } from '../rejection.js';

/** Front matter keys as strings (or null for an empty / `null` / `~` value), plus the text after it. */
export interface FrontMatter {
  fields: Map<string, string | null>;
  /** Everything after the closing `---` line; the whole text when there is no front matter. */
  rest: string;
}

/** Keys an article reads: each must be one value, not a list or a mapping. */
const SINGLE_VALUED_KEYS = new Set(['id', 'title', 'date', 'source', 'url']);

/**
 * Reads a YAML front matter block: `---`, YAML, then `---` (or `...`). Parsed by the `yaml`
 * library with the failsafe schema, so every value stays the text the moderator wrote (`id: 0123`
 * is "0123", `date: 2005-01-14` a string, not a number or a timestamp). Keys are case-insensitive;
 * keys we do not use (tags, lists, nested maps) are ignored. Anything that is not valid YAML, or
 * not a mapping, is a {@link FileProblem} naming the file's line, never a guess.
 */
export function parseFrontMatter(text: string): FrontMatter {
  const lines = text.split('\n');
  if (lines[0]?.trimEnd() !== '---') return { fields: new Map(), rest: text };
  // Find the end first: an unclosed block is one clear problem, not a complaint about the body.
  const close = lines.findIndex((line, i) => i > 0 && /^(?:---|\.\.\.)[ \t\r]*$/.test(line));
  if (close === -1) throw new FileProblem('front matter starting on line 1 is never closed by a "---" line', 1);
  const block = lines.slice(1, close).map((line) => line.replace(/\r$/, '')).join('\n');
  return { fields: readFields(block), rest: lines.slice(close + 1).join('\n') };
}

function readFields(block: string): Map<string, string | null> {
  const lineCounter = new LineCounter();
  const document = parseDocument(block, { lineCounter, schema: 'failsafe', uniqueKeys: false, prettyErrors: true });
  // Line 1 of the block is line 2 of the file (line 1 is the opening `---`).
  const fileLine = (offset: number | undefined): number => lineCounter.linePos(offset ?? 0).line + 1;
  const error = document.errors[0];
  if (error) {
    const line = (error.linePos?.[0]?.line ?? lineCounter.linePos(error.pos[0]).line) + 1;
    throw new FileProblem(`front matter line ${line} ${describeYamlError(error.code, error.message)}`, line);
  }
  const fields = new Map<string, string | null>();
  const contents = document.contents;
  if (contents === null || (isScalar(contents) && (contents.value === '' || contents.value === null))) return fields;
  if (!isMap(contents)) {
    const line = fileLine(contents.range?.[0]);
    throw new FileProblem(`front matter line ${line} is not "key: value"`, line);
  }
  for (const pair of contents.items) {
    const keyNode = pair.key as Node | null;
    const line = fileLine(keyNode?.range?.[0]);
    if (!isScalar(keyNode) || typeof keyNode.value !== 'string') throw new FileProblem(`front matter line ${line} is not "key: value"`, line);
    const key = keyNode.value.toLowerCase();
    if (fields.has(key)) throw new FileProblem(`front matter repeats "${key}" on line ${line}`, line);
    const value = pair.value as Node | null;
    if (isCollection(value)) {
      if (SINGLE_VALUED_KEYS.has(key)) throw new FileProblem(`front matter "${key}" on line ${line} must be one value, not a list or a mapping`, line);
      continue;
    }
    fields.set(key, scalarText(value));
  }
  return fields;
}

/** A plain empty, `~` or `null` value means "not given"; a quoted one is kept as written. */
function scalarText(node: Node | null): string | null {
  if (!isScalar(node) || node.value === null || node.value === undefined) return null;
  const value = String(node.value);
  if (node.type === 'PLAIN' && (value === '' || value === '~' || value === 'null')) return null;
  return node.type === 'PLAIN' ? value.trim() : value;
}

/** The library's message in the words the rest of the rejections use, without its own position. */
function describeYamlError(code: string, message: string): string {
  const said = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  if (code === 'MISSING_CHAR' && /map values/.test(said)) return 'is not "key: value"';
  if (code === 'BLOCK_AS_IMPLICIT_KEY') return 'is not "key: value" (a value containing ": " must be put in "quotes")';
  return `is not valid YAML: ${said.charAt(0).toLowerCase()}${said.slice(1)}`;
}
