import type { APIEmbed } from 'discord.js';
import type { ArticleAdded, FeedStatus } from '../feeds/feed-service.js';
import { fitEmbeds, truncate } from './embed-limits.js';
import { escapeForDiscord } from './escape.js';

const CONTENT_LIMIT = 2_000;

/** A duration in the feed file's own words: 30m, 2h, 1d. */
export function everyText(ms: number): string {
  if (ms % 86_400_000 === 0) return `${ms / 86_400_000}d`;
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  return `${Math.round(ms / 1000)}s`;
}

/** `/feeds list`: each feed with its schedule, last poll and last error; problems in the file below. */
export function feedListEmbeds(feeds: FeedStatus[], problems: string[], file: string): APIEmbed[] {
  const lines = feeds.map(({ feed, lastPolledAt, lastError }) => {
    const polled = lastPolledAt === null ? 'not polled yet' : `polled <t:${Math.floor(lastPolledAt / 1000)}:R>`;
    const filters = [feed.include.length ? `only ${feed.include.join(', ')}` : '', feed.exclude.length ? `not ${feed.exclude.join(', ')}` : ''].filter(Boolean).join('; ');
    const error = lastError ? `\n  ⚠ ${escapeForDiscord(truncate(lastError, 200))}` : '';
    return `**${escapeForDiscord(feed.name)}** — ${escapeForDiscord(feed.url)}\n  every ${everyText(feed.every)} · ${polled}${filters ? ` · ${escapeForDiscord(filters)}` : ''}${error}`;
  });
  const embed: APIEmbed = {
    title: `Feeds (${feeds.length})`,
    description: lines.length > 0 ? lines.join('\n') : 'No feeds are followed yet. Add one with `/feeds add url:`.',
    ...(problems.length > 0 ? { fields: [{ name: 'Problems in the feed list', value: problems.map((p) => `• ${escapeForDiscord(p)}`).join('\n') }] } : {}),
    footer: { text: `from ${file}` },
  };
  return fitEmbeds([embed]);
}

/** `/corpus add`: what was written and whether it is served yet, or why nothing was. */
export function articleAddedText({ outcome, reload }: ArticleAdded): string {
  const url = escapeForDiscord(outcome.url);
  let text: string;
  switch (outcome.status) {
    case 'added':
    case 'updated': {
      const title = outcome.title ? `“${escapeForDiscord(outcome.title)}”` : url;
      const verb = outcome.status === 'added' ? 'Added' : 'Updated';
      const served =
        reload === null ? '' :
        reload.status === 'reloaded' ? ` It is served now (corpus ${reload.report.versionId.slice(0, 8)}).` :
        reload.status === 'failed' ? ` The reload failed (${escapeForDiscord(reload.reason)}); the previous corpus keeps serving, and the file is picked up by the next reload.` :
        ' A reload is running; the article is served once it ends.';
      text = `${verb} ${title} as \`${outcome.file}\`.${served}`;
      break;
    }
    case 'unchanged':
      text = `Already in the corpus, unchanged: \`${outcome.file}\`.`;
      break;
    case 'duplicate':
      text = `Not added: the same text is already in the corpus from ${escapeForDiscord(outcome.sameAs)} (\`${outcome.file}\`).`;
      break;
    case 'refused':
      text = `Not added (${url}): ${escapeForDiscord(outcome.reason)}.`;
      break;
  }
  return truncate(text, CONTENT_LIMIT);
}
