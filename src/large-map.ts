/**
 * Maps and sets for the hundreds of thousands of entries a build makes while answers are served.
 *
 * V8 grows a `Map` or `Set` by rehashing its whole table in one synchronous step. At 505k articles
 * and 2M quotes that one step is where a build's time slices cannot reach: measured on this
 * machine, the insertion that grows a `Set` past 2,097,152 strings takes 178 ms and a `Map`'s
 * 328 ms (`node scripts/bench/rehash-stall.ts`), and the 505k cold build's longest stalls fell in
 * such insertions (`scripts/bench/stall-causes.ts --copies 24 --cold`). Split over
 * {@link SHARDS} maps, no insertion rehashes more than a 64th of the entries.
 *
 * Both keep insertion order, as `Map` and `Set` do, so they can stand in for them wherever a
 * build's result is iterated. Neither deletes: they are for maps built once and then read.
 */

/** Enough that a 2M-entry table grows in steps of ≈32k entries (a few milliseconds). */
const SHARDS = 64;

/** The shard a key lives in: a few characters and the length, enough to spread ids and names. */
function shardOf(key: string | number): number {
  if (typeof key === 'number') return (key ^ (key >>> 6) ^ (key >>> 12)) & (SHARDS - 1);
  let hash = key.length;
  for (let i = Math.max(0, key.length - 8); i < key.length; i += 1) hash = (hash * 31 + key.charCodeAt(i)) | 0;
  hash ^= key.charCodeAt(key.length >> 1) || 0;
  return (hash ^ (hash >>> 7)) & (SHARDS - 1);
}

/** A `Map` without delete, whose growth never rehashes more than a shard (see the module comment). */
export class LargeMap<K extends string | number, V> implements ReadonlyMap<K, V> {
  private readonly shards: Array<Map<K, V>> = Array.from({ length: SHARDS }, () => new Map<K, V>());
  /** Keys in insertion order: what iteration walks. */
  private readonly order: K[] = [];

  get size(): number {
    return this.order.length;
  }

  get(key: K): V | undefined {
    return this.shards[shardOf(key)]!.get(key);
  }

  has(key: K): boolean {
    return this.shards[shardOf(key)]!.has(key);
  }

  set(key: K, value: V): this {
    const shard = this.shards[shardOf(key)]!;
    const size = shard.size;
    // One lookup, not `has` then `set`: a new key is one that grew the shard.
    if (shard.set(key, value).size !== size) this.order.push(key);
    return this;
  }

  *keys(): MapIterator<K> {
    yield* this.order;
  }

  *values(): MapIterator<V> {
    for (const key of this.order) yield this.get(key)!;
  }

  *entries(): MapIterator<[K, V]> {
    for (const key of this.order) yield [key, this.get(key)!];
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void): void {
    for (const key of this.order) callback(this.get(key)!, key, this);
  }
}

/** A `Set` without delete, whose growth never rehashes more than a shard (see the module comment). */
export class LargeSet<K extends string | number> implements ReadonlySet<K> {
  private readonly shards: Array<Set<K>> = Array.from({ length: SHARDS }, () => new Set<K>());
  private readonly order: K[] = [];

  get size(): number {
    return this.order.length;
  }

  has(key: K): boolean {
    return this.shards[shardOf(key)]!.has(key);
  }

  add(key: K): this {
    const shard = this.shards[shardOf(key)]!;
    const size = shard.size;
    if (shard.add(key).size !== size) this.order.push(key);
    return this;
  }

  *keys(): SetIterator<K> {
    yield* this.order;
  }

  values(): SetIterator<K> {
    return this.keys();
  }

  *entries(): SetIterator<[K, K]> {
    for (const key of this.order) yield [key, key];
  }

  [Symbol.iterator](): SetIterator<K> {
    return this.keys();
  }

  forEach(callback: (value: K, key: K, set: ReadonlySet<K>) => void): void {
    for (const key of this.order) callback(key, key, this);
  }
}
