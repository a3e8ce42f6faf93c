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
export class LookupChain<V> implements Lookup<V> {
  private constructor(
    private readonly own: ReadonlyMap<string, V | undefined>,
    private readonly parent: LookupChain<V> | null,
    readonly depth: number,
  ) {}

  /** A whole map as the first link. */
  static of<V>(map: ReadonlyMap<string, V>): LookupChain<V> {
    return new LookupChain<V>(map, null, 0);
  }

  /** This chain with `changes` over it. */
  with(changes: ReadonlyMap<string, V | undefined>): LookupChain<V> {
    return changes.size === 0 ? this : new LookupChain(changes, this, this.depth + 1);
  }

  /** Whether lookups walk enough links that the next version should make one map again. */
  get deep(): boolean {
    return this.depth >= MAX_DEPTH;
  }

  get(key: string): V | undefined {
    for (let link: LookupChain<V> | null = this; link !== null; link = link.parent) {
      const value = link.own.get(key);
      if (value !== undefined || (link.parent !== null && link.own.has(key))) return value;
    }
    return undefined;
  }
}
