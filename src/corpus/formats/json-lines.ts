import { FileProblem } from '../rejection.js';
import type { LineFormat } from './format.js';

/**
 * `.jsonl`: one `{id, title, date, source, url, body}` object a line, the format of the bundled
 * datasets. `title`, `date`, `source` and `url` may be null or left out; other keys are ignored.
 */
export const jsonLinesFormat: LineFormat = {
  kind: 'lines',
  name: 'JSON Lines',
  parseLine(text) {
    if (text.trim() === '') return null;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new FileProblem(`line is not valid JSON (${shortJsonError(error)})`);
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new FileProblem(`line is not a JSON object {"id": …, "body": …} but ${Array.isArray(value) ? 'a list' : String(JSON.stringify(value)).slice(0, 40)}`);
    }
    const record = value as Record<string, unknown>;
    return {
      id: record.id,
      title: record.title ?? null,
      date: record.date ?? null,
      source: record.source ?? null,
      url: record.url ?? null,
      body: record.body,
    };
  },
};

/** V8's JSON errors quote the whole input; keep only the part that says what went wrong. */
function shortJsonError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const cut = message.replace(/, "[\s\S]*" is not valid JSON$/, '');
  return cut.length > 120 ? `${cut.slice(0, 117)}...` : cut;
}
