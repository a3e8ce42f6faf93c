import type { ArticleText } from './article-text.js';
import { isSentenceCaseWord } from './sentence-case.js';
import {
  CAPITALISED_FUNCTION_WORDS,
  DETERMINERS,
  FEMALE_GIVEN_NAMES,
  FEMALE_HONORIFICS,
  GIVEN_NAMES,
  HONORIFICS,
  isPartyTitle,
  MALE_HONORIFICS,
  MEDIA,
  NAME_PARTICLES,
  NON_PERSON_WORDS,
  PHRASE_BREAKERS,
  ROLE_NOUNS,
  SPEECH_VERBS,
} from './lexicon.js';
import type { Token } from './text.js';
import { isCapitalised } from './text.js';

/** Someone (or something) the article names: all the ways it is written are joined into one entity. */
export interface Entity {
  id: number;
  /** Name words of the fullest form ("Vladimir Putin"). */
  words: string[];
  name: string;
  aliases: Set<string>;
  /** `undefined` while the article gives no evidence either way. */
  person: boolean | undefined;
  gender: 'm' | 'f' | undefined;
  /** Lower-case role phrases written with the name: "russian president", "chancellor". */
  roles: Set<string>;
  /** Times the article writes exactly this full name: decides whom a lone surname means. */
  fullMentions: number;
}

/** Offices US copy abbreviates before a name, as the role they stand for. */
const OFFICE_HONORIFICS = new Map([['gov', 'governor'], ['sen', 'senator'], ['rep', 'representative'], ['gen', 'general']]);

/** Last words of things named after a person ("Trump Tower", "Clinton Foundation"): the surname alone is the person. */
const NAMED_AFTER_SOMEONE = new Set(['train', 'tower', 'towers', 'foundation', 'university', 'organization', 'organisation', 'administration', 'campaign', 'hotel', 'hotels', 'doctrine', 'era', 'library', 'center', 'centre', 'institute', 'effect', 'rally', 'steaks', 'vodka', 'airlines', 'shuttle', 'plaza', 'casino', 'taj', 'network']);

/** How many more full-name mentions make one bearer of a surname the one a lone surname means. */
const DOMINANT_MARGIN = 1;

/** The gender a full name's given name tells, if any ("Hillary Clinton" → f). */
function genderOfWords(entity: Entity): 'm' | 'f' | undefined {
  if (entity.words.length < 2) return entity.gender;
  const given = entity.words[0]!.toLowerCase();
  if (FEMALE_GIVEN_NAMES.has(given)) return 'f';
  if (GIVEN_NAMES.has(given)) return 'm';
  return entity.gender;
}

/** Whether an honorific's gender ("Mr." → m) lets a name join `entity`: "Mr. Trump" is not Ivanka Trump. */
function genderAllows(entity: Entity, gender: 'm' | 'f' | undefined): boolean {
  if (gender === undefined) return true;
  const known = genderOfWords(entity);
  return known === undefined || known === gender;
}

/** One place the article writes a name. */
export interface Mention {
  entity: Entity;
  /** Token range of the name words. */
  first: number;
  last: number;
  sentence: number;
  inQuote: boolean;
}

/** Role words that make a different office: a deputy prime minister is not the prime minister. */
export const RANK_MODIFIERS = new Set(['deputy', 'vice', 'shadow', 'former', 'ex', 'assistant', 'junior', 'acting', 'interim', 'opposition']);

const STARTS_WITH_NUMBER = /^\p{N}/u;

function isNameWord(token: Token | undefined): boolean {
  // A capitalised word starting with an ASCII letter cannot start with a number: no expression to run.
  return token !== undefined && token.kind === 'word' && isCapitalised(token.text) && (token.text.charCodeAt(0) < 128 || !STARTS_WITH_NUMBER.test(token.text));
}

/** "Putin's", "Putin’s": a possessive ends a name run. */
function isPossessiveWord(lower: string): boolean {
  const n = lower.length;
  return n > 2 && lower.charCodeAt(n - 1) === 115 && (lower.charCodeAt(n - 2) === 39 || lower.charCodeAt(n - 2) === 0x2019);
}

