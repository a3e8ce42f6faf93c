import type { z } from 'zod';

/**
 * Turns zod's issues about one article into one plain sentence, e.g.
 * `date "2024-13-45" is not a real calendar date; url "nope" is not a valid web address`.
 * Moderators read these in reload reports, so they name the field and show the offending value.
 */
export function describeIssues(issues: readonly z.core.$ZodIssue[], input: unknown): string {
  const seenFields = new Set<string>();
  const parts: string[] = [];
  for (const issue of issues) {
    const field = issue.path.map(String).join('.') || 'article';
    // One complaint per field is enough: a malformed date need not also be called "not a real date".
    if (seenFields.has(field)) continue;
    seenFields.add(field);
    parts.push(describeIssue(issue, field, valueAt(input, issue.path)));
  }
  return parts.join('; ');
}

function describeIssue(issue: z.core.$ZodIssue, field: string, value: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      return value === undefined
        ? `${field} is missing`
        : `${field} must be ${article(issue.expected)}, not ${describeType(value)}`;
    case 'too_small':
      if (issue.origin === 'string') {
        return issue.message.startsWith(field) ? issue.message : `${field} is empty`;
      }
      return `${field} is too small`;
    case 'too_big':
      return issue.message.startsWith(field) ? issue.message : `${field} is too long`;
    case 'invalid_format':
      if (issue.format === 'url') return `${field} ${shown(value)} is not a valid web address`;
      return withValue(issue.message, field, value);
    default:
      return withValue(issue.message, field, value);
  }
}

/** Our schema's own messages either name the field ("body is empty") or need it in front. */
function withValue(message: string, field: string, value: unknown): string {
  if (message.startsWith(`${field} `)) return message;
  return `${field} ${shown(value)} ${message}`;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** A value shown inside a message: quoted text cut to a readable length. */
function shown(value: unknown): string {
  if (typeof value === 'string') {
    const cut = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    return JSON.stringify(cut);
  }
  return String(JSON.stringify(value) ?? value);
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `${article(typeof value)} (${shown(value)})`;
}

function article(typeName: string): string {
  const words: Record<string, string> = {
    string: 'text',
    number: 'a number',
    boolean: 'true or false',
    object: 'an object',
    array: 'a list',
  };
  return words[typeName] ?? typeName;
}
