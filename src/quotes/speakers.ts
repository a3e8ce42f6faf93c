import type { ArticleText } from './article-text.js';
import type { Cue } from './cues.js';
import { CAPITALISED_FUNCTION_WORDS, DETERMINERS, GROUP_NOUNS, MEDIA, NON_PERSON_WORDS, PRONOUNS, ROLE_NOUNS } from './lexicon.js';
import { writesInSentenceCase } from './sentence-case.js';
import type { Entity, Mention, People } from './people.js';
import { RANK_MODIFIERS } from './people.js';
import type { SpeakerPhrase } from './speaker-phrase.js';

/** Who a cue attributes to, as written and as resolved. */
export interface Attribution {
  /** The words at the cue: "he", "Mr Smith", "a Downing Street spokesman". */
  surface: string;
  /** Key of the article speaker it resolves to, or null (unresolved pronoun). */
  speaker: string | null;
}

interface SpeakerRecord {
  name: string;
  aliases: Set<string>;
  person: boolean;
}

/** Roles that, even with "the", usually stand for someone the article never names. */
const ANONYMOUS_ROLES = new Set(['spokesman', 'spokeswoman', 'spokesperson', 'official', 'source', 'analyst', 'economist', 'expert', 'diplomat', 'envoy', 'banker', 'dealer', 'trader', 'broker', 'insider', 'witness', 'resident', 'strategist', 'aide', 'adviser', 'advisor', 'observer', 'participant', 'delegate', 'member', 'figure', 'fan', 'supporter', 'voter', 'critic', 'protester', 'activist', 'campaigner', 'officer', 'worker', 'researcher', 'scientist', 'doctor', 'pollster', 'consultant', 'blogger', 'commentator', 'columnist', 'lawmaker', 'operative', 'donor', 'organizer', 'organiser', 'staffer', 'historian', 'scholar', 'lobbyist', 'advocate', 'legislator', 'host', 'anchor', 'moderator', 'reporter', 'journalist', 'pundit', 'ally', 'surrogate', 'confidant']);

/** Lower-case words ending like a verb that, after a name, are a plural noun it modifies or no action. */
const NOT_VERBS = new Set(['was', 'has', 'is', 'does', 'supporters', 'voters', 'officials', 'aides', 'advisers', 'allies', 'critics', 'backers', 'rallies', 'offices', 'headquarters', 'employees', 'residents', 'students', 'schools', 'games', 'fans', 'services', 'records', 'emails', 'states', 'counties', 'towns', 'businesses', 'companies']);

const POST_MODIFIERS = new Set(['for', 'of', 'at', 'in', 'from', 'with']);

/** Singular roles that, written as "the X", mean one person the article has just named. */
const PERSONAL_ROLES = new Set(['president', 'minister', 'chancellor', 'leader', 'premier', 'secretary', 'chairman', 'chairwoman', 'governor', 'senator', 'mayor', 'king', 'queen', 'prince', 'pope', 'ambassador', 'commissioner', 'manager', 'coach', 'boss', 'executive', 'chief', 'founder', 'director', 'judge', 'singer', 'actor', 'actress', 'star', 'striker', 'player', 'captain', 'head', 'chair', 'premier']);

/**
 * Resolves each cue's speaker phrase to one article speaker: names joined through `People`, pronouns
 * to the person who was last speaking or named, "the chancellor" to the person written with that
 * role. Keeps the speakers list that the extractor returns.
 */
/** Roles of those who report, interview or comment on the news rather than make it. */
const MEDIA_ROLES = new Set(['journalist', 'reporter', 'correspondent', 'columnist', 'editor', 'host', 'anchor', 'anchorman', 'anchorwoman', 'presenter', 'interviewer', 'moderator', 'commentator', 'broadcaster', 'blogger', 'writer', 'pollster']);

