import { z } from 'zod';
import type { CorpusVersion, QuoteRecord } from '../desk/corpus-version.js';
import { CitationSchema } from './answer.js';
import { corpusOrderOf, speakerName } from './answerer.js';
import { citationFor } from './citation.js';
import { queryTerms } from '../search/terms.js';
import { topK } from './top-k.js';
import { alignWords, wordsOf, type WordAlignment, type WordToken } from './word-alignment.js';

/**
 * Checking a quote: given words someone claims a person said, the corpus quotes closest to them by
 * wording, each with the differences marked. Front-end neutral, like {@link Answer}: plain text
 * only, each front end marks the differences in its own medium.
 */

/** Longest claim checked: a long paragraph, well past any one quote a message would carry. */
export const MAX_CLAIM_LENGTH = 1000;
/** Fewer words match too much of the corpus to say anything ("a disgrace"). */
export const MIN_CLAIM_WORDS = 3;
/** Quotes the index proposes for alignment: the best by shared words; alignment then judges them. */
const CANDIDATES = 40;
/** Matches one check returns at most. */
export const MAX_MATCHES = 3;

export const MatchKindSchema = z.enum([
  /** The claimed words appear in the source, in order, as written (case and punctuation aside). */
  'exact',
  /** A few words changed, cut or added. */
  'near',
  /** Much of the wording is shared, but it is not the same sentence. */
  'similar',
]);
export type MatchKind = z.infer<typeof MatchKindSchema>;

/** A run of the marked-up source: words both have, words only the claim has, or source words the claim lacks. */
export const DiffSegmentSchema = z.object({
  kind: z.enum(['same', 'claim-only', 'source-only']),
  /** What stands before the run (a space, ", "), outside any marking; empty at the start. */
  lead: z.string(),
  text: z.string(),
});
export type DiffSegment = z.infer<typeof DiffSegmentSchema>;

export const QuoteMatchSchema = z.object({
  quoteId: z.string(),
  match: MatchKindSchema,
  kind: z.enum(['direct', 'reported']),
  speaker: z.string(),
  citation: CitationSchema,
  /** The stretch of the source the claim lines up with, marked word by word. */
  segments: z.array(DiffSegmentSchema),
  /** Whether the source goes on before or after that stretch (front ends show "…"). */
  moreBefore: z.boolean(),
  moreAfter: z.boolean(),
  /** Words in both, swapped, only in the claim (added), only in the source (cut). */
  counts: z.object({ same: z.number().int(), changed: z.number().int(), added: z.number().int(), cut: z.number().int() }),
});
export type QuoteMatch = z.infer<typeof QuoteMatchSchema>;

export const VerificationSchema = z.object({
  /** What the user gave. */
  claim: z.string(),
  /** The words actually checked: the part in quotation marks when there is one, else the whole claim. */
  checked: z.string(),
  status: z.enum(['found', 'no-match', 'invalid']),
  /** One plain sentence saying what was found, or what to change. */
  message: z.string(),
  /** Best first: exact before near before similar. Empty unless `found`. */
  matches: z.array(QuoteMatchSchema),
  corpusVersion: z.string(),
});
export type Verification = z.infer<typeof VerificationSchema>;

/**
 * Finds the corpus quotes whose wording is closest to `claim`. The quote index proposes
 * candidates (quotes sharing the claim's words, by BM25); each is aligned word by word with the
 * claim ({@link alignWords}) and classed exact, near or similar; the rest are dropped. A quote
 * split around its cue (`"…," he said. "…"`) is also tried whole, so a claim spanning both parts
 * is found. Reprints of the same words by the same speaker count once. Never throws on input.
 */