/** `lower` without a final "'s" or "’s" (what /['’]s$/ replaced, without running it per mention). */
function withoutPossessive(lower: string): string {
  const n = lower.length;
  return n >= 2 && lower.charCodeAt(n - 1) === 115 && (lower.charCodeAt(n - 2) === 39 || lower.charCodeAt(n - 2) === 0x2019) ? lower.slice(0, n - 2) : lower;
}

function bare(lower: string): string {
  let end = lower.length;
  if (end > 2 && lower.charCodeAt(end - 1) === 115 && (lower.charCodeAt(end - 2) === 39 || lower.charCodeAt(end - 2) === 0x2019)) end -= 2;
  else if (lower.charCodeAt(end - 1) === 46) end -= 1;
  return end === lower.length ? lower : lower.slice(0, end);
}

/**
 * Every capitalised name in the article, joined into entities: "Vladimir Putin", "Putin" and
 * "Mr Putin" become one; the roles written beside a name ("Russian President Vladimir Putin",
 * "Paul Sheard, economist at …") are kept so that "the Russian President" can find him later.
 */
export class People {
  readonly entities: Entity[] = [];
  readonly mentions: Mention[] = [];
  /** Mentions per sentence, in order, for pronoun resolution. */
  readonly mentionsBySentence: Mention[][];
  private readonly byFullName = new Map<string, Entity>();
  private readonly entitiesByLastWord = new Map<string, Entity[]>();
  /** Entities of more than one word, by their first word in lower case, in the order they were made. */
  private readonly entitiesByFirstWord = new Map<string, Entity[]>();
  /**
   * Per last word, per entity named with it: where those mentions start. An article that names
   * "Putin" ten thousand times looks up the nearest mention per entity (a binary search), not per
   * mention: scanning every earlier mention made a 1 MB article quadratic (seconds per build).
   */
  private readonly mentionsByLastWord = new Map<string, Map<Entity, MentionStarts>>();
  private mentionsAdded = 0;
  /** Per entity with a role, where its mentions start, for {@link resolveRole}; rebuilt when `mentions` grows. */
  private roleHolders: { mentionCount: number; starts: Map<Entity, number[]> } | null = null;
  /** Token index → index in `mentions` of the mention covering it, or -1. */
  private readonly mentionAtToken: Int32Array;

  constructor(private readonly text: ArticleText) {
    this.mentionsBySentence = text.sentences.map(() => []);
    const pending: Array<{ first: number; last: number; honorific: string | null; role: string | null }> = [];
    const { tokens } = text;
    for (let i = 0; i < tokens.length; i += 1) {
      if (!isNameWord(tokens[i]) || isHeadlineWord(tokens, i)) continue;
      let last = i;
      while (last + 1 < tokens.length && !isPossessiveWord(tokens[last]!.lower) && (isNameWord(tokens[last + 1]) || (NAME_PARTICLES.has(tokens[last + 1]!.lower) && isNameWord(tokens[last + 2]))) && tokens[last + 1]!.start - tokens[last]!.end <= 1 && !isHeadlineWord(tokens, last + 1)) last += 1;
      const run = this.nameInRun(i, last);
      i = last;
      if (run === null) continue;
      pending.push(run);
    }
    // Longer names first, so that "Putin" can join "Vladimir Putin" wherever it appears.
    const order = pending.map((_, index) => index).sort((a, b) => pending[b]!.last - pending[b]!.first - (pending[a]!.last - pending[a]!.first) || a - b);
    for (const index of order) {
      const mention = pending[index]!;
      const words = this.wordsOf(mention.first, mention.last);
      const entity = this.entityFor(words, mention.first, mention.honorific);
      const sentence = text.tokenSentence[mention.first] ?? -1;
      const record: Mention = { entity, first: mention.first, last: mention.last, sentence, inQuote: text.tokenQuote[mention.first] !== -1 };
      this.mentions.push(record);
      const lastWord = withoutPossessive(tokens[mention.last]!.lower);
      const sameLast = this.mentionsByLastWord.get(lastWord) ?? new Map<Entity, MentionStarts>();
      this.mentionsByLastWord.set(lastWord, sameLast);
      const starts = sameLast.get(entity) ?? { firsts: [], added: [] };
      sameLast.set(entity, starts);
      const at = upperBound(starts.firsts, record.first);
      starts.firsts.splice(at, 0, record.first);
      starts.added.splice(at, 0, this.mentionsAdded++);
      const surface = words.join(' ');
      if (surface !== entity.name) entity.aliases.add(surface);
      if (mention.honorific !== null) {
        entity.aliases.add(`${tokens[mention.first - 1]!.text} ${surface}`);
        entity.person = true;
        if (MALE_HONORIFICS.has(mention.honorific)) entity.gender ??= 'm';
        if (FEMALE_HONORIFICS.has(mention.honorific)) entity.gender ??= 'f';
      }
      if (mention.role !== null) {
        entity.roles.add(mention.role);
        entity.person ??= true;
      }
    }
    this.addRoleMentions();
    this.mentions.sort((a, b) => a.first - b.first);
    this.mentionAtToken = new Int32Array(tokens.length).fill(-1);
    this.mentions.forEach((mention, index) => {
      if (mention.sentence >= 0) this.mentionsBySentence[mention.sentence]!.push(mention);
      for (let t = mention.first; t <= mention.last; t += 1) this.mentionAtToken[t] = index;
    });
    for (const entity of this.entities) {
      for (const word of entity.words) {
        if (NON_PERSON_WORDS.has(word.toLowerCase())) {
          entity.person = false;
          break;
        }
      }
      const given = entity.words[0]!.toLowerCase();
      if (GIVEN_NAMES.has(given)) {
        entity.person ??= true;
        entity.gender ??= FEMALE_GIVEN_NAMES.has(given) ? 'f' : 'm';
      }
    }
  }

