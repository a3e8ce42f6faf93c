import { z } from 'zod';
import { runInSlices, runToEnd } from '../time-slices.js';
import { lowerBound } from '../sorted-strings.js';

/**
 * One speaker across the whole corpus: "Vladimir Putin" in one article and "Putin" in another are
 * the same entry, so a question about either finds all of their quotes.
 */
export const SpeakerSchema = z.object({
  /** Stable lookup key: the normalised full name ("vladimir putin"). */
  key: z.string(),
  /** The name shown to users: the fullest form the corpus uses. */
  name: z.string(),
  /** Every other way the corpus refers to them ("Putin", "Mr Putin", "the Russian President"). */
  aliases: z.array(z.string()),
  quoteCount: z.number().int().nonnegative(),
  articleCount: z.number().int().nonnegative(),
  /** False for organisations and anonymous sources ("Downing Street", "a spokesman"). */
  person: z.boolean(),
});
export type Speaker = z.infer<typeof SpeakerSchema>;

/** What one article contributes: its speakers (as the extractor names them) and how often each is quoted. */
export interface ArticleSpeakers {
  articleId: string;
  speakers: ReadonlyArray<{ name: string; aliases: readonly string[]; person: boolean }>;
  /** Quote count per article-level speaker name. */
  quoteCounts: ReadonlyMap<string, number>;
}

const TITLES = new Set(
  `mr mrs ms miss dr sir lord lady dame president prime minister chancellor senator sen rep gov governor general gen
rev prof professor judge justice king queen prince princess pope secretary chairman chairwoman spokesman
spokeswoman mp mep ambassador colonel col captain capt sheikh exchequer`.split(/\s+/),
);

/** Entries merged between chances to pause (see {@link SpeakerDirectory.buildSliced}). */
const STEP = 256;

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

function surnameOf(normalised: string): string {
  return normalised.slice(normalised.lastIndexOf(' ') + 1);
}

/**
 * All speakers of one corpus version, with the lookups the front ends need: resolve a typed name,
 * suggest close names for a typo, and complete a prefix for Discord's autocomplete. Built once per
 * corpus version and read-only afterwards.
 */
export class SpeakerDirectory {
  private readonly byKey = new Map<string, Speaker>();
  /** Bare surname → the full name it stands for, where one full name has most of its quotes ("putin" → "vladimir putin"). */
  private readonly fullNameBySurname = new Map<string, string>();
  /** Normalised alias → keys of speakers known by it. */
  private readonly byAlias = new Map<string, Set<string>>();
  /** Surname → keys of people with that surname, so "Blair" finds Tony Blair even where no article wrote "Blair" alone. */
  private readonly bySurname = new Map<string, Set<string>>();
  /**
   * Every word of every name, sorted, and the key of the speaker it belongs to at the same index:
   * prefix completion by binary search. Two flat arrays rather than (word, key) pairs, which cost
   * an array object each.
   */
  private completionWords: string[] = [];
  private completionKeys: string[] = [];

  /** Merges every article's speakers into corpus-wide entries. */
  static build(articles: Iterable<ArticleSpeakers>): SpeakerDirectory {
    return runToEnd(SpeakerDirectory.building(articles));
  }

  /**
   * {@link build}, pausing for the event loop every `sliceMs`: at 21k articles the merge takes half
   * a second, at 500k several, and a reload must not hold up the answers served meanwhile.
   */
  static buildSliced(articles: Iterable<ArticleSpeakers>, sliceMs: number): Promise<SpeakerDirectory> {
    return runInSlices(SpeakerDirectory.building(articles), sliceMs);
  }

