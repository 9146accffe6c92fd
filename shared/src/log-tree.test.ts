import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHex } from './log-bytes';
import { MerkleTree } from './log-tree';

const sha256 = (data: Uint8Array) => new Uint8Array(createHash('sha256').update(data).digest());
const leafHash = (i: number) =>
  sha256(Buffer.concat([Buffer.from([0]), Buffer.from(`entry ${i}`)]));

/** The levels of the complete subtree over leaves [start, start + 2^k), hashed level by level. */
function block(start: number, k: number): Uint8Array[] {
  let level: Uint8Array[] = Array.from({ length: 2 ** k }, (_, i) => leafHash(start + i));
  const levels = [Buffer.concat(level)];
  while (level.length > 1) {
    const up: Uint8Array[] = [];
    for (let i = 0; i < level.length; i += 2)
      up.push(sha256(Buffer.concat([Buffer.from([1]), level[i]!, level[i + 1]!])));
    levels.push(Buffer.concat(up));
    level = up;
  }
  return levels.map((l) => new Uint8Array(l));
}

describe('MerkleTree.appendBlock', () => {
  it('gives the same roots and proofs as appending leaf by leaf', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(-1), fc.integer({ min: 0, max: 4 })), { maxLength: 12 }),
        (steps) => {
          const blocked = new MerkleTree(sha256);
          const single = new MerkleTree(sha256);
          for (const step of steps) {
            // -1 is one leaf; k is a block of 2^k leaves, padded with single leaves to align it.
            const k = step < 0 ? 0 : step;
            while (step >= 0 && blocked.size % 2 ** k !== 0) {
              blocked.append(leafHash(blocked.size));
              single.append(leafHash(single.size));
            }
            if (step < 0) blocked.append(leafHash(blocked.size));
            else blocked.appendBlock(block(blocked.size, k));
            while (single.size < blocked.size) single.append(leafHash(single.size));
          }
          expect(blocked.size).toBe(single.size);
          for (let size = 0; size <= single.size; size++) {
            expect(toHex(blocked.root(size))).toBe(toHex(single.root(size)));
            if (size > 0) {
              const index = size - 1;
              expect(blocked.inclusionProof(index, size).map(toHex)).toEqual(
                single.inclusionProof(index, size).map(toHex),
              );
              expect(blocked.consistencyProof(Math.ceil(size / 3), size).map(toHex)).toEqual(
                single.consistencyProof(Math.ceil(size / 3), size).map(toHex),
              );
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses a block that is not aligned or whose levels have the wrong length', () => {
    const tree = new MerkleTree(sha256);
    tree.append(leafHash(0));
    expect(() => tree.appendBlock(block(1, 1))).toThrow(/cannot start at leaf 1/);
    const bad = block(1, 1);
    bad[1] = new Uint8Array(64);
    tree.append(leafHash(1));
    expect(() => tree.appendBlock(bad)).toThrow(/level 1 holds 64 bytes/);
    expect(() => tree.appendBlock([])).toThrow(RangeError);
    expect(tree.size).toBe(2);
  });
});
