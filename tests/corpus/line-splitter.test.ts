import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineSplitter, type Line } from '../../src/corpus/line-splitter.js';
import { sampleLines } from './fixtures.js';

const splitInChunks = (bytes: Buffer, cuts: number[], max = 1 << 20): Line[] => {
  const lines: Line[] = [];
  const splitter = new LineSplitter(max, (line) => lines.push(line));
  let start = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
    splitter.push(bytes.subarray(start, cut));
    start = cut;
  }
  splitter.push(bytes.subarray(start));
  splitter.end();
  return lines;
};

describe('LineSplitter', () => {
  const text = `${sampleLines('sample-bbc.jsonl', 3).join('\n')}\n\n${sampleLines('sample-reuters21578.jsonl', 1)[0]}`;
  const bytes = Buffer.from(text.replace('Russia', 'Росси́я'));

  it('yields the same lines wherever the chunk boundaries fall, even inside a multi-byte character', () => {
    const expected = bytes.toString('utf8').split('\n');
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: bytes.length }), { maxLength: 20 }), (cuts) => {
        const lines = splitInChunks(bytes, cuts);
        expect(lines.map((l) => ('bytes' in l ? l.bytes.toString('utf8') : null))).toEqual(expected);
        expect(lines.map((l) => l.number)).toEqual(expected.map((_, i) => i + 1));
      }),
      { numRuns: 200 },
    );
  });

  it('reports an over-long line by its length only and carries on with the next line', () => {
    const lines = splitInChunks(Buffer.from('short\n0123456789ABCDEF\nafter'), [3, 9, 14], 10);
    expect(lines).toEqual([
      { number: 1, bytes: Buffer.from('short') },
      { number: 2, tooLongBytes: 16 },
      { number: 3, bytes: Buffer.from('after') },
    ]);
  });
});
