/**
 * Whether the extractor named the right speaker for a matched quote. Names are compared on their
 * head word (the surname of a person, the head noun of "a Downing Street spokesman"), case-insensitively,
 * because the article may call one person "Tony Blair", "Mr Blair" or "Blair" and all are right.
 */

/** Honorifics and titles written before a name; they never decide who is speaking. */
const TITLES = new Set(
  `mr mrs ms miss mx dr doctor prof professor sir dame lord lady baroness baron earl duke duchess
rev reverend fr father sen senator rep gov governor gen general col colonel capt captain sgt
president prime minister chancellor secretary judge justice king queen prince princess pope sheikh`.split(/\s+/),
);
/** Letters after a name ("Martin Luther King Jr", "John Smith MP") that are not the surname. */
const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv', 'mp', 'mep', 'qc', 'kc', 'obe', 'mbe', 'cbe', 'phd']);
/** Words that end the head of a description: "a spokesman for the ministry" → "spokesman". */
const DETERMINERS = new Set(['a', 'an', 'the']);
const POST_MODIFIERS = new Set(['for', 'of', 'at', 'from', 'in', 'with', 'on', 'who', 'which', 'whose']);

/** Pronouns an annotator may write as the speaker surface when no name is given. */
export const PRONOUNS = new Set(['he', 'she', 'they', 'it', 'we', 'i', 'you', 'him', 'her', 'them', 'us', 'me']);

export type SpeakerVerdict = 'correct' | 'wrong' | 'skipped';

/** The gold speaker a prediction is compared with: the canonical name, else the surface as written. */
export function goldSpeakerReference(gold: { speaker: string | null; speakerCanonical: string | null }): string | null {
  return gold.speakerCanonical ?? gold.speaker;
}

/**
 * Judges a predicted speaker (the extractor's resolved `Quote.speaker`) against a gold row.
 * - gold `speakerCanonical` set → compared with it;
 * - else gold `speaker` is a pronoun → `skipped` (the annotator could not name anyone to compare with);
 * - else gold `speaker` set → compared with it;
 * - else (no speaker in the article) → correct only if the prediction is null too.
 */
export function judgeSpeaker(
  gold: { speaker: string | null; speakerCanonical: string | null },
  predicted: string | null,
): SpeakerVerdict {
  if (gold.speakerCanonical === null && gold.speaker !== null && isPronoun(gold.speaker)) return 'skipped';
  const reference = goldSpeakerReference(gold);
  if (reference === null) return predicted === null ? 'correct' : 'wrong';
  if (predicted === null) return 'wrong';
  return sameSpeaker(reference, predicted) ? 'correct' : 'wrong';
}

export function isPronoun(surface: string): boolean {
  return PRONOUNS.has(surface.trim().toLowerCase());
}

/** True when two speaker names have the same head word. */
export function sameSpeaker(a: string, b: string): boolean {
  const head = headWord(a);
  return head !== null && head === headWord(b);
}

/**
 * The word a speaker name is compared on: for a name, the surname ("Mr Tony Blair MP" → "blair",
 * "Secretary of State Colin Powell" → "powell"); for a description starting with a/an/the, its head
 * noun before any post-modifier ("a spokesman for Mr Brown" → "spokesman", not Brown); null when the
 * name has no word at all.
 */
