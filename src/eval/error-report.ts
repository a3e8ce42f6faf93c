import type { GoldQuote } from './gold.js';
import type { ArticleScore, Miss, PredictedQuote } from './score-article.js';

/** Long quotes keep both ends visible: that is where boundary mistakes are. */
function clip(text: string, max = 140): string {
  const flat = text.replace(/\s+/g, ' ');
  if (flat.length <= max) return JSON.stringify(flat);
  const head = Math.ceil((max - 1) * 0.55);
  return JSON.stringify(`${flat.slice(0, head)}…${flat.slice(flat.length - (max - 1 - head))}`);
}

/** The indented second line under a miss: the overlapping prediction that was not close enough. */
function nearest(miss: Miss): string[] {
  if (miss.nearest === null) return [];
  const { predicted, overlap } = miss.nearest;
  return [`     nearest predicted ${at(predicted)} ${clip(predicted.text)}  token overlap ${overlap.toFixed(2)}`];
}

const at = (span: { start: number; end: number }): string => `[${span.start}-${span.end}]`;

function goldSpeaker(row: GoldQuote): string {
  if (row.speaker === null && row.speakerCanonical === null) return 'gold speaker: none';
  const canonical = row.speakerCanonical !== null && row.speakerCanonical !== row.speaker ? ` → ${row.speakerCanonical}` : '';
  return `gold speaker: ${row.speaker ?? '(none written)'}${canonical}`;
}

function predictedSpeaker(quote: PredictedQuote): string {
  const surface = quote.speakerSurface != null && quote.speakerSurface !== quote.speaker ? ` (as "${quote.speakerSurface}")` : '';
  const cue = quote.cue != null ? `, cue "${quote.cue}"` : '';
  return `predicted speaker: ${quote.speaker ?? 'none'}${surface}${cue}`;
}

/**
 * The `--errors` listing: for every article with a mistake, each missed gold quote, each false
 * positive, each boundary mismatch (gold and predicted side by side) and each wrong speaker, with
 * offsets into the article text so the extractor engineer can open the exact spot. Ends with totals.
 */
export function formatErrors(articles: readonly ArticleScore[]): string {
  const blocks: string[] = [];
  const totals = { missedDirect: 0, spuriousDirect: 0, boundary: 0, wrongSpeaker: 0, missedReported: 0, spuriousReported: 0 };
  for (const article of articles) {
    const e = article.errors;
    const lines: string[] = [];
    for (const miss of e.missedDirect) {
      lines.push(`  missed direct      ${at(miss.gold)} ${clip(miss.gold.quote)}  ${goldSpeaker(miss.gold)}`, ...nearest(miss));
    }
    for (const quote of e.spuriousDirect) lines.push(`  spurious direct    ${at(quote)} ${clip(quote.text)}  ${predictedSpeaker(quote)}`);
    for (const { gold, predicted } of e.boundary) {
      lines.push(`  boundary      gold ${at(gold)} ${clip(gold.quote)}`);
      lines.push(`           predicted ${at(predicted)} ${clip(predicted.text)}`);
    }
    for (const { gold, predicted } of e.wrongSpeaker) {
      lines.push(`  wrong speaker      ${at(gold)} ${clip(gold.quote, 80)}  ${goldSpeaker(gold)}; ${predictedSpeaker(predicted)}`);
    }
    for (const miss of e.missedReported) {
      lines.push(`  missed reported    ${at(miss.gold)} ${clip(miss.gold.quote)}  ${goldSpeaker(miss.gold)}`, ...nearest(miss));
    }
    for (const quote of e.spuriousReported) lines.push(`  spurious reported  ${at(quote)} ${clip(quote.text)}  ${predictedSpeaker(quote)}`);
    for (const key of Object.keys(totals) as Array<keyof typeof totals>) totals[key] += e[key].length;
    if (lines.length > 0) blocks.push([`== ${article.id}`, ...lines].join('\n'));
  }
  const summary =
    `errors: ${totals.missedDirect} missed direct, ${totals.spuriousDirect} spurious direct, ${totals.boundary} boundary, ` +
    `${totals.wrongSpeaker} wrong speaker, ${totals.missedReported} missed reported, ${totals.spuriousReported} spurious reported`;
  return [...blocks, summary].join('\n\n');
}
