import type { ArticleText } from './article-text.js';
import { tokenAt } from './article-text.js';
import type { DirectCandidate } from './direct.js';
import { CAPITALISED_FUNCTION_WORDS, PHRASE_BREAKERS } from './lexicon.js';
import { isCapitalised, tokensWithin } from './text.js';

/** Words right before a quotation that make it a name, a title or a word under discussion. */
const LABEL_WORDS = new Set([
  'so-called', 'dubbed', 'nicknamed', 'titled', 'entitled', 'named', 'term', 'word', 'words', 'phrase', 'slogan', 'motto',
  'label', 'headline', 'book', 'film', 'movie', 'album', 'song', 'single', 'track', 'programme', 'program', 'show', 'series',
  'play', 'novel', 'musical', 'documentary', 'sitcom', 'drama', 'comedy', 'opera', 'poem', 'report', 'campaign', 'game',
  'magazine', 'column', 'hit', 'video', 'exhibition', 'festival', 'brand', 'codenamed', 'operation', 'known', 'category',
]);

const SCARE_QUOTE_WORDS = 3;
const COPULAS = new Set(['is', 'was', 'be', 'are', 'were', 'reads', 'read', 'being']);
const ATTRIBUTIVE_DETERMINERS = new Set(['a', 'an', 'the']);
const VOTE_WORDS = new Set(['yes', 'no', 'aye', 'ayes', 'nay', 'noes', 'for', 'against', 'remain', 'leave']);
const NAMING_VERBS = new Set(['called', 'calls', 'calling', 'dubbed', 'dubs', 'named', 'names', 'nicknamed', 'labelled', 'labeled', 'branded', 'brands']);
const TITLE_MAX_WORDS = 10;
/** Small words a title leaves in lower case ("State of the Union"). */
const TITLE_SMALL_WORDS = new Set(['of', 'the', 'a', 'an', 'and', 'in', 'on', 'for', 'to', 'at', 'with', 'from', 'by', 'or']);

/**
 * Quotation marks that do not report anyone's words: titles of works ("the film "The Aviator""),
 * labels ("the so-called "mongrel" jibe") and short scare quotes with no one to say them.
 */
export function isLabelOrTitle(text: ArticleText, candidate: DirectCandidate): boolean {
  const { span } = candidate;
  if (span.open < 0) return false;
  const words = tokensWithin(text.body, text.tokens, span.start, span.end).filter((token) => token.kind === 'word');
  if (words.length === 0) return true;
  const openToken = tokenAt(text, span.open);
  const previous = text.tokens[openToken - 1];
  const previousWord = previous?.kind === 'word' ? previous.lower : '';
  const adjacentCue = candidate.cuePosition === 'after' || candidate.cuePosition === 'before';
  if (LABEL_WORDS.has(previousWord) && words.length <= TITLE_MAX_WORDS && !adjacentCue) return true;
  if (previousWord === 'as' && text.tokens[openToken - 2]?.lower === 'known') return true;
  // "called all women "Betty"": a name given to someone, not words said.
  if (candidate.cue !== null && NAMING_VERBS.has(text.tokens[candidate.cue.verb]!.lower) && words.length <= 2 && words.every((word) => isCapitalised(word.text))) return true;
  // `It will be: "Should the United Kingdom approve …?"`: words introduced by a copula, not a speaker.
  if (previous?.text === ':' && candidate.cue === null && COPULAS.has(text.tokens[openToken - 2]?.lower ?? '')) return true;
  // `back a "yes" vote`: a word or two used as a modifier between a determiner and its noun.
  const afterToken = span.closeEnd >= 0 ? text.tokens[tokenAt(text, span.closeEnd)] : undefined;
  if (words.length === 1 && VOTE_WORDS.has(words[0]!.lower) && previous !== undefined && ATTRIBUTIVE_DETERMINERS.has(previous.lower) && afterToken?.kind === 'word' && /^\p{Ll}+$/u.test(afterToken.text) && !PHRASE_BREAKERS.has(afterToken.lower) && !CAPITALISED_FUNCTION_WORDS.has(afterToken.lower)) return true;
  // A nickname inside a name: Antonio "LA" Reid.
  const after = span.closeEnd >= 0 ? text.tokens[tokenAt(text, span.closeEnd)] : undefined;
  if (words.length <= 3 && previous?.kind === 'word' && isCapitalised(previous.text) && after?.kind === 'word' && isCapitalised(after.text) && after.start === span.closeEnd + 1) return true;
  // A title: a few words, mostly capitalised, not ending a sentence, with no cue beside it. US copy
  // puts the comma inside the closing mark (`on "The Evening Show," which airs …`): a comma is no end.
  if (!adjacentCue && words.length <= TITLE_MAX_WORDS && words.length >= 2) {
    const capitalised = words.filter((word) => isCapitalised(word.text)).length;
    const endsSentence = /[.!?]$/.test(text.body.slice(span.start, span.end));
    if (capitalised / words.length >= 0.6 && !endsSentence && !isSentenceStart(text, span.open)) return true;
  }
  const capitalisedShare = words.filter((word) => isCapitalised(word.text) || TITLE_SMALL_WORDS.has(word.lower)).length / words.length;
  // `she told CNN's "State of the Union" that …`, `star of television's "Scandal,"`: a capitalised
  // name right after a possessive is a programme or a work, even next to a cue.
  const possessive = previous !== undefined && previous.kind === 'word' && /['’]s$/.test(previous.text);
  if (possessive && words.length <= TITLE_MAX_WORDS && capitalisedShare === 1 && isCapitalised(words[0]!.text) && !/[.!?]$/.test(text.body.slice(span.start, span.end))) return true;
  return false;
}

/** A few words in marks with no speech cue in their sentence are a scare quote or a label. */
export function isScareQuote(text: ArticleText, candidate: DirectCandidate): boolean {
  const { span } = candidate;
  if (span.open < 0 || candidate.cue !== null) return false;
  const words = tokensWithin(text.body, text.tokens, span.start, span.end).filter((token) => token.kind === 'word');
  return words.length <= SCARE_QUOTE_WORDS && !isSentenceStart(text, span.open);
}

function isSentenceStart(text: ArticleText, offset: number): boolean {
  const t = tokenAt(text, offset);
  const previous = text.tokens[t - 1];
  if (previous === undefined) return true;
  if (text.tokenSentence[t - 1] !== text.tokenSentence[t]) return true;
  return /^[.!?:]$/.test(previous.text);
}