  /** Full-name entity for a name written at token range [first, last] (joins "Putin" to "Vladimir Putin"). */
  resolveName(first: number, last: number): Entity {
    const index = this.mentionAtToken[first] ?? -1;
    const mention = index >= 0 ? this.mentions[index] : undefined;
    if (mention !== undefined && mention.last >= last) return mention.entity;
    return this.entityFor(this.wordsOf(first, last), first);
  }

  /**
   * The entity a definite description stands for: a person written with that role ("the Russian
   * President" ← "Russian President Vladimir Putin"), preferring the one mentioned last before `at`.
   */
  resolveRole(roleWords: readonly string[], at: number): Entity | null {
    const wanted = roleWords.map(bare).filter((word) => !DETERMINERS.has(word) && word !== 'former' && word !== 'new');
    // "the former governor" is "Former Florida governor Jeb Bush": a rank written in both agrees.
    const ranks = roleWords.map(bare).filter((word) => RANK_MODIFIERS.has(word));
    const head = wanted[wanted.length - 1];
    if (head === undefined || !ROLE_NOUNS.has(head)) return null;
    let best: Entity | null = null;
    let bestScore = 0;
    for (const [entity, starts] of this.mentionStartsOfRoleHolders()) {
      if (entity.person === false) continue;
      // An entity's best mention is its last one before `at`, else its last one (see the score below).
      const before = lowerBound(starts, at) - 1;
      const first = before >= 0 ? starts[before]! : starts[starts.length - 1]!;
      for (const role of entity.roles) {
        const roleWordsOfEntity = role.split(' ');
        if (roleWordsOfEntity[roleWordsOfEntity.length - 1] !== head) continue;
        // "Deputy Prime Minister John Prescott" is not "the prime minister".
        if (roleWordsOfEntity.some((word) => RANK_MODIFIERS.has(word) && !ranks.includes(word))) continue;
        // "the attorney general" is not "Solicitor General Harriet Harman".
        const wantedModifier = wanted[wanted.length - 2];
        const roleModifier = roleWordsOfEntity[roleWordsOfEntity.length - 2];
        if (wantedModifier !== undefined && roleModifier !== undefined && wantedModifier !== roleModifier && !/(?:ian|ish|ese|an)$/.test(wantedModifier)) continue;
        // "the CNN host" is not "host Larry Lee" of a radio show: an outlet in the description must be in the role.
        if (wantedModifier !== undefined && MEDIA.has(wantedModifier) && !roleWordsOfEntity.includes(wantedModifier)) continue;
        const shared = wanted.filter((word) => roleWordsOfEntity.includes(word)).length;
        const score = shared * 4 + (first < at ? 2 : 0) + first / 1e7;
        if (score > bestScore) {
          bestScore = score;
          best = entity;
        }
      }
    }
    return best;
  }

