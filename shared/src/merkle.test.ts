import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from './log-bytes';
import {
  CONSISTENCY_PROOFS,
  INCLUSION_PROOFS,
  LEAF_INPUTS_HEX,
  NODE_HASHES_HEX,
  ROOT_HASHES_HEX,
} from './log-test-vectors';
import { MerkleTree } from './log-tree';
import {
  MerkleProofError,
  hashChildren,
  hashLeaf,
  rootFromInclusionProof,
  rootHash,
  verifyConsistency,
  verifyInclusion,
} from './merkle';

const nodeSha256 = (data: Uint8Array) => new Uint8Array(createHash('sha256').update(data).digest());

// A second, independent construction: RFC 9162 §2.1 written out literally, recursive, on Node's
// Buffer and createHash, sharing no code with merkle.ts or log-tree.ts.
const sha = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
const naiveLeaf = (d: Buffer) => sha(Buffer.from([0]), d);
const split = (n: number) => 2 ** Math.ceil(Math.log2(n) - 1);
function naiveMth(d: Buffer[]): Buffer {
  if (d.length === 0) return sha();
  if (d.length === 1) return naiveLeaf(d[0]!);
  const k = split(d.length);
  return sha(Buffer.from([1]), naiveMth(d.slice(0, k)), naiveMth(d.slice(k)));
}
function naivePath(m: number, d: Buffer[]): Buffer[] {
  if (d.length === 1) return [];
  const k = split(d.length);
  return m < k
    ? [...naivePath(m, d.slice(0, k)), naiveMth(d.slice(k))]
    : [...naivePath(m - k, d.slice(k)), naiveMth(d.slice(0, k))];
}
function naiveSubproof(m: number, d: Buffer[], b: boolean): Buffer[] {
  if (m === d.length) return b ? [] : [naiveMth(d)];
  const k = split(d.length);
  return m <= k
    ? [...naiveSubproof(m, d.slice(0, k), b), naiveMth(d.slice(k))]
    : [...naiveSubproof(m - k, d.slice(k), false), naiveMth(d.slice(0, k))];
}

const leaves = LEAF_INPUTS_HEX.map(fromHex);
const hexes = (list: Uint8Array[]) => list.map(toHex);
const inputs = (n: number) => Array.from({ length: n }, (_, i) => Buffer.from(`entry ${i}`));

async function treeOf(data: Buffer[]): Promise<MerkleTree> {
  const tree = new MerkleTree(nodeSha256);
  for (const d of data) tree.append(await hashLeaf(d, nodeSha256));
  return tree;
}

describe('RFC 6962 vectors (transparency-dev/merkle)', () => {
  it('hashes leaves and complete subtrees as published', async () => {
    const leafHashes = await Promise.all(leaves.map((l) => hashLeaf(l)));
    expect(hexes(leafHashes)).toEqual(NODE_HASHES_HEX[0]);
    const n1 = await hashChildren(leafHashes[0]!, leafHashes[1]!);
    expect(toHex(n1)).toBe(NODE_HASHES_HEX[1]![0]);
  });

  it('computes the published root for every size 0..8, with WebCrypto and with the tree', async () => {
    const leafHashes = await Promise.all(leaves.map((l) => hashLeaf(l)));
    const tree = await treeOf(leaves.map((l) => Buffer.from(l)));
    for (let size = 0; size <= 8; size++) {
      expect(toHex(await rootHash(leafHashes.slice(0, size)))).toBe(ROOT_HASHES_HEX[size]);
      expect(toHex(tree.root(size))).toBe(ROOT_HASHES_HEX[size]);
    }
  });

  it.each(INCLUSION_PROOFS)('inclusion of leaf $index in tree $treeSize', async (v) => {
    const tree = await treeOf(leaves.map((l) => Buffer.from(l)));
    expect(hexes(tree.inclusionProof(v.index, v.treeSize))).toEqual(v.proofHex);
    const root = fromHex(ROOT_HASHES_HEX[v.treeSize]!);
    const leafHash = await hashLeaf(leaves[v.index]!);
    await verifyInclusion(v.index, v.treeSize, leafHash, v.proofHex.map(fromHex), root);
    await expect(
      verifyInclusion(
        v.index,
        v.treeSize,
        await hashLeaf(new Uint8Array([9])),
        v.proofHex.map(fromHex),
        root,
      ),
    ).rejects.toMatchObject({ code: 'root_mismatch' });
  });

  it.each(CONSISTENCY_PROOFS)('consistency from $size1 to $size2', async (v) => {
    const tree = await treeOf(leaves.map((l) => Buffer.from(l)));
    expect(hexes(tree.consistencyProof(v.size1, v.size2))).toEqual(v.proofHex);
    const root1 = fromHex(ROOT_HASHES_HEX[v.size1]!);
    const root2 = fromHex(ROOT_HASHES_HEX[v.size2]!);
    await verifyConsistency(v.size1, v.size2, v.proofHex.map(fromHex), root1, root2);
    if (v.proofHex.length > 0) {
      await expect(
        verifyConsistency(v.size1, v.size2, v.proofHex.map(fromHex), root2, root1),
      ).rejects.toThrow(MerkleProofError);
    }
  });
});

