import { findRunInHeadings } from './headings.js';
import type { MarkedSpan } from './marks.js';
import { findMarkedSpans } from './marks.js';
import { splitSentences } from './sentences.js';
import type { Range, Token } from './text.js';
import { rangeIndexAt, splitParagraphs, tokenize } from './text.js';

/**
 * One article body analysed once — paragraphs, quotation spans, sentences and tokens, each with
 * offsets into the body — and shared by the cue, speaker and reported-speech rules.
 */
export interface ArticleText {
  body: string;
  paragraphs: Range[];
  marked: MarkedSpan[];
  /** Sentences in body order; run-in headings are sentences of their own. */
  sentences: Range[];
  /** Paragraph index of each sentence. */
  sentenceParagraph: number[];
  /** Headings run into their paragraph ("Putin on restoring relations with US Russia, …"). */
  headings: Range[];
  tokens: Token[];
  /** For each token: index of the marked span it lies inside (between the marks), or -1. */
  tokenQuote: Int32Array;
  /** For each token: index of its sentence. */
  tokenSentence: Int32Array;
  /** First token index of each sentence (tokens of sentence s are [sentenceFirstToken[s], sentenceFirstToken[s+1])). */
  sentenceFirstToken: number[];
}

export function analyseText(body: string): ArticleText {
  const paragraphs = splitParagraphs(body);
  const marked = findMarkedSpans(body, paragraphs);
  const tokens = tokenize(body);
  const headings = findRunInHeadings(body, paragraphs, marked, tokens);
  const sentences: Range[] = [];
  const sentenceParagraph: number[] = [];
  let quoteCursor = 0;
  let headingCursor = 0;
  paragraphs.forEach((paragraph, index) => {
    const first = quoteCursor;
    while (quoteCursor < marked.length && marked[quoteCursor]!.paragraph === index) quoteCursor += 1;
    let headingEnd = -1;
    while (headingCursor < headings.length && headings[headingCursor]!.start < paragraph.start) headingCursor += 1;
    const heading = headings[headingCursor];
    if (heading !== undefined && heading.start === paragraph.start) headingEnd = heading.end;
    for (const sentence of splitSentences(body, paragraph, marked.slice(first, quoteCursor), headingEnd)) {
      sentences.push(sentence);
      sentenceParagraph.push(index);
    }
  });
  const tokenQuote = new Int32Array(tokens.length).fill(-1);
  const tokenSentence = new Int32Array(tokens.length).fill(-1);
  const sentenceFirstToken: number[] = new Array<number>(sentences.length + 1).fill(tokens.length);
  let span = 0;
  let sentence = 0;
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i]!;
    while (span < marked.length && marked[span]!.end <= token.start) span += 1;
    const current = marked[span];
    if (current !== undefined && current.start <= token.start && token.end <= current.end) tokenQuote[i] = span;
    while (sentence < sentences.length && sentences[sentence]!.end <= token.start) sentence += 1;
    const s = Math.min(sentence, Math.max(0, sentences.length - 1));
    tokenSentence[i] = sentences.length === 0 ? -1 : s;
  }
  // First token of each sentence, filled backwards so that empty sentences point at the next one.
  for (let i = tokens.length - 1; i >= 0; i -= 1) {
    const s = tokenSentence[i]!;
    if (s >= 0) sentenceFirstToken[s] = i;
  }
  for (let s = sentences.length - 1; s >= 0; s -= 1) {
    if (sentenceFirstToken[s]! > sentenceFirstToken[s + 1]!) sentenceFirstToken[s] = sentenceFirstToken[s + 1]!;
  }
  return { body, paragraphs, marked, sentences, sentenceParagraph, headings, tokens, tokenQuote, tokenSentence, sentenceFirstToken };
}

/** Index of the sentence containing `offset` (or the next one after it). */
export function sentenceAt(text: ArticleText, offset: number): number {
  return Math.min(rangeIndexAt(text.sentences, offset), Math.max(0, text.sentences.length - 1));
}

/** Index of the first token that ends after `offset`. */
export function tokenAt(text: ArticleText, offset: number): number {
  return rangeIndexAt(text.tokens, offset);
}

/** Token index range [first, end) of sentence `s`. */
export function sentenceTokens(text: ArticleText, s: number): [number, number] {
  return [text.sentenceFirstToken[s] ?? text.tokens.length, text.sentenceFirstToken[s + 1] ?? text.tokens.length];
}
