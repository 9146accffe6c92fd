import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pdqDistance, type PdqBits } from './hash256';
import { PdqIndex } from './pdq-index';

const random = (next: () => number) => Uint32Array.from({ length: 8 }, () => next() >>> 0);
const flipBits = (hash: PdqBits, bits: number[]) => {
  const out = Uint32Array.from(hash);
  for (const b of new Set(bits)) out[b >>> 5] = (out[b >>> 5]! ^ (1 << (b & 31))) >>> 0;
  return out;
};

describe('PdqIndex', () => {
  it('finds exactly what a linear scan finds, at every threshold up to 31', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.nat(255), { maxLength: 40 }), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 31 }),
        fc.integer(),
        (flips, rebuildAt, threshold, seed) => {
          let s = seed >>> 0 || 1;
          const next = () => (s = Math.imul(s ^ (s >>> 15), 2246822519) + 0x9e3779b9) >>> 0;
          const base = random(next);
          const hashes = flips.map((f) => flipBits(base, f));
          const index = new PdqIndex();
          hashes.forEach((h, i) => {
            index.add(h);
            if (i === rebuildAt) index.rebuild();
          });
          index.remove(0);
          const query = flipBits(base, [next() & 255, next() & 255]);
          const expected = hashes
            .map((h, entry) => ({ entry, distance: pdqDistance(h, query) }))
            .filter((m) => m.entry !== 0 && m.distance <= threshold)
            .sort((a, b) => a.distance - b.distance || a.entry - b.entry);
          expect(index.query(query, threshold)).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('finds a hash 31 bits away among 100,000 unrelated ones, and not one 32 away', () => {
    let s = 7;
    const next = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0);
    const index = new PdqIndex();
    for (let i = 0; i < 100_000; i++) index.add(random(next));
    const target = random(next);
    const near = index.add(
      flipBits(
        target,
        Array.from({ length: 31 }, (_, i) => i * 8),
      ),
    );
    index.add(
      flipBits(
        target,
        Array.from({ length: 32 }, (_, i) => i * 8),
      ),
    );
    index.rebuild();
    expect(index.query(target, 31)).toEqual([{ entry: near, distance: 31 }]);
  });
});
