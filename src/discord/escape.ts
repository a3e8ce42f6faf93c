import { escapeMarkdown } from 'discord.js';

/**
 * Text from articles and users, made inert for Discord: markdown escaped so a quote renders as
 * written, and mention syntax broken with a zero-width space so `@everyone` or `<@123>` can never
 * ping even if a message were sent without `allowedMentions` (which we never do: both defences).
 */
export function escapeForDiscord(text: string): string {
  return escapeMarkdown(text)
    .replace(/@(everyone|here)/gi, '@\u200b$1')
    .replace(/<([@#]|@&|@!)/g, '<\u200b$1');
}

/** Link text for `[title](url)`: brackets escaped; only http(s) links are made clickable. */
export function markdownLink(text: string, url: string | null): string {
  const label = escapeForDiscord(text).replace(/[[\]]/g, (bracket) => `\\${bracket}`);
  if (url === null || !/^https?:\/\/[^\s()<>]+$/i.test(url)) return label;
  return `[${label}](${url})`;
}
