import { z } from 'zod';
import { runInSlices, runToEnd } from '../time-slices.js';
import { compareStrings, lowerBound } from '../sorted-strings.js';
import { normaliseName, surnameOf, TITLES } from './speaker-names.js';
import { SpeakerTally, type ArticleSpeakers, type NameTally } from './speaker-tally.js';

export { normaliseName } from './speaker-names.js';
export type { ArticleSpeakers } from './speaker-tally.js';

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

/** Entries merged between chances to pause (see {@link SpeakerDirectory.buildSliced}). */
const STEP = 256;

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

  /** What {@link suggest} compares a typo with, made on the first typo (see {@link TypoIndex}). */
  private typoIndex: TypoIndex | undefined;

  /** The tally this directory was derived from: a reload updates a copy of it by the changed articles. */
  readonly tally: SpeakerTally;

  private constructor(tally: SpeakerTally) {
    this.tally = tally;
  }

  /** Merges every article's speakers into corpus-wide entries. */
  static build(articles: Iterable<ArticleSpeakers>): SpeakerDirectory {
    return runToEnd(SpeakerDirectory.building(SpeakerTally.empty(), [], articles));
  }

  /**
   * {@link build}, pausing for the event loop every `sliceMs`: at 21k articles the merge takes half
   * a second, at 500k several, and a reload must not hold up the answers served meanwhile.
   */
  static buildSliced(articles: Iterable<ArticleSpeakers>, sliceMs: number): Promise<SpeakerDirectory> {
    return runInSlices(SpeakerDirectory.building(SpeakerTally.empty(), [], articles), sliceMs);
  }

  /**
   * The directory of a corpus that differs from this one's by some articles: `removed` (as they
   * were added here) leave and `added` come in, on a copy of this directory's tally, so the work
   * is the changed articles plus one pass over the corpus's names. Equal to a {@link build} from
   * every article of the new corpus (tests compare the two).
   */
  updatedSliced(removed: Iterable<ArticleSpeakers>, added: Iterable<ArticleSpeakers>, sliceMs: number): Promise<SpeakerDirectory> {
    return runInSlices(SpeakerDirectory.building(this.tally.copy(), removed, added), sliceMs);
  }

  /** Counts the articles into the tally and derives the directory, yielding every {@link STEP} steps so a caller can pause between. */
  private static *building(tally: SpeakerTally, removed: Iterable<ArticleSpeakers>, added: Iterable<ArticleSpeakers>): Generator<void, SpeakerDirectory> {
    let done = 0;
    for (const article of removed) {
      if (++done % STEP === 0) yield;
      tally.remove(article);
    }
    for (const article of added) {
      if (++done % STEP === 0) yield;
      tally.add(article);
    }
    return yield* SpeakerDirectory.derived(tally);
  }

  /**
   * The directory a tally stands for. Every choice (display name, aliases, the order of entries)
   * depends on the sums alone, never on the order articles came in, so a directory updated
   * article by article is the one a fresh build gives.
   */
  private static *derived(tally: SpeakerTally): Generator<void, SpeakerDirectory> {
    const directory = new SpeakerDirectory(tally);
    let done = 0;
    // Full names first, so that a bare surname can join the one full name it stands for.
    const fullNamesBySurname = new Map<string, Map<string, number>>();
    for (const name of tally.names()) {
      if (++done % STEP === 0) yield;
      if (!name.person || !name.normalised.includes(' ')) continue;
      const surname = surnameOf(name.normalised);
      const counts = fullNamesBySurname.get(surname) ?? new Map<string, number>();
      counts.set(name.normalised, (counts.get(name.normalised) ?? 0) + name.quotes + name.entries);
      fullNamesBySurname.set(surname, counts);
    }
    for (const [surname, fullNames] of fullNamesBySurname) {
      const dominant = dominantFullName(fullNames);
      if (dominant !== undefined) directory.fullNameBySurname.set(surname, dominant);
    }
    const namesByKey = new Map<string, NameTally[]>();
    // Uses of each normalised alias per speaker key: a title belongs to whoever the corpus mostly means by it.
    const aliasUses = new Map<string, Map<string, number>>();
    for (const name of tally.names()) {
      if (++done % STEP === 0) yield;
      const key = directory.keyOf(name.normalised, name.person);
      const names = namesByKey.get(key);
      if (names) names.push(name);
      else namesByKey.set(key, [name]);
      for (const [alias, uses] of name.aliases) {
        const normalised = tally.normalised(alias);
        const byKey = aliasUses.get(normalised) ?? new Map<string, number>();
        byKey.set(key, (byKey.get(key) ?? 0) + uses);
        aliasUses.set(normalised, byKey);
      }
    }
    yield;
    const keys = [...namesByKey.keys()].sort(compareStrings);
    yield;
    const completion = new Map<string, string[]>();
    for (const key of keys) {
      if (++done % STEP === 0) yield;
      const speaker = speakerOf(key, namesByKey.get(key)!, aliasUses, tally);
      directory.byKey.set(key, speaker);
      for (const alias of [speaker.name, ...speaker.aliases]) directory.addAlias(tally.normalised(alias), key, completion);
      if (speaker.person) {
        const sharing = directory.bySurname.get(surnameOf(key)) ?? new Set<string>();
        sharing.add(key);
        directory.bySurname.set(surnameOf(key), sharing);
      }
    }
    yield;
    // Distinct words sorted (the default sort is code-unit order), each word's keys in speaker order.
    const words = [...completion.keys()].sort();
    yield;
    for (const word of words) {
      for (const key of completion.get(word)!) {
        directory.completionWords.push(word);
        directory.completionKeys.push(key);
      }
    }
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

  /**
   * Whether every name both directories hold has the same key in each: when true, the records of
   * an article that is in both corpora (which hold keys) are still right, and a reload need not
   * look at them one by one.
   */
  keysAgreeWith(other: SpeakerDirectory): boolean {
    for (const name of this.tally.names()) {
      if (!other.tally.has(name.normalised, name.person)) continue;
      if (other.keyOf(name.normalised, name.person) !== this.keyOf(name.normalised, name.person)) return false;
    }
    return true;
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
    const index = (this.typoIndex ??= typoIndexOf(this.byKey));
    const scored: Array<{ speaker: Speaker; distance: number }> = [];
    // Only surnames whose length is within the distance can be within it.
    const from = index.startOfLength[Math.min(Math.max(0, target.length - maxDistance), index.startOfLength.length - 1)]!;
    const to = index.startOfLength[Math.min(target.length + maxDistance + 1, index.startOfLength.length - 1)]!;
    for (let i = from; i < to; i += 1) {
      const distance = Math.min(editDistance(index.surnames[i]!, target, maxDistance), editDistance(index.keys[i]!, normalised, maxDistance));
      if (distance <= maxDistance) scored.push({ speaker: index.speakers[i]!, distance });
    }
    return scored
      .sort((a, b) => a.distance - b.distance || b.speaker.quoteCount - a.speaker.quoteCount || compareStrings(a.speaker.key, b.speaker.key))
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

  private addAlias(normalised: string, key: string, completion: Map<string, string[]>): void {
    if (normalised.length === 0) return;
    const keys = this.byAlias.get(normalised) ?? new Set<string>();
    keys.add(key);
    this.byAlias.set(normalised, keys);
    for (const word of new Set(normalised.split(' '))) {
      const wordKeys = completion.get(word);
      if (wordKeys === undefined) completion.set(word, [key]);
      // A speaker's aliases share words ("Tony Blair", "Mr Blair"): one entry per word and speaker.
      else if (wordKeys[wordKeys.length - 1] !== key) wordKeys.push(key);
    }
  }
}

/** Aliases kept per speaker, most used first. */
const MAX_ALIASES = 20;

/** One corpus-wide speaker from every name that stands for them. */
function speakerOf(key: string, names: readonly NameTally[], aliasUses: ReadonlyMap<string, ReadonlyMap<string, number>>, tally: SpeakerTally): Speaker {
  let quoteCount = 0;
  let articleCount = 0;
  let personEntries = 0;
  let otherEntries = 0;
  const written = new Map<string, number>();
  const fullyWritten = new Map<string, number>();
  const aliasCounts = new Map<string, number>();
  for (const name of names) {
    quoteCount += name.quotes;
    articleCount += name.articles;
    if (name.person) personEntries += name.entries;
    else otherEntries += name.entries;
    for (const [surface, uses] of name.names) {
      written.set(surface, (written.get(surface) ?? 0) + uses);
      // The name shown is one the key was made from ("Vladimir Putin", not a bare "Putin" joined to it).
      if (name.normalised === key) fullyWritten.set(surface, (fullyWritten.get(surface) ?? 0) + uses);
    }
    for (const [alias, uses] of name.aliases) aliasCounts.set(alias, (aliasCounts.get(alias) ?? 0) + uses);
  }
  const shown = bestDisplayName(fullyWritten.size > 0 ? fullyWritten : written);
  // A title like "the prime minister" belongs to whoever the corpus mostly means by it; a stray
  // misattribution in one article must not make Blair answer for "the chancellor".
  const aliases = [...aliasCounts]
    .filter(([alias]) => alias !== shown && ownsAlias(aliasUses.get(tally.normalised(alias)), key))
    .sort((a, b) => b[1] - a[1] || compareStrings(a[0], b[0]))
    .slice(0, MAX_ALIASES)
    .map(([alias]) => alias);
  return { key, name: shown, aliases, quoteCount, articleCount, person: personEntries >= otherEntries };
}

/** The best written form to show: by {@link displayRank}, then the most used, then code-unit order. */
function bestDisplayName(written: ReadonlyMap<string, number>): string {
  let best = '';
  let bestRank = -1;
  let bestUses = 0;
  for (const [surface, uses] of written) {
    const rank = displayRank(surface);
    if (rank > bestRank || (rank === bestRank && (uses > bestUses || (uses === bestUses && surface < best)))) {
      best = surface;
      bestRank = rank;
      bestUses = uses;
    }
  }
  return best;
}

function byQuotes(a: Speaker, b: Speaker): number {
  return b.quoteCount - a.quoteCount || compareStrings(a.name, b.name);
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

function ownsAlias(uses: ReadonlyMap<string, number> | undefined, key: string): boolean {
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

/**
 * Every speaker's key and surname for typo suggestions, ordered by surname length with where each
 * length starts. The strings are copied flat: keys cut from longer names are slices or joins, on
 * which each of the edit distance's character reads costs an indirection (suggestions ran 1.5×
 * slower at 21k articles for it, measured with scripts/bench/ab.ts --slowest).
 */
interface TypoIndex {
  surnames: string[];
  keys: string[];
  speakers: Speaker[];
  /** Index of the first entry with a surname of length n, for n up to the longest + 1. */
  startOfLength: Uint32Array;
}

function typoIndexOf(byKey: ReadonlyMap<string, Speaker>): TypoIndex {
  const entries = [...byKey.values()].map((speaker) => ({ speaker, key: flatCopy(speaker.key), surname: flatCopy(surnameOf(speaker.key)) }));
  entries.sort((a, b) => a.surname.length - b.surname.length);
  const longest = entries.length === 0 ? 0 : entries[entries.length - 1]!.surname.length;
  const startOfLength = new Uint32Array(longest + 2);
  let at = 0;
  for (let length = 0; length <= longest + 1; length += 1) {
    while (at < entries.length && entries[at]!.surname.length < length) at += 1;
    startOfLength[length] = at;
  }
  return { surnames: entries.map((e) => e.surname), keys: entries.map((e) => e.key), speakers: entries.map((e) => e.speaker), startOfLength };
}

/** A string in one flat piece of memory: a property name is stored so (V8 internalises it). */
function flatCopy(text: string): string {
  return Object.keys({ [text]: 0 })[0]!;
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