export function headWord(name: string): string | null {
  const words = withoutPlaceOrEmployer(name.replace(/\([^)]*\)/g, ' ').replace(/,.*$/s, ' '))
    .toLowerCase()
    .replace(/\([^)]*\)/g, ' ') // "John Smith (2)": the extractor's tag for a second John Smith
    .replace(/,.*$/s, ' ') // "Donna Brazile, the interim chairwoman": the name is before the comma
    .replace(/['\u2019]s\b/g, '') // "Blair's office" → "blair office"
    .match(/[\p{L}\p{N}]+(?:[-'\u2019][\p{L}\p{N}]+)*/gu) ?? [];
  if (DETERMINERS.has(words[0] ?? '')) {
    const cut = words.findIndex((word) => POST_MODIFIERS.has(word));
    if (cut > 1) words.length = cut;
  }
  while (words.length > 1 && TITLES.has(words[0]!)) words.shift();
  while (words.length > 1 && SUFFIXES.has(words[words.length - 1]!)) words.pop();
  return words[words.length - 1] ?? null;
}

/** Words before "of" that make it part of an office or an organisation's name: "Secretary of State", "Bank of England". */
const OFFICE_WORDS = new Set(['executive', 'officer', 'director', 'chairman', 'chairwoman', 'chair', 'secretary', 'minister', 'president', 'head', 'chief', 'governor', 'leader', 'member', 'mayor', 'founder', 'editor', 'professor', 'commissioner', 'ambassador', 'general', 'attorney', 'archbishop', 'bishop', 'duke', 'duchess', 'earl', 'prince', 'princess', 'king', 'queen', 'bank', 'university']);

/**
 * A person's name without the place or employer US copy writes after it: "Sen. Tom Udall of New
 * Mexico" → "Sen. Tom Udall", "Craig Holman of Public Citizen" → "Craig Holman". Only after two or
 * more words ending in a capitalised one that is no office ("Secretary of State Colin Powell", "Bank
 * of England" stay whole); descriptions ("a spokesman for …") are left to the determiner rule.
 */
function withoutPlaceOrEmployer(name: string): string {
  if (/^\s*(?:a|an|the)\s/i.test(name)) return name;
  const match = /^(.*?)\s+(?:of|from|at)\s+\S/u.exec(name);
  if (match === null) return name;
  const before = match[1]!.trim().split(/\s+/);
  const last = before[before.length - 1]!;
  if (before.length < 2 || !/^\p{Lu}/u.test(last) || OFFICE_WORDS.has(last.toLowerCase().replace(/\.$/, ''))) return name;
  return match[1]!;
}

/**
 * {@link judgeSpeaker} with {@link sameSpeakerStrictly}: "Bill Clinton" for Hillary Clinton's words is
 * wrong here, though the head-word rule counts it right. Reported beside the head-word figure.
 */
export function judgeSpeakerStrictly(
  gold: { speaker: string | null; speakerCanonical: string | null },
  predicted: string | null,
): SpeakerVerdict {
  const verdict = judgeSpeaker(gold, predicted);
  if (verdict !== 'correct' || predicted === null) return verdict;
  const reference = goldSpeakerReference(gold);
  return reference === null || sameSpeakerStrictly(reference, predicted) ? 'correct' : 'wrong';
}

/**
 * Same head word and, where both names give one, a given name in common: "Donald J. Trump" and
 * "Mr. Trump" agree, "Texas Sen. Ted Cruz" and "Ted Cruz" agree, "Ivanka Trump" and "Donald Trump"
 * do not. An initial agrees with a name it starts ("J. Smith", "John Smith").
 */
export function sameSpeakerStrictly(a: string, b: string): boolean {
  if (!sameSpeaker(a, b)) return false;
  const givenA = givenNames(a);
  const givenB = givenNames(b);
  if (givenA.length === 0 || givenB.length === 0) return true;
  const agrees = (x: string, y: string): boolean => x === y || (x.length === 1 && y.startsWith(x)) || (y.length === 1 && x.startsWith(y));
  return givenA.some((x) => givenB.some((y) => agrees(x, y)));
}

/**
 * The words of a person's name before the surname, titles left out ("Texas Sen. Ted Cruz" →
 * texas, ted); none for descriptions ("the senator"), possessives and lone surnames.
 */
export function givenNames(name: string): string[] {
  const lower = name.toLowerCase();
  const words =
    lower
      .replace(/\([^)]*\)/g, ' ')
      .replace(/,.*$/s, ' ')
      .replace(/\bu\.s\.?/g, ' ')
      .match(/[\p{L}\p{N}]+(?:[-'\u2019][\p{L}\p{N}]+)*/gu) ?? [];
  if (DETERMINERS.has(words[0] ?? '') || /['\u2019]s\b/.test(lower)) return [];
  while (words.length > 1 && SUFFIXES.has(words[words.length - 1]!)) words.pop();
  return words.slice(0, -1).filter((word) => !TITLES.has(word) && !ABBREVIATED_TITLES.has(word));
}

/** Titles and office words US copy writes before a name ("Sen.", "House Speaker"), never a given name. */
const ABBREVIATED_TITLES = new Set(['sen', 'sens', 'rep', 'reps', 'gov', 'govs', 'lt', 'maj', 'adm', 'cmdr', 'atty', 'del', 'former', 'vice', 'house', 'senate', 'speaker', 'majority', 'minority', 'leader', 'democrat', 'republican', 'democratic', 'mrs', 'ms', 'mr']);