  /**
   * Definite role descriptions ("the Tory leader", "The prime minister") written apart from a name
   * count as mentions of the person written with that role, so that "He replies" after "The Tory
   * leader was asked …" finds him.
   */
  private addRoleMentions(): void {
    const { tokens } = this.text;
    const found: Mention[] = [];
    for (let i = 0; i < tokens.length; i += 1) {
      if (tokens[i]!.lower !== 'the' || this.text.tokenQuote[i] !== -1) continue;
      for (let j = i + 1; j <= i + 4 && j < tokens.length; j += 1) {
        const token = tokens[j]!;
        if (token.kind !== 'word' || PHRASE_BREAKERS.has(token.lower)) break;
        if (!ROLE_NOUNS.has(bare(token.lower))) continue;
        if (isNameWord(tokens[j + 1]) || tokens[j + 1]?.lower === 'of') break;
        const words: string[] = [];
        for (let k = i; k <= j; k += 1) words.push(tokens[k]!.lower);
        const entity = this.resolveRole(words, i);
        if (entity !== null) found.push({ entity, first: i, last: j, sentence: this.text.tokenSentence[i] ?? -1, inQuote: false });
        break;
      }
    }
    this.mentions.push(...found);
  }

  /** Mention starts (ascending) of each entity that has a role, in order of first mention. */
  private mentionStartsOfRoleHolders(): Map<Entity, number[]> {
    if (this.roleHolders?.mentionCount !== this.mentions.length) {
      const starts = new Map<Entity, number[]>();
      for (const mention of this.mentions) {
        if (mention.entity.roles.size === 0) continue;
        const list = starts.get(mention.entity) ?? [];
        list.push(mention.first);
        starts.set(mention.entity, list);
      }
      for (const list of starts.values()) list.sort((a, b) => a - b);
      this.roleHolders = { mentionCount: this.mentions.length, starts };
    }
    return this.roleHolders.starts;
  }

  private wordsOf(first: number, last: number): string[] {
    const words: string[] = [];
    for (let i = first; i <= last; i += 1) {
      const text = this.text.tokens[i]!.text;
      const n = text.length;
      words.push(n > 2 && text.charCodeAt(n - 1) === 115 && (text.charCodeAt(n - 2) === 39 || text.charCodeAt(n - 2) === 0x2019) ? text.slice(0, n - 2) : text);
    }
    return words;
  }

