import { stemmer } from 'stemmer';

/**
 * How text becomes index terms, shared by indexing and querying so the two can never drift apart.
 *
 * Three layers, each for a reason users notice:
 * - Porter stemming, so "congratulate" finds "congratulated" and "relation" finds "relations".
 * - Place-name stems, so "Ukraine" finds "Ukrainian" and "China" finds "Chinese" (Porter leaves
 *   these apart: "ukrain" vs "ukrainian").
 * - Country synonyms written as one token, so "the US" finds "the United States" and "U.S.".
 */

const STOPWORDS = new Set(
  `a about above after again against all also am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have having he
her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not
now of off on once only or other our ours ourselves out over own same she should so some such than that the
their theirs them themselves then there these they this those through to too under until up very was we were
what when where which while who whom why will with would you your yours yourself yourselves s t d ll m re ve
say says said saying tell told talk talked mr mrs ms dr anything something everything nothing`.split(/\s+/),
);

/** Multi-word and abbreviated names rewritten to one token before splitting. Case matters: "US" is a country, "us" is not. */
const SYNONYMS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bUnited States(?: of America)?\b/gi, ' unitedstates '],
  [/\bU\.S\.(?:A\.)?|\bUSA?\b/g, ' unitedstates '],
  [/\bthe us\b/gi, ' the unitedstates '],
  [/\bUnited Kingdom\b|\bGreat Britain\b/gi, ' unitedkingdom '],
  [/\bU\.K\.|\bUK\b/g, ' unitedkingdom '],
  [/\bEuropean Union\b/gi, ' europeanunion '],
  [/\bE\.U\.|\bEU\b/g, ' europeanunion '],
];

/** Adjectives and demonyms whose country name no suffix rule reaches. */
const IRREGULAR_PLACES: Readonly<Record<string, string>> = {
  britain: 'unitedkingdom',
  british: 'unitedkingdom',
  briton: 'unitedkingdom',
  britons: 'unitedkingdom',
  french: 'franc',
  spanish: 'spain',
  welsh: 'wales',
  scottish: 'scotland',
  scots: 'scotland',
  irish: 'ireland',
  greek: 'greece',
  swiss: 'switzerland',
  english: 'england',
  danish: 'denmark',
  norwegian: 'norway',
  dutch: 'netherlands',
  belgian: 'belgium',
  afghan: 'afghanistan',
  filipino: 'philippin',
};

const PLACE_SUFFIXES = ['ians', 'ian', 'ans', 'an', 'ese', 'ish', 'i'];
const MIN_STEM = 4;

/** Splits text into raw word tokens, keeping case (place stems need to know a capital). */
export function tokenize(text: string): string[] {
  let rewritten = text;
  for (const [pattern, replacement] of SYNONYMS) rewritten = rewritten.replace(pattern, replacement);
  return rewritten.split(/[^\p{L}\p{N}]+/u).filter((token) => token.length > 0);
}

/**
 * The stem of a place name or demonym: "Ukraine" and "Ukrainian" both give "ukrain",
 * "Germany" and "German" give "germ".
 */
export function placeStem(word: string): string {
  const lower = word.toLowerCase();
  const irregular = IRREGULAR_PLACES[lower];
  if (irregular) return irregular;
  let stem = lower;
  for (let round = 0; round < 3; round += 1) {
    const before = stem;
    const suffix = PLACE_SUFFIXES.find((s) => stem.endsWith(s) && stem.length - s.length >= MIN_STEM);
    if (suffix) stem = stem.slice(0, -suffix.length);
    while (stem.length > MIN_STEM && /[aeiouy]$/.test(stem)) stem = stem.slice(0, -1);
    if (stem === before) break;
  }
  return stem;
}

function normalise(token: string): string {
  return token
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase();
}

/**
 * Terms for a token of indexed text. A capitalised token also yields its place stem, so a quote
 * mentioning "Ukrainian" is found by the stem of "Ukraine". Returns null for stopwords.
 */
export function indexTerms(token: string): string[] | null {
  return remembered(indexTermCache, token, computeIndexTerms);
}

function computeIndexTerms(token: string): string[] | null {
  const word = normalise(token);
  if (word.length < 2 || STOPWORDS.has(word)) return null;
  if (/^\d+$/.test(word)) return [word];
  const terms = [stemmer(word)];
  const startsWithCapital = token[0] !== undefined && token[0] !== token[0].toLowerCase();
  if (startsWithCapital && word.length >= MIN_STEM) terms.push(placeStem(word));
  return unique(terms);
}

/**
 * Terms for a token of a question. Users type in lower case ("ukraine"), so every word long enough
 * to be a place also yields its place stem; the extra term only widens recall, ranking does the rest.
 */
export function queryTerms(token: string): string[] | null {
  return remembered(queryTermCache, token, computeQueryTerms);
}

function computeQueryTerms(token: string): string[] | null {
  const word = normalise(token);
  if (word.length < 2 || STOPWORDS.has(word)) return null;
  if (/^\d+$/.test(word)) return [word];
  const terms = [stemmer(word)];
  if (word.length >= MIN_STEM) terms.push(placeStem(word));
  terms.push(...relatedForms(word));
  return unique(terms);
}

/**
 * Forms of a question word that Porter stems apart but that mean the same topic: "racism" and
 * "racist" ("tourism", "tourist"), "bankruptcy" and "bankrupt" (which then prefix-matches
 * "bankruptcy" too). Query side only, so the index and its MiniSearch equivalence are untouched;
 * a form no text uses matches nothing.
 */
function relatedForms(word: string): string[] {
  if (word.length < 6) return [];
  if (word.endsWith('ism')) return [stemmer(`${word.slice(0, -3)}ist`)];
  if (word.endsWith('ist')) return [stemmer(`${word.slice(0, -3)}ism`)];
  if (word.endsWith('ists')) return [stemmer(`${word.slice(0, -4)}ism`)];
  if (word.endsWith('ptcy')) return [stemmer(word.slice(0, -2))];
  return [];
}

/** Whether a word carries no topic ("the", "about", "said"): used by the question parser too. */
export function isStopword(word: string): boolean {
  return STOPWORDS.has(normalise(word));
}

/**
 * Term processing is a pure function of the token, and news text repeats a small vocabulary
 * millions of times: remembering results halves index build time (profiled: normalising and
 * stemming were ~a quarter of it). Results are frozen because they are shared between callers.
 * The caches are cleared when full, so memory stays bounded whatever the input.
 */
const MAX_REMEMBERED_TOKENS = 200_000;
const MAX_REMEMBERED_TOKEN_LENGTH = 40;
const indexTermCache = new Map<string, string[] | null>();
const queryTermCache = new Map<string, string[] | null>();

function remembered(cache: Map<string, string[] | null>, token: string, compute: (token: string) => string[] | null): string[] | null {
  if (token.length > MAX_REMEMBERED_TOKEN_LENGTH) return compute(token);
  const known = cache.get(token);
  if (known !== undefined) return known;
  const terms = compute(token);
  if (cache.size >= MAX_REMEMBERED_TOKENS) cache.clear();
  cache.set(token, terms === null ? null : Object.freeze(terms) as string[]);
  return terms;
}

function unique(terms: string[]): string[] {
  return terms.length === 1 ? terms : terms.length === 2 && terms[0] === terms[1] ? [terms[0]!] : [...new Set(terms)];
}
