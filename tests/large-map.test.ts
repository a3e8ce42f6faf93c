import { describe, expect, it } from 'vitest';
import { LargeMap, LargeSet } from '../src/large-map.js';

// Enough keys that every shard holds many and some share a suffix, as article ids do.
const ids = Array.from({ length: 5000 }, (_, i) => `bbc-${i % 1250}-${Math.floor(i / 1250)}#${i % 7}`);

describe('LargeMap', () => {
  it('iterates keys, values and entries in insertion order, as a Map does', () => {
    const large = new LargeMap<string, number>();
    const map = new Map<string, number>();
    ids.forEach((id, at) => {
      large.set(id, at);
      map.set(id, at);
    });
    expect([...large]).toEqual([...map]);
    expect([...large.keys()]).toEqual([...map.keys()]);
    expect([...large.values()]).toEqual([...map.values()]);
  });

  it('keeps a key where it was first set when its value is set again', () => {
    const large = new LargeMap<string, string>().set('a', '1').set('b', '2').set('a', '3');
    expect([...large.entries()]).toEqual([['a', '3'], ['b', '2']]);
    expect(large.size).toBe(2);
  });

  it('answers get and has for every key it holds and none it does not', () => {
    const large = new LargeMap<string, number>();
    ids.forEach((id, at) => large.set(id, at));
    expect(ids.every((id, at) => large.get(id) === at && large.has(id))).toBe(true);
    expect(large.get('bbc-1250-0#0')).toBeUndefined();
    expect(large.has('')).toBe(false);
  });

  it('takes number keys, negative and large ones included', () => {
    const keys = [0, 1, -1, 63, 64, 2 ** 31 - 1, -(2 ** 31), 123_456_789];
    const large = new LargeMap<number, number>();
    for (const key of keys) large.set(key, key * 2);
    expect(keys.map((key) => large.get(key))).toEqual(keys.map((key) => key * 2));
    expect([...large.keys()]).toEqual(keys);
  });

  it('visits every entry with forEach, in order', () => {
    const large = new LargeMap<string, number>().set('x', 1).set('y', 2);
    const seen: string[] = [];
    large.forEach((value, key, map) => seen.push(`${key}=${value}:${map === large}`));
    expect(seen).toEqual(['x=1:true', 'y=2:true']);
  });
});

describe('LargeSet', () => {
  it('holds each key once, in the order first added', () => {
    const large = new LargeSet<string>();
    for (const id of [...ids, ...ids.slice(0, 100)]) large.add(id);
    expect(large.size).toBe(ids.length);
    expect([...large]).toEqual(ids);
    expect([...large.values()]).toEqual(ids);
  });

  it('answers has for what it holds and nothing else', () => {
    const large = new LargeSet<string>();
    for (const id of ids) large.add(id);
    expect(ids.every((id) => large.has(id))).toBe(true);
    expect(large.has('reuters-1#0')).toBe(false);
  });
});