  /** The merge, yielding every {@link STEP} entries so a caller can pause between. */
  private static *building(articles: Iterable<ArticleSpeakers>): Generator<void, SpeakerDirectory> {
    const directory = new SpeakerDirectory();
    let done = 0;
    // Every name is normalised several times below, and names repeat across articles.
    const normalised = new Map<string, string>();
    const normalise = (name: string): string => {
      let known = normalised.get(name);
      if (known === undefined) {
        known = normaliseName(name);
        normalised.set(name, known);
      }
      return known;
    };
    const pending: Array<{ articleId: string; name: string; normalised: string; aliases: readonly string[]; person: boolean; quotes: number }> = [];
    for (const article of articles) {
      if (++done % STEP === 0) yield;
      for (const speaker of article.speakers) {
        const name = normalise(speaker.name);
        if (name.length === 0) continue;
        pending.push({
          articleId: article.articleId,
          name: speaker.name,
          normalised: name,
          aliases: speaker.aliases,
          person: speaker.person,
          quotes: article.quoteCounts.get(speaker.name) ?? 0,
        });
      }
    }
    // Full names first, so that a bare surname can join the one full name it stands for.
    const fullNamesBySurname = new Map<string, Map<string, number>>();
    for (const entry of pending) {
      if (++done % STEP === 0) yield;
      if (!entry.person || !entry.normalised.includes(' ')) continue;
      const counts = fullNamesBySurname.get(surnameOf(entry.normalised)) ?? new Map<string, number>();
      counts.set(entry.normalised, (counts.get(entry.normalised) ?? 0) + entry.quotes + 1);
      fullNamesBySurname.set(surnameOf(entry.normalised), counts);
    }
    for (const [surname, fullNames] of fullNamesBySurname) {
      const dominant = dominantFullName(fullNames);
      if (dominant !== undefined) directory.fullNameBySurname.set(surname, dominant);
    }
    const articlesByKey = new Map<string, Set<string>>();
    const aliasUses = new Map<string, Map<string, number>>();
    const completion: Array<readonly [string, string]> = [];
    for (const entry of pending) {
      if (++done % STEP === 0) yield;
      const key = directory.keyOf(entry.normalised, entry.person);
      const existing = directory.byKey.get(key);
      const speaker: Speaker = existing ?? { key, name: entry.name, aliases: [], quoteCount: 0, articleCount: 0, person: entry.person };
      speaker.quoteCount += entry.quotes;
      if (normalise(entry.name) === key && displayRank(entry.name) > displayRank(speaker.name)) speaker.name = entry.name;
      for (const alias of [entry.name, ...entry.aliases]) {
        const uses = aliasUses.get(normalise(alias)) ?? new Map<string, number>();
        uses.set(key, (uses.get(key) ?? 0) + 1);
        aliasUses.set(normalise(alias), uses);
        if (alias !== speaker.name && !speaker.aliases.includes(alias) && speaker.aliases.length < 20) speaker.aliases.push(alias);
      }
      const articleIds = articlesByKey.get(key) ?? new Set<string>();
      articleIds.add(entry.articleId);
      articlesByKey.set(key, articleIds);
      directory.byKey.set(key, speaker);
    }
    for (const speaker of directory.byKey.values()) {
      if (++done % STEP === 0) yield;
      speaker.articleCount = articlesByKey.get(speaker.key)?.size ?? 0;
      // A title like "the prime minister" belongs to whoever the corpus mostly means by it; a
      // stray misattribution in one article must not make Blair answer for "the chancellor".
      speaker.aliases = speaker.aliases.filter((alias) => alias !== speaker.name && ownsAlias(aliasUses.get(normalise(alias)), speaker.key));
      for (const alias of [speaker.name, ...speaker.aliases]) directory.addAlias(normalise(alias), speaker.key, completion);
      if (speaker.person) {
        const keys = directory.bySurname.get(surnameOf(speaker.key)) ?? new Set<string>();
        keys.add(speaker.key);
        directory.bySurname.set(surnameOf(speaker.key), keys);
      }
    }
    yield;
    completion.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    yield;
    directory.completionWords = completion.map(([word]) => word);
    directory.completionKeys = completion.map(([, key]) => key);
    return directory;
  }

  get size(): number {
    return this.byKey.size;
  }

  all(): Speaker[] {
    return [...this.byKey.values()];
  }

