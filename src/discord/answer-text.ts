import type { Answer } from '../answer/answer.js';
import { truncate } from './embed-limits.js';
import { escapeForDiscord } from './escape.js';

/** Discord's limit on a message's content. */
export const CONTENT_LIMIT = 2000;
/** Quotes in a plain-text answer: fewer than an embed page, as plain text reads denser. */
const TEXT_SNIPPETS = 3;

/**
 * An answer as plain message text, for channels where the bot may not embed (no Embed Links):
 * the answer's sentence, then the best quotes with speaker and citation, links in angle brackets
 * (no previews), all escaped and within `limit` (2,000) characters. `note` (why this is plain text) goes last.
 */
export function answerText(answer: Answer, note?: string, limit = CONTENT_LIMIT): string {
  const tail = [
    answer.snippets.length > TEXT_SNIPPETS ? `…and ${answer.snippets.length - TEXT_SNIPPETS} more; /ask shows them all.` : null,
    note ? `*${escapeForDiscord(note)}*` : null,
  ].filter((line): line is string => line !== null);
  const head = escapeForDiscord(answer.message);
  const room = limit - head.length - tail.join('\n').length - 4;
  const perSnippet = Math.floor(room / Math.max(1, Math.min(TEXT_SNIPPETS, answer.snippets.length))) - 2;
  const snippets = answer.snippets.slice(0, TEXT_SNIPPETS).map((snippet, i) => {
    const { citation } = snippet;
    const where = [citation.outlet, citation.date ?? 'undated'].filter((part): part is string => part !== null).join(', ');
    const link = citation.url && /^https?:\/\/[^\s<>]+$/i.test(citation.url) && citation.url.length <= 300 ? ` <${citation.url}>` : '';
    const cite = `— ${escapeForDiscord(truncate(citation.title, 150))} (${escapeForDiscord(where)})${link}`;
    const words = escapeForDiscord(truncate(snippet.text, Math.max(40, perSnippet - cite.length - snippet.speaker.length - 20)));
    const quoted = snippet.kind === 'direct' ? `“${words}”` : `${words} *(reported speech)*`;
    return `**${i + 1}. ${escapeForDiscord(truncate(snippet.speaker, 80))}**: ${quoted}\n${cite}`;
  });
  return truncate([head, ...snippets, ...tail].join('\n'), limit);
}
