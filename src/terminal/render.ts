import { attributionNote, type Answer, type Snippet } from '../answer/answer.js';

/** How many snippets the terminal prints before saying how many more there are. */
export const TERMINAL_SNIPPETS = 10;

/**
 * Plain text for a terminal: the one-line answer, then each quote with its speaker and citation.
 * Quote text is printed as found (no markup to escape); control characters are stripped so a hostile
 * article cannot move the cursor or clear the screen.
 */
export function renderAnswerForTerminal(answer: Answer, options: { limit?: number } = {}): string {
  const limit = options.limit ?? TERMINAL_SNIPPETS;
  const lines: string[] = [clean(answer.message)];
  if (answer.suggestions.length > 0 && answer.status !== 'unknown-speaker') {
    lines.push(`Did you mean: ${answer.suggestions.map(clean).join(', ')}?`);
  }
  answer.snippets.slice(0, limit).forEach((snippet, i) => {
    lines.push('', ...renderSnippet(snippet, i + 1));
  });
  const more = answer.totalMatches - Math.min(limit, answer.snippets.length);
  if (more > 0) lines.push('', `… and ${more} more.`);
  return lines.join('\n');
}

function renderSnippet(snippet: Snippet, rank: number): string[] {
  const words = snippet.kind === 'direct' ? `“${clean(snippet.text)}”` : `${clean(snippet.text)} (reported)`;
  const { citation } = snippet;
  const where = [citation.outlet, citation.date ?? 'undated'].filter(Boolean).map((part) => clean(part!)).join(', ');
  const label = matchLabel(snippet);
  const note = attributionNote(snippet);
  const lines = [`${rank}. ${clean(snippet.speaker)}${note ? ` (${note})` : ''}: ${words}${label ? ` ${label}` : ''}`, `   — ${clean(citation.title)} (${where})`];
  lines.push(`     ${citation.url ? clean(citation.url) : `${clean(citation.file)} [${clean(citation.articleId)}]`}`);
  return lines;
}

/** What a reader must know about how a snippet matches: not the quote itself, or not all of the topic. */
export function matchLabel(snippet: Snippet): string | null {
  switch (snippet.match?.place) {
    case 'sentence':
      return '[topic in the sentence around it]';
    case 'paragraph':
      return '[topic named in its paragraph]';
    case 'partial':
      return `[partial: no ${snippet.match.missing.map((word) => `"${clean(word)}"`).join(', ')}]`;
    default:
      return null;
  }
}

function clean(text: string): string {
  return text.replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, '');
}
