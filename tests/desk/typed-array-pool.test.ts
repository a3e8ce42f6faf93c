import { describe, expect, it } from 'vitest';
import { TypedArrayPool } from '../../src/desk/typed-array-pool.js';

describe('a pool of typed arrays', () => {
  it('hands out an array of the length asked, zeroed or filled, even when it reuses a dirty one', () => {
    const pool = new TypedArrayPool();
    const first = pool.take('Int32Array', 100);
    first.fill(7);
    pool.give(first);
    const again = pool.take('Int32Array', 90, -1);
    expect(again.length).toBe(90);
    expect(again.every((value) => value === -1)).toBe(true);
    expect(again.buffer).toBe(first.buffer);
  });

  it('reuses a given-back array for a slightly larger corpus without allocating', () => {
    const pool = new TypedArrayPool();
    pool.give(pool.take('Float64Array', 10_000));
    const allocated = pool.counts.allocatedBytes;
    const larger = pool.take('Float64Array', 10_100);
    expect(larger.length).toBe(10_100);
    expect(pool.counts.allocatedBytes).toBe(allocated);
    expect(pool.counts.reusedBytes).toBe(10_100 * 8);
  });

  it('never hands out one array twice: a taken array leaves the pool until it is given back', () => {
    const pool = new TypedArrayPool();
    pool.give(pool.take('Uint32Array', 50));
    const taken = pool.take('Uint32Array', 50);
    expect(pool.holds(taken)).toBe(false);
    const second = pool.take('Uint32Array', 50);
    expect(second.buffer).not.toBe(taken.buffer);
  });

  it('keeps kinds apart: a given-back Uint32Array is not handed out as an Int32Array', () => {
    const pool = new TypedArrayPool();
    const unsigned = pool.take('Uint32Array', 64);
    pool.give(unsigned);
    expect(pool.take('Int32Array', 64).buffer).not.toBe(unsigned.buffer);
  });

  it('ignores arrays it did not allocate: a view of another buffer may share it with live data', () => {
    const pool = new TypedArrayPool();
    const shared = new Uint32Array(200);
    const view = shared.subarray(0, 100);
    pool.give(view);
    expect(pool.holds(view)).toBe(false);
    expect(pool.take('Uint32Array', 100).buffer).not.toBe(shared.buffer);
  });

  it('takes one array back once, however often it is given', () => {
    const pool = new TypedArrayPool();
    const array = pool.take('Uint8Array', 32);
    pool.give(array);
    pool.give(array);
    pool.take('Uint8Array', 32);
    expect(pool.take('Uint8Array', 32).buffer).not.toBe(array.buffer);
  });

  it('gives back, from a loan whose build failed, what it took and had not given back: each array once', () => {
    const pool = new TypedArrayPool();
    const loan = pool.lend();
    const kept = loan.take('Int32Array', 64);
    const scratch = loan.take('Int32Array', 16);
    loan.give(scratch);
    loan.giveAllBack();
    expect(pool.holds(kept)).toBe(true);
    expect(pool.holds(scratch)).toBe(true);
    const again = [pool.take('Int32Array', 64), pool.take('Int32Array', 16), pool.take('Int32Array', 16)];
    expect(new Set(again.map((array) => array.buffer)).size).toBe(3);
    expect(pool.counts.allocatedBytes).toBe(kept.buffer.byteLength + scratch.buffer.byteLength + again[2]!.buffer.byteLength);
  });
});
