/**
 * Speaker names in the form they are compared in, shared by the directory, its tally and the
 * question reader.
 */

export const TITLES = new Set(
  `mr mrs ms miss dr sir lord lady dame president prime minister chancellor senator sen rep gov governor general gen
rev prof professor judge justice king queen prince princess pope secretary chairman chairwoman spokesman
spokeswoman mp mep ambassador colonel col captain capt sheikh exchequer`.split(/\s+/),
);

/**
 * Names looked up per question ({@link SpeakerDirectory.lookUp} is tried on every few words of
 * one) repeat, and normalising is a handful of regular expressions: results are remembered, in a
 * map cleared when full so memory stays bounded.
 */
const normalisedNames = new Map<string, string>();
const MAX_REMEMBERED_NAMES = 50_000;

/** Lower-case, accents and titles removed, punctuation to spaces: the form names are compared in. */
export function normaliseName(name: string): string {
  if (name.length > 100) return computeNormalisedName(name);
  let known = normalisedNames.get(name);
  if (known === undefined) {
    known = computeNormalisedName(name);
    if (normalisedNames.size >= MAX_REMEMBERED_NAMES) normalisedNames.clear();
    normalisedNames.set(name, known);
  }
  return known;
}

function computeNormalisedName(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((word) => word.length > 0);
  while (words.length > 1 && (words[0] === 'the' || TITLES.has(words[0]!))) words.shift();
  return words.join(' ');
}

/** The last word of a normalised name. */
export function surnameOf(normalised: string): string {
  return normalised.slice(normalised.lastIndexOf(' ') + 1);
}

