import type { APIEmbed } from 'discord.js';
import type { ReloadResult } from '../desk/reload-report.js';
import type { Rejection } from '../corpus/load.js';
import { summariseRejections } from '../desk/rejection-summary.js';
import { EMBED_LIMITS, embedCharacters, fitEmbeds, truncate } from './embed-limits.js';
import { escapeForDiscord } from './escape.js';

const OK_COLOUR = 0x2f855a;
const FAILED_COLOUR = 0xc53030;
const LISTED_IDS = 10;
/** Files named, with their counts, in the "and N more rejected" field. */
const COUNTED_FILES = 5;

/** The moderator's reload report: what loaded, what changed, and every file that was rejected and why. */
export function reloadEmbeds(result: Exclude<ReloadResult, { status: 'busy' }>): APIEmbed[] {
  if (result.status === 'failed') {
    return fitWithRejections(
      {
        title: 'Reload failed — the previous corpus is still serving',
        color: FAILED_COLOUR,
        description: escapeForDiscord(result.reason),
      },
      result.rejected,
      result.rejectionListFile ?? null,
    );
  }
  const { report } = result;
  const changes = [
    listIds('Added', report.added),
    listIds('Changed', report.changed),
    listIds('Removed', report.removed),
  ].filter((line) => line !== null);
  return fitWithRejections(
    {
      title: 'Corpus reloaded',
      color: report.rejected.length > 0 ? FAILED_COLOUR : OK_COLOUR,
      description: [
        `**${report.articles}** articles, **${report.quotes}** quotes, **${report.speakers}** speakers in ${(report.durationMs / 1000).toFixed(1)} s${report.fromSnapshot ? ' (from snapshot)' : ''}.`,
        ...(changes.length > 0 ? changes : ['No article changed.']),
      ].join('\n'),
      footer: { text: `corpus ${report.versionId.slice(0, 8)}` },
    },
    report.rejected,
    report.rejectionListFile,
  );
}

function listIds(label: string, ids: readonly string[]): string | null {
  if (ids.length === 0) return null;
  const shown = ids.slice(0, LISTED_IDS).map((id) => `\`${id.replace(/`/g, "'")}\``).join(', ');
  return `${label} (${ids.length}): ${shown}${ids.length > LISTED_IDS ? ', …' : ''}`;
}

/**
 * The report with one field per rejected file, as many as fit in Discord's 6,000 characters, and a
 * count of the rest. The fields are chosen here, with the count's own size reserved, rather than left
 * to {@link fitEmbeds}: it drops trailing fields first, and the count was the one it dropped. With
 * none listed the count alone always fits (the description is capped at 4,096 characters).
 */
function fitWithRejections(embed: Omit<APIEmbed, 'fields'>, rejected: readonly Rejection[], listFile: string | null): APIEmbed[] {
  const [base] = fitEmbeds([embed]);
  const room = EMBED_LIMITS.totalCharacters - embedCharacters(base!);
  const listable = rejected.length <= EMBED_LIMITS.fields ? rejected.length : EMBED_LIMITS.fields - 1;
  const listedFields = rejected.slice(0, listable).map(rejectionField);
  const size = (field: { name: string; value: string } | null): number => (field ? field.name.length + field.value.length : 0);
  const rest = restOfRejections(rejected, listFile);
  const countField = (more: number): { name: string; value: string } | null => (more > 0 ? { name: `… and ${more} more rejected`, value: rest } : null);
  let listed = 0;
  let used = 0;
  while (listed < listedFields.length) {
    const next = size(listedFields[listed]!);
    if (used + next + size(countField(rejected.length - listed - 1)) > room) break;
    used += next;
    listed += 1;
  }
  const count = countField(rejected.length - listed);
  const fields = [...listedFields.slice(0, listed), ...(count ? [count] : [])];
  return fitEmbeds([{ ...base, ...(fields.length > 0 ? { fields } : {}) }]);
}

/** One rejected file or line: its name escaped (file names are user text), within the field limits. */
function rejectionField(rejection: Rejection): { name: string; value: string } {
  return {
    name: truncate(`Rejected: ${escapeForDiscord(rejection.file)}${rejection.line ? `:${rejection.line}` : ''}`, EMBED_LIMITS.fieldName),
    value: truncate(escapeForDiscord(rejection.reason) || '(no reason given)', EMBED_LIMITS.fieldValue),
  };
}

/**
 * What the count of unlisted rejections says: the files with most rejections and their counts,
 * and where the whole list is. 100,000 bad lines in one file otherwise showed 24 of its lines and
 * sent the moderator to a log that holds only counts.
 */
function restOfRejections(rejected: readonly Rejection[], listFile: string | null): string {
  const byFile = summariseRejections(rejected);
  const counts = byFile.slice(0, COUNTED_FILES).map((entry) => `${escapeForDiscord(entry.file)}: ${entry.count.toLocaleString('en-GB')}`);
  if (byFile.length > COUNTED_FILES) counts.push(`… and ${(byFile.length - COUNTED_FILES).toLocaleString('en-GB')} more files`);
  const where = truncate(listFile ? `The whole list is in ${escapeForDiscord(listFile)} on the bot's machine.` : "The bot's log has the counts by file.", EMBED_LIMITS.fieldValue / 2);
  // The sentence saying where the list is must survive truncation: the counts give way first.
  return `${truncate(`Rejected by file: ${counts.join(', ')}.`, EMBED_LIMITS.fieldValue - where.length - 1)}\n${where}`;
}