describe('against an independent recursive construction', () => {
  it('roots, inclusion and consistency proofs agree for random trees', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 1, max: 70 })
          .chain((n) =>
            fc.tuple(
              fc.constant(n),
              fc.integer({ min: 0, max: n - 1 }),
              fc.integer({ min: 0, max: n }),
            ),
          ),
        async ([n, index, size1]) => {
          const data = inputs(n);
          const tree = await treeOf(data);
          expect(toHex(tree.root())).toBe(naiveMth(data).toString('hex'));
          const leafHashes = data.map(naiveLeaf).map((b) => new Uint8Array(b));
          expect(toHex(await rootHash(leafHashes, nodeSha256))).toBe(
            naiveMth(data).toString('hex'),
          );
          const path = tree.inclusionProof(index, n);
          expect(hexes(path)).toEqual(naivePath(index, data).map((b) => b.toString('hex')));
          await verifyInclusion(
            index,
            BigInt(n),
            leafHashes[index]!,
            path,
            tree.root(),
            nodeSha256,
          );
          const proof = tree.consistencyProof(size1, n);
          const expected = size1 === 0 || size1 === n ? [] : naiveSubproof(size1, data, true);
          expect(hexes(proof)).toEqual(expected.map((b) => b.toString('hex')));
          await verifyConsistency(size1, n, proof, tree.root(size1), tree.root(n), nodeSha256);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('a tree of 1,000 leaves matches the naive root at every 37th size', async () => {
    const data = inputs(1000);
    const tree = await treeOf(data);
    for (let size = 0; size <= 1000; size += 37) {
      expect(toHex(tree.root(size))).toBe(naiveMth(data.slice(0, size)).toString('hex'));
    }
  });
});