  get(key: string): Speaker | undefined {
    return this.byKey.get(key);
  }

  /**
   * The directory key of a speaker as an article named them (a `Quote.speaker`, and whether the
   * article's speaker list marks them a person): a person's bare surname joins the full name that
   * has most of its quotes. Undefined for a name with no letters or digits.
   */
  keyFor(articleSpeakerName: string, person: boolean): string | undefined {
    const normalised = normaliseName(articleSpeakerName);
    if (normalised.length === 0) return undefined;
    const key = this.keyOf(normalised, person);
    return this.byKey.has(key) ? key : undefined;
  }

  private keyOf(normalised: string, person: boolean): string {
    return person && !normalised.includes(' ') ? (this.fullNameBySurname.get(normalised) ?? normalised) : normalised;
  }

  /**
   * The speakers a typed name refers to, most quoted first: an exact full name or alias wins;
   * otherwise every person with that surname ("Brown" may be Gordon or Nick).
   */
  resolve(typed: string): Speaker[] {
    const normalised = normaliseName(typed);
    if (normalised.length === 0) return [];
    const exact = this.byAlias.get(normalised);
    const keys = exact && exact.size > 0 ? exact : (this.byAlias.get(surnameOf(normalised)) ?? this.bySurname.get(surnameOf(normalised)));
    if (!keys) return [];
    return [...keys].map((key) => this.byKey.get(key)!).sort((a, b) => b.quoteCount - a.quoteCount);
  }

  /**
   * The speakers a name as typed stands for exactly: a full name or an alias the corpus uses,
   * no surname fallback. What the question reader tries on every few words of a question, where a
   * loose match would turn topic words into speakers.
   */
  lookUp(typed: string): Speaker[] {
    const normalised = normaliseName(typed);
    const keys = normalised.length === 0 ? undefined : this.byAlias.get(normalised);
    return keys ? [...keys].map((key) => this.byKey.get(key)!).sort(byQuotes) : [];
  }

  /**
   * Everyone quoted under a surname, most quoted first: a bare "Johnson" may be Alan or Boris,
   * and an answer must keep them apart and say so rather than pick one silently.
   */
  sharingSurname(surname: string): Speaker[] {
    const normalised = normaliseName(surname);
    if (normalised.length === 0 || normalised.includes(' ')) return [];
    const keys = this.bySurname.get(normalised);
    return keys ? [...keys].map((key) => this.byKey.get(key)!).filter((speaker) => speaker.quoteCount > 0).sort(byQuotes) : [];
  }

  /** The closest known names to a name nobody in the corpus has, for "did you mean …?". */
  suggest(typed: string, limit = 5): string[] {
    const normalised = normaliseName(typed);
    if (normalised.length === 0) return [];
    const target = surnameOf(normalised);
    const maxDistance = Math.max(1, Math.round(target.length / 3));
    const scored: Array<{ speaker: Speaker; distance: number }> = [];
    for (const speaker of this.byKey.values()) {
      const surname = surnameOf(speaker.key);
      if (Math.abs(surname.length - target.length) > maxDistance) continue;
      const distance = Math.min(editDistance(surname, target, maxDistance), editDistance(speaker.key, normalised, maxDistance));
      if (distance <= maxDistance) scored.push({ speaker, distance });
    }
    return scored
      .sort((a, b) => a.distance - b.distance || b.speaker.quoteCount - a.speaker.quoteCount)
      .slice(0, limit)
      .map(({ speaker }) => speaker.name);
  }

