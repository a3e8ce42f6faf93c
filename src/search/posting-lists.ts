/**
 * Growing posting lists for the index builder, one (document, frequency) pair per posting, kept in
 * typed-array pages rather than one JS array per term: 8 bytes a posting instead of 16 to 32, out
 * of the garbage collector's way, and no copying as lists grow. Each term's list is a chain of
 * blocks that double in size (up to {@link MAX_BLOCK}), so short lists waste little and long lists
 * are few blocks.
 */

/** Numbers per page: 4 MB pages. Addresses are page << PAGE_BITS | offset, below 2³¹ for up to 8 GB. */
const PAGE_BITS = 20;
const PAGE = 1 << PAGE_BITS;
const OFFSET_MASK = PAGE - 1;
/** Numbers in a term's first block (two postings) and the most in any block. */
const FIRST_BLOCK = 4;
const MAX_BLOCK = 1 << 14;
/** A block is [next block address (0 = none), numbers…]; address 0 is never a block. */
const NO_BLOCK = 0;

/** The first position in `values[from..to)` (ascending, as a term's postings are) holding `value` or more, else `to`. */
export function firstAtLeast(values: Uint32Array, value: number, from: number, to: number): number {
  let low = from;
  let high = to;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (values[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

export class PostingListsBuilder {
  private readonly pages: Uint32Array[] = [new Uint32Array(PAGE)];
  /** Next free number in the last page; starts at 1 so that address 0 means "none". */
  private free = 1;
  private head: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private tail: Int32Array<ArrayBuffer> = new Int32Array(1024);
  /** Numbers used in, and the capacity of, each term's last block. */
  private tailUsed: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private tailCapacity: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private postingCount: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private total = 0;

  /** Postings across all terms. */
  get size(): number {
    return this.total;
  }

  /** Appends a posting to a term's list; documents must come in ascending order per term. */
  append(term: number, doc: number, freq: number): void {
    if (term >= this.head.length) this.growTerms(term + 1);
    let block = this.tail[term]!;
    let used = this.tailUsed[term]!;
    if (block === NO_BLOCK || used + 2 > this.tailCapacity[term]!) {
      const capacity = block === NO_BLOCK ? FIRST_BLOCK : Math.min(MAX_BLOCK, this.tailCapacity[term]! * 2);
      const fresh = this.allocate(capacity);
      if (block === NO_BLOCK) this.head[term] = fresh;
      else this.pages[block >>> PAGE_BITS]![block & OFFSET_MASK] = fresh;
      this.tail[term] = fresh;
      this.tailCapacity[term] = capacity;
      block = fresh;
      used = 0;
    }
    const page = this.pages[block >>> PAGE_BITS]!;
    const at = (block & OFFSET_MASK) + 1 + used;
    page[at] = doc;
    page[at + 1] = freq;
    this.tailUsed[term] = used + 2;
    this.postingCount[term] = this.postingCount[term]! + 1;
    this.total += 1;
  }

  /** How many postings a term has. */
  count(term: number): number {
    return term < this.postingCount.length ? this.postingCount[term]! : 0;
  }

  /** Copies a term's postings into `docs` and `freqs` from index `at`. */
  copyInto(term: number, docs: Uint32Array, freqs: Uint32Array, at: number): void {
    let remaining = this.count(term);
    let block = term < this.head.length ? this.head[term]! : NO_BLOCK;
    let capacity = FIRST_BLOCK;
    while (remaining > 0 && block !== NO_BLOCK) {
      const page = this.pages[block >>> PAGE_BITS]!;
      const start = block & OFFSET_MASK;
      const inBlock = Math.min(remaining, capacity / 2);
      for (let i = 0; i < inBlock; i += 1, at += 1) {
        docs[at] = page[start + 1 + 2 * i]!;
        freqs[at] = page[start + 2 + 2 * i]!;
      }
      remaining -= inBlock;
      block = page[start]!;
      capacity = Math.min(MAX_BLOCK, capacity * 2);
    }
  }

  private allocate(capacity: number): number {
    if (this.free + 1 + capacity > PAGE) {
      this.pages.push(new Uint32Array(PAGE));
      this.free = 0;
    }
    if (this.pages.length > 1 << (31 - PAGE_BITS)) throw new Error('posting lists are over 8 GB');
    const address = ((this.pages.length - 1) << PAGE_BITS) | this.free;
    this.free += 1 + capacity;
    const page = this.pages[this.pages.length - 1]!;
    page[this.free - 1 - capacity] = NO_BLOCK;
    return address;
  }

  private growTerms(needed: number): void {
    const size = Math.max(needed, this.head.length * 2);
    this.head = grow(this.head, new Int32Array(size));
    this.tail = grow(this.tail, new Int32Array(size));
    this.tailUsed = grow(this.tailUsed, new Int32Array(size));
    this.tailCapacity = grow(this.tailCapacity, new Int32Array(size));
    this.postingCount = grow(this.postingCount, new Int32Array(size));
  }
}

function grow(old: Int32Array, bigger: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  bigger.set(old);
  return bigger;
}