describe('tampered proofs fail', () => {
  const flip = (proof: Uint8Array[], i: number, bit: number) =>
    proof.map((h, j) =>
      j === i ? h.map((b, k) => (k === bit >> 3 ? b ^ (1 << (bit & 7)) : b)) : h,
    );

  // A size with the same proof shape as the true one cannot be told apart by the proof alone (the
  // signed checkpoint binds size to root), so the wrong-size probes double the size.
  it('inclusion: any flipped bit, wrong index, wrong size, extra or missing hash', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 2, max: 64 })
          .chain((n) =>
            fc.tuple(
              fc.constant(n),
              fc.integer({ min: 0, max: n - 1 }),
              fc.nat(),
              fc.integer({ min: 0, max: 255 }),
            ),
          ),
        async ([n, index, which, bit]) => {
          const tree = await treeOf(inputs(n));
          const root = tree.root();
          const leafHash = tree.leafHash(index);
          const proof = tree.inclusionProof(index);
          const rejects = (p: Promise<void>) => expect(p).rejects.toBeInstanceOf(MerkleProofError);
          await rejects(
            verifyInclusion(
              index,
              n,
              leafHash,
              flip(proof, which % proof.length, bit),
              root,
              nodeSha256,
            ),
          );
          await rejects(verifyInclusion((index + 1) % n, n, leafHash, proof, root, nodeSha256));
          await rejects(verifyInclusion(index, 2 * n, leafHash, proof, root, nodeSha256));
          await rejects(verifyInclusion(index, n, leafHash, [...proof, root], root, nodeSha256));
          await rejects(verifyInclusion(index, n, leafHash, proof.slice(1), root, nodeSha256));
          await rejects(verifyInclusion(index, n, leafHash, proof, tree.root(n - 1), nodeSha256));
        },
      ),
      { numRuns: 120 },
    );
  });

  it('consistency: any flipped bit, swapped roots, wrong sizes, extra or missing hash', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 2, max: 64 })
          .chain((n) =>
            fc.tuple(
              fc.constant(n),
              fc.integer({ min: 1, max: n - 1 }),
              fc.nat(),
              fc.integer({ min: 0, max: 255 }),
            ),
          ),
        async ([n, m, which, bit]) => {
          const tree = await treeOf(inputs(n));
          const [r1, r2] = [tree.root(m), tree.root(n)];
          const proof = tree.consistencyProof(m, n);
          const rejects = (p: Promise<void>) => expect(p).rejects.toBeInstanceOf(MerkleProofError);
          await rejects(
            verifyConsistency(m, n, flip(proof, which % proof.length, bit), r1, r2, nodeSha256),
          );
          await rejects(verifyConsistency(m, n, proof, r2, r1, nodeSha256));
          await rejects(verifyConsistency(m + 1, n, proof, r1, r2, nodeSha256));
          await rejects(verifyConsistency(m, 2 * n, proof, r1, r2, nodeSha256));
          await rejects(verifyConsistency(m, n, [...proof, r1], r1, r2, nodeSha256));
          await rejects(verifyConsistency(m, n, proof.slice(0, -1), r1, r2, nodeSha256));
        },
      ),
      { numRuns: 120 },
    );
  });

  it('rejects impossible arguments with a typed code', async () => {
    const h = new Uint8Array(32);
    await expect(rootFromInclusionProof(3, 3, h, [])).rejects.toMatchObject({
      code: 'index_out_of_range',
    });
    await expect(rootFromInclusionProof(-1, 3, h, [])).rejects.toMatchObject({
      code: 'size_out_of_range',
    });
    await expect(rootFromInclusionProof(0, 1, new Uint8Array(31), [])).rejects.toMatchObject({
      code: 'hash_size',
    });
    await expect(rootFromInclusionProof(0, 2, h, [])).rejects.toMatchObject({
      code: 'proof_length',
    });
    await expect(verifyConsistency(5, 4, [], h, h)).rejects.toMatchObject({
      code: 'size_out_of_range',
    });
    await expect(verifyConsistency(0, 4, [h], h, h)).rejects.toMatchObject({
      code: 'proof_length',
    });
    await expect(verifyConsistency(4, 4, [], h, new Uint8Array(32).fill(1))).rejects.toMatchObject({
      code: 'root_mismatch',
    });
    await expect(verifyConsistency(0, 4, [], h, h)).resolves.toBeUndefined();
  });

  it('the in-memory tree refuses out-of-range sizes and indices', async () => {
    const tree = await treeOf(inputs(5));
    expect(() => tree.inclusionProof(5)).toThrow(RangeError);
    expect(() => tree.inclusionProof(0, 6)).toThrow(RangeError);
    expect(() => tree.consistencyProof(6, 5)).toThrow(RangeError);
    expect(() => tree.root(6)).toThrow(RangeError);
    expect(() => tree.append(new Uint8Array(3))).toThrow(RangeError);
  });
});
