import { LargeMap } from '../large-map.js';

/** What a version reads of its per-article maps: lookups by id only. */
export interface Lookup<V> {
  get(key: string): V | undefined;
}

/** Chains longer than this are flattened into one map by the next full walk (see {@link LookupChain.deep}). */
const MAX_DEPTH = 16;

/**
 * A read-only map by id made of the previous version's and the entries that differ from it
 * (`undefined` for one that left): a reload that changes a few articles of 500k then allocates a
 * few entries, not a new 500k-entry map (each was ~0.1 s of a reload and a share of the
 * collector's work). Versions never change a chain they share; each link is a small map.
 */
/** Marks a key that left, in a link over the first: one lookup per link then says "gone" or "look further up". */
const GONE = Symbol('gone');

export class LookupChain<V> implements Lookup<V> {
  private constructor(
    private readonly own: ReadonlyMap<string, V | typeof GONE>,
    private readonly parent: LookupChain<V> | null,
    readonly depth: number,
  ) {}

  /** A whole map as the first link. */
  static of<V>(map: ReadonlyMap<string, V>): LookupChain<V> {
    return new LookupChain<V>(map, null, 0);
  }

  /** This chain with `changes` over it (`undefined`: the key left). */
  with(changes: ReadonlyMap<string, V | undefined>): LookupChain<V> {
    if (changes.size === 0) return this;
    // A reload that re-extracts every article chains a change per article: 500k entries.
    const own = new LargeMap<string, V | typeof GONE>();
    for (const [key, value] of changes) own.set(key, value === undefined ? GONE : value);
    return new LookupChain(own, this, this.depth + 1);
  }

  /** Whether lookups walk enough links that the next version should make one map again. */
  get deep(): boolean {
    return this.depth >= MAX_DEPTH;
  }

  get(key: string): V | undefined {
    for (let link: LookupChain<V> | null = this; link !== null; link = link.parent) {
      const value = link.own.get(key);
      if (value !== undefined) return value === GONE ? undefined : value;
    }
    return undefined;
  }
}
