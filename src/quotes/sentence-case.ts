import type { ArticleText } from './article-text.js';
import { GIVEN_NAMES, HONORIFICS } from './lexicon.js';

const cache = new WeakMap<ArticleText, ReadonlySet<string>>();

/**
 * Words this article writes in lower case and capitalises only where a sentence opens: "Former",
 * "Facing", "Ever" in "Former Carson aide …", "Facing criticism, Mr. Lowe …". At a sentence's start
 * they are no name, though the capital makes them look like one. Judged on the article itself (a
 * word capitalised anywhere else, "Price" of "Tom Price", stays a possible name), and never for
 * given names or titles ("Bill", "Will", "Sen").
 */
export function sentenceCaseWords(text: ArticleText): ReadonlySet<string> {
  let words = cache.get(text);
  if (words === undefined) {
    const lower = new Set<string>();
    const capitalisedInside = new Set<string>();
    const { tokens } = text;
    for (let i = 0; i < tokens.length; i += 1) {
      const token = tokens[i]!;
      if (token.kind !== 'word') continue;
      if (token.text === token.lower) lower.add(token.lower);
      else if (!opensSentence(text, i)) capitalisedInside.add(token.lower);
    }
    const result = new Set<string>();
    for (const word of lower) if (!capitalisedInside.has(word) && !GIVEN_NAMES.has(word) && !HONORIFICS.has(word)) result.add(word);
    words = result;
    cache.set(text, words);
  }
  return words;
}

/** True when tokens[i] opens its sentence, or opens a quotation or a clause after a colon. */
function opensSentence(text: ArticleText, i: number): boolean {
  const s = text.tokenSentence[i] ?? -1;
  if (s >= 0 && text.sentenceFirstToken[s] === i) return true;
  const previous = text.tokens[i - 1];
  return previous !== undefined && /^(?:["“‘:(]|``)$/.test(previous.text);
}

/** True when tokens[i] is a sentence-opening capital on a word this article otherwise writes in lower case. */
export function isSentenceCaseWord(text: ArticleText, i: number): boolean {
  const token = text.tokens[i];
  if (token === undefined || token.kind !== 'word' || token.text === token.lower || !opensSentence(text, i)) return false;
  return sentenceCaseWords(text).has(token.lower);
}