export function verifyClaim(version: CorpusVersion, claim: string): Verification {
  const checked = wordsToCheck(claim);
  const base: Verification = { claim, checked, status: 'invalid', message: '', matches: [], corpusVersion: version.id };
  if (claim.trim().length === 0) return { ...base, message: 'Give me the words to check, for example: "this deserves attention at least".' };
  // A long message is fine when the quote in it is not: "Find this quote" checks the quoted words.
  if (checked.length > MAX_CLAIM_LENGTH) return { ...base, message: `That is ${checked.length} characters; I check up to ${MAX_CLAIM_LENGTH} at a time. Paste the quote itself.` };
  const claimWords = wordsOf(checked);
  if (claimWords.length < MIN_CLAIM_WORDS) return { ...base, message: `Give me at least ${MIN_CLAIM_WORDS} words of the quote; fewer match too much to mean anything.` };
  if (!claimWords.some((word) => word.content)) return { ...base, message: 'Those words are all too common to check ("the", "said"…); give me more of the quote.' };

  const wanted = contentStems(claimWords);
  const matches = candidates(version, checked)
    .flatMap((record) => sourcesFor(version, record))
    .map((source) => ({ source, alignment: alignWords(claimWords, source.words) }))
    .map(({ source, alignment }) => ({ source, alignment, match: classify(claimWords, source, alignment), shared: sharedStems(wanted, source) }))
    .filter((scored): scored is Scored => scored.match !== null)
    .sort(byCloseness(claimWords.length));
  const seen = new Set<string>();
  const best: Scored[] = [];
  for (const scored of matches) {
    // A part and its whole group, or two reprints of the same words: the closest one stands for them.
    const key = scored.source.groupKey;
    const reprint = `r${scored.source.record.reprintKey}`;
    if (seen.has(key) || seen.has(reprint)) continue;
    seen.add(key);
    seen.add(reprint);
    best.push(scored);
    if (best.length === MAX_MATCHES) break;
  }
  if (best.length === 0) {
    return { ...base, status: 'no-match', message: `Nothing in the corpus matches these words (${version.articles.length} articles checked).` };
  }
  const top = best[0]!.match;
  const message =
    top === 'exact'
      ? 'These exact words are in the corpus.'
      : top === 'near'
        ? 'Not word for word: the closest quote in the corpus has a few words different.'
        : 'No quote in the corpus has these words; the closest have similar wording.';
  return { ...base, status: 'found', message, matches: best.map((scored) => toMatch(version, claimWords, scored)) };
}

/**
 * The words a claim puts in someone's mouth: a message like `Putin said "we are ready" lol`
 * is checked on what is inside the quotation marks (the longest such part of three words or
 * more); otherwise the whole text.
 */
export function wordsToCheck(claim: string): string {
  // Bounded: a message is at most 4,000 characters, a /verify option 1,000; longer input is refused by length anyway.
  const quoted = [...claim.slice(0, 4 * MAX_CLAIM_LENGTH).matchAll(/“([^”]+)”|"([^"]+)"|«([^»]+)»|„([^“”]+)[“”]/g)]
    .map((match) => (match[1] ?? match[2] ?? match[3] ?? match[4] ?? '').trim())
    .filter((part) => wordsOf(part).length >= MIN_CLAIM_WORDS)
    .sort((a, b) => b.length - a.length);
  return quoted[0] ?? claim.trim();
}

interface Source {
  record: QuoteRecord;
  /** The quote's words, or its whole group's joined. */
  text: string;
  words: WordToken[];
  /** Equal for a quote part and the group it belongs to. */
  groupKey: string;
}

interface Scored {
  source: Source;
  alignment: WordAlignment;
  match: MatchKind;
  /** The claim's content words (by stem) found anywhere in the source. */
  shared: number;
}

function candidates(version: CorpusVersion, claim: string): QuoteRecord[] {
  const hits = version.index.searchScored(claim);
  const inCorpusOrder = corpusOrderOf(version.facts);
  const docs = topK(
    Array.from({ length: hits.count }, (_, i) => i),
    CANDIDATES,
    (i, j) => hits.scores[j]! - hits.scores[i]! || inCorpusOrder(hits.docs[i]!, hits.docs[j]!),
  );
  return docs.map((i) => version.quoteAt(hits.docs[i]!)).filter((record): record is QuoteRecord => record !== undefined);
}

/** Parts of one quote split around its cue, in order, are at most this far apart in the article's numbering. */
const GROUP_REACH = 4;

function sourcesFor(version: CorpusVersion, record: QuoteRecord): Source[] {
  const { quote } = record;
  const groupKey = `${quote.articleId}\u0000${quote.group}`;
  const own: Source = { record, text: quote.text, words: wordsOf(quote.text), groupKey };
  const hash = quote.id.lastIndexOf('#');
  const ordinal = Number(quote.id.slice(hash + 1));
  if (!Number.isInteger(ordinal)) return [own];
  const parts: QuoteRecord[] = [];
  for (let n = ordinal - GROUP_REACH; n <= ordinal + GROUP_REACH; n += 1) {
    const part = n === ordinal ? record : version.quote(`${quote.id.slice(0, hash)}#${n}`);
    if (part && part.quote.group === quote.group && part.quote.kind === quote.kind) parts.push(part);
  }
  if (parts.length < 2) return [own];
  const text = parts.map((part) => part.quote.text.replace(/[\s,;:]+$/u, '')).join(' … ');
  return [own, { record: parts[0]!, text, words: wordsOf(text), groupKey }];
}

/**
 * Exact: every claimed word in the source, in order, nothing between. Near: at least 70% of the
 * claimed words found in order, and at most a third of them (three for short claims) changed,
 * added or cut. Similar: most of the claim's content words (three in five, at least two) are in
 * the quote, in any order and form ("restoring" finds "restore"). Else no match.
 */