  /** Joins a name to the entity whose full name ends with (or equals) it; otherwise starts a new one. */
  private entityFor(words: string[], at: number, honorific: string | null = null): Entity {
    const key = words.join(' ').toLowerCase();
    const exact = this.byFullName.get(key);
    if (exact !== undefined) {
      exact.fullMentions += 1;
      return exact;
    }
    // "Mr. Trump" is not Ivanka Trump; "Mrs. Clinton" is not Bill Clinton.
    const gender = honorific === null ? undefined : MALE_HONORIFICS.has(honorific) ? 'm' : FEMALE_HONORIFICS.has(honorific) ? 'f' : undefined;
    let best: Entity | null = null;
    let bestDistance = Infinity;
    let bestAdded = Infinity;
    let mostNamed: Entity | null = null;
    const lastWord = words.length === 1 ? key : words[words.length - 1]!.toLowerCase();
    // The nearest mention (later ones count four times as far), the earliest added on a tie.
    for (const [entity, starts] of this.mentionsByLastWord.get(lastWord) ?? []) {
      if (!endsWith(entity.words, words) || !genderAllows(entity, gender)) continue;
      if (mostNamed === null || entity.fullMentions > mostNamed.fullMentions) mostNamed = entity;
      const after = upperBound(starts.firsts, at);
      for (let i = after - 1; i <= after; i += 1) {
        const first = starts.firsts[i];
        if (first === undefined) continue;
        const distance = first <= at ? at - first : (first - at) * 4;
        if (distance < bestDistance || (distance === bestDistance && starts.added[i]! < bestAdded)) {
          bestDistance = distance;
          bestAdded = starts.added[i]!;
          best = entity;
        }
      }
    }
    // "Clinton" in an article that names Hillary Clinton six times and Bill Clinton once is Hillary,
    // even right after Bill's name: a surname alone is the person the article is mostly about.
    if (best !== null && mostNamed !== null && mostNamed !== best && words.length === 1 && mostNamed.words.length > 1 && mostNamed.fullMentions >= 2 * best.fullMentions + DOMINANT_MARGIN) best = mostNamed;
    if (best === null) {
      for (const entity of this.entitiesByLastWord.get(lastWord) ?? []) {
        if (endsWith(entity.words, words) && entity.words.length > words.length && genderAllows(entity, gender)) {
          best = entity;
          break;
        }
      }
    }
    if (best === null && words.length === 1) {
      // "Sir Digby" after "Sir Digby Jones": a knight (or a first-name mention) joins the one full name it starts.
      // Not a thing named after someone: "Trump" is not the "Trump Train" (or Tower, Foundation) of an
      // article that never writes Donald Trump.
      const byGivenName = this.entitiesByFirstWord.get(key);
      const only = byGivenName?.length === 1 ? byGivenName[0]! : undefined;
      if (only !== undefined && !NAMED_AFTER_SOMEONE.has(only.words[only.words.length - 1]!.toLowerCase())) best = only;
    }
    if (best !== null) return best;
    const entity: Entity = { id: this.entities.length, words, name: words.join(' '), aliases: new Set(), person: undefined, gender: undefined, roles: new Set(), fullMentions: 1 };
    this.entities.push(entity);
    this.byFullName.set(key, entity);
    const sameLast = this.entitiesByLastWord.get(lastWord) ?? [];
    sameLast.push(entity);
    this.entitiesByLastWord.set(lastWord, sameLast);
    if (words.length > 1) {
      const given = words[0]!.toLowerCase();
      const sameFirst = this.entitiesByFirstWord.get(given) ?? [];
      sameFirst.push(entity);
      this.entitiesByFirstWord.set(given, sameFirst);
    }
    return entity;
  }

