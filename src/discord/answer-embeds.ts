import type { APIEmbed } from 'discord.js';
import { attributionNote, type Answer, type Snippet } from '../answer/answer.js';
import { fitEmbeds } from './embed-limits.js';
import { escapeForDiscord, markdownLink } from './escape.js';

/** Quotes per page: five fit comfortably within Discord's 6,000-character message limit. */
export const SNIPPETS_PER_PAGE = 5;
const ACCENT_COLOUR = 0x2b6cb0;

export function pageCount(answer: Answer): number {
  return Math.max(1, Math.ceil(answer.snippets.length / SNIPPETS_PER_PAGE));
}

/**
 * One page of an answer as a single embed: the answer's sentence as title, one field per quote
 * (speaker as the name; the words, then the citation, as the value), and where we are in the
 * footer. Everything from articles or users is escaped, and the result is fitted to the limits.
 */
export function answerEmbeds(answer: Answer, page: number): APIEmbed[] {
  const pages = pageCount(answer);
  const current = Math.min(Math.max(0, page), pages - 1);
  const snippets = answer.snippets.slice(current * SNIPPETS_PER_PAGE, (current + 1) * SNIPPETS_PER_PAGE);
  const embed: APIEmbed = {
    // The message repeats what the user typed (speaker, topic): escaped like any other user text.
    title: escapeForDiscord(answer.message),
    color: ACCENT_COLOUR,
    fields: snippets.map((snippet, i) => snippetField(snippet, current * SNIPPETS_PER_PAGE + i + 1)),
    footer: { text: footerText(answer, current, pages) },
  };
  if (answer.suggestions.length > 0) embed.description = `Did you mean: ${answer.suggestions.map(escapeForDiscord).join(', ')}?`;
  return fitEmbeds([embed]);
}

function snippetField(snippet: Snippet, rank: number): { name: string; value: string } {
  const words = escapeForDiscord(snippet.text);
  const quoted = snippet.kind === 'direct' ? `“${words}”` : `${words} *(reported speech)*`;
  const { citation } = snippet;
  const note = attributionNote(snippet);
  const where = [citation.outlet, citation.date ?? 'undated'].filter((part): part is string => part !== null).map(escapeForDiscord).join(', ');
  return {
    name: `${rank}. ${escapeForDiscord(snippet.speaker)}${note ? ` (${note})` : ''}`,
    value: `${quoted}\n— ${markdownLink(citation.title, citation.url)} (${where})`,
  };
}

function footerText(answer: Answer, page: number, pages: number): string {
  const parts = [pages > 1 ? `Page ${page + 1} of ${pages}` : null, `${answer.totalMatches} match${answer.totalMatches === 1 ? '' : 'es'}`];
  if (answer.totalMatches > answer.snippets.length) parts.push(`showing the best ${answer.snippets.length}`);
  parts.push(`corpus ${answer.corpusVersion.slice(0, 8)}`);
  return parts.filter(Boolean).join(' · ');
}