export class SpeakerBook {
  private readonly records = new Map<string, SpeakerRecord>();
  private readonly entityKey = new Map<number, string>();
  /** Resolved cue speakers per sentence, in order: who was speaking where. */
  private readonly speakingBySentence = new Map<number, Array<{ token: number; entity: Entity; according: boolean }>>();

  constructor(
    private readonly text: ArticleText,
    private readonly people: People,
  ) {}

  /** Resolves a cue; call in token order so that pronouns see the speakers before them. */
  attribute(cue: Cue): Attribution {
    const phrase = cue.speaker;
    const surface = this.surfaceOf(phrase);
    // "Patrick Leahy and Ben Cardin said": both said the words; crediting Cardin alone would put a
    // name under words he shared. The pair is one joint speaker, and no one a later "he" can mean.
    if (this.isJointNames(phrase)) return { surface, speaker: this.keyForSurface(surface) };
    const entity = this.entityOf(phrase, cue.verb, cue.sentence);
    if (entity !== null && cue.coordinated === undefined) {
      const list = this.speakingBySentence.get(cue.sentence) ?? [];
      list.push({ token: phrase.first, entity, according: cue.according });
      this.speakingBySentence.set(cue.sentence, list);
    }
    if (entity !== null) return { surface, speaker: this.keyForEntity(entity, phrase.kind === 'name' ? null : surface) };
    if (phrase.kind === 'pronoun') return { surface, speaker: null };
    return { surface, speaker: this.keyForSurface(surface) };
  }

  /** The speaker most recently speaking or named (as a subject) before sentence `sentence`, within reach. */
  lastSpeakerBefore(sentence: number, token: number, maxSentences = 6): string | null {
    const entity = this.recentPerson(sentence, token, undefined, maxSentences, true);
    return entity === null ? null : this.keyForEntity(entity, null);
  }

  /** Marks an entity as known to be a person (the name was the subject of a speech verb). */
  speakers(usedKeys: ReadonlySet<string>): Array<{ name: string; aliases: string[]; person: boolean }> {
    const result: Array<{ name: string; aliases: string[]; person: boolean }> = [];
    for (const record of this.records.values()) {
      if (!usedKeys.has(record.name)) continue;
      result.push({ name: record.name, aliases: [...record.aliases].filter((alias) => alias !== record.name), person: record.person });
    }
    return result;
  }

