import { normaliseName, type Speaker } from '../quotes/speaker-directory.js';
import { isStopword } from './terms.js';

/** What the finder needs of the corpus's speaker directory. */
export interface SpeakerNames {
  /** Speakers known by exactly this full name or alias. */
  lookUp(typed: string): Speaker[];
  /** Speakers a typed name may mean, surname fallback included. */
  resolve(typed: string): Speaker[];
  /** Every person quoted under this bare surname. */
  sharingSurname(surname: string): Speaker[];
}

/** One name found in a question and who it stands for. */
export interface SpeakerMention {
  /** The words as typed ("blair", "the Russian president"). */
  text: string;
  /** Who is answered for, most quoted first. */
  speakers: Speaker[];
  /**
   * Other quoted people with the same bare surname ("Johnson" answered for Alan Johnson, whom the
   * corpus calls "Johnson", while Boris Johnson is offered by name): never silently merged or dropped.
   */
  others: Speaker[];
}

/** Words that stand for someone without naming them: an answer cannot tell who they mean. */
const PRONOUNS = new Set(['he', 'she', 'they', 'him', 'her', 'them', 'it', 'his', 'hers', 'their', 'theirs', 'we', 'you', 'i', 'me', 'us', 'someone', 'somebody', 'anyone', 'anybody', 'everyone', 'people']);

/** Words of a question that are about asking, never a name or a topic. */
const QUESTION_WORDS = new Set(
  `what who whom which when how did does do has have had was were is are ever really actually just recently been quote quotes quotation
quotations comment comments remark remarks statement statements word words view views take thoughts stance position opinion opinions
mention mentioned mentions discuss discussed talk talked talking speak spoke speaking say said says saying think thinks thought tell told
show find give get list me any some all anything something about on regarding concerning and or with from by`.split(/\s+/),
);

/** Longest name tried, in words ("the Russian Black Sea fleet commander" is past any question). */
const MAX_NAME_WORDS = 5;

/** Whether a speaker slot names nobody: "he", "they", "it". */
export function isPronoun(text: string): boolean {
  return PRONOUNS.has(text.trim().toLowerCase().replace(/^(?:the\s+)/, ''));
}

/** "blair and brown", "Blair, Brown & Howard" → each name. */
export function splitNames(text: string): string[] {
  return text
    .split(/\s*(?:,|&|\+|\/|\band\b|\bor\b|\bvs\.?|\bversus\b)\s*/i)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

/**
 * The speakers a name typed in a speaker slot stands for ("what did Johnson say"): an exact name
 * or alias, else the surname fallback; a bare surname several quoted people share gives them all,
 * flagged, so the answer can keep them apart and say so.
 */
export function resolveMention(text: string, names: SpeakerNames): SpeakerMention | null {
  const words = text.trim().split(/\s+/);
  const speakers = names.resolve(text);
  if (words.length === 1) {
    const sharing = names.sharingSurname(text);
    if (sharing.length > 1) {
      // Those the corpus itself calls by the bare surname are who "Johnson" means; if nobody is, the most quoted.
      const known = new Set(names.lookUp(text).map((speaker) => speaker.key));
      const answered = sharing.filter((speaker) => known.has(speaker.key));
      const chosen = answered.length > 0 ? answered : sharing.slice(0, 1);
      const chosenKeys = new Set(chosen.map((speaker) => speaker.key));
      return { text, speakers: chosen, others: sharing.filter((speaker) => !chosenKeys.has(speaker.key)) };
    }
  }
  return speakers.length > 0 ? { text, speakers, others: [] } : null;
}

/**
 * Names anywhere in a question that fits no shape ("Putin", "Blair Iraq", "blair brown pensions"):
 * the longest run of words that is a full name or alias the corpus uses, or a person's surname.
 * Single words must not be stopwords or question words, so a topic word rarely turns into a
 * speaker; people only, so "Downing Street" stays a topic unless written out in full.
 * Returns the mentions and the words left over, which are the topic.
 */
export function findSpeakers(text: string, names: SpeakerNames): { mentions: SpeakerMention[]; rest: string } {
  const words = text.split(/\s+/).filter((word) => word.length > 0);
  const mentions: SpeakerMention[] = [];
  const left: string[] = [];
  let at = 0;
  while (at < words.length) {
    let found: { mention: SpeakerMention; length: number } | null = null;
    for (let length = Math.min(MAX_NAME_WORDS, words.length - at); length >= 1 && found === null; length -= 1) {
      const candidate = words.slice(at, at + length).join(' ').replace(/[?!.,;:]+$/u, '').replace(/['’]s$/u, '');
      if (!worthTrying(candidate, length)) continue;
      // A role ("the Russian president") counts where the corpus ties it to one person; a single
      // word only as someone's surname ("putin"), never as a role word ("executive").
      const exact = names.lookUp(candidate).filter((speaker) => (length > 1 ? true : speaker.person && isSurname(candidate, speaker)));
      if (exact.length > 0 && (length === 1 || exact.length === 1 || isFullName(candidate, exact))) {
        const mention = length === 1 ? resolveMention(candidate, names) : null;
        found = { mention: mention ?? { text: candidate, speakers: exact, others: [] }, length };
      } else if (length === 1) {
        const mention = resolveMention(candidate, names);
        const bySurname = mention?.speakers.filter((speaker) => speaker.person && isSurname(candidate, speaker)) ?? [];
        if (mention && bySurname.length > 0) found = { mention: { ...mention, speakers: bySurname }, length };
      }
    }
    if (found) {
      mentions.push(found.mention);
      at += found.length;
    } else {
      left.push(words[at]!);
      at += 1;
    }
  }
  return { mentions, rest: left.join(' ') };
}

/** Whether one typed word is the speaker's surname ("putin", "Kilroy-Silk"), not a role or first name. */
function isSurname(word: string, speaker: Speaker): boolean {
  const typed = normaliseName(word);
  return typed.length > 0 && (speaker.key === typed || speaker.key.endsWith(` ${typed}`)) && typed !== speaker.key.split(' ')[0];
}

/** Whether the words are one of the speakers' own full names, not a shared role. */
function isFullName(candidate: string, speakers: readonly Speaker[]): boolean {
  const lower = candidate.toLowerCase();
  return speakers.some((speaker) => speaker.key === lower || speaker.name.toLowerCase() === lower);
}

function worthTrying(candidate: string, length: number): boolean {
  const lower = candidate.toLowerCase();
  if (lower.length < 2) return false;
  const first = lower.split(' ')[0]!;
  const last = lower.split(' ').at(-1)!;
  if (QUESTION_WORDS.has(first) || QUESTION_WORDS.has(last) || PRONOUNS.has(lower)) return false;
  if (length === 1) return lower.length >= 3 && !isStopword(lower) && /^\p{L}/u.test(lower);
  return true;
}

/** The question's own words that only ask ("quotes", "mention"), left out of a topic. */
export function isQuestionWord(word: string): boolean {
  return QUESTION_WORDS.has(word.toLowerCase());
}
