import type { Speaker } from '../quotes/speaker-directory.js';
import type { ParsedQuestion } from '../search/question.js';
import { findSpeakers, isPronoun, isQuestionWord, resolveMention, splitNames, type SpeakerMention, type SpeakerNames } from '../search/speaker-finder.js';
import { isStopword } from '../search/terms.js';

/** Who a question asks about, read against the corpus's speakers, and the topic left over. */
export type AskedSpeakers =
  | { kind: 'found'; mentions: SpeakerMention[]; topic: string | null }
  /** The question names someone only as "he" or "they": nothing says who. */
  | { kind: 'pronoun'; word: string }
  /** A name in a speaker slot that nobody in the corpus has. */
  | { kind: 'unknown'; name: string };

/**
 * Reads the speakers of a parsed question. A shape's speaker slot may hold several names ("blair
 * and brown"); a question that fits no shape is searched for names anywhere ("Blair Iraq",
 * "Putin"), and a bare name is a question about that speaker. "Who said …" never looks for one.
 */
export function askedSpeakers(parsed: ParsedQuestion, names: SpeakerNames): AskedSpeakers {
  if (parsed.form === 'who') return { kind: 'found', mentions: [], topic: parsed.topic };
  if (parsed.speaker === null) {
    if (parsed.topic === null) return { kind: 'found', mentions: [], topic: null };
    const { mentions, rest } = findSpeakers(parsed.topic, names);
    return { kind: 'found', mentions, topic: mentions.length > 0 ? topicOf(rest) : parsed.topic };
  }
  const parts = splitNames(parsed.speaker);
  if (parts.length > 0 && parts.every(isPronoun)) return { kind: 'pronoun', word: parts[0]! };
  const mentions: SpeakerMention[] = [];
  let unresolved: string | null = null;
  for (const part of parts) {
    const mention = isPronoun(part) ? null : resolveMention(part, names);
    if (mention) mentions.push(mention);
    else unresolved ??= part;
  }
  if (unresolved === null) return { kind: 'found', mentions, topic: parsed.topic };
  // "what did the BBC's Nick Robinson say": a name inside a longer slot.
  const inside = findSpeakers(parsed.speaker, names);
  if (inside.mentions.length > 0 && topicOf(inside.rest) === null) return { kind: 'found', mentions: inside.mentions, topic: parsed.topic };
  if (!parsed.speakerCertain) {
    // "sanctions on Russia": no speaker called "sanctions", so the whole thing is the topic,
    // unless a name is in it somewhere ("Blair Iraq on the war").
    const whole = [parsed.speaker, parsed.topic].filter((part) => part !== null).join(' ');
    const found = findSpeakers(whole, names);
    return { kind: 'found', mentions: found.mentions, topic: found.mentions.length > 0 ? topicOf(found.rest) : whole };
  }
  return { kind: 'unknown', name: unresolved };
}

/** Words left once names are taken out; null when only question words and stopwords remain. */
function topicOf(rest: string): string | null {
  const words = rest.split(/\s+/).filter((word) => word.length > 0 && !isQuestionWord(word.replace(/[^\p{L}\p{N}]/gu, '')));
  const topic = words.join(' ').replace(/^(?:about|on|of|regarding)\s+/i, '').trim();
  return topic.split(/[^\p{L}\p{N}]+/u).some((word) => word.length > 0 && !isStopword(word)) ? topic : null;
}

/** Every speaker the mentions stand for, each once, in mention order. */
export function speakersOf(mentions: readonly SpeakerMention[]): Speaker[] {
  const seen = new Set<string>();
  const speakers: Speaker[] = [];
  for (const mention of mentions) {
    for (const speaker of mention.speakers) {
      if (seen.has(speaker.key)) continue;
      seen.add(speaker.key);
      speakers.push(speaker);
    }
  }
  return speakers;
}
