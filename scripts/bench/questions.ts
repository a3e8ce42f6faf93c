import type { CorpusVersion } from '../../src/desk/corpus-version.js';
import type { Speaker } from '../../src/quotes/speaker-directory.js';
import { indexTerms } from '../../src/search/terms.js';

/** One benchmark question and the shape it exercises. */
export interface BenchQuestion {
  kind: 'speaker+topic' | 'speaker' | 'topic' | 'misspelled';
  question: string;
}

/** Questions of each kind; 4 × 55 = 220 ≥ the 200 the issue asks for. */
const PER_KIND = 55;
const MIN_TOPIC_CHARS = 5;
/** Frequent in news quotes but nobody's topic. */
const NOT_TOPICS = new Set(
  'january february march april may june july august september october november december monday tuesday wednesday thursday friday saturday sunday there their would could should about which these those think going being years first'.split(' '),
);

/**
 * A fixed list of realistic questions built from this corpus's own speakers and words, so a
 * question finds something the way a real one would. Deterministic: the same corpus (or a
 * replicated one, whose counts only scale) always gives the same list, in the same order.
 */
export function buildQuestions(version: CorpusVersion): BenchQuestion[] {
  const speakers = namedPeople(version);
  const topicsFor = (speaker: Speaker): string[] => topWords(version.quotesBy(speaker.key).map((record) => record.quote.text), nameWords(speaker), 3);
  const globalTopics = topWords(
    [...version.allQuotes()].map((record) => record.quote.text),
    new Set(),
    PER_KIND,
  );
  const questions: BenchQuestion[] = [];
  if (speakers.length === 0 || globalTopics.length === 0) return questions;
  const speakerTopic = ['What did {name} say about {topic}?', '{surname} on {topic}', 'quotes from {name} about {topic}', 'what has {surname} said about {topic}'];
  const speakerOnly = ['What did {name} say?', 'what has {surname} said', 'quotes from {name}', "{name}'s comments"];
  const misspelled = ['What did {misspelt} say about {topic}?', 'what has {misspelt} said', '{misspelt} on {topic}'];
  for (let i = 0; i < PER_KIND; i += 1) {
    const speaker = speakers[i % speakers.length]!;
    const ownTopics = topicsFor(speaker);
    const topic = ownTopics[Math.floor(i / speakers.length) % Math.max(1, ownTopics.length)] ?? globalTopics[i % globalTopics.length]!;
    const fill = (template: string): string =>
      template
        .replace('{name}', speaker.name)
        .replace('{surname}', surname(speaker.name))
        .replace('{misspelt}', misspell(surname(speaker.name), i))
        .replace('{topic}', topic);
    questions.push({ kind: 'speaker+topic', question: fill(speakerTopic[i % speakerTopic.length]!) });
    questions.push({ kind: 'speaker', question: fill(speakerOnly[i % speakerOnly.length]!) });
    questions.push({ kind: 'misspelled', question: fill(misspelled[i % misspelled.length]!) });
    const bare = globalTopics[i % globalTopics.length]!;
    questions.push({ kind: 'topic', question: i % 2 === 0 ? bare : `who said anything about ${bare}` });
  }
  return questions;
}

/** What people type into `/quote speaker:`: the first 1–4 letters of first names and surnames. */
export function autocompletePrefixes(version: CorpusVersion): string[] {
  const prefixes: string[] = [''];
  for (const speaker of namedPeople(version).slice(0, 60)) {
    const [first = '', last = ''] = [speaker.name.split(' ')[0], surname(speaker.name)];
    for (let length = 1; length <= 4; length += 1) prefixes.push(first.slice(0, length), last.slice(0, length));
  }
  return prefixes;
}

/** People with a proper two-or-more-word name, most quoted first (ties by name, for determinism). */
function namedPeople(version: CorpusVersion): Speaker[] {
  return version.speakers
    .all()
    .filter((speaker) => speaker.person && /^\p{Lu}[\p{L}.'-]+(?: \p{Lu}[\p{L}.'-]+)+$/u.test(speaker.name) && speaker.quoteCount >= 2)
    .sort((a, b) => b.quoteCount - a.quoteCount || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .slice(0, PER_KIND);
}

/** The most frequent topic-like words (≥5 letters, not stopwords, not the speaker's own name). */
function topWords(texts: readonly string[], exclude: ReadonlySet<string>, limit: number): string[] {
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const token of new Set(words(text))) {
      if (token.length < MIN_TOPIC_CHARS || exclude.has(token) || NOT_TOPICS.has(token) || /\d/.test(token) || indexTerms(token) === null) continue;
      counts.set(token, (counts.get(token) ?? 0) + 1);
    }
  }
  return [...counts]
    .filter(([, count]) => count >= 2)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, limit)
    .map(([word]) => word);
}

function nameWords(speaker: Speaker): Set<string> {
  return new Set([speaker.name, ...speaker.aliases].flatMap(words));
}

/** Words as a person would type them (not the index's rewritten tokens: "US", not "unitedstates"). */
function words(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 0);
}

function surname(name: string): string {
  return name.split(' ').at(-1)!;
}

/** A typing slip: two neighbouring letters swapped, or one dropped, at a position that varies by question. */
function misspell(word: string, seed: number): string {
  if (word.length < 4) return `${word}${word.at(-1)}`;
  const at = 1 + (seed % (word.length - 2));
  return seed % 2 === 0 ? word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2) : word.slice(0, at) + word.slice(at + 1);
}
