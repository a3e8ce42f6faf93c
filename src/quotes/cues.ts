import type { ArticleText } from './article-text.js';
import { sentenceTokens } from './article-text.js';
import { CAPITALISED_FUNCTION_WORDS, DETERMINERS, FRAGMENT_VERBS, GIVEN_NAMES, HONORIFICS, MEDIA, NAME_PARTICLES as NAME_PARTICLE_WORDS, NON_PERSON_WORDS, PHRASE_BREAKERS, PRONOUNS, ROLE_NOUNS, SPEECH_VERBS, VERB_MODIFIERS } from './lexicon.js';
import type { SpeakerPhrase } from './speaker-phrase.js';
import { isCapitalised } from './text.js';
import { isSentenceCaseWord } from './sentence-case.js';
import { afterUsTag, classifyPhrase, isDeterminedDescription, isRoleWord, isSpeakerHead, phraseStartingAt, subjectBefore } from './speaker-phrase.js';

/**
 * One attribution found in the text: a speech verb (or "according to") with the phrase naming who
 * speaks. Quotes take their speaker from the cue next to them; cues without quotes are reported speech.
 */
export interface Cue {
  /** Token index of the cue's first word ("said", "according"). */
  verb: number;
  /** Token index of the cue's last word ("told the BBC" ends at "BBC"; "according to" at "to"). */
  verbEnd: number;
  speaker: SpeakerPhrase;
  /** `said Putin`: the verb comes first. */
  inverted: boolean;
  /** The verb only attributes a quoted fragment ("called it "a disgrace""), not whole speech. */
  fragmentOnly: boolean;
  according: boolean;
  sentence: number;
  /** "…, but admitted …": the verb borrowed its subject from an earlier clause; it only reports speech. */
  coordinated?: true;
  /** First token of the cue's words when it opens before its speaker: the "as" of "as X put it". */
  lead?: number;
}

/** Speech verbs that are also plural nouns ("his comments", "the claims"). */
const NOUN_LIKE_VERBS = new Set(['claims', 'comments', 'notes', 'remarks', 'reports', 'states', 'answers', 'promises', 'forecasts', 'estimates', 'pledges', 'vows', 'demands', 'objects', 'protests', 'hints', 'warns', 'replies', 'denies', 'urges', 'reveals', 'recalls', 'concludes', 'indicates', 'observes', 'stresses', 'writes', 'calls', 'labels', 'talks', 'refers', 'describes', 'attacks', 'welcomes', 'defends', 'praises', 'brands', 'dubs', 'accuses', 'criticises', 'condemns', 'dismisses', 'hails', 'tweets', 'echoes', 'laments', 'brags', 'mocks']);
const OBJECT_PRONOUNS = new Set(['him', 'her', 'them', 'us', 'me', 'you']);
/** Verbs with which an outlet, as their subject, speaks in its own voice (an editorial, a commentary). */
const OUTLET_VOICE_VERBS = new Set(['wrote', 'writes', 'editorialized', 'editorialised', 'opined', 'said', 'says', 'reported', 'reports', 'noted']);
/** Verbs that put the speaker after them outside quotations: "…, said Mr Smith." */
const NOT_SPEECH_BEFORE_TO = new Set(['agreed', 'agrees', 'refused', 'declined', 'threatened', 'continued', 'continues', 'offered']);
const INVERTIBLE_VERBS = new Set(['say', 'said', 'says', 'added', 'adds', 'continued', 'explained', 'insisted', 'warned', 'argued', 'noted', 'wrote', 'writes', 'stressed', 'admitted', 'claimed', 'suggested', 'concluded', 'replied', 'asked', 'commented', 'observed', 'recalled', 'conceded', 'acknowledged', 'declared', 'announced', 'predicted', 'confirmed', 'agreed', 'maintained', 'complained', 'cautioned', 'reported', 'tweeted', 'posted', 'scoffed', 'interjected', 'pressed', 'echoed', 'responded', 'countered', 'quipped', 'retorted', 'joked']);
/** Words that may follow an inverted speaker: "said Mr Smith on Tuesday", "said Mr Smith, who …". */
const INVERSION_FOLLOWERS = new Set(['on', 'in', 'at', 'of', 'for', 'from', 'who', 'yesterday', 'today', 'last', 'earlier', 'later', 'adding', 'as', 'after', 'when', 'during', 'before', 'told', 'and']);
/** Things issued that carry words: "released a statement saying …", "sent an email to supporters stating …". */
const DOCUMENT_NOUNS = new Set(['statement', 'statements', 'email', 'e-mail', 'emails', 'letter', 'tweet', 'tweets', 'post', 'release', 'memo', 'message', 'ad', 'advert', 'video', 'op-ed', 'note', 'text', 'editorial', 'column', 'essay', 'report']);
const DOCUMENT_GAP = 6;

/**
 * `President Obama released a statement Thursday night condemning "…"`, `Teneo issued a statement saying
 * that "…"`: a participle right after the document its subject issued (a few words of time, audience or
 * kind between) reports the words of the issuing verb's subject, as after a comma. Returns the token
 * index of that verb ("released", "sent" of "sent out"), or -1.
 */
function documentIssuer(text: ArticleText, participle: number, first: number): number {
  const { tokens } = text;
  for (let j = participle - 1; j > first && j >= participle - DOCUMENT_GAP; j -= 1) {
    const token = tokens[j]!;
    if (token.kind !== 'word' || text.tokenQuote[j] !== -1) return -1;
    if (!DOCUMENT_NOUNS.has(token.lower) || token.text !== token.lower) continue;
    // "a statement", "an email to supporters", "its new radio ad": a determiner opens the document's
    // phrase, and the issuing verb ("sent out", "quickly blasted out") comes right before it.
    for (let k = j - 1; k > first && k >= j - 4; k -= 1) {
      const word = tokens[k]!;
      if (word.kind !== 'word') return -1;
      if (!DOCUMENT_DETERMINERS.has(word.lower)) continue;
      let verb = k - 1;
      if (tokens[verb]?.lower === 'out') verb -= 1;
      const candidate = tokens[verb];
      return verb > first && candidate !== undefined && candidate.kind === 'word' && /^\p{Ll}+(?:ed|s|t)$/u.test(candidate.text) ? verb : -1;
    }
    return -1;
  }
  return -1;
}
const DOCUMENT_DETERMINERS = new Set(['a', 'an', 'its', 'his', 'her', 'their']);