  /**
   * Speakers any of whose name words start with `prefix`, best first: a match at the start of the
   * full name beats one on a later word, then more quotes beat fewer. Binary search over a sorted
   * word list keeps this well under a millisecond, as Discord autocomplete needs.
   */
  complete(prefix: string, limit = 25): Speaker[] {
    const wanted = normaliseName(prefix);
    if (wanted.length === 0) {
      return this.all()
        .filter((speaker) => isProperName(speaker.name))
        .sort((a, b) => b.quoteCount - a.quoteCount)
        .slice(0, limit);
    }
    const firstWord = wanted.split(' ')[0]!;
    const matches = new Map<string, number>();
    for (let i = lowerBound(this.completionWords, firstWord); i < this.completionWords.length; i += 1) {
      const word = this.completionWords[i]!;
      const key = this.completionKeys[i]!;
      if (!word.startsWith(firstWord)) break;
      const speaker = this.byKey.get(key)!;
      if (!isProperName(speaker.name)) continue;
      if (!speaker.key.includes(wanted) && !speaker.aliases.some((alias) => normaliseName(alias).startsWith(wanted))) continue;
      const rank = speaker.key.startsWith(wanted) || surnameOf(speaker.key).startsWith(wanted) ? 0 : 1;
      matches.set(key, Math.min(matches.get(key) ?? rank, rank));
    }
    return [...matches]
      .map(([key, rank]) => ({ speaker: this.byKey.get(key)!, rank }))
      .sort((a, b) => a.rank - b.rank || b.speaker.quoteCount - a.speaker.quoteCount || a.speaker.name.localeCompare(b.speaker.name))
      .slice(0, limit)
      .map(({ speaker }) => speaker);
  }

  private addAlias(normalised: string, key: string, completion: Array<readonly [string, string]>): void {
    if (normalised.length === 0) return;
    const keys = this.byAlias.get(normalised) ?? new Set<string>();
    keys.add(key);
    this.byAlias.set(normalised, keys);
    for (const word of new Set(normalised.split(' '))) completion.push([word, key]);
  }
}

function byQuotes(a: Speaker, b: Speaker): number {
  return b.quoteCount - a.quoteCount || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/** Names worth offering in autocomplete: "Vladimir Putin", "Downing Street"; not "the report" or "analysts". */
function isProperName(name: string): boolean {
  return /^\p{Lu}/u.test(name) && !/^(?:The|A|An|Analysts?|Officials?|Sources?)\b/.test(name);
}

/** Which written form to show: a plain full name ("Gordon Brown") over a titled one ("Chancellor Gordon Brown"), then the longer. */
function displayRank(name: string): number {
  const firstWord = name.split(/\s+/)[0]!.toLowerCase().replace(/\.$/, '');
  return (TITLES.has(firstWord) || firstWord === 'the' ? 0 : 1_000) + name.length;
}

function ownsAlias(uses: Map<string, number> | undefined, key: string): boolean {
  if (!uses) return true;
  const mine = uses.get(key) ?? 0;
  return mine >= 0.6 * Math.max(...uses.values());
}

/** A bare surname joins a full name when that name has most of the quotes under the surname. */
function dominantFullName(candidates: Map<string, number> | undefined): string | undefined {
  if (!candidates || candidates.size === 0) return undefined;
  const ranked = [...candidates].sort((a, b) => b[1] - a[1]);
  const total = ranked.reduce((sum, [, count]) => sum + count, 0);
  const [best, count] = ranked[0]!;
  return count / total >= 0.75 ? best : undefined;
}

/** Reused by {@link editDistance}: suggestions compare a typo against every speaker, so no row is allocated per pair. */
let distanceRow = new Int32Array(64);

/**
 * Levenshtein distance, or `max + 1` as soon as it is known to exceed `max` (every entry of a row
 * is above it): most speakers are far from a typo, and this stops on them after a few letters.
 */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (distanceRow.length <= b.length) distanceRow = new Int32Array(b.length + 1);
  const row = distanceRow;
  for (let j = 0; j <= b.length; j += 1) row[j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    let diagonal = row[0]!;
    row[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j += 1) {
      const above = row[j]!;
      const value = Math.min(above + 1, row[j - 1]! + 1, diagonal + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1));
      row[j] = value;
      if (value < rowMin) rowMin = value;
      diagonal = above;
    }
    if (rowMin > max) return max + 1;
  }
  return row[b.length]!;
}
