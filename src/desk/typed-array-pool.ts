/**
 * Corpus-sized typed arrays handed from one version to the next instead of allocated afresh.
 *
 * Why: V8 starts marking the whole heap when the bytes held outside it (typed arrays' memory)
 * grow by 64 MB since its last full collection. A reload at 500k articles allocated ≈90 MB of
 * per-quote arrays, and marking a 2 GB heap of small objects then ran on the main thread in
 * back-to-back steps, holding answers for 0.3–1.4 s (docs/performance.md, "External memory and
 * the first reload's stall"). Arrays that come back from a retired version, or that a build only
 * needed while it ran, are the same bytes the collector already counts: no growth, no marking.
 *
 * The pool never hands out an array something can still read: a version gives its arrays back
 * only when it is retired (see `CorpusVersion.retire`), a build gives back its scratch arrays when
 * it no longer reads them, and an array taken is the taker's alone until it gives it back.
 */
export type PooledArray = Uint8Array | Uint16Array | Int32Array | Uint32Array | Float64Array;

export type PooledKind = 'Uint8Array' | 'Uint16Array' | 'Int32Array' | 'Uint32Array' | 'Float64Array';
const CONSTRUCTORS = { Uint8Array, Uint16Array, Int32Array, Uint32Array, Float64Array } as const;
export type ArrayOf<K extends PooledKind> = InstanceType<(typeof CONSTRUCTORS)[K]>;

/** Arrays kept per kind: a version holds at most three of one kind, a build's scratch two. */
const KEPT_PER_KIND = 8;

/** Where a build takes its per-quote arrays from and gives its scratch back to: a {@link TypedArrayPool} or an {@link ArrayLoan} of one. */
export interface TypedArraySource {
  take<K extends PooledKind>(kind: K, length: number, fill?: number): ArrayOf<K>;
  give(...arrays: ReadonlyArray<PooledArray | undefined>): void;
}

export class TypedArrayPool implements TypedArraySource {
  /** Arrays given back, each spanning its whole buffer, by kind. */
  private readonly free = new Map<PooledKind, PooledArray[]>();
  /** Buffers this pool allocated: only those are taken back (a view of someone else's buffer may share it). */
  private readonly own = new WeakSet<ArrayBufferLike>();
  /** Bytes reused rather than allocated, and bytes allocated, since the pool was made: for tests and the bench. */
  readonly counts = { reusedBytes: 0, allocatedBytes: 0 };

  /**
   * An array of `length` zeros (`fill` if given), reusing a given-back one of the same kind if one
   * is large enough, else allocated with room for a corpus that grows a little.
   *
   * @example const speaker = pool.take('Int32Array', documents, -1);
   */
  take<K extends PooledKind>(kind: K, length: number, fill = 0): ArrayOf<K> {
    const free = this.free.get(kind) ?? [];
    let best = -1;
    for (let i = 0; i < free.length; i += 1) if (free[i]!.length >= length && (best < 0 || free[i]!.length < free[best]!.length)) best = i;
    let whole: PooledArray;
    if (best >= 0) {
      whole = free.splice(best, 1)[0]!;
      this.counts.reusedBytes += length * whole.BYTES_PER_ELEMENT;
    } else {
      whole = new CONSTRUCTORS[kind](withRoom(length));
      this.own.add(whole.buffer);
      this.counts.allocatedBytes += whole.byteLength;
    }
    const array = whole.subarray(0, length) as ArrayOf<K>;
    array.fill(fill);
    return array;
  }

  /**
   * Gives arrays back for a later {@link take}. The caller promises that nothing reads or writes
   * them any more. Arrays this pool did not allocate are ignored.
   */
  give(...arrays: ReadonlyArray<PooledArray | undefined>): void {
    for (const array of arrays) {
      if (array === undefined || !this.own.has(array.buffer)) continue;
      const kind = array.constructor.name as PooledKind;
      const whole = new CONSTRUCTORS[kind](array.buffer as ArrayBuffer);
      const free = this.free.get(kind) ?? [];
      if (free.some((held) => held.buffer === whole.buffer)) continue;
      free.push(whole);
      // The largest are kept: a corpus only grows by a few quotes per reload.
      free.sort((a, b) => b.length - a.length);
      free.length = Math.min(free.length, KEPT_PER_KIND);
      this.free.set(kind, free);
    }
  }

  /**
   * A loan for one build: it takes and gives through this pool and remembers what it holds, so
   * that a build that fails, or whose version is never served, can give it all back at once.
   *
   * @example const loan = pool.lend(); try { await build(loan); } catch (error) { loan.giveAllBack(); throw error; }
   */
  lend(): ArrayLoan {
    return new ArrayLoan(this);
  }

  /** Whether `array` shares memory with an array this pool holds free (for tests). */
  holds(array: PooledArray): boolean {
    return [...this.free.values()].some((free) => free.some((held) => held.buffer === array.buffer));
  }
}

/**
 * What one build has taken from a pool and not given back. Why: a reload that fails (its deadline,
 * a read error, an exception after the build) or is refused (the folder yielded no articles) leaves
 * a version nobody serves, and at 500k articles its ≈90 MB of arrays, never given back, were
 * allocated afresh by the next reload, whose growth past V8's budget set off marking of the
 * whole heap again. Nothing reads a failed build's arrays: they all go back.
 */
export class ArrayLoan implements TypedArraySource {
  /** What was taken through this loan and not given back, by buffer (a given-back view may be another object on the same buffer). */
  private readonly held = new Map<ArrayBufferLike, PooledArray>();

  constructor(private readonly pool: TypedArrayPool) {}

  take<K extends PooledKind>(kind: K, length: number, fill = 0): ArrayOf<K> {
    const array = this.pool.take(kind, length, fill);
    this.held.set(array.buffer, array);
    return array;
  }

  give(...arrays: ReadonlyArray<PooledArray | undefined>): void {
    for (const array of arrays) if (array !== undefined) this.held.delete(array.buffer);
    this.pool.give(...arrays);
  }

  /** Gives back everything taken and not yet given: the caller promises nothing reads any of it (its build failed or its version was never served). */
  giveAllBack(): void {
    const outstanding = [...this.held.values()];
    this.held.clear();
    this.pool.give(...outstanding);
  }
}

/** Room for about 3 % more, so the next few reloads' slightly larger corpus fits the same arrays. */
function withRoom(length: number): number {
  return length + (length >>> 5) + 1024;
}