/** What words travel by in "said by telephone", "wrote by email": a channel, never the agent of a passive. */
const SPEECH_CHANNELS = new Set(['telephone', 'phone', 'email', 'e-mail', 'text', 'letter', 'videolink', 'video', 'satellite', 'fax', 'cellphone']);
/** "went on to say": the verb after "to" is the speech. */
const GO_ON = new Set(['went', 'goes', 'go', 'going', 'gone']);
/** How far into a sentence its subject is looked for. */
const SUBJECT_SEARCH_TOKENS = 25;
const PASSIVE_BEFORE = new Set(['was', 'were', 'been', 'be', 'being', 'is', 'are', 'to', "wasn't", "weren't"]);
const CLOSING_MARKS = new Set(['"', '”', "''", '»']);
const INVERSION_LEADS = new Set([',', '-', '–', '—', ...CLOSING_MARKS]);
/**
 * A closing quotation mark at tokens[index]: `”`, `"`, `''`, `»`, or an opening `“` typed where the
 * closing one belongs, hanging on the word or punctuation before it (`“It is unusual,“ said …`).
 */
function isClosingMark(text: ArticleText, index: number): boolean {
  const token = text.tokens[index];
  if (token === undefined) return false;
  if (CLOSING_MARKS.has(token.text)) return true;
  // `''I would use the word 'old-school,''' said …`: a nested quote closes right before the outer one.
  if (token.text === "'" && index > 0 && text.tokens[index - 1]!.text === "''" && text.tokens[index - 1]!.end === token.start) return true;
  if (token.text !== '“' || index === 0) return false;
  const previous = text.tokens[index - 1]!;
  const next = text.tokens[index + 1];
  return previous.end === token.start && (next === undefined || next.start > token.end);
}

/** Objects of "told" that are the audience or the medium, so still part of the cue. */
const AUDIENCE_WORDS = new Set(['reporters', 'journalists', 'mps', 'peers', 'delegates', 'the', 'a', 'an', 'his', 'her', 'their', 'bbc', 'news', 'radio', 'today', 'programme', 'newspaper', 'conference', 'press', 'audience', 'parliament', 'commons', 'lords', 'senate', 'congress', 'committee', 'reuters', 'listeners', 'viewers', 'supporters', 'members', 'party', 'students', 'workers', 'crowd', 'magazine']);

