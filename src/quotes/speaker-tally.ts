import { normaliseName } from './speaker-names.js';

/** What one article contributes: its speakers (as the extractor names them) and how often each is quoted. */
export interface ArticleSpeakers {
  articleId: string;
  speakers: ReadonlyArray<{ name: string; aliases: readonly string[]; person: boolean }>;
  /** Quote count per article-level speaker name. */
  quoteCounts: ReadonlyMap<string, number>;
}

/**
 * One way the corpus names a speaker (a normalised name, person or not), summed over every
 * article that names them so: what the {@link SpeakerDirectory} is derived from. Sums, not lists,
 * so that an article can be taken out as easily as it was put in.
 */
export interface NameTally {
  readonly normalised: string;
  readonly person: boolean;
  /** Quotes credited to this name. */
  quotes: number;
  /** Article-level speaker entries with this name (an article may list one twice). */
  entries: number;
  /** Articles naming the speaker so, each counted once. */
  articles: number;
  /** Surface forms written as the speaker's name ("Mr Blair", "Tony Blair"), with how many entries wrote each. */
  readonly names: Map<string, number>;
  /** Surface forms written as name or alias, with how many entries wrote each. */
  readonly aliases: Map<string, number>;
  /** The tally that owns this entry: entries are shared between tallies until one of them changes. */
  owner: SpeakerTally;
}

/**
 * Every article's speakers, summed per name. A reload that adds one article to 500k updates
 * the tally by that article alone and derives the directory from the sums (a pass over the
 * corpus's names, not its articles), where merging every article's speakers afresh was a third of
 * a one-article reload's time. A reload's tally is a copy: entries are shared with the version
 * before it and copied only when changed, so the serving version's tally is never touched and a
 * reload that fails half way leaves nothing to undo.
 */
export class SpeakerTally {
  private readonly byName: Map<string, NameTally>;
  /**
   * Every alias surface's normalised form, shared by a tally and its copies: a corpus has more
   * distinct aliases than the global name cache holds, and normalising is a handful of regular
   * expressions (most of a derivation's time when they were normalised afresh).
   */
  private readonly normalisedSurfaces: Map<string, string>;

  private constructor(byName: Map<string, NameTally>, normalisedSurfaces: Map<string, string>) {
    this.byName = byName;
    this.normalisedSurfaces = normalisedSurfaces;
  }

  static empty(): SpeakerTally {
    return new SpeakerTally(new Map(), new Map());
  }

  /** A tally to change without changing this one. */
  copy(): SpeakerTally {
    return new SpeakerTally(new Map(this.byName), this.normalisedSurfaces);
  }

  /** {@link normaliseName} of a name or alias the tally holds, remembered. */
  normalised(surface: string): string {
    let known = this.normalisedSurfaces.get(surface);
    if (known === undefined) {
      known = normaliseName(surface);
      this.normalisedSurfaces.set(surface, known);
    }
    return known;
  }

  /** Names in the tally: the size of the work {@link SpeakerDirectory.fromTally} does. */
  get size(): number {
    return this.byName.size;
  }

  /** Whether some article names a speaker so. */
  has(normalised: string, person: boolean): boolean {
    return this.byName.has(identity(normalised, person));
  }

  names(): IterableIterator<NameTally> {
    return this.byName.values();
  }

  add(article: ArticleSpeakers): void {
    this.count(article, 1);
  }

  /** Takes out an article added before (the same speakers and counts it was added with). */
  remove(article: ArticleSpeakers): void {
    this.count(article, -1);
  }

  private count(article: ArticleSpeakers, sign: 1 | -1): void {
    const seen = new Set<NameTally>();
    for (const speaker of article.speakers) {
      const normalised = this.normalised(speaker.name);
      if (normalised.length === 0) continue;
      const tally = this.own(normalised, speaker.person, sign);
      if (tally === undefined) continue;
      tally.quotes += sign * (article.quoteCounts.get(speaker.name) ?? 0);
      tally.entries += sign;
      bump(tally.names, speaker.name, sign);
      bump(tally.aliases, speaker.name, sign);
      for (const alias of speaker.aliases) bump(tally.aliases, alias, sign);
      if (!seen.has(tally)) {
        seen.add(tally);
        tally.articles += sign;
      }
    }
    for (const tally of seen) if (tally.entries <= 0) this.byName.delete(identity(tally.normalised, tally.person));
  }

  /** The entry for a name, this tally's own copy; undefined when removing a name never added. */
  private own(normalised: string, person: boolean, sign: 1 | -1): NameTally | undefined {
    const id = identity(normalised, person);
    const held = this.byName.get(id);
    if (held === undefined) {
      if (sign < 0) return undefined;
      const fresh: NameTally = { normalised, person, quotes: 0, entries: 0, articles: 0, names: new Map(), aliases: new Map(), owner: this };
      this.byName.set(id, fresh);
      return fresh;
    }
    if (held.owner === this) return held;
    const mine: NameTally = { ...held, names: new Map(held.names), aliases: new Map(held.aliases), owner: this };
    this.byName.set(id, mine);
    return mine;
  }
}

function identity(normalised: string, person: boolean): string {
  return `${person ? 'p' : 'o'}:${normalised}`;
}

function bump(counts: Map<string, number>, key: string, by: number): void {
  const next = (counts.get(key) ?? 0) + by;
  if (next > 0) counts.set(key, next);
  else counts.delete(key);
}
