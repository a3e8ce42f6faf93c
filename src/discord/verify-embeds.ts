import { EmbedBuilder, type APIEmbed } from 'discord.js';
import type { Citation } from '../answer/answer.js';
import type { DiffSegment, MatchKind, QuoteMatch, Verification } from '../answer/verify.js';
import { EMBED_LIMITS, fitEmbeds, truncate } from './embed-limits.js';
import { escapeForDiscord, markdownLink } from './escape.js';

const COLOURS: Record<MatchKind | 'none', number> = { exact: 0x2f855a, near: 0xd69e2e, similar: 0x718096, none: 0xc53030 };
const TITLES: Record<MatchKind | 'none', string> = {
  exact: 'Exact words found in the corpus',
  near: 'Nearly exact: a few words differ',
  similar: 'Only similar wording in the corpus',
  none: 'Nothing in the corpus matches',
};
const LABELS: Record<MatchKind, string> = { exact: 'Exact', near: 'Nearly exact', similar: 'Similar' };
const LEGEND = '~~struck~~: in the claim, not the source · **bold**: in the source, not the claim';
/** Room for the claim as checked, in the description. */
const CLAIM_CHARS = 600;
/** Room for the citation line under each match. */
const CITATION_CHARS = 300;

/**
 * A quote check as one embed: what was checked, then each match (the source's words with the
 * differences marked, the speaker, the citation). Everything from articles or users is escaped,
 * and marks are added per run of words, so shortening never leaves a `~~` or `**` open.
 */
export function verificationEmbeds(verification: Verification): APIEmbed[] {
  const top = verification.matches[0]?.match ?? 'none';
  const checked = `Checked: “${escapeForDiscord(truncate(verification.checked, CLAIM_CHARS))}”`;
  const marked = verification.matches.some((match) => match.match !== 'exact');
  const embed = new EmbedBuilder()
    .setTitle(TITLES[top])
    .setColor(COLOURS[top])
    .setDescription([checked, escapeForDiscord(verification.message), ...(marked ? [LEGEND] : [])].join('\n'))
    .setFooter({ text: `corpus ${verification.corpusVersion.slice(0, 8)}` });
  verification.matches.forEach((match, i) => embed.addFields(matchField(match, i + 1)));
  return fitEmbeds([embed.toJSON()]);
}

function matchField(match: QuoteMatch, rank: number): { name: string; value: string } {
  const citation = citationLine(match.citation);
  const reported = match.kind === 'reported' ? ' *(reported speech)*' : '';
  const room = EMBED_LIMITS.fieldValue - citation.length - reported.length - 8;
  const words = markedWords(match.segments, room);
  const quoted = `“${match.moreBefore ? '… ' : ''}${words}${match.moreAfter ? ' …' : ''}”`;
  return { name: truncate(`${rank}. ${LABELS[match.match]} — ${escapeForDiscord(match.speaker)}`, EMBED_LIMITS.fieldName), value: `${quoted}${reported}\n${citation}` };
}

function citationLine(citation: Citation): string {
  const where = [citation.outlet, citation.date ?? 'undated'].filter((part): part is string => part !== null).map(escapeForDiscord).join(', ');
  const line = `— ${markdownLink(citation.title, citation.url)} (${where})`;
  return line.length <= CITATION_CHARS ? line : `— ${escapeForDiscord(truncate(citation.title, 200))} (${where})`;
}

/** The segments as Discord markdown within `budget` characters; a run that does not fit is cut at a word and closed. */
export function markedWords(segments: readonly DiffSegment[], budget: number): string {
  let text = '';
  for (const segment of segments) {
    const piece = render(segment, segment.text);
    if (text.length + piece.length <= budget) {
      text += piece;
      continue;
    }
    const words = segment.text.split(' ');
    for (let keep = words.length - 1; keep > 0; keep -= 1) {
      const shorter = render(segment, `${words.slice(0, keep).join(' ')}`);
      if (text.length + shorter.length + 2 <= budget) return `${text}${shorter} …`;
    }
    return `${text} …`;
  }
  return text;
}

function render(segment: DiffSegment, words: string): string {
  const escaped = escapeForDiscord(words);
  const lead = escapeForDiscord(segment.lead);
  if (segment.kind === 'same') return `${lead}${escaped}`;
  return segment.kind === 'claim-only' ? `${lead}~~${escaped}~~` : `${lead}**${escaped}**`;
}
