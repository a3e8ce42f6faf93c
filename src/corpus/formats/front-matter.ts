import { FileProblem } from '../rejection.js';

/** Front matter keys as strings (or null for an empty / `null` / `~` value), plus the text after it. */
export interface FrontMatter {
  fields: Map<string, string | null>;
  /** Everything after the closing `---` line; the whole text when there is no front matter. */
  rest: string;
}

const KEY_VALUE = /^([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+(.*))?$/;

/**
 * Reads a YAML-style front matter block: `---`, then simple `key: value` lines, then `---` (or
 * `...`). Only the flat subset articles need is understood: plain, "double" or 'single' quoted
 * scalars and `#` comments. Indented lines and list items (values of keys we do not use, such as
 * tags) are skipped. Anything else is a {@link FileProblem} naming the line, never a guess.
 */
export function parseFrontMatter(text: string): FrontMatter {
  const lines = text.split('\n');
  if (lines[0]?.trimEnd() !== '---') return { fields: new Map(), rest: text };
  // Find the end first: an unclosed block is one clear problem, not a complaint about the body.
  const close = lines.findIndex((line, i) => i > 0 && /^(?:---|\.\.\.)[ \t\r]*$/.test(line));
  if (close === -1) throw new FileProblem('front matter starting on line 1 is never closed by a "---" line', 1);
  const fields = new Map<string, string | null>();
  for (let i = 1; i < close; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    const lineNumber = i + 1;
    if (line.trim() === '' || line.trimStart().startsWith('#') || /^[ \t]/.test(line) || line.startsWith('- ')) continue;
    const match = KEY_VALUE.exec(line);
    if (!match) throw new FileProblem(`front matter line ${lineNumber} is not "key: value"`, lineNumber);
    const key = match[1]!.toLowerCase();
    if (fields.has(key)) throw new FileProblem(`front matter repeats "${key}" on line ${lineNumber}`, lineNumber);
    fields.set(key, scalar(match[2] ?? '', lineNumber));
  }
  return { fields, rest: lines.slice(close + 1).join('\n') };
}

function scalar(raw: string, lineNumber: number): string | null {
  const value = raw.trim();
  if (value.startsWith('"')) {
    const end = closingDoubleQuote(value);
    if (end === -1) throw new FileProblem(`front matter line ${lineNumber} has an unclosed "quote"`, lineNumber);
    const escapes: Record<string, string> = { n: '\n', t: '\t' };
    return value.slice(1, end).replace(/\\(.)/g, (_, char: string) => escapes[char] ?? char);
  }
  if (value.startsWith("'")) {
    const match = /^'((?:[^']|'')*)'/.exec(value);
    if (!match) throw new FileProblem(`front matter line ${lineNumber} has an unclosed 'quote'`, lineNumber);
    return match[1]!.replace(/''/g, "'");
  }
  // YAML: " #" starts a comment after a plain value.
  const plain = value.replace(/[ \t]+#.*$/, '').trim();
  return plain === '' || plain === '~' || plain === 'null' ? null : plain;
}

function closingDoubleQuote(value: string): number {
  for (let i = 1; i < value.length; i++) {
    if (value[i] === '\\') i++;
    else if (value[i] === '"') return i;
  }
  return -1;
}
