import type { APIEmbed } from 'discord.js';
import type { ReloadResult } from '../desk/reload-report.js';
import type { Rejection } from '../corpus/load.js';
import { EMBED_LIMITS, fitEmbeds } from './embed-limits.js';
import { escapeForDiscord } from './escape.js';

const OK_COLOUR = 0x2f855a;
const FAILED_COLOUR = 0xc53030;
const LISTED_IDS = 10;

/** The moderator's reload report: what loaded, what changed, and every file that was rejected and why. */
export function reloadEmbeds(result: Exclude<ReloadResult, { status: 'busy' }>): APIEmbed[] {
  if (result.status === 'failed') {
    return fitEmbeds([
      {
        title: 'Reload failed — the previous corpus is still serving',
        color: FAILED_COLOUR,
        description: escapeForDiscord(result.reason),
        fields: rejectionFields(result.rejected),
      },
    ]);
  }
  const { report } = result;
  const changes = [
    listIds('Added', report.added),
    listIds('Changed', report.changed),
    listIds('Removed', report.removed),
  ].filter((line) => line !== null);
  return fitEmbeds([
    {
      title: 'Corpus reloaded',
      color: report.rejected.length > 0 ? FAILED_COLOUR : OK_COLOUR,
      description: [
        `**${report.articles}** articles, **${report.quotes}** quotes, **${report.speakers}** speakers in ${(report.durationMs / 1000).toFixed(1)} s${report.fromSnapshot ? ' (from snapshot)' : ''}.`,
        ...(changes.length > 0 ? changes : ['No article changed.']),
      ].join('\n'),
      fields: rejectionFields(report.rejected),
      footer: { text: `corpus ${report.versionId.slice(0, 8)}` },
    },
  ]);
}

function listIds(label: string, ids: readonly string[]): string | null {
  if (ids.length === 0) return null;
  const shown = ids.slice(0, LISTED_IDS).map((id) => `\`${id.replace(/`/g, "'")}\``).join(', ');
  return `${label} (${ids.length}): ${shown}${ids.length > LISTED_IDS ? ', …' : ''}`;
}

/** One field per rejected file, as many as fit; the rest are counted so nothing is silently hidden. */
function rejectionFields(rejected: readonly Rejection[]): Array<{ name: string; value: string }> {
  if (rejected.length === 0) return [];
  const room = EMBED_LIMITS.fields - 1;
  const fields = rejected.slice(0, room).map((rejection) => ({
    name: `Rejected: ${rejection.file}${rejection.line ? `:${rejection.line}` : ''}`,
    value: escapeForDiscord(rejection.reason),
  }));
  if (rejected.length > room) fields.push({ name: `… and ${rejected.length - room} more rejected`, value: 'See the bot log for the full list.' });
  return fields;
}