function classify(claim: readonly WordToken[], source: Source, alignment: WordAlignment): MatchKind | null {
  const n = claim.length;
  const differences = alignment.changed + alignment.claimOnly + alignment.sourceOnly;
  if (differences === 0 && alignment.same === n) return 'exact';
  if (alignment.same / n >= 0.7 && differences <= Math.max(3, Math.ceil(n / 3))) return 'near';
  const wanted = contentStems(claim);
  const shared = sharedStems(wanted, source);
  if (shared >= Math.max(2, Math.ceil(wanted.size * 0.6))) return 'similar';
  return null;
}

function contentStems(words: readonly WordToken[]): Set<string> {
  return new Set(words.filter((word) => word.content).map(stemOf));
}

function sharedStems(wanted: ReadonlySet<string>, source: Source): number {
  const present = contentStems(source.words);
  let shared = 0;
  for (const stem of wanted) if (present.has(stem)) shared += 1;
  return shared;
}

function stemOf(word: WordToken): string {
  return queryTerms(word.norm)?.[0] ?? word.norm;
}

const RANK: Record<MatchKind, number> = { exact: 0, near: 1, similar: 2 };

function byCloseness(claimWords: number) {
  return (a: Scored, b: Scored): number => {
    const differences = (s: Scored): number => s.alignment.changed + s.alignment.claimOnly + s.alignment.sourceOnly;
    return (
      RANK[a.match] - RANK[b.match] ||
      (a.match === 'similar' ? b.shared - a.shared : 0) ||
      b.alignment.same / claimWords - a.alignment.same / claimWords ||
      differences(a) - differences(b) ||
      // The plain quote before its group, then corpus order, so answers are stable.
      a.source.text.length - b.source.text.length ||
      (a.source.record.quote.id < b.source.record.quote.id ? -1 : a.source.record.quote.id > b.source.record.quote.id ? 1 : 0)
    );
  };
}

function toMatch(version: CorpusVersion, claim: readonly WordToken[], scored: Scored): QuoteMatch {
  const { source, match } = scored;
  const alignment = match === 'similar' ? sharedWordsAlignment(claim, source) : scored.alignment;
  const { record } = source;
  return {
    quoteId: record.quote.id,
    match,
    kind: record.quote.kind,
    speaker: speakerName(version, record),
    citation: citationFor(record.article),
    segments: segmentsOf(claim, source, alignment),
    moreBefore: (alignment.window?.first ?? 0) > 0,
    moreAfter: (alignment.window?.last ?? source.words.length - 1) < source.words.length - 1,
    counts: { same: alignment.same, changed: alignment.changed, added: alignment.claimOnly, cut: alignment.sourceOnly },
  };
}

/**
 * A similar quote shares words, not word order, so a word-by-word alignment would strike claimed
 * words that the quote does have elsewhere. Instead: the stretch of the quote from its first to
 * its last word shared with the claim (by stem), shared words as `same`, the rest as the
 * quote's own (`source-only`).
 */
function sharedWordsAlignment(claim: readonly WordToken[], source: Source): WordAlignment {
  const wanted = contentStems(claim);
  const claimed = new Set(claim.map((word) => word.norm));
  // Content words by stem; "with" or "the" only inside the stretch, as written.
  const content = source.words.map((word) => word.content && wanted.has(stemOf(word)));
  const first = content.indexOf(true);
  const last = content.lastIndexOf(true);
  const shared = source.words.map((word, i) => content[i]! || (!word.content && i > first && i < last && claimed.has(word.norm)));
  const steps: WordAlignment['steps'] = [];
  let same = 0;
  for (let i = first; i <= last && first !== -1; i += 1) {
    if (shared[i]) same += 1;
    steps.push(shared[i] ? { op: 'same', claim: 0, source: i } : { op: 'source-only', source: i });
  }
  return { steps, window: first === -1 ? null : { first, last }, same, sameContent: same, changed: 0, claimOnly: 0, sourceOnly: steps.length - same };
}

/**
 * The aligned stretch as runs of text: source words keep the punctuation and spacing between
 * them; a claimed word the source does not have is shown where the claim has it.
 */
function segmentsOf(claim: readonly WordToken[], source: Source, alignment: WordAlignment): DiffSegment[] {
  const segments: DiffSegment[] = [];
  let previousEnd: number | null = null;
  const push = (kind: DiffSegment['kind'], lead: string, text: string): void => {
    const last = segments.at(-1);
    if (last && last.kind === kind) last.text += lead + text;
    else segments.push({ kind, lead: segments.length === 0 ? '' : lead, text });
  };
  for (const step of alignment.steps) {
    if (step.op === 'claim-only' || step.op === 'changed') push('claim-only', ' ', claim[step.claim]!.text);
    if (step.op !== 'claim-only') {
      const word = source.words[step.source]!;
      const lead = previousEnd === null ? ' ' : source.text.slice(previousEnd, word.start);
      push(step.op === 'same' ? 'same' : 'source-only', lead, word.text);
      previousEnd = word.end;
    }
  }
  return segments;
}
