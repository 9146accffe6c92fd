import { MerkleTree, toBase64 } from '@counterweight/shared';
import { describe, expect, it } from 'vitest';
import { nodeSha256 } from './node-sha256';
import { ParallelTreeBuilder } from './parallel-tree';

const entry = (i: number) =>
  new TextEncoder().encode(`{"event":"report_received","n":${i}}`.repeat(1 + (i % 3)));

function sequential(n: number): MerkleTree {
  const tree = new MerkleTree(nodeSha256);
  for (let i = 0; i < n; i++) {
    const data = entry(i);
    const leaf = new Uint8Array(data.length + 1);
    leaf.set(data, 1);
    tree.append(nodeSha256(leaf));
  }
  return tree;
}

describe('ParallelTreeBuilder', () => {
  it.each([0, 1, 7, 8, 9, 64, 100, 1000])(
    'rebuilds %i entries to the same tree as leaf-by-leaf appends',
    async (n) => {
      const builder = new ParallelTreeBuilder({ threads: 3, blockLeaves: 8 });
      for (let i = 0; i < n; i++) builder.add(entry(i));
      const tree = await builder.finish();
      const expected = sequential(n);
      expect(tree.size).toBe(n);
      expect(toBase64(tree.root())).toBe(toBase64(expected.root()));
      if (n > 0) {
        const sizes = [1, Math.ceil(n / 2), n];
        for (const size of sizes)
          expect(toBase64(tree.root(size))).toBe(toBase64(expected.root(size)));
        expect(tree.inclusionProof(n - 1).map(toBase64)).toEqual(
          expected.inclusionProof(n - 1).map(toBase64),
        );
      }
    },
  );

  it('with default blocks of 1,024 on the machine’s threads, 5,000 entries', async () => {
    const builder = new ParallelTreeBuilder();
    for (let i = 0; i < 5000; i++) builder.add(entry(i));
    expect(toBase64((await builder.finish()).root())).toBe(toBase64(sequential(5000).root()));
  });

  it('refuses a block size that is not a power of two', () => {
    expect(() => new ParallelTreeBuilder({ blockLeaves: 1000 })).toThrow(/power of two/);
  });
});
