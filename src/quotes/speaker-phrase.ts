import {
  CAPITALISED_FUNCTION_WORDS,
  DETERMINERS,
  GIVEN_NAMES,
  GROUP_NOUNS,
  HONORIFICS,
  isPartyTitle,
  NAME_PARTICLES,
  NON_PERSON_WORDS,
  PARTY_TITLES,
  PHRASE_BREAKERS,
  PRONOUNS,
  ROLE_NOUNS,
  SPEECH_VERBS,
  VERB_MODIFIERS,
} from './lexicon.js';
import type { Token } from './text.js';
import { isCapitalised } from './text.js';

/**
 * The words naming who speaks at a cue: a pronoun ("he"), a name with whatever titles and roles are
 * written with it ("Russian President Vladimir Putin", "Mr Smith"), or a description ("the
 * prime minister", "a Downing Street spokesman").
 */
export interface SpeakerPhrase {
  kind: 'pronoun' | 'name' | 'description';
  /** Token index range [first, last] of the whole phrase. */
  first: number;
  last: number;
  /** For names: token range of the name itself, without titles and roles ("Vladimir Putin"). */
  nameFirst: number;
  nameLast: number;
}

const MAX_PHRASE_WORDS = 8;
/** Lower-case words written inside a US title before a name: "Oversight ranking Democrat Elijah Cummings". */
const TITLE_MODIFIERS = new Set(['ranking', 'senior', 'former', 'longtime', 'top', 'acting', 'interim', 'then']);
const TIME_WORDS = new Set(['week', 'month', 'year', 'night', 'weekend', 'time', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'morning', 'afternoon', 'evening', 'this', 'next', 'on', 'tonight']);
const APPOSITIVE_DELIMITERS = new Set([',', '-', '–', '—']);
const POST_MODIFIER_PREPOSITIONS = new Set(['for', 'of', 'at', 'in', 'from', 'with']);
const OBJECT_PRONOUNS = new Set(['him', 'her', 'them', 'us', 'me', 'you', 'itself', 'himself', 'herself', 'themselves']);

/**
 * Whether an appositive opening before `at` follows a name that is a subject ("Jane Roe, the editor of
 * …, at"), not a place or time after a preposition ("In Ohio, the head of the group, at").
 */
function nameBeforeAppositive(tokens: readonly Token[], at: number, floor: number, delimiter: string): boolean {
  for (let i = at - 1; i > floor && i > at - 40; i -= 1) {
    if (/^[.;:]$/.test(tokens[i]!.text) && !isAbbreviationDot(tokens, i)) return false;
    if (tokens[i]!.text !== delimiter) continue;
    const name = phraseEndingAt(tokens, i - 1, floor);
    if (name === null || name.kind !== 'name') return false;
    const before = tokens[name.first - 1];
    return name.first === floor || before === undefined || !PHRASE_BREAKERS.has(before.lower);
  }
  return false;
}

/** Things an appositive name may name: "the Vatican's newspaper, L'Osservatore Romano,". */
const THING_NOUNS = new Set(['newspaper', 'paper', 'magazine', 'daily', 'weekly', 'website', 'blog', 'network', 'channel', 'station', 'show', 'program', 'programme', 'company', 'firm', 'group', 'organization', 'organisation', 'agency', 'party', 'union', 'association', 'foundation', 'institute', 'committee', 'charity', 'campaign', 'book', 'film', 'school', 'university', 'church', 'bank', 'fund', 'tank']);

/** Conjunctions that open a clause with a subject of its own: "after Mr. Lowe, asked about it, had said …". */
const SUBORDINATORS = new Set(['after', 'before', 'when', 'while', 'because', 'since', 'although', 'though', 'until', 'unless', 'once', 'whereas']);

/** A role noun, also with a prefix: "co-chairman", "vice-president", "ex-minister". */
export function isRoleWord(lower: string): boolean {
  return ROLE_NOUNS.has(lower) || ROLE_NOUNS.has(lower.slice(lower.lastIndexOf('-') + 1));
}

/** Words that read as a nationality or party adjective in front of a role ("Russian President"). */
function isModifierWord(lower: string): boolean {
  return /(?:ian|ean|ese|ish|ch|i|an)$/.test(lower) || lower.endsWith("'s") || lower.endsWith('’s');
}

function isNameWord(token: Token): boolean {
  return token.kind === 'word' && isCapitalised(token.text) && !/^\p{N}/u.test(token.text);
}

/**
 * Classifies tokens[first..last] as a speaker phrase: finds the name inside (the capitalised words after
 * the last role or honorific) or decides it is a pronoun or a description.
 */