  /**
   * Whether a name phrase is two people joined by "and": "Patrick Leahy and Ben Cardin", "Cummings and
   * Conyers", "David and Jeanne Heidler". Not an organisation ("the Science and Technology Directorate",
   * "Work and Pensions Secretary Alan Johnson": the part before "and" must be a person's name).
   */
  private isJointNames(phrase: SpeakerPhrase): boolean {
    if (phrase.kind !== 'name') return false;
    const { tokens } = this.text;
    const and = phrase.nameFirst - 1;
    if (and <= phrase.first || tokens[and]!.lower !== 'and' || !/^\p{Lu}/u.test(tokens[and - 1]!.text)) return false;
    let first = and - 1;
    while (first > phrase.first && /^\p{Lu}/u.test(tokens[first - 1]!.text)) first -= 1;
    for (let i = first; i < and; i += 1) {
      const lower = tokens[i]!.lower.replace(/['’]s$/, '').replace(/\.$/, '');
      if (NON_PERSON_WORDS.has(lower) || ROLE_NOUNS.has(lower) || CAPITALISED_FUNCTION_WORDS.has(lower) || MEDIA.has(lower)) return false;
    }
    for (let i = phrase.nameFirst; i <= phrase.nameLast; i += 1) {
      const lower = tokens[i]!.lower.replace(/['’]s$/, '');
      if (NON_PERSON_WORDS.has(lower) || ROLE_NOUNS.has(lower)) return false;
    }
    return true;
  }

  private surfaceOf(phrase: SpeakerPhrase): string {
    const { tokens, body } = this.text;
    let surface = body.slice(tokens[phrase.first]!.start, tokens[phrase.last]!.end);
    const head = tokens[phrase.first]!.lower;
    if (DETERMINERS.has(head) || phrase.kind === 'pronoun') surface = surface.charAt(0).toLowerCase() + surface.slice(1);
    return surface;
  }

  private entityOf(phrase: SpeakerPhrase, verb: number, sentence: number): Entity | null {
    const { tokens } = this.text;
    if (phrase.kind === 'name') {
      const entity = this.people.resolveName(phrase.nameFirst, phrase.nameLast);
      // A full name speaking is a person; a lone word ("Yukos", "Gazprom") may be a company.
      if (entity.person === undefined && entity.words.length > 1) entity.person = true;
      return entity;
    }
    if (phrase.kind === 'pronoun') {
      const lower = tokens[phrase.first]!.lower;
      if (lower !== 'he' && lower !== 'she') return null;
      return this.recentPerson(sentence, phrase.first, lower === 'he' ? 'm' : 'f', 8, false);
    }
    const words: string[] = [];
    for (let i = phrase.first; i <= phrase.last; i += 1) {
      const word = tokens[i]!.lower.replace(/['’]s$/, '');
      // "a spokesman for the company": the head is before the post-modifier.
      if (i > phrase.first && POST_MODIFIERS.has(word)) break;
      words.push(word);
    }
    const determiner = words[0]!;
    const lastWord = words[words.length - 1]!;
    const head = lastWord.slice(lastWord.lastIndexOf('-') + 1);
    if (determiner !== 'the' && !/['’]s$/.test(tokens[phrase.first]!.lower)) return null;
    if (GROUP_NOUNS.has(head) && !PERSONAL_ROLES.has(head)) return null;
    const byRole = this.people.resolveRole(words, verb);
    if (byRole !== null) return byRole;
    if (!ROLE_NOUNS.has(head) || ANONYMOUS_ROLES.has(head)) return null;
    // "the former president" after "Jeb Bush said …": a past office is no one the article just named
    // unless written with that role (above) or speaking in the sentence before ("Lord Butler said … . The
    // former cabinet secretary said …"); otherwise the description stays the speaker.
    if (words.includes('former') || words.includes('ex')) return this.recentPerson(sentence, phrase.first, undefined, 2, true);
    // "The Russian President also added…" right after "Vladimir Putin congratulated…".
    // "In an interview with Morning Joe hosts Joe Scarborough …, the Democratic presidential candidate
    // stated", "According to Mr Peston the prime minister said": a name before the description in its
    // own sentence sits in a phrase about someone else, so only earlier sentences (or a speaker) count.
    // Not someone the article gives a role that rules the description out:
    // - "Deputy Prime Minister John Prescott" for "the prime minister": resolveRole turned down his role
    //   of the same head (a rank the description lacks), and a guess must not take him after all;
    // - "Sunday Telegraph journalist Robert Peston" for "the prime minister": someone known only as a
    //   journalist is not the office holder (a journalist's description may still mean an MP who edits).
    const heldOtherwise = (entity: Entity): boolean => {
      if (entity.roles.size === 0) return false;
      const roles = [...entity.roles].map((role) => role.split(' '));
      const sameHead = roles.filter((role) => role[role.length - 1] === head);
      if (sameHead.length > 0 && sameHead.every((role) => role.some((word) => RANK_MODIFIERS.has(word) && !words.includes(word)))) return true;
      return !MEDIA_ROLES.has(head) && roles.every((role) => MEDIA_ROLES.has(role[role.length - 1]!));
    };
    return this.recentPerson(sentence, phrase.first, undefined, 4, false, false, heldOtherwise);
  }

  /**
   * Walks back sentence by sentence: in each, a person already speaking there wins, else the first
   * person named in it (usually the subject). Names inside quotations are skipped.
   */
  private recentPerson(sentence: number, token: number, gender: 'm' | 'f' | undefined, maxSentences: number, speakingOnly: boolean, namedInOwnSentence = true, rejects: (entity: Entity) => boolean = () => false): Entity | null {
    const compatible = (entity: Entity): boolean => entity.person === true && (gender === undefined || entity.gender === undefined || entity.gender === gender) && !rejects(entity);
    for (let s = sentence; s >= 0 && s > sentence - maxSentences; s -= 1) {
      // Someone already speaking: the latest before the cue in its own sentence, else the main
      // clause's speaker (the first) of an earlier sentence ("Reagan announced that Tower had …").
      // "Cruz openly admitted that …. "…," he said": a lone surname speaking is someone, unless shown otherwise.
      // "According to Mr Peston the prime minister said": the source of the account is not the description.
      const speaking = (this.speakingBySentence.get(s) ?? []).filter((entry) => (s < sentence || (entry.token < token && (namedInOwnSentence || !entry.according))) && (compatible(entry.entity) || (gender !== undefined && this.mayBePerson(entry.entity))));
      if (speaking.length > 0) return s === sentence ? speaking[speaking.length - 1]!.entity : speaking[0]!.entity;
      if (speakingOnly || (s === sentence && !namedInOwnSentence)) continue;
      // In the cue's own sentence a name counts only when no pronoun came before it:
      // "He hoped Jay-Z would …, he added" is about the earlier speaker; "… Mr Howard …, which he calls" is not.
      // "Mr Blair has failed, he claimed": names before a comma right before the cue are the content's.
      // "When Emily Martin … gave a talk to aides, she said many …": a cue that goes on to its content is no aside.
      const after = this.text.tokens[token + 2];
      const parenthetical = s === sentence && this.text.tokens[token - 1]?.text === ',' && (after === undefined || after.kind === 'punct' || this.text.tokenSentence[token + 2] !== sentence);
      if (parenthetical && gender !== undefined) continue;
      // A description ("the prime minister") is no one named after an earlier sentence's he/she either:
      // "at a dinner hosted by … he told Mr Brown": Mr Brown is the object, the subject is the pronoun's.
      const firstPronoun = gender !== undefined || !namedInOwnSentence ? (s === sentence ? this.firstPronounAt(s, token) : this.firstPronounAt(s, this.text.sentenceFirstToken[s + 1] ?? token)) : Infinity;
      const candidates = (this.people.mentionsBySentence[s] ?? []).filter(
        // "He went on to accuse Mr Brown …": an earlier sentence led by "he" is about the same man.
        (mention) =>
          !mention.inQuote &&
          !this.isModifierOfName(mention) &&
          (s < sentence ? mention.first < firstPronoun : mention.first < token && mention.first < firstPronoun && !this.isPossessive(mention)),
      );
      const named = candidates.find((mention) => compatible(mention.entity)) ?? (gender !== undefined ? candidates.find((mention) => this.actsAsPerson(mention)) : undefined);
      if (named !== undefined) return named.entity;
    }
    return null;
  }

  /**
   * "Dewayne Smithy, 33, of Baldwin, Miss., dismisses …", "Florida developer Mel Sembler expressed
   * dismay …": a full name the article has not yet shown to be a person (no title, no known given
   * name) that acts as a sentence's subject is someone a later he/she can mean.
   */
  private actsAsPerson(mention: Mention): boolean {
    const entity = mention.entity;
    if (entity.person !== undefined || entity.gender !== undefined || entity.words.length < 2) return false;
    const { tokens } = this.text;
    if (/['’]s$/.test(tokens[mention.last]!.lower) || this.isPossessive(mention)) return false;
    // It opens the sentence, or follows a role word or a possessive ("Fox News’ Bret Baier noticed").
    const before = tokens[mention.first - 1];
    const opens = mention.first === this.text.sentenceFirstToken[mention.sentence] || before?.text === ',';
    if (!opens && !(before !== undefined && (ROLE_NOUNS.has(before.lower) || before.text === '’' || before.text === "'" || /['’]s$/.test(before.lower)))) return false;
    const next = tokens[mention.last + 1];
    if (next === undefined) return false;
    // "Dewayne Smithy, 33, of Baldwin": an age in apposition.
    if (next.text === ',') return /^\p{N}+$/u.test(tokens[mention.last + 2]?.text ?? '');
    // A finite verb next, perhaps after an adverb: "dismisses", "expressed", "openly admitted".
    const verb = /ly$/.test(next.lower) ? tokens[mention.last + 2] : next;
    return verb !== undefined && verb.kind === 'word' && verb.text === verb.lower && /(?:ed|es|s)$/.test(verb.lower) && !NOT_VERBS.has(verb.lower);
  }

  /**
   * A lone capitalised word speaking that the article never shows to be a person or not: a surname
   * ("Cruz openly admitted …"), unless it reads as a plural, a capitalised common word, or shouting.
   */
  private mayBePerson(entity: Entity): boolean {
    if (entity.person !== undefined || entity.gender !== undefined || entity.words.length !== 1) return false;
    const word = entity.words[0]!;
    const lower = word.toLowerCase();
    return /^\p{Lu}\p{Ll}+$/u.test(word) && !lower.endsWith('s') && !CAPITALISED_FUNCTION_WORDS.has(lower) && !PRONOUNS.has(lower) && !NON_PERSON_WORDS.has(lower) && !MEDIA.has(lower) && !writesInSentenceCase(this.text, lower);
  }

  /**
   * "Obama consultant Cornell Belcher", "Clinton spokesman Brian Fallon": a name before a role word
   * and another name says whose consultant the person is; the person is the one named after.
   */
  private isModifierOfName(mention: Mention): boolean {
    const { tokens } = this.text;
    const role = tokens[mention.last + 1];
    if (role === undefined || role.kind !== 'word' || role.text !== role.lower || !ROLE_NOUNS.has(role.lower)) return false;
    const next = tokens[mention.last + 2];
    return next !== undefined && next.kind === 'word' && /^\p{Lu}/u.test(next.text);
  }

  /** "Mr Blair's government": a possessive names someone talked about, not the subject. */
  private isPossessive(mention: { last: number }): boolean {
    return /['’]s$/.test(this.text.tokens[mention.last]!.lower) || this.text.tokens[mention.last + 1]?.text === '’' || this.text.tokens[mention.last + 1]?.text === "'";
  }

  /** Token index of the first he/she of sentence `s` before `token` (outside quotes), or Infinity. */
  private firstPronounAt(s: number, token: number): number {
    const first = this.text.sentenceFirstToken[s] ?? token;
    for (let i = first; i < token; i += 1) {
      const lower = this.text.tokens[i]!.lower;
      if ((lower === 'he' || lower === 'she') && this.text.tokenQuote[i] === -1) return i;
    }
    return Infinity;
  }

  private keyForEntity(entity: Entity, descriptionSurface: string | null): string {
    let key = this.entityKey.get(entity.id);
    if (key === undefined) {
      key = this.uniqueName(entity.name);
      this.entityKey.set(entity.id, key);
      this.records.set(key, { name: key, aliases: new Set(entity.aliases), person: entity.person === true });
    }
    const record = this.records.get(key)!;
    for (const alias of entity.aliases) record.aliases.add(alias);
    if (descriptionSurface !== null && !/^(?:he|she)$/i.test(descriptionSurface)) record.aliases.add(descriptionSurface);
    return key;
  }

  private keyForSurface(surface: string): string {
    const existing = [...this.records.values()].find((record) => !record.person && record.name.toLowerCase() === surface.toLowerCase());
    if (existing !== undefined) return existing.name;
    const key = this.uniqueName(surface);
    this.records.set(key, { name: key, aliases: new Set(), person: false });
    return key;
  }

  private uniqueName(name: string): string {
    let key = name;
    for (let n = 2; this.records.has(key); n += 1) key = `${name} (${n})`;
    return key;
  }
}