  /**
   * The name inside a run of capitalised words, with the honorific or role written before it
   * ("Mr", "Russian President", "economy minister"), or null when the run is no name at all.
   */
  private nameInRun(runFirst: number, runLast: number): { first: number; last: number; honorific: string | null; role: string | null } | null {
    const { tokens } = this.text;
    let first = runFirst;
    let honorific: string | null = null;
    const roleWords: string[] = [];
    for (let i = runFirst; i <= runLast; i += 1) {
      const lower = bare(tokens[i]!.lower);
      if (HONORIFICS.has(lower)) {
        honorific = lower;
        first = i + 1;
        roleWords.length = 0;
      } else if (isCompanyGeneral(tokens, i, runFirst, runLast)) {
        // "General Motors", "General Electric": a company, not a general.
        continue;
      } else if (i === runLast && i > runFirst && (HONORIFICS.has(bare(tokens[i - 1]!.lower)) || GIVEN_NAMES.has(tokens[i - 1]!.lower))) {
        // "Larry King", "Mr. King", "Ms. Bishop": a role word ending a name after a given name or an honorific is a surname.
        continue;
      } else if (ROLE_NOUNS.has(lower) || (CAPITALISED_FUNCTION_WORDS.has(lower) && i === first) || (i === first && isPartyTitle(tokens, i, runLast))) {
        if (!CAPITALISED_FUNCTION_WORDS.has(lower)) roleWords.push(...this.wordsOf(first, i).map((word) => word.toLowerCase()));
        first = i + 1;
      }
    }
    // "Former Carson aide …", "Hacker Guccifer …": a sentence's capital on a word the article otherwise
    // writes in lower case is no part of the name (before a role it already went with the role).
    if (first === runFirst && first < runLast && isSentenceCaseWord(this.text, first)) first += 1;
    if (first > runLast) return null;
    if (first === runLast && SPEECH_VERBS.has(tokens[first]!.lower)) return null;
    // "Liberal Democrat Sarah Teather": a given name after other capitalised words starts the name.
    for (let i = first + 1; i < runLast; i += 1) {
      if (GIVEN_NAMES.has(tokens[i]!.lower) && !GIVEN_NAMES.has(tokens[first]!.lower) && honorific === null) {
        roleWords.push(...this.wordsOf(first, i - 1).map((word) => word.toLowerCase()));
        first = i;
        break;
      }
    }
    // Lower-case role words before the run: "economy minister Heizo Takenaka", "Tory leader Michael Howard".
    if (roleWords.length === 0 && honorific === null) {
      const before: string[] = [];
      for (let i = runFirst - 1; i >= 0 && i >= runFirst - 4; i -= 1) {
        const token = tokens[i]!;
        if (token.kind !== 'word' || PHRASE_BREAKERS.has(token.lower) || DETERMINERS.has(token.lower)) break;
        before.unshift(bare(token.lower));
      }
      while (before.length > 0 && !ROLE_NOUNS.has(before[before.length - 1]!)) before.length = 0;
      roleWords.push(...before);
    }
    // "Kazakhstan's foreign minister, Erlan Idris, plays down …": a name in apposition to a role holds it.
    if (roleWords.length === 0 && honorific === null && tokens[runFirst - 1]?.text === ',' && /^[,.]$/.test(tokens[runLast + 1]?.text ?? '')) {
      const before: string[] = [];
      for (let i = runFirst - 2; i >= 0 && i >= runFirst - 5; i -= 1) {
        const token = tokens[i]!;
        if (token.kind !== 'word' || token.text !== token.lower || PHRASE_BREAKERS.has(token.lower) || DETERMINERS.has(token.lower)) break;
        before.unshift(token.lower);
      }
      if (before.length > 0 && ROLE_NOUNS.has(before[before.length - 1]!)) roleWords.push(...before);
    }
    let role = roleWords.length > 0 && ROLE_NOUNS.has(roleWords[roleWords.length - 1]!) ? roleWords.join(' ') : null;
    // "Former Florida Gov. Jeb Bush": a past office abbreviated as an honorific is a role too ("former
    // florida governor"), for "the former governor" to find. (A present one is not: "the senator" is
    // better read as the senator just named than as the last one written "Sen.".)
    const office = honorific === null ? undefined : OFFICE_HONORIFICS.get(honorific.replace(/\.$/, ''));
    if (role === null && office !== undefined) {
      const before = this.wordsOf(runFirst, first - 2).map((word) => bare(word.toLowerCase()));
      if (before.includes('former')) role = [...before, office].join(' ');
    }
    role ??= this.appositiveRole(runLast);
    return { first, last: runLast, honorific, role };
  }

  /** "Vladimir Putin, the Russian President," → "russian president". */
  private appositiveRole(nameLast: number): string | null {
    const { tokens } = this.text;
    if (tokens[nameLast + 1]?.text !== ',') return null;
    const words: string[] = [];
    let stop = nameLast + 2;
    for (; stop < tokens.length && stop <= nameLast + 8; stop += 1) {
      const token = tokens[stop]!;
      if (token.kind !== 'word') break;
      if (PHRASE_BREAKERS.has(token.lower) && token.lower !== 'of') break;
      words.push(bare(token.lower));
    }
    // "Appearing on Face the Nation, the GOP front-runner said …": a role running on into a verb is the
    // sentence's subject after an opening phrase, not an appositive of the name before the comma.
    if (SPEECH_VERBS.has(tokens[stop]?.lower ?? '')) return null;
    while (words.length > 0 && DETERMINERS.has(words[0]!)) words.shift();
    // "economist at Lehman Brothers": the role is what comes before the preposition.
    const ofAt = words.indexOf('of');
    const roleWords = ofAt > 0 ? words.slice(0, ofAt) : words;
    const head = roleWords[roleWords.length - 1];
    return head !== undefined && ROLE_NOUNS.has(head) && roleWords.length <= 4 ? roleWords.join(' ') : null;
  }
}