export function classifyPhrase(tokens: readonly Token[], first: number, last: number): SpeakerPhrase | null {
  if (first > last) return null;
  const head = tokens[first]!;
  if (first === last && PRONOUNS.has(head.lower)) return { kind: 'pronoun', first, last, nameFirst: -1, nameLast: -1 };
  // The trailing run of capitalised words (with name particles inside it) is the name candidate.
  let runStart = last + 1;
  for (let i = last; i >= first; i -= 1) {
    const token = tokens[i]!;
    if (isNameWord(token)) runStart = i;
    else if (NAME_PARTICLES.has(token.lower) && i > first && i < last && runStart === i + 1) runStart = i;
    else break;
  }
  // Drop leading particles left at the run start.
  while (runStart <= last && !isNameWord(tokens[runStart]!)) runStart += 1;
  // "analyst Dennis Forst of Seidler Amdec Securities Inc", "Eisenberg of Bear Stearns": the person is before "of".
  // "Phil Musser of digital consulting firm IMGE": lower-case words describing the employer may come between.
  let ofAt = runStart - 1;
  while (ofAt > first + 1 && runStart - ofAt <= 4 && tokens[ofAt]!.kind === 'word' && tokens[ofAt]!.text === tokens[ofAt]!.lower && tokens[ofAt]!.lower !== 'of' && !PHRASE_BREAKERS.has(tokens[ofAt]!.lower)) ofAt -= 1;
  if (ofAt !== runStart - 1 && tokens[ofAt]!.lower !== 'of') ofAt = runStart - 1;
  if (ofAt - 1 >= first && tokens[ofAt]!.lower === 'of' && isNameWord(tokens[ofAt - 1]!)) {
    let headFirst = ofAt - 1;
    while (headFirst - 1 >= first && isNameWord(tokens[headFirst - 1]!)) headFirst -= 1;
    // "Analyst Dennis Forst of …", "Representative Jane Roe of Arizona", "CBC Chairman G.K. Butterfield of
    // North Carolina": titles before the name do not make it an office.
    let nameStart = headFirst;
    for (let i = headFirst; i < ofAt - 1; i += 1) if (isRoleWord(tokens[i]!.lower) || HONORIFICS.has(tokens[i]!.lower)) nameStart = i + 1;
    const headWords = [];
    for (let i = nameStart; i <= ofAt - 1; i += 1) headWords.push(tokens[i]!.lower);
    const organisationOrRole = headWords.some((word) => NON_PERSON_WORDS.has(word) || isRoleWord(word) || CAPITALISED_FUNCTION_WORDS.has(word));
    if (!organisationOrRole) {
      const head = classifyPhrase(tokens, first, ofAt - 1);
      if (head !== null && head.kind === 'name') return { ...head, last };
    }
    headFirst = nameStart;
    // "the Bank of England", "the University of Chicago": an organisation's name runs over "of" (not "England").
    const organisation = headWords.some((word) => NON_PERSON_WORDS.has(word)) && !headWords.some((word) => isRoleWord(word));
    let givenAfter = false;
    for (let i = runStart; i <= last; i += 1) givenAfter ||= GIVEN_NAMES.has(tokens[i]!.lower) || HONORIFICS.has(tokens[i]!.lower) || isRoleWord(tokens[i]!.lower);
    const bareOrganisation = headFirst === first || (headFirst === first + 1 && DETERMINERS.has(tokens[first]!.lower));
    if (ofAt === runStart - 1 && organisation && bareOrganisation && !givenAfter && last - runStart <= 2) return { kind: 'name', first, last, nameFirst: headFirst, nameLast: last };
  }
  if (runStart > last) return { kind: 'description', first, last, nameFirst: -1, nameLast: -1 };
  // "a spokesman for Disney", "a report for Oxfam": a determined lower-case head before its post-modifier speaks.
  if (DESCRIPTION_DETERMINERS.has(head.lower)) {
    for (let k = first + 2; k < runStart; k += 1) {
      if (POST_MODIFIER_PREPOSITIONS.has(tokens[k]!.lower) && tokens[k - 1]!.kind === 'word' && !isNameWord(tokens[k - 1]!)) return { kind: 'description', first, last, nameFirst: -1, nameLast: -1 };
    }
  }
  let nameFirst = runStart;
  for (let i = runStart; i <= last; i += 1) {
    const lower = tokens[i]!.lower.replace(/\.$/, '');
    // "Russian President Vladimir Putin", "Mr Smith", "the BBC's Sarah Rainsford": the name comes after.
    // "Mr. King", "Ms. Bishop": right after an honorific a role word is a surname.
    const afterHonorific = i > first && HONORIFICS.has(tokens[i - 1]!.lower);
    if ((isRoleWord(lower) && !afterHonorific) || (i === nameFirst && isPartyTitle(tokens, i, last)) || HONORIFICS.has(lower) || CAPITALISED_FUNCTION_WORDS.has(lower) || (i < last && /['’]s$/.test(lower))) nameFirst = i + 1;
  }
  // "Liberal Democrat Sarah Teather": a given name after other capitalised words starts the name.
  // "Giovanni Maria Vian", "Norbert Leo Butz": one word opening the phrase before it that reads as no
  // title is a first given name the lexicon does not know, and the second given name is no start.
  for (let i = nameFirst + 1; i < last; i += 1) {
    if (GIVEN_NAMES.has(tokens[i]!.lower) && !GIVEN_NAMES.has(tokens[nameFirst]!.lower)) {
      if (i === nameFirst + 1 && nameFirst === first && !readsAsTitle(tokens[nameFirst]!)) break;
      nameFirst = i;
      break;
    }
  }
  // "Russian President" / "Labour's": no name left once roles and modifiers are taken off.
  if (nameFirst > last) return { kind: 'description', first, last, nameFirst: -1, nameLast: -1 };
  if (nameFirst === last && nameFirst > first) {
    const previous = tokens[nameFirst - 1]!.lower;
    if (DETERMINERS.has(previous) && isModifierWord(tokens[nameFirst]!.lower)) return { kind: 'description', first, last, nameFirst: -1, nameLast: -1 };
  }
  // `"…," Mitch McConnell, R-Ky., said Tuesday.`, `on Monday evening, telling them`: a date is no one.
  let dateOnly = true;
  for (let i = nameFirst; i <= last && dateOnly; i += 1) dateOnly = DATE_NAMES.has(tokens[i]!.lower.replace(/\.$/, ''));
  if (dateOnly) return null;
  return { kind: 'name', first, last, nameFirst, nameLast: last };
}

/** Party words written before a name as a title: "Tory Liam Fox", "Conservative Graham Brady". */
const PARTY_WORDS = new Set(['tory', 'labour', 'liberal', 'conservative', 'democrat', 'democratic', 'republican', 'green', 'independent', 'unionist', 'nationalist', 'socialist', 'libertarian', 'gop']);
/** Nationalities ending in "i", which the "-an"/"-ish" endings miss. */
const I_NATIONALITIES = new Set(['israeli', 'iraqi', 'pakistani', 'saudi', 'kuwaiti', 'yemeni', 'qatari', 'omani', 'bahraini', 'emirati', 'afghani', 'somali', 'bangladeshi', 'nepali', 'azerbaijani']);

/**
 * Whether a capitalised word before a given name reads as a title, party, trade, place or nationality
 * ("Supervisor", "Tory", "Filmmaker", "Texas-based", "State", "Russian") rather than as a first name.
 */
function readsAsTitle(token: Token): boolean {
  const lower = token.lower.replace(/\.$/, '');
  if (isRoleWord(lower) || HONORIFICS.has(lower) || PARTY_WORDS.has(lower) || I_NATIONALITIES.has(lower) || NON_PERSON_WORDS.has(lower) || CAPITALISED_FUNCTION_WORDS.has(lower)) return true;
  return lower.includes('-') || /['’]s$/.test(lower) || /(?:ian|ean|ese|ish|an|er|or|man|woman|ist|ive)$/.test(lower) || token.text === token.text.toUpperCase();
}

/** Capitalised words of dates, which are never a speaker on their own. */
const DATE_NAMES = new Set(
  'monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec'.split(' '),
);

/** Nouns that end like an adverb: "the family said", "the daily wrote", "the rally heard". */
const LY_NOUNS = new Set(['family', 'daily', 'weekly', 'monthly', 'quarterly', 'ally', 'rally', 'assembly', 'supply', 'reply', 'anomaly', 'bully', 'italy', 'homily', 'monopoly']);

/** "he has also said", "she quickly added": a lower-case -ly word before the verb is an adverb, unless a known noun. */
function isAdverb(token: Token): boolean {
  return /^\p{Ll}+ly$/u.test(token.text) && !LY_NOUNS.has(token.lower);
}

/**
 * The subject written just before a speech verb at `verbIndex`, reading backwards: skips adverbs and
 * auxiliaries ("he has also said"), steps over an appositive between commas ("Donna Brazile, the
 * interim chairwoman, said"), and stops at punctuation, conjunctions and prepositions. `floor` is the
 * first token it may use.
 */
export function subjectBefore(tokens: readonly Token[], verbIndex: number, floor: number): SpeakerPhrase | null {
  let end = verbIndex - 1;
  // "he has also said", "Mr Howard last week said", "the minister on Monday said".
  while (end >= floor && tokens[end]!.kind === 'word' && ((VERB_MODIFIERS.has(tokens[end]!.lower) && tokens[end]!.text === tokens[end]!.lower) || TIME_WORDS.has(tokens[end]!.lower) || isAdverb(tokens[end]!) || (tokens[end]!.lower === 'on' && TIME_WORDS.has(tokens[end + 1]?.lower ?? '')))) end -= 1;
  if (end < floor) return null;
  // "Sen. Jane Doe, R-Ky., said", "Jane Roe, 34, of Dayton, Ohio, said": party, age and home-town tags.
  const untagged = withoutUsTags(tokens, end, floor);
  if (untagged !== end) {
    if (untagged < floor) return null;
    end = untagged;
    if (tokens[end]!.text === ',' && end - 1 >= floor) {
      const named = phraseEndingAt(tokens, end - 1, floor);
      const before = named === null ? undefined : tokens[named.first - 1];
      if (named !== null && named.kind === 'name' && (before === undefined || named.first === floor || !PHRASE_BREAKERS.has(before.lower))) return named;
    } else if (tokens[end]!.kind === 'word') {
      return phraseEndingAt(tokens, end, floor);
    }
  }
  // "Mr Livingstone, who says he is …": the relative pronoun stands for the name before the comma.
  if ((tokens[end]!.lower === 'who' || tokens[end]!.lower === 'which') && end - 2 >= floor && tokens[end - 1]!.text === ',') {
    const antecedent = phraseEndingAt(tokens, end - 2, floor);
    return antecedent !== null && antecedent.kind !== 'pronoun' ? antecedent : null;
  }
  if (APPOSITIVE_DELIMITERS.has(tokens[end]!.text)) {
    // Appositive: "Name, description, said" or "Name - then adviser to … - told". Find where it opens;
    // "Dr Gibbons, who was a GP in X, in the Upper Afan Valley, before becoming AM, said" has several commas.
    const delimiter = tokens[end]!.text;
    let close = end;
    let listing = false;
    for (let attempt = 0; attempt < 5; attempt += 1) {
      let open = close - 1;
      while (open >= floor && open > end - 40 && tokens[open]!.text !== delimiter && !(/^[.;:]$/.test(tokens[open]!.text) && !isAbbreviationDot(tokens, open))) open -= 1;
      if (open < floor || tokens[open]!.text !== delimiter || open === close - 1) return null;
      // An appositive opens in lower case: "the interim chairwoman", "economist at …", "who …", "speaking …".
      const appositive = tokens[open + 1]!;
      if (appositive.kind !== 'word' || PRONOUNS.has(appositive.lower)) return null;
      // "Anne Richards, assistant secretary for population, refugees, and migration, said": the commas
      // of a list inside the appositive ("…, and migration", "…, refugees,") are not where it opens.
      if (delimiter === ',' && (((appositive.lower === 'and' || appositive.lower === 'or') && close - open <= 4) || (listing && close - open === 2 && appositive.text === appositive.lower))) {
        listing = true;
        close = open;
        continue;
      }
      // "Michael Mulgrew, president of the teachers' union, which represents …, said": a "which" clause is
      // about the thing before it; the speaker is before the appositive that thing ends.
      if (appositive.lower === 'which' && open - 1 > floor) {
        close = open;
        continue;
      }
      // "Jane Roe, the editor of the city's official newspaper, The Daily Post, said": a name opening with
      // "The", or one after a thing ("newspaper", "group"), names that thing; the speaker is before it.
      const thingBefore = open - 1 > floor ? tokens[open - 1]! : undefined;
      // ("The head of the group, Jane Roe, said": with no appositive opening before it, the name is the speaker.)
      if (thingBefore !== undefined && thingBefore.kind === 'word' && thingBefore.text === thingBefore.lower && (appositive.text === 'The' || THING_NOUNS.has(thingBefore.lower)) && nameBeforeAppositive(tokens, open, floor, delimiter)) {
        close = open;
        continue;
      }
      if (isCapitalised(appositive.text)) {
        // "The Shadow Secretary of State for the Family, Theresa May, said": the name is the speaker.
        const named = phraseEndingAt(tokens, end - 1, open + 1);
        const personLike = named !== null && named.kind === 'name' && (named.nameLast > named.nameFirst || HONORIFICS.has(tokens[named.nameFirst - 1]?.lower ?? ''));
        if (named !== null && personLike && named.first === open + 1 && close === end) return named;
        // "Mark Oaten, Liberal Democrat home affairs spokesman, said": a capitalised description.
        // "Tina Tchen, Mrs. Obama's chief of staff, said": a possessive makes the appositive a description.
        let possessive = false;
        for (let k = open + 1; k < close && !possessive; k += 1) possessive = /['’]s$/.test(tokens[k]!.lower);
        if (!isRoleWord(tokens[close - 1]!.lower) && !possessive) return null;
      }
      // "Jillian Chase, 27, a Tinder user in New York, said": tags may come before the appositive too.
      const untagged = withoutUsTags(tokens, open, floor);
      const subjectEnd = untagged === open ? open - 1 : tokens[untagged]!.text === ',' ? untagged - 1 : untagged;
      const subject = subjectEnd < floor ? null : phraseEndingAt(tokens, subjectEnd, floor);
      const before = subject === null ? undefined : tokens[subject.first - 1];
      // "…, in the Upper Afan Valley, …": a prepositional phrase is still inside the appositive.
      // "after Mr. Lowe, asked about …, had said": a subordinating conjunction opens a clause whose subject speaks.
      // "As Andrew Tabler, an expert on Syria, noted, …": an "as" opening the sentence opens such a clause too.
      const asOpens = before !== undefined && before.lower === 'as' && subject !== null && subject.first - 1 === floor;
      // "a charge that Rush Limbaugh, for one, called …": a name after "that" is its clause's subject too.
      const clauseSubject = before !== undefined && (SUBORDINATORS.has(before.lower) || before.lower === 'that' || asOpens) && subject !== null && subject.kind === 'name';
      // "Marco Rubio, whose hometown, Miami, is …, argues": the name inside a "whose" clause is not the
      // subject; the one before ", whose" is.
      if (subject !== null && before?.text === ',' && subject.first - 3 >= floor && tokens[subject.first - 3]!.lower === 'whose' && tokens[subject.first - 4]?.text === ',') {
        const antecedent = phraseEndingAt(tokens, subject.first - 5, floor);
        if (antecedent !== null && antecedent.kind === 'name') return antecedent;
      }
      if (subject !== null && before !== undefined && subject.first > floor && PHRASE_BREAKERS.has(before.lower) && before.lower !== 'and' && before.lower !== 'but' && !clauseSubject) {
        close = open;
        continue;
      }
      // "The Roman Catholic Archbishop of Cardiff, the Most Reverend Peter Smith, told …": the office
      // names a place; the person is the one named in the appositive.
      if (subject !== null && subject.kind === 'name' && tokens[subject.nameFirst - 1]?.lower === 'of' && isRoleWord(tokens[subject.nameFirst - 2]?.lower ?? '')) {
        const named = phraseEndingAt(tokens, close - 1, open + 1);
        // The phrase still starts at the office, so the cue's words are one stretch of the sentence.
        if (named !== null && named.kind === 'name' && named.nameLast > named.nameFirst) return { ...named, first: subject.first };
      }
      return subject;
    }
    return null;
  }
  let phrase = phraseEndingAt(tokens, end, floor) ?? roleWithObjectEndingAt(tokens, end, floor);
  // "a spokesman for the company said", "the BBC's Sarah Rainsford in Moscow says": the head comes first.
  if (phrase !== null && phrase.kind !== 'pronoun' && phrase.first - 2 >= floor && POST_MODIFIER_PREPOSITIONS.has(tokens[phrase.first - 1]!.lower)) {
    const head = phraseEndingAt(tokens, phrase.first - 2, floor);
    if (head !== null && head.kind !== 'pronoun' && (head.kind === 'name' || isSpeakerHead(tokens[head.last]!))) {
      phrase = { ...head, last: phrase.last };
    }
  }
  // "Ms Robinson, who presents The Weakest Link tells Cockerell": the relative clause has no closing comma.
  if (phrase !== null && phrase.kind !== 'pronoun') {
    for (let i = phrase.first - 1; i > floor + 1 && i >= phrase.first - 12; i -= 1) {
      const token = tokens[i]!;
      if (token.kind !== 'word') break;
      // "Bannon, who Beck on Wednesday called …": right after "who" the phrase is the relative clause's own subject.
      if (token.lower === 'who' && i === phrase.first - 1) break;
      if ((token.lower === 'who' || token.lower === 'whose') && tokens[i - 1]!.text === ',') {
        const named = phraseEndingAt(tokens, i - 2, floor);
        if (named !== null && named.kind === 'name') return named;
        break;
      }
    }
  }
  // "Colin Asplin, Blackpool Hotel Association said": the person before the organisation speaks.
  if (phrase !== null && phrase.kind !== 'pronoun' && phrase.first - 2 >= floor && tokens[phrase.first - 1]!.text === ',' && isOrganisation(tokens, phrase)) {
    const person = phraseEndingAt(tokens, phrase.first - 2, floor);
    if (person !== null && person.kind === 'name' && person.first === floor && person.nameLast > person.nameFirst) return person;
  }
  return phrase;
}

/**
 * "A spokesman for the buyer said": the object of the preposition ("the buyer") names no speaker on
 * its own, but the role before it does. Only a determined role head, a few words before the verb.
 */
function roleWithObjectEndingAt(tokens: readonly Token[], end: number, floor: number): SpeakerPhrase | null {
  const object = tokens[end];
  if (object === undefined || object.kind !== 'word' || PHRASE_BREAKERS.has(object.lower) || DETERMINERS.has(object.lower) || PRONOUNS.has(object.lower) || OBJECT_PRONOUNS.has(object.lower)) return null;
  for (let p = end - 1; p >= floor + 1 && p >= end - 3; p -= 1) {
    const token = tokens[p]!;
    if (token.kind !== 'word') return null;
    if (!POST_MODIFIER_PREPOSITIONS.has(token.lower)) {
      if (PHRASE_BREAKERS.has(token.lower) || PRONOUNS.has(token.lower) || SPEECH_VERBS.has(token.lower)) return null;
      continue;
    }
    const head = phraseEndingAt(tokens, p - 1, floor);
    if (head === null || head.kind !== 'description' || !isRoleWord(tokens[head.last]!.lower) || !DESCRIPTION_DETERMINERS.has(tokens[head.first]!.lower)) return null;
    return { ...head, last: end };
  }
  return null;
}

/** US states as datelines and home towns write them: "Ohio", "Calif.", "N.Y." (without the final full stop). */
const US_STATES = new Set(
  `alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii idaho illinois indiana iowa
kansas kentucky louisiana maine maryland massachusetts michigan minnesota mississippi missouri montana nebraska nevada
ohio oklahoma oregon pennsylvania tennessee texas utah vermont virginia washington wisconsin wyoming
ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo mont neb nev okla ore pa tenn tex
vt va wash wis wyo n.h n.j n.m n.y n.c n.d r.i s.c s.d w.va d.c`.split(/\s+/),
);
for (const state of ['new hampshire', 'new jersey', 'new mexico', 'new york', 'north carolina', 'north dakota', 'south carolina', 'south dakota', 'west virginia', 'rhode island']) US_STATES.add(state);
const PARTY_TAG = /^(?:[DRI]|Dem|Rep|Ind)(?:-[A-Z][A-Za-z.]*)?$/;

/**
 * Steps back over the tags US copy writes between a name and its verb, returning the token the name
 * (or the comma after it) ends at, or `end` when there is none:
 * - party and state: `Sen. Harry Reid (D-Nev.) said`, `Sen. Jane Doe, R-Ky., said`, `Democrat of New York,`;
 * - age and home town: `Jane Roe, 34, of Dayton, Ohio, said`, `…, of Cambridge, Mass., said`.
 */
function withoutUsTags(tokens: readonly Token[], end: number, floor: number): number {
  let at = end;
  for (let step = 0; step < 4; step += 1) {
    // "Rep. Jim Jordan (R-Ohio), an oversight panel member, said": a tag in parentheses before a comma.
    const close = tokens[at]?.text === ',' && tokens[at - 1]?.text === ')' && at - 1 > floor ? at - 1 : at;
    const closer = tokens[close]?.text;
    if (closer !== ')' && closer !== ',') break;
    const opener = closer === ')' ? '(' : ',';
    let open = close - 1;
    while (open >= floor && open > close - 10 && tokens[open]!.text !== opener && (tokens[open]!.kind === 'word' || tokens[open]!.text === '.' || tokens[open]!.text === '-')) open -= 1;
    // "Jane Roe, 34, said": a segment needs its opening delimiter inside the sentence.
    if (open < floor || open === close - 1 || tokens[open]!.text !== opener) break;
    const segment: Token[] = [];
    for (let i = open + 1; i < close; i += 1) if (tokens[i]!.text !== '.') segment.push(tokens[i]!);
    if (!isUsTag(segment)) break;
    at = closer === ')' ? open - 1 : open;
  }
  return at;
}

/**
 * The token after a party-state tag in parentheses that starts at `open` ("Rep. Jim Jordan (R-Ohio)
 * said", "Rep. Trey Gowdy (R-S.C.): …"), or `open` itself when no such tag is there.
 */
export function afterUsTag(tokens: readonly Token[], open: number): number {
  if (tokens[open]?.text !== '(') return open;
  let close = open + 1;
  while (close < tokens.length && close < open + 10 && tokens[close]!.text !== ')' && (tokens[close]!.kind === 'word' || tokens[close]!.text === '.' || tokens[close]!.text === '-')) close += 1;
  if (tokens[close]?.text !== ')') return open;
  const segment: Token[] = [];
  for (let i = open + 1; i < close; i += 1) if (tokens[i]!.text !== '.') segment.push(tokens[i]!);
  return isUsTag(segment) ? close + 1 : open;
}

function isUsTag(segment: readonly Token[]): boolean {
  if (segment.length === 0) return false;
  const first = segment[0]!;
  if (segment.length === 1 && (PARTY_TAG.test(first.text) || /^\d{1,3}$/.test(first.text) || US_STATES.has(first.lower))) return true;
  if (segment.length === 2 && US_STATES.has(`${first.lower} ${segment[1]!.lower}`)) return true;
  // "of Dayton", "from Council Bluffs", "Democrat of New York".
  const start = PARTY_TITLES.has(first.lower) ? 1 : 0;
  const preposition = segment[start];
  if (preposition === undefined || (preposition.lower !== 'of' && preposition.lower !== 'from')) return false;
  const rest = segment.slice(start + 1);
  return rest.length > 0 && rest.length <= 4 && rest.every((token) => isNameWord(token));
}

function isOrganisation(tokens: readonly Token[], phrase: SpeakerPhrase): boolean {
  for (let i = phrase.first; i <= phrase.last; i += 1) if (NON_PERSON_WORDS.has(tokens[i]!.lower)) return true;
  return false;
}

/** The longest plausible speaker phrase that ends at token `end`, reading backwards. */
export function phraseEndingAt(tokens: readonly Token[], end: number, floor: number): SpeakerPhrase | null {
  if (end < floor || tokens[end]!.kind !== 'word') return null;
  const last = tokens[end]!;
  if (PRONOUNS.has(last.lower)) return { kind: 'pronoun', first: end, last: end, nameFirst: -1, nameLast: -1 };
  // "…," one said / another said: an anonymous source standing for the one just described.
  if (last.lower === 'one' || last.lower === 'another') return { kind: 'description', first: end, last: end, nameFirst: -1, nameLast: -1 };
  let first = end;
  let maxWords = MAX_PHRASE_WORDS;
  for (let i = end - 1; i >= floor && end - i < maxWords; i -= 1) {
    const token = tokens[i]!;
    if (token.kind !== 'word') break;
    const lower = token.lower;
    // "Bank of England", "Work and Pensions Secretary Alan Johnson".
    if ((lower === 'of' || lower === 'and') && i > floor && isNameWord(tokens[i - 1]!) && isNameWord(tokens[i + 1]!)) {
      first = i;
      continue;
    }
    // "Air Force 1st Lt. Tyler Livingston said": an ordinal inside a military rank.
    if (i > floor && isRankOrdinal(tokens, i)) {
      first = i;
      continue;
    }
    // "Anthony Anton, president and CEO of the association, said": two offices of one person.
    if (i > floor && joinsOffices(tokens, i)) {
      first = i;
      maxWords += 2;
      continue;
    }
    // "US Senator Jane Roe said": the country in capitals is no "us".
    if (PHRASE_BREAKERS.has(lower) || PRONOUNS.has(lower) || (OBJECT_PRONOUNS.has(lower) && token.text !== 'US') || SPEECH_VERBS.has(lower) || (VERB_MODIFIERS.has(lower) && token.text === lower)) break;
    if (!isNameWord(token) && /^\p{Ll}+(?:ed|ly)$/u.test(token.text) && !ROLE_NOUNS.has(lower)) break;
    // "63 percent said", "72 percent of Democrats said": a share of those polled answers as a group.
    if (/^\p{N}/u.test(token.text) && !DETERMINERS.has(lower) && !/-year-old$/.test(lower) && !(tokens[i + 1]?.lower === 'percent' && i + 1 <= end)) break;
    first = i;
    if (DETERMINERS.has(lower)) break;
  }
  // Sentence-initial capitals that are not names ("But Mr Smith", "Yesterday the minister").
  while (first < end && CAPITALISED_FUNCTION_WORDS.has(tokens[first]!.lower) && !DETERMINERS.has(tokens[first]!.lower) && !HONORIFICS.has(tokens[first]!.lower)) first += 1;
  // A lower-case verb-like word before a description ("seemed the minister") is not part of it; an
  // office joined to the next one ("president and CEO") is.
  if (!isNameWord(tokens[first]!) && !DETERMINERS.has(tokens[first]!.lower) && !(first < end && joinsOffices(tokens, first + 1))) {
    let i = first;
    while (i < end && !isNameWord(tokens[i]!) && !DETERMINERS.has(tokens[i]!.lower)) i += 1;
    if (i < end || isNameWord(tokens[end]!)) first = Math.min(i, end);
  }
  if (CAPITALISED_FUNCTION_WORDS.has(tokens[first]!.lower) && first === end && !PRONOUNS.has(tokens[first]!.lower)) return null;
  const phrase = classifyPhrase(tokens, first, end);
  if (phrase !== null && phrase.kind === 'description' && !isSpeakerHead(tokens[end]!) && !isDeterminedDescription(tokens, phrase)) return null;
  return phrase;
}

const DESCRIPTION_DETERMINERS = new Set(['the', 'a', 'an', 'one', 'another', 'his', 'her', 'their']);
const MAX_DESCRIPTION_WORDS = 4;
const MORE_PREPOSITIONS = new Set(['of', 'around', 'throughout', 'outside', 'inside', 'amid', 'via', 'per', 'off', 'across', 'for']);

/**
 * "the moderator said", "said the narrator", "one user wrote": a determiner and a few words name
 * someone even when the head is no role the lexicon knows.
 */
export function isDeterminedDescription(tokens: readonly Token[], phrase: SpeakerPhrase): boolean {
  if (phrase.kind !== 'description' || phrase.last - phrase.first + 1 > MAX_DESCRIPTION_WORDS || phrase.last === phrase.first) return false;
  if (!DESCRIPTION_DETERMINERS.has(tokens[phrase.first]!.lower)) return false;
  // "around the country suggests", "on the eve of the announcement said": the object of a preposition.
  const before = tokens[phrase.first - 1];
  if (before !== undefined && before.kind === 'word' && !SPEECH_VERBS.has(before.lower) && (PHRASE_BREAKERS.has(before.lower) || MORE_PREPOSITIONS.has(before.lower))) return false;
  for (let i = phrase.first + 1; i <= phrase.last; i += 1) if (PHRASE_BREAKERS.has(tokens[i]!.lower) || CAPITALISED_FUNCTION_WORDS.has(tokens[i]!.lower)) return false;
  const head = tokens[phrase.last]!;
  return head.kind === 'word' && /^\p{Ll}{2,}$/u.test(head.text) && !/ing$/.test(head.text) && !isAdverb(head);
}

/** The head of a descriptive speaker is a role, a group, a plural noun or a capitalised word ("the Scot"). */
export function isSpeakerHead(token: Token): boolean {
  const lower = token.lower.replace(/['’]s$/, '');
  return isRoleWord(lower) || GROUP_NOUNS.has(lower) || isNameWord(token) || /-year-old$/.test(lower) || /^\p{Ll}{3,}[^s']s$/u.test(token.text) || lower === 'percent';
}

/** The speaker phrase right after an inverted cue ("said Mr Smith", "said a spokesman"). */
/** Abbreviated places whose last full stop the tokenizer leaves apart ("U.S" + "."), since it may end a sentence. */
const DOTTED_PLACES = new Set(['U.S', 'U.K', 'U.N', 'D.C', 'E.U']);

export function phraseStartingAt(tokens: readonly Token[], start: number, limit: number): SpeakerPhrase | null {
  if (start >= limit || tokens[start]!.kind !== 'word') return null;
  const head = tokens[start]!;
  if (PRONOUNS.has(head.lower)) return { kind: 'pronoun', first: start, last: start, nameFirst: -1, nameLast: -1 };
  // `," Mr. Guerrero said of Mr. Trump`: the object of a preposition is who was talked about, not a speaker.
  if (POST_MODIFIER_PREPOSITIONS.has(head.lower) || PHRASE_BREAKERS.has(head.lower)) return null;
  let last = start - 1;
  let maxWords = MAX_PHRASE_WORDS;
  for (let i = start; i < limit && i - start < maxWords; i += 1) {
    const token = tokens[i]!;
    // "said U.S. President Jane Roe": the full stop of "U.S." is inside the phrase, before a name.
    if (token.text === '.' && i > start && DOTTED_PLACES.has(tokens[i - 1]!.text) && token.start === tokens[i - 1]!.end && i + 1 < limit && isNameWord(tokens[i + 1]!)) {
      last = i;
      continue;
    }
    if (token.kind !== 'word') break;
    const lower = token.lower;
    if (i > start && lower === 'of' && isNameWord(tokens[i - 1]!) && i + 1 < limit && isNameWord(tokens[i + 1]!)) {
      last = i;
      continue;
    }
    if (i > start && NAME_PARTICLES.has(lower) && i + 1 < limit && isNameWord(tokens[i + 1]!) && isNameWord(tokens[i - 1]!)) {
      last = i;
      continue;
    }
    // "said Air Force 1st Lt. Tyler Livingston": an ordinal inside a military rank.
    if (i > start && isRankOrdinal(tokens, i)) {
      last = i;
      continue;
    }
    // "Former prosecutor and New York City Mayor Rudy Giuliani": two offices of one person.
    if (i > start && joinsOffices(tokens, i)) {
      last = i;
      maxWords += 2;
      continue;
    }
    // "said Al From, who founded …": a capitalised preposition right after a given name is a surname.
    const surname = i > start && token.text !== lower && GIVEN_NAMES.has(tokens[i - 1]!.lower) && isNameWord(tokens[i - 1]!);
    if (!surname && (PHRASE_BREAKERS.has(lower) || SPEECH_VERBS.has(lower) || (VERB_MODIFIERS.has(lower) && token.text === lower))) break;
    // After a name, a lower-case word starts something else ("said Mr Smith yesterday"), unless a
    // role or group noun closes the phrase soon ("said one Republican political strategist").
    if (i > start && !isNameWord(token) && isNameWord(tokens[i - 1]!) && !ROLE_NOUNS.has(lower)) {
      let head = i;
      // "The Democratic National Convention released a statement": a determiner or a past-tense verb ends the name.
      while (head < limit && head < i + 3 && tokens[head]!.kind === 'word' && !isNameWord(tokens[head]!) && !ROLE_NOUNS.has(tokens[head]!.lower) && !GROUP_NOUNS.has(tokens[head]!.lower) && !PHRASE_BREAKERS.has(tokens[head]!.lower) && !DETERMINERS.has(tokens[head]!.lower) && !/^\p{Ll}+ed$/u.test(tokens[head]!.text)) head += 1;
      const headToken = tokens[head];
      if (head < limit && headToken !== undefined && headToken.kind === 'word' && (ROLE_NOUNS.has(headToken.lower) || GROUP_NOUNS.has(headToken.lower))) {
        last = head;
        i = head;
        continue;
      }
      // "said Oversight ranking Democrat Elijah Cummings": a lower-case word or two between capitalised titles and the name.
      if (head === i + 1 && headToken !== undefined && isNameWord(headToken) && head + 1 < limit && isNameWord(tokens[head + 1]!) && TITLE_MODIFIERS.has(lower)) {
        last = head;
        i = head;
        continue;
      }
      break;
    }
    last = i;
  }
  if (last < start || /['’]s$/.test(tokens[last]!.lower)) return null;
  return classifyPhrase(tokens, start, last);
}

/** "1st" of "Air Force 1st Lt. Tyler Livingston": an ordinal between capitalised words of a rank. */
function isRankOrdinal(tokens: readonly Token[], index: number): boolean {
  const before = tokens[index - 1];
  const after = tokens[index + 1];
  return /^\d+(?:st|nd|rd|th)$/.test(tokens[index]!.lower) && before !== undefined && after !== undefined && isNameWord(before) && isNameWord(after);
}

/**
 * Whether the "and" at tokens[index] joins two offices of one person, as US copy writes them: "president
 * and CEO of the group", "Former prosecutor and New York City Mayor Rudy Giuliani". A lower-case role
 * comes before it and a role or a capitalised title after it; "the mayor and Jane Roe" (two people) also
 * reads so, and its phrase still ends in the one name it had before.
 */
function joinsOffices(tokens: readonly Token[], index: number): boolean {
  const and = tokens[index]!;
  const before = tokens[index - 1];
  const after = tokens[index + 1];
  if (and.lower !== 'and' || before === undefined || after === undefined || before.kind !== 'word' || after.kind !== 'word') return false;
  if (before.text !== before.lower || !isRoleWord(before.lower)) return false;
  return isRoleWord(after.lower) || (isNameWord(after) && !HONORIFICS.has(after.lower) && !GIVEN_NAMES.has(after.lower));
}

/** "Sen." or "J." inside an appositive: the full stop of an abbreviation, not a sentence end. */
function isAbbreviationDot(tokens: readonly Token[], index: number): boolean {
  const before = tokens[index - 1];
  return tokens[index]!.text === '.' && before !== undefined && before.kind === 'word' && isCapitalised(before.text) && before.text.length <= 4;
}