/** Every cue of the article, in token order. Words inside quotation marks never make cues. */
export function findCues(text: ArticleText): Cue[] {
  const cues: Cue[] = [];
  const { tokens } = text;
  for (let s = 0; s < text.sentences.length; s += 1) {
    const [first, end] = sentenceTokens(text, s);
    for (let i = first; i < end; i += 1) {
      const token = tokens[i]!;
      if (token.kind !== 'word' || text.tokenQuote[i] !== -1) continue;
      const lower = token.lower;
      if (lower === 'according' && tokens[i + 1]?.lower === 'to' && i + 2 < end) {
        const limit = quoteFreeLimit(text, i + 2, end);
        const speaker = withAgent(text, phraseStartingAt(tokens, i + 2, limit), limit);
        // "according to their figures" gives no one; "according to Mr Smith" does.
        if (speaker !== null && speaker.first === speaker.last && DETERMINERS.has(tokens[speaker.first]!.lower)) continue;
        if (speaker !== null && !isMedium(text, speaker)) cues.push({ verb: i, verbEnd: i + 1, speaker, inverted: true, fragmentOnly: false, according: true, sentence: s });
        continue;
      }
      // `…, as a Homeland Security memo put it.`, `As Vulture put it, "…"`: the phrase before "put it" speaks.
      if ((lower === 'put' || lower === 'puts') && tokens[i + 1]?.lower === 'it') {
        let as = i - 1;
        // "As John Cornyn, the No. 2 in the GOP leadership, put it": an abbreviation's full stop is no sentence end.
        const abbreviationDot = (k: number): boolean => tokens[k]!.text === '.' && /^\p{Lu}\p{Ll}{0,3}$/u.test(tokens[k - 1]?.text ?? '') && tokens[k - 1]!.end === tokens[k]!.start;
        while (as > first && as > i - 24 && tokens[as]!.lower !== 'as' && (tokens[as]!.kind === 'word' || tokens[as]!.text === ',' || abbreviationDot(as))) as -= 1;
        if (as >= first && tokens[as]!.lower === 'as' && as < i - 1) {
          const speaker = subjectBefore(tokens, i, as + 1);
          if (speaker !== null && speaker.first > as && !isMedium(text, speaker)) cues.push({ verb: i, verbEnd: i + 1, speaker, inverted: false, fragmentOnly: false, according: false, sentence: s, lead: as });
        }
        continue;
      }
      // "pointed out that": a two-word speech verb.
      // "made it clear that", "called on the government to": phrases that report speech as a verb does.
      const speech = SPEECH_VERBS.has(lower) || (lower === 'pointed' && tokens[i + 1]?.lower === 'out') || phraseVerbEnd(text, i) > i || readsQuotation(text, i, first) || reportsQuoteBefore(text, i);
      if (!speech && !FRAGMENT_VERBS.has(lower)) continue;
      // A capitalised "States" or "Reports" mid-sentence is a name, not a verb; "…, Tweeted on Friday"
      // after an appositive is a verb written with a capital, as some copy writes Twitter's.
      if (token.text !== lower && i > first && !isCapitalisedPastVerb(text, i)) continue;
      const previous = tokens[i - 1];
      // "He went on to accuse Mr Brown of …": the subject of "went on" speaks.
      const wentOn = previous?.lower === 'to' && tokens[i - 2]?.lower === 'on' && GO_ON.has(tokens[i - 3]?.lower ?? '') && i - 3 > first;
      if (previous !== undefined && i > first && PASSIVE_BEFORE.has(previous.lower) && !wentOn) continue;
      // "proposals announced by the minister": a passive participle, not a cue. "said by telephone"
      // names the channel, not an agent: the verb still has its subject before it.
      if (tokens[i + 1]?.lower === 'by' && !SPEECH_CHANNELS.has(tokens[i + 2]?.lower ?? '')) continue;
      const verbEnd = cueEnd(text, i, end);
      // Inversion: `"…," said Mr Smith` or `…, said Mr Smith.`
      const afterQuote = previous !== undefined && (isClosingMark(text, i - 1) || (previous.text === ',' && isClosingMark(text, i - 2)));
      // `as "fantastic," telling reporters …`: a participle is never inverted.
      if (speech && previous !== undefined && i > first && (INVERSION_LEADS.has(previous.text) || isClosingMark(text, i - 1)) && (afterQuote || INVERTIBLE_VERBS.has(lower)) && !lower.endsWith('ing')) {
        const limit = quoteFreeLimit(text, i + 1, end);
        const plain = phraseStartingAt(tokens, i + 1, limit);
        const speaker = afterQuote ? withPostModifiers(text, i + 1, limit, plain) : plain;
        // "…, said Mr Smith." ends there; "…, said the report was like …" is a clause, not an inversion.
        const following = speaker === null ? undefined : tokens[speaker.last + 1];
        const closed = following === undefined || speaker!.last + 1 >= end || INVERSION_FOLLOWERS.has(following.lower) || (following.kind === 'punct' && (afterQuote || /^[.,;:!?)]$/.test(following.text)));
        // "…, said her husband welcomed hard questions.": a past-tense verb inside makes it a clause.
        let clause = false;
        for (let k = (speaker?.first ?? 0) + 2; speaker !== null && k <= speaker.last && !clause; k += 1) clause = /^\p{Ll}+ed$/u.test(tokens[k]!.text) && !POST_MODIFIER_WORDS.has(tokens[k]!.lower);
        // A post-modified description was checked on its head ("a source" of "a source close to …").
        const postModified = speaker !== plain;
        if (speaker !== null && closed && !clause && speaker.kind !== 'pronoun' && !isMedium(text, speaker) && (speaker.kind === 'name' || postModified || isSpeakerHead(tokens[speaker.last]!) || isDeterminedDescription(tokens, speaker))) {
          cues.push({ verb: i, verbEnd: i, speaker, inverted: true, fragmentOnly: false, according: false, sentence: s });
          continue;
        }
        if (speaker !== null && speaker.kind === 'pronoun' && (tokens[i + 2] === undefined || tokens[i + 2]!.kind === 'punct')) {
          cues.push({ verb: i, verbEnd: i, speaker, inverted: true, fragmentOnly: false, according: false, sentence: s });
          continue;
        }
      }
      // "…, saying he was ready", "quoted its plan as saying:": the participle's subject is the sentence's speaker.
      // `… address "that person," telling Fox 35 …`: the comma may sit inside a closing mark.
      const afterComma = previous?.text === ',' || (previous !== undefined && isClosingMark(text, i - 1) && tokens[i - 2]?.text === ',');
      const issuer = !afterComma && lower.endsWith('ing') ? documentIssuer(text, i, first) : -1;
      // "Romney fired back, attacking Trump for "the greed"": a fragment verb's participle attributes the fragment.
      if ((speech || FRAGMENT_VERBS.has(lower)) && (afterComma || previous?.lower === 'as' || issuer >= 0) && lower.endsWith('ing')) {
        const latest = cues[cues.length - 1];
        const earlier = latest !== undefined && latest.sentence === s ? latest : undefined;
        const speaker = earlier?.speaker ?? (issuer >= 0 ? subjectBefore(tokens, issuer, first) : firstPhraseOf(text, first, i, true));
        if (speaker !== null) cues.push({ verb: i, verbEnd, speaker, inverted: false, fragmentOnly: !speech, according: false, sentence: s });
        continue;
      }
      // "The Tory leader said …, but admitted it was …": a verb coordinated with an earlier one shares its subject.
      const speaker = subjectBefore(tokens, wentOn ? i - 3 : i, first);
      const coordinated = speaker === null ? coordinatedSubject(text, cues, s, first, i) : null;
      if (coordinated !== null) {
        if (tokens[i + 1]?.lower === 'to' && NOT_SPEECH_BEFORE_TO.has(lower)) continue;
        if (!isMedium(text, coordinated)) cues.push({ verb: i, verbEnd, speaker: coordinated, inverted: false, fragmentOnly: !speech, according: false, sentence: s, coordinated: true });
        continue;
      }
      // "with Charles Kennedy claiming voters had …": a participle counts only right after a name.
      if (lower.endsWith('ing') && (speaker === null || speaker.kind !== 'name' || speaker.last < i - 2)) continue;
      // "Tower had agreed to serve", "promised to cut": an infinitive follows, not speech.
      if (tokens[i + 1]?.lower === 'to' && /^\p{Ll}+$/u.test(tokens[i + 2]?.text ?? '') && !MEDIA.has(tokens[i + 2]!.lower) && NOT_SPEECH_BEFORE_TO.has(lower)) continue;
      // "Xinhua, the official news agency, wrote": an outlet writing in its own voice is the speaker;
      // "businessmen polled by Reuters said": an outlet after a preposition is not the verb's subject.
      if (speaker === null || (isMedium(text, speaker) && (!OUTLET_VOICE_VERBS.has(lower) || followsPreposition(text, speaker.first, first))) || text.tokenQuote[speaker.first] !== -1 || text.tokenQuote[speaker.last] !== -1) continue;
      // "Trump's comments", "rejected claims": these forms are nouns unless a name, a pronoun or a
      // role ("The Tory leader brands …") says them.
      // A subject pronoun ("But he claims …") makes it a verb whatever comes before.
      const subjectPronoun = speaker.kind === 'pronoun' && speaker.last === i - 1 && tokens[i - 1]!.lower !== 'it';
      // "The ad claims “Jeb is the conservative you can trust.”": a quotation right after the verb makes it one.
      const quoteFollows = text.tokenQuote[i + 1] === -1 && /^["“:]$|^``$/.test(tokens[i + 1]?.text ?? '') && speaker.last === i - 1 && speaker.kind !== 'name';
      if (NOUN_LIKE_VERBS.has(lower) && !subjectPronoun && !quoteFollows && (/['’]s$/.test(tokens[speaker.last]!.lower) || PHRASE_BREAKERS.has(tokens[speaker.first - 1]?.lower ?? '') || speaker.last !== i - 1 || (speaker.kind === 'description' && !(DETERMINERS.has(tokens[speaker.first]!.lower) && ROLE_NOUNS.has(tokens[speaker.last]!.lower))))) continue;
      cues.push({ verb: i, verbEnd, speaker, inverted: false, fragmentOnly: !speech, according: false, sentence: s });
    }
  }
  return cues;
}

const DESCRIPTION_OPENERS = new Set(['a', 'an', 'the', 'one', 'another']);
/** Words that open what a description's head is modified by: "a source close to the campaign". */
const POST_MODIFIER_WORDS = new Set(['for', 'of', 'with', 'close', 'familiar', 'involved', 'briefed', 'based']);
const MAX_POST_MODIFIED_WORDS = 12;
/** Before a name these still say who someone is: "an official at the State Department", "Gov. and Chairman Ed Rendell". */
const PLACE_PREPOSITIONS = new Set(['at', 'in', 'from', 'to', 'and']);

/**
 * The speaker after `"…," said`: a description runs on through its post-modifiers to the next
 * punctuation (`said a source close to the campaign.`, `said one person with knowledge of the
 * talks, who …`), and a full name in apposition after it is the speaker (`said a spokeswoman for
 * the hotels, Jane Roe.`, `said Rubio's deputy campaign manager, Rich Beeson,`). Right after a
 * quotation and its speech verb these words can only name who spoke.
 */
function withPostModifiers(text: ArticleText, start: number, limit: number, plain: SpeakerPhrase | null): SpeakerPhrase | null {
  const { tokens } = text;
  const opener = tokens[start];
  if (opener === undefined || opener.kind !== 'word') return plain;
  const possessive = /['’]s$/.test(opener.lower) && isCapitalised(opener.text);
  if (!DESCRIPTION_OPENERS.has(opener.lower) && !possessive && plain?.kind !== 'description') return plain;
  let last = start;
  let head = -1;
  for (let j = start + 1; j < limit && j <= start + MAX_POST_MODIFIED_WORDS; j += 1) {
    const token = tokens[j]!;
    if (token.kind !== 'word' || SPEECH_VERBS.has(token.lower) || (VERB_MODIFIERS.has(token.lower) && token.text === token.lower)) break;
    // "said the narrator in the spot", "said the aide on Tuesday": place and time are no part of who spoke.
    // "an official at the State Department", "a source close to the campaign" are.
    const next = tokens[j + 1];
    const named = next !== undefined && (isCapitalised(next.text) || (DETERMINERS.has(next.lower) && isCapitalised(tokens[j + 2]?.text ?? '')));
    const keeps = token.lower === 'with' || POST_MODIFIER_WORDS.has(tokens[j - 1]!.lower) || (PLACE_PREPOSITIONS.has(token.lower) && named);
    if (!keeps && (PHRASE_BREAKERS.has(token.lower) || (INVERSION_FOLLOWERS.has(token.lower) && !POST_MODIFIER_WORDS.has(token.lower)) || token.lower === 'whom')) break;
    if (head < 0 && POST_MODIFIER_WORDS.has(token.lower)) head = j - 1;
    last = j;
  }
  if (head < 0) head = last;
  if (head === start) return plain;
  const headToken = tokens[head]!;
  if (headToken.kind !== 'word' || !/^\p{L}{3,}/u.test(headToken.text) || /(?:ly|ing)$/.test(headToken.lower)) return plain;
  const headPhrase: SpeakerPhrase = { kind: 'description', first: start, last: head, nameFirst: -1, nameLast: -1 };
  if (!possessive && !isSpeakerHead(headToken) && !isDeterminedDescription(tokens, headPhrase)) return plain;
  const description: SpeakerPhrase = { kind: 'description', first: start, last, nameFirst: -1, nameLast: -1 };
  // A full name in apposition: ", Jane Roe." / ", Rich Beeson, who …".
  if (tokens[last + 1]?.text === ',') {
    let nameLast = last + 1;
    while (nameLast + 1 < tokens.length && text.tokenQuote[nameLast + 1] === -1 && tokens[nameLast + 1]!.kind === 'word' && isCapitalised(tokens[nameLast + 1]!.text)) nameLast += 1;
    const after = tokens[nameLast + 1];
    if (nameLast - (last + 2) >= 1 && (after === undefined || after.kind === 'punct')) {
      const named = classifyPhrase(tokens, last + 2, nameLast);
      if (named !== null && named.kind === 'name' && named.nameLast > named.nameFirst) {
        let organisation = false;
        for (let k = named.nameFirst; k <= named.nameLast; k += 1) organisation ||= NON_PERSON_WORDS.has(tokens[k]!.lower);
        if (!organisation) return { ...named, first: start };
      }
    }
  }
  // "said the Florida senator": a plain description or a name needs nothing more.
  if (plain !== null && plain.last === last) return plain;
  return possessive && plain !== null ? plain : description;
}

/**
 * "read"/"reads" attribute the words of a document only right beside the quotation:
 * `"…," read the statement.`, `"…," the email read.`, `The sign reads: "…"`. Elsewhere ("she read
 * the report") it is no speech.
 */
function readsQuotation(text: ArticleText, i: number, first: number): boolean {
  const { tokens } = text;
  const lower = tokens[i]!.lower;
  if (lower !== 'read' && lower !== 'reads') return false;
  const previous = tokens[i - 1];
  if (previous !== undefined && i > first && (isClosingMark(text, i - 1) || (previous.text === ',' && isClosingMark(text, i - 2)))) return true;
  const next = tokens[i + 1];
  if (next !== undefined && (next.text === ':' || ((next.text === '"' || next.text === '“') && text.tokenQuote[i + 1] === -1))) return true;
  if (next !== undefined && next.kind === 'word') return false;
  // `"…," the email read.`: the subject sits between the closing mark and the verb.
  for (let j = i - 1; j >= first && j >= i - 6; j -= 1) {
    if (isClosingMark(text, j) || (tokens[j]!.text === ',' && isClosingMark(text, j - 1))) return true;
    if (tokens[j]!.kind !== 'word') return false;
  }
  return false;
}

/**
 * `Jane Roe, the head of the group, Tweeted on Friday`: a past-tense speech verb with a capital after
 * a comma, followed by lower-case words or punctuation (not a title-case headline's next word).
 */
function isCapitalisedPastVerb(text: ArticleText, i: number): boolean {
  const { tokens } = text;
  const token = tokens[i]!;
  if (!token.lower.endsWith('ed') || token.text.slice(1) !== token.lower.slice(1) || tokens[i - 1]?.text !== ',') return false;
  const next = tokens[i + 1];
  return next === undefined || next.kind !== 'word' || next.text === next.lower;
}

/** True when the word before tokens[at] (inside the sentence) is a preposition or conjunction: "polled by Reuters". */
function followsPreposition(text: ArticleText, at: number, first: number): boolean {
  const before = text.tokens[at - 1];
  return at > first && before !== undefined && before.kind === 'word' && (PHRASE_BREAKERS.has(before.lower) || before.lower === 'of' || before.lower === 'for');
}

/**
 * "according to audio obtained by the Texas Tribune", "a complaint filed by the S.E.C.": a
 * description ending in a participle runs on through "by" and the name of who made it.
 */
function withAgent(text: ArticleText, phrase: SpeakerPhrase | null, limit: number): SpeakerPhrase | null {
  const { tokens } = text;
  if (phrase === null || phrase.kind !== 'description' || !/^\p{Ll}+ed$/u.test(tokens[phrase.last]!.text) || tokens[phrase.last + 1]?.lower !== 'by') return phrase;
  let last = phrase.last + 2;
  if (last < limit && DETERMINERS.has(tokens[last]!.lower)) last += 1;
  const nameStart = last;
  while (last < limit && last < nameStart + 6 && tokens[last]!.kind === 'word' && (isCapitalised(tokens[last]!.text) || (last > nameStart && NAME_PARTICLE_WORDS.has(tokens[last]!.lower)))) last += 1;
  if (last === nameStart) return phrase;
  return { ...phrase, last: last - 1 };
}

/** Conjunctions that join a second verb phrase to the sentence's subject. */
const COORDINATORS = new Set(['and', 'but']);

/**
 * The subject of a speech verb that follows "and"/"but" with no subject of its own ("… and has said
 * current rules are …", "…, but admitted it was …"): the speaker of the sentence's first cue, else the
 * sentence's subject. Noun-like forms ("his comments and claims") and participles are left alone.
 */
function coordinatedSubject(text: ArticleText, cues: readonly Cue[], sentence: number, first: number, verb: number): SpeakerPhrase | null {
  const { tokens } = text;
  const lower = tokens[verb]!.lower;
  if (lower.endsWith('ing')) return null;
  let at = verb - 1;
  while (at > first && tokens[at]!.kind === 'word' && VERB_MODIFIERS.has(tokens[at]!.lower) && tokens[at]!.text === tokens[at]!.lower) at -= 1;
  if (at <= first || !COORDINATORS.has(tokens[at]!.lower) || text.tokenQuote[at] !== -1) return null;
  if (NOUN_LIKE_VERBS.has(lower) && at === verb - 1) return null;
  for (const cue of cues) {
    if (cue.sentence === sentence && !cue.inverted && !cue.according && !cue.fragmentOnly && cue.verb < at) return cue.speaker;
  }
  // Otherwise only a subject that opens the sentence: "He met the families and said …".
  // "Putting it more sharply, one senior banking official blamed … and said": the subject opens after a participle's clause.
  let opens = first;
  if (OPENING_PARTICIPLE.test(tokens[first]!.text)) {
    while (opens < at && !(tokens[opens]!.text === ',' && text.tokenQuote[opens] === -1)) opens += 1;
    opens += 1;
    let role = opens + 1;
    while (role < at && role <= opens + 4 && tokens[role]!.kind === 'word' && !isRoleWord(tokens[role]!.lower)) role += 1;
    if (DESCRIPTION_OPENERS.has(tokens[opens]?.lower ?? '') && role < at && isRoleWord(tokens[role]!.lower)) return classifyPhrase(tokens, opens, role);
  }
  const subject = firstPhraseOf(text, first, at, true);
  if (subject === null) return null;
  for (let i = opens; i < subject.first; i += 1) if (!HONORIFICS.has(tokens[i]!.lower)) return null;
  return subject;
}

/**
 * A stand-in cue for a short quoted fragment whose sentence has no speech verb but a person as its
 * subject ("He wants to see "proper health checks"", "A Tory spokesman "totally refuted" it"): the
 * words are presented as that subject's.
 */
export function subjectCue(text: ArticleText, sentence: number, beforeToken: number, isKnownPerson: (phrase: SpeakerPhrase) => boolean = () => false): Cue | null {
  const first = text.sentenceFirstToken[sentence];
  if (first === undefined) return null;
  const phrase = firstPhraseOf(text, first, Math.min(beforeToken, first + SUBJECT_SEARCH_TOKENS), true);
  if (phrase === null) return null;
  const head = text.tokens[phrase.last]!.lower;
  // Only a person can be presented as saying the words: "he", "Mr Smith", "a Tory spokesman".
  if (phrase.kind === 'pronoun' && head !== 'he' && head !== 'she') return null;
  if (phrase.kind === 'name') {
    for (let i = phrase.nameFirst; i <= phrase.nameLast; i += 1) if (NON_PERSON_WORDS.has(text.tokens[i]!.lower)) return null;
    // A lone word may be a company ("Gazprom"); it speaks here only as a person the article has named in full.
    if (phrase.nameLast === phrase.nameFirst && !HONORIFICS.has(text.tokens[phrase.nameFirst - 1]?.lower ?? '') && !isKnownPerson(phrase)) return null;
  }
  return { verb: phrase.last + 1, verbEnd: phrase.last + 1, speaker: phrase, inverted: false, fragmentOnly: true, according: false, sentence };
}

/** Where a party-state tag in parentheses right before `at` opens, or `at` when there is none. */
function usTagBefore(tokens: ArticleText['tokens'], at: number, floor: number): number {
  if (tokens[at - 1]?.text !== ')') return at;
  for (let open = at - 2; open >= floor && open >= at - 10; open -= 1) {
    if (tokens[open]!.text === '(') return afterUsTag(tokens, open) === at ? open : at;
  }
  return at;
}

/** Capitalised words that label what follows a colon without being anyone: `UPDATE: "…"`. */
const COLON_LABELS = new Set(['update', 'watch', 'video', 'note', 'headline', 'read', 'quote', 'photo', 'source', 'sources', 'credit', 'title', 'subject', 'caption', 'question', 'answer', 'transcript', 'editor', 'correction', 'breaking', 'exclusive', 'live', 'full', 'related', 'tweet']);
const COLON_NAME_WORDS = 6;
const DASHES = new Set(['-', '–', '—', '―', '|']);

/**
 * A stand-in cue for verbless colon attribution, the name alone before the colon: `Jeb Bush: "The
 * mission is …"`, `Chris Cillizza, The Washington Post: "…"`, `RED STATES … - Jeffrey M. Jones: "…"`.
 * `colon` is the token index of the colon right before the opening mark.
 */
export function colonCue(text: ArticleText, colon: number): Cue | null {
  const { tokens } = text;
  const sentence = text.tokenSentence[colon] ?? -1;
  if (sentence < 0) return null;
  const first = text.sentenceFirstToken[sentence] ?? colon;
  // `Rep. Trey Gowdy (R-S.C.): "…"`: the name is before the party-state tag.
  const tagged = usTagBefore(tokens, colon, first);
  if (tagged !== colon) {
    const phrase = tagged > first ? classifyPhrase(tokens, first, tagged - 1) : null;
    if (phrase === null || phrase.kind !== 'name' || isMedium(text, phrase) || phrase.nameLast === phrase.nameFirst) return null;
    return { verb: colon, verbEnd: colon, speaker: phrase, inverted: false, fragmentOnly: false, according: false, sentence };
  }
  let start = colon;
  while (start > first && !DASHES.has(tokens[start - 1]!.text) && colon - start <= COLON_NAME_WORDS + 6) start -= 1;
  if (start > first && !DASHES.has(tokens[start - 1]!.text)) return null;
  let end = start;
  while (end < colon && tokens[end]!.text !== ',') end += 1;
  end -= 1;
  if (end < start || end - start + 1 > COLON_NAME_WORDS) return null;
  for (let i = start; i <= end; i += 1) {
    const token = tokens[i]!;
    if (token.kind !== 'word' || text.tokenQuote[i] !== -1 || !/^\p{Lu}/u.test(token.text) && !NAME_PARTICLE_WORDS.has(token.lower)) return null;
    if (/['’]s$/.test(token.lower)) return null;
  }
  if (start === end && (CAPITALISED_FUNCTION_WORDS.has(tokens[start]!.lower) || COLON_LABELS.has(tokens[start]!.lower))) return null;
  const phrase = classifyPhrase(tokens, start, end);
  if (phrase === null || phrase.kind !== 'name' || isMedium(text, phrase)) return null;
  for (let i = phrase.nameFirst; i <= phrase.nameLast; i += 1) if (NON_PERSON_WORDS.has(tokens[i]!.lower) || COLON_LABELS.has(tokens[i]!.lower)) return null;
  return { verb: colon, verbEnd: colon, speaker: phrase, inverted: false, fragmentOnly: false, according: false, sentence };
}

/**
 * A stand-in cue for the name a dash puts after a quotation, as reader comments and round-ups do:
 * `"…" ― Martha Aguilar`, or a paragraph of its own after the quote: `-Michelle Marks, Philadelphia.`
 * `after` is the first token after the closing mark; the name must end its paragraph or be followed
 * by a comma or a full stop.
 */
export function dashCue(text: ArticleText, after: number): Cue | null {
  const { tokens } = text;
  const dash = tokens[after];
  if (dash === undefined || !DASHES.has(dash.text) || dash.text === '|') return null;
  const paragraphOf = (token: number): number => text.sentenceParagraph[text.tokenSentence[token] ?? -1] ?? -1;
  const paragraph = paragraphOf(after);
  let limit = after + 1;
  while (limit < tokens.length && limit <= after + COLON_NAME_WORDS + 1 && tokens[limit]!.kind === 'word' && paragraphOf(limit) === paragraph) limit += 1;
  const next = tokens[limit];
  // The name ends its paragraph, its sentence or its line ("” ― Jane Roe⏎“Next reader's words …”").
  const lineEnds = next !== undefined && text.body.slice(tokens[limit - 1]!.end, next.start).includes('\n');
  if (next !== undefined && paragraphOf(limit) === paragraph && next.text !== ',' && next.text !== '.' && !lineEnds) return null;
  const phrase = classifyPhrase(tokens, after + 1, limit - 1);
  if (phrase === null || phrase.kind !== 'name' || phrase.nameLast === phrase.nameFirst || isMedium(text, phrase)) return null;
  for (let i = phrase.nameFirst; i <= phrase.nameLast; i += 1) if (!/^\p{Lu}/u.test(tokens[i]!.text) || NON_PERSON_WORDS.has(tokens[i]!.lower)) return null;
  return { verb: after, verbEnd: after, speaker: phrase, inverted: false, fragmentOnly: false, according: false, sentence: text.tokenSentence[after] ?? 0 };
}

const ROLE_OPENERS = new Set(['the', 'his', 'her', 'their', 'its']);
const MAX_OPENING_ROLE_WORDS = 7;

/**
 * A sentence that opens with a role and the name in apposition to it: "Kurt Lang's son, Grant,
 * defended …", "His former business partner at Lenox, Lawrence B. Cummings, called …". The name
 * between the commas is the subject; the possessive's owner and the employer are not.
 */
function nameAfterOpeningRole(text: ArticleText, first: number, before: number): SpeakerPhrase | null {
  const { tokens } = text;
  // The role's owner: "His", "The", or a name in the possessive ("Kurt Lang's", "Clinton's").
  let owner = first;
  if (!ROLE_OPENERS.has(tokens[first]?.lower ?? '')) {
    while (owner < first + 3 && tokens[owner]?.kind === 'word' && isCapitalised(tokens[owner]!.text) && !/['’]s$/.test(tokens[owner]!.lower)) owner += 1;
    const possessive = tokens[owner];
    if (possessive === undefined || possessive.kind !== 'word' || !isCapitalised(possessive.text) || !/['’]s$/.test(possessive.lower)) return null;
  }
  let comma = owner + 1;
  while (comma < before && comma <= first + MAX_OPENING_ROLE_WORDS && tokens[comma]!.kind === 'word' && text.tokenQuote[comma] === -1) comma += 1;
  if (tokens[comma]?.text !== ',' || comma === owner + 1) return null;
  // The role: a role word, before any "at …"/"of …" naming where the person works.
  let role = false;
  for (let k = owner + 1; k < comma && !role; k += 1) {
    if (POST_MODIFIER_WORDS.has(tokens[k]!.lower) || tokens[k]!.lower === 'at') break;
    role = isRoleWord(tokens[k]!.lower.replace(/['’]s$/, '')) || FAMILY_ROLES.has(tokens[k]!.lower);
  }
  if (!role) return null;
  let nameLast = comma;
  while (nameLast + 1 < before && tokens[nameLast + 1]!.kind === 'word' && text.tokenQuote[nameLast + 1] === -1 && (isCapitalised(tokens[nameLast + 1]!.text) || NAME_PARTICLE_WORDS.has(tokens[nameLast + 1]!.lower))) nameLast += 1;
  // "J." of "Lawrence B. Cummings": the initial's full stop stays inside the name.
  while (tokens[nameLast + 1]?.text === '.' && /^\p{Lu}$/u.test(tokens[nameLast]!.text) && isCapitalised(tokens[nameLast + 2]?.text ?? '')) {
    nameLast += 2;
    while (nameLast + 1 < before && tokens[nameLast + 1]!.kind === 'word' && isCapitalised(tokens[nameLast + 1]!.text)) nameLast += 1;
  }
  if (nameLast === comma || tokens[nameLast + 1]?.text !== ',') return null;
  const named = classifyPhrase(tokens, comma + 1, nameLast);
  if (named === null || named.kind !== 'name' || isMedium(text, named)) return null;
  for (let k = named.nameFirst; k <= named.nameLast; k += 1) if (NON_PERSON_WORDS.has(tokens[k]!.lower)) return null;
  // The clause goes on with a lower-case verb: "…, Grant, defended".
  const verb = tokens[nameLast + 2];
  if (verb === undefined || verb.kind !== 'word' || !/^\p{Ll}/u.test(verb.text)) return null;
  return named;
}

/** Family words that, like a role, may stand before a name in apposition: "Kurt Lang's son, Grant,". */
const FAMILY_ROLES = new Set(['son', 'daughter', 'wife', 'husband', 'brother', 'sister', 'father', 'mother', 'widow', 'nephew', 'niece', 'cousin', 'grandson', 'granddaughter', 'partner', 'friend']);

/** The first name or pronoun of a sentence outside quotation marks: the subject of its main clause. */
function firstPhraseOf(text: ArticleText, first: number, before: number, withRoles = false): SpeakerPhrase | null {
  if (withRoles) {
    const appositive = nameAfterOpeningRole(text, first, before);
    if (appositive !== null) return appositive;
  }
  for (let i = first; i < before && i < first + SUBJECT_SEARCH_TOKENS; i += 1) {
    const token = text.tokens[i]!;
    if (token.kind !== 'word' || text.tokenQuote[i] !== -1) continue;
    if (PRONOUNS.has(token.lower) || (/^\p{Lu}/u.test(token.text) && (!CAPITALISED_FUNCTION_WORDS.has(token.lower) || (withRoles && DETERMINERS.has(token.lower))))) {
      let phrase = phraseStartingAt(text.tokens, i, before);
      // "The Republican candidate began by …, saying": an irregular verb ran into the description; its head is the role.
      if (withRoles && phrase !== null && phrase.kind === 'description' && !isRoleWord(text.tokens[phrase.last]!.lower)) {
        for (let k = phrase.last - 1; k > phrase.first; k -= 1) {
          if (!isRoleWord(text.tokens[k]!.lower)) continue;
          // "A spokesman for Platte River Networks declined …, saying": the post-modifier's name stays with the role.
          let end = k;
          if (POST_MODIFIER_WORDS.has(text.tokens[k + 1]?.lower ?? '') || text.tokens[k + 1]?.lower === 'at') {
            let n = k + 2;
            if (DETERMINERS.has(text.tokens[n]?.lower ?? '')) n += 1;
            while (n <= phrase.last && isCapitalised(text.tokens[n]!.text)) n += 1;
            if (n - 1 > k + 1 && isCapitalised(text.tokens[n - 1]!.text)) end = n - 1;
          }
          phrase = classifyPhrase(text.tokens, phrase.first, end);
          break;
        }
      }
      // "Facing criticism, Mr. Lowe …", "Ever since …": a sentence's capital on a common word is no one.
      if (phrase !== null && phrase.kind === 'name' && phrase.nameFirst === i && phrase.nameLast === i && isSentenceCaseWord(text, i)) continue;
      // "Facing mounting criticism, Mr. Trump released …, insisting": an opening participle before a
      // lower-case word is no name, even where the article never writes the word in lower case.
      // The subject comes after the clause's comma: "Acknowledging that Trump “says …,” though, Allen did".
      if (phrase !== null && phrase.kind === 'name' && i === first && phrase.nameLast === i && OPENING_PARTICIPLE.test(token.text) && /^\p{Ll}/u.test(text.tokens[i + 1]?.text ?? '')) {
        while (i + 1 < before && !(text.tokens[i + 1]!.text === ',' && text.tokenQuote[i + 1] === -1 && !CLOSING_MARKS.has(text.tokens[i + 2]?.text ?? ''))) i += 1;
        i += 1;
        continue;
      }
      // "Rep. Hakeem Jeffries (D-N.Y.) reacted to the news, saying": the verb comes after the tag.
      const next = phrase === null ? undefined : text.tokens[afterUsTag(text.tokens, phrase.last + 1)];
      // "But in an interview with the Financial Times, Mr Blair refused …, saying": the subject has its verb next.
      const acceptable = phrase !== null && (phrase.kind !== 'description' || (withRoles && isRoleWord(text.tokens[phrase.last]!.lower)));
      // "Mr Johnson, MP for Henley, said he …": a person's full name opening the sentence before an appositive is its subject.
      // "76-year-old Morton Blackwell, founder of …, endorsed Cruz, saying": an age before the name opens it too.
      const opensSentence = i === first || (i === first + 1 && (HONORIFICS.has(text.tokens[first]!.lower) || /^\p{N}+-year-old$/u.test(text.tokens[first]!.lower)));
      // "Perry, who hugged Clinton …, shouted": before a relative clause even a lone surname is the subject.
      const relativeFollows = text.tokens[(phrase?.last ?? 0) + 2]?.lower === 'who';
      const appositiveFollows = withRoles && opensSentence && next?.text === ',' && phrase !== null && phrase.kind === 'name' && (phrase.nameLast > phrase.nameFirst || relativeFollows || HONORIFICS.has(text.tokens[phrase.nameFirst - 1]?.lower ?? ''));
      if (acceptable && !isMedium(text, phrase!) && next !== undefined && ((next.kind === 'word' && /^\p{Ll}/u.test(next.text)) || (withRoles && /^["“]$/.test(next.text)) || appositiveFollows)) return phrase;
    }
  }
  return null;
}

function quoteFreeLimit(text: ArticleText, from: number, end: number): number {
  let limit = from;
  while (limit < end && text.tokenQuote[limit] === -1 && !/^["“”]$|^''$/.test(text.tokens[limit]!.text)) limit += 1;
  return limit;
}

/** "told the BBC", "told BBC News", "told reporters": the audience belongs to the cue. */
function cueEnd(text: ArticleText, verb: number, end: number): number {
  const lower = text.tokens[verb]!.lower;
  if (lower === 'pointed' && text.tokens[verb + 1]?.lower === 'out') return verb + 1;
  const phraseEnd = phraseVerbEnd(text, verb);
  if (phraseEnd > verb) return phraseEnd;
  if (lower !== 'told' && lower !== 'tells' && lower !== 'telling') return verb;
  const { tokens } = text;
  let last = verb;
  let i = verb + 1;
  const withDeterminer = tokens[i] !== undefined && DETERMINERS.has(tokens[i]!.lower);
  if (withDeterminer) {
    last = i;
    i += 1;
  }
  // "told the seminar", "told a press conference", "told BBC Radio 4's Today programme", "told MPs", "told him".
  for (; i < end && i <= verb + 6; i += 1) {
    const token = tokens[i]!;
    if (token.kind !== 'word' || text.tokenQuote[i] !== -1) break;
    const lower = token.lower.replace(/['’]s$/, '');
    if (lower === 'that' || PHRASE_BREAKERS.has(lower) || PRONOUNS.has(lower) || DETERMINERS.has(lower)) break;
    const plural = i === verb + 1 && /^\p{Ll}{3,}[^s']s$/u.test(token.text);
    const objectWord = /^\p{Lu}|^\d/u.test(token.text) || AUDIENCE_WORDS.has(lower) || MEDIA.has(lower) || OBJECT_PRONOUNS.has(lower) || plural || /['’]s$/.test(tokens[i - 1]!.lower);
    if (!objectWord && !(withDeterminer && i <= verb + 4)) break;
    last = i;
    if (OBJECT_PRONOUNS.has(lower) || plural) break;
  }
  return last;
}


/**
 * Last token of a multi-word speech phrase starting at `verb` ("made it clear", "made clear", "called
 * on"), or -1: these report speech only with the words that follow the verb.
 */
export function phraseVerbEnd(text: ArticleText, verb: number): number {
  const { tokens } = text;
  const lower = tokens[verb]!.lower;
  if (lower === 'made' || lower === 'makes' || lower === 'make') {
    if (tokens[verb + 1]?.lower === 'clear') return verb + 1;
    if (tokens[verb + 1]?.lower === 'it' && tokens[verb + 2]?.lower === 'clear') return verb + 2;
  }
  if ((lower === 'called' || lower === 'calls') && tokens[verb + 1]?.lower === 'on') return verb + 1;
  // `"…," Trump went on, as if …`, `"…" Beck questioned.`: right after a quotation and its speaker's name
  // these verbs report the quotation; elsewhere ("went on a tour", "questioned the plan") they do not.
  if (POST_QUOTE_VERBS.has(lower) && afterQuoteAndName(text, verb)) {
    if (lower === 'went' || lower === 'goes') return tokens[verb + 1]?.lower === 'on' && tokens[verb + 2]?.lower !== 'to' ? verb + 1 : -1;
    if (lower === 'chimed') return tokens[verb + 1]?.lower === 'in' ? verb + 1 : -1;
  }
  return -1;
}

/** `"…" Beck questioned.`: a one-word {@link POST_QUOTE_VERBS} verb ending its clause after a quotation and a name. */
function reportsQuoteBefore(text: ArticleText, verb: number): boolean {
  const lower = text.tokens[verb]!.lower;
  if (!POST_QUOTE_VERBS.has(lower) || lower === 'went' || lower === 'goes' || lower === 'chimed') return false;
  const next = text.tokens[verb + 1];
  return (next === undefined || next.kind === 'punct') && afterQuoteAndName(text, verb);
}

/** Verbs that report a quotation only written right after it and its speaker's name: see {@link phraseVerbEnd}. */
const POST_QUOTE_VERBS = new Set(['went', 'goes', 'questioned', 'started', 'began', 'beamed', 'gushed', 'marveled', 'marvelled', 'mused', 'deadpanned', 'chimed']);

/** `"…" Hannity started`: a closing mark (and comma), then one to four capitalised words or he/she, then tokens[verb]. */
function afterQuoteAndName(text: ArticleText, verb: number): boolean {
  const { tokens } = text;
  let at = verb - 1;
  const pronoun = tokens[at]?.lower === 'he' || tokens[at]?.lower === 'she';
  if (pronoun) at -= 1;
  else {
    const last = at;
    while (at >= 0 && last - at < 4 && tokens[at]!.kind === 'word' && isCapitalised(tokens[at]!.text) && text.tokenQuote[at] === -1) at -= 1;
    if (at === last) return false;
  }
  if (at >= 0 && tokens[at]!.text === ',') at -= 1;
  return at >= 0 && isClosingMark(text, at);
}

/** A capitalised participle that opens a sentence's clause ('Facing criticism, …', 'Putting it sharply, …'): no name. */
const OPENING_PARTICIPLE = /^\p{Lu}\p{Ll}+ing$/u;

const OUTLETS = /^(?:reuters|bbc(?: news| radio \w+| world)?|ap|afp|cnn|itv(?: news)?|sky news|bloomberg|interfax|itar-tass|tass|xinhua|kyodo|nbc|abc|cbs|npr|pa|associated press|press association|financial times|ft|times|sunday times|guardian|observer|telegraph|daily \w+|sunday \w+|independent|mirror|sun|express|new york times|washington post|wall street journal|economist|le monde|der spiegel|newsweek|time magazine)$/;

/**
 * Outlets are no speakers where they carry someone's words: "as quoted by Reuters", "according to the
 * Financial Times", "told CNN". Only as the subject of a writing or reporting verb do they speak.
 */
export function isMedium(text: ArticleText, phrase: SpeakerPhrase): boolean {
  if (phrase.kind !== 'name') return false;
  const words: string[] = [];
  for (let i = phrase.nameFirst; i <= phrase.nameLast; i += 1) words.push(text.tokens[i]!.lower.replace(/['’]s$/, ''));
  if (!OUTLETS.test(words.join(' '))) return false;
  // "Michael Bloomberg … "…," Bloomberg told New York magazine": a surname the article gives a person.
  return !(words.length === 1 && surnamesOfPeople(text).has(words[0]!));
}

const SURNAMES_OF_PEOPLE = new WeakMap<ArticleText, Set<string>>();

/** Lower-case words the article writes right after a known given name ("Michael Bloomberg" → "bloomberg"). */
function surnamesOfPeople(text: ArticleText): Set<string> {
  let surnames = SURNAMES_OF_PEOPLE.get(text);
  if (surnames === undefined) {
    surnames = new Set();
    const { tokens } = text;
    for (let i = 1; i < tokens.length; i += 1) {
      const previous = tokens[i - 1]!;
      if (tokens[i]!.kind === 'word' && isCapitalised(tokens[i]!.text) && isCapitalised(previous.text) && GIVEN_NAMES.has(previous.lower) && previous.end + 1 >= tokens[i]!.start) surnames.add(tokens[i]!.lower.replace(/['’]s$/, ''));
    }
    SURNAMES_OF_PEOPLE.set(text, surnames);
  }
  return surnames;
}
