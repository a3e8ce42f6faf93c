import type { DiffSegment, QuoteMatch, Verification } from '../answer/verify.js';

const LABELS: Record<QuoteMatch['match'], string> = { exact: 'exact', near: 'nearly exact', similar: 'similar' };

/**
 * A quote check for a terminal, differences marked the way `wdiff` does: `[-words-]` are in the
 * claim but not the source, `{+words+}` in the source but not the claim. Control characters are
 * stripped, as for answers.
 */
export function renderVerificationForTerminal(verification: Verification): string {
  const lines = [clean(verification.message)];
  if (verification.checked !== verification.claim.trim()) lines.push(`Checked the quoted words: “${clean(verification.checked)}”`);
  if (verification.matches.some((match) => match.match !== 'exact')) lines.push('[-…-] in the claim, not the source; {+…+} in the source, not the claim.');
  verification.matches.forEach((match, i) => {
    const { citation } = match;
    const where = [citation.outlet, citation.date ?? 'undated'].filter(Boolean).map((part) => clean(part!)).join(', ');
    const words = `${match.moreBefore ? '… ' : ''}${match.segments.map(render).join('')}${match.moreAfter ? ' …' : ''}`;
    lines.push('', `${i + 1}. ${LABELS[match.match]}, ${clean(match.speaker)}${match.kind === 'reported' ? ' (reported speech)' : ''}: “${words}”`, `   — ${clean(citation.title)} (${where})`);
    lines.push(`     ${citation.url ? clean(citation.url) : `${clean(citation.file)} [${clean(citation.articleId)}]`}`);
  });
  return lines.join('\n');
}

function render(segment: DiffSegment): string {
  const text = clean(segment.text);
  const lead = clean(segment.lead);
  return segment.kind === 'same' ? `${lead}${text}` : segment.kind === 'claim-only' ? `${lead}[-${text}-]` : `${lead}{+${text}+}`;
}

function clean(text: string): string {
  return text.replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, '');
}