/**
 * Words of a headline run into the text, never part of a name: a capitalised speech verb ("Obama
 * Says African-American Museum Will Tell …" names Obama only) and runs of capitals ("AT LEAST 10
 * KILLED IN DEADLY ISTANBUL EXPLOSION Turkish President …").
 */
function isHeadlineWord(tokens: readonly Token[], i: number): boolean {
  const token = tokens[i]!;
  if (HEADLINE_VERBS.has(token.lower) && token.text !== token.lower) return true;
  // "Tim Allen Just Got Asked About Donald Trump": a capitalised function word inside a run is a headline's.
  if (i > 0 && CAPITALISED_FUNCTION_WORDS.has(token.lower) && !HONORIFICS.has(token.lower) && !DETERMINERS_IN_NAMES.has(token.lower) && token.text !== token.lower && isNameWord(tokens[i - 1]) && tokens[i]!.start - tokens[i - 1]!.end <= 1) return true;
  if (!isShouted(token)) return false;
  let run = 1;
  for (let j = i - 1; j >= 0 && j >= i - 2 && isShouted(tokens[j]!); j -= 1) run += 1;
  for (let j = i + 1; j < tokens.length && j <= i + 2 && isShouted(tokens[j]!); j += 1) run += 1;
  return run >= 3;
}

/**
 * Capitalised function words that do occur inside names: "Bank Of America", "The Hague". Not "And":
 * between capitalised words it is a title-case headline's ("… Between Marco Rubio And Rand Paul At The
 * GOP Debate"), and joining there made one person of the two.
 */
const DETERMINERS_IN_NAMES = new Set(['of', 'the', 'de', 'la', 'al']);
/** Verbs a title-case headline writes after a name: "Hillary Clinton Praised …", "Trump Says …". */
const HEADLINE_VERBS = new Set(['says', 'said', 'tells', 'told', 'warns', 'warned', 'urges', 'urged', 'vows', 'vowed', 'admits', 'admitted', 'denies', 'denied', 'insists', 'insisted', 'slams', 'slammed', 'blasts', 'blasted', 'rips', 'ripped', 'touts', 'touted', 'pledges', 'pledged', 'defends', 'defended', 'accuses', 'accused', 'hints', 'hinted', 'hits', 'fires', 'fired', 'mocks', 'mocked', 'blames', 'blamed', 'endorses', 'endorsed', 'unveils', 'unveiled', 'praised', 'praises', 'thanked', 'thanks', 'called', 'calls', 'would', 'will', 'could', 'should']);

const SHOUTED = /^\p{Lu}[\p{Lu}\p{N}'’.&-]+$/u;

function isShouted(token: Token): boolean {
  if (token.kind !== 'word' || token.text.length < 2) return false;
  // Most words have a lower-case second letter: no expression to run for them.
  const second = token.text.charCodeAt(1);
  return !(second >= 97 && second <= 122) && SHOUTED.test(token.text);
}

/** "General" opening a run and followed by a word that is no given name or title starts a company name. */
function isCompanyGeneral(tokens: readonly Token[], i: number, runFirst: number, runLast: number): boolean {
  if (i !== runFirst || i >= runLast || tokens[i]!.lower !== 'general') return false;
  const next = bare(tokens[i + 1]!.lower);
  return !GIVEN_NAMES.has(next) && !HONORIFICS.has(next);
}

/** Where one entity's mentions under one last word start, ascending, and the order each was added in. */
interface MentionStarts {
  firsts: number[];
  added: number[];
}

/** First index whose value is ≥ `value` in an ascending list. */
function lowerBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** First index whose value is > `value` in an ascending list. */
function upperBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid]! <= value) low = mid + 1;
    else high = mid;
  }
  return low;
}

function endsWith(full: readonly string[], part: readonly string[]): boolean {
  if (part.length > full.length) return false;
  const offset = full.length - part.length;
  for (let i = 0; i < part.length; i += 1) {
    const a = full[offset + i]!;
    const b = part[i]!;
    if (a !== b && a.toLowerCase() !== b.toLowerCase()) return false;
  }
  return true;
}
