import type { ArticleText } from './article-text.js';
import { GIVEN_NAMES, HONORIFICS } from './lexicon.js';

/** Per article, the answer for each word already asked about. */
const cache = new WeakMap<ArticleText, Map<string, boolean>>();

/**
 * Whether this article writes `lower` (a lower-case word) in lower case and capitalises it only where
 * a sentence opens: "Former", "Facing", "Ever" in "Former Carson aide …", "Facing criticism, Mr.
 * Lowe …". At a sentence's start such words are no name, though the capital makes them look like
 * one. Judged on the article itself (a word capitalised anywhere else, "Price" of "Tom Price", stays
 * a possible name), and never for given names or titles ("Bill", "Will", "Sen").
 *
 * Answered per word and remembered: an article asks about three words on average, so one scan of
 * its tokens per word costs a fraction of collecting every word it writes into sets (which was 7 %
 * of extraction time on PolNeAR dev).
 */
export function writesInSentenceCase(text: ArticleText, lower: string): boolean {
  let answers = cache.get(text);
  if (answers === undefined) {
    answers = new Map();
    cache.set(text, answers);
  }
  let answer = answers.get(lower);
  if (answer === undefined) {
    answer = scanSentenceCase(text, lower);
    answers.set(lower, answer);
  }
  return answer;
}

function scanSentenceCase(text: ArticleText, lower: string): boolean {
  if (GIVEN_NAMES.has(lower) || HONORIFICS.has(lower)) return false;
  const { tokens } = text;
  let writtenLower = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i]!;
    if (token.lower !== lower || token.kind !== 'word') continue;
    if (token.text === token.lower) writtenLower = true;
    else if (!opensSentence(text, i)) return false;
  }
  return writtenLower;
}

const OPENING_MARK = /^(?:["“‘:(]|``)$/;

/** True when tokens[i] opens its sentence, or opens a quotation or a clause after a colon. */
function opensSentence(text: ArticleText, i: number): boolean {
  const s = text.tokenSentence[i] ?? -1;
  if (s >= 0 && text.sentenceFirstToken[s] === i) return true;
  const previous = text.tokens[i - 1];
  return previous !== undefined && OPENING_MARK.test(previous.text);
}

/** True when tokens[i] is a sentence-opening capital on a word this article otherwise writes in lower case. */
export function isSentenceCaseWord(text: ArticleText, i: number): boolean {
  const token = text.tokens[i];
  if (token === undefined || token.kind !== 'word' || token.text === token.lower || !opensSentence(text, i)) return false;
  return writesInSentenceCase(text, token.lower);
}
