/**
 * Merkle tree hashing and proof verification of RFC 9162 §2.1 (identical to RFC 6962 §2.1), as
 * pure functions on WebCrypto so the API, the `verify-log` CLI, the /transparency page and the
 * extension check the log with the same code. Indices and sizes may be `number` or `bigint`.
 *
 * A faster SHA-256 (e.g. Node's `crypto.hash`) can be injected; when it returns bytes
 * synchronously no promise is awaited per hash.
 */
import { bytesEqual } from './log-bytes';

/** Size in bytes of every hash in the tree (SHA-256). */
export const HASH_SIZE = 32;

/** A SHA-256 function, synchronous or not. */
export type Sha256 = (data: Uint8Array) => Uint8Array | Promise<Uint8Array>;

/** SHA-256 by WebCrypto (`crypto.subtle`), available in Node 20 and every current browser. */
export const webCryptoSha256: Sha256 = async (data) =>
  new Uint8Array(await crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>));

export type MerkleErrorCode =
  'index_out_of_range' | 'size_out_of_range' | 'hash_size' | 'proof_length' | 'root_mismatch';

/** Why a proof did not verify. `root_mismatch` means the proof was well formed but wrong. */
export class MerkleProofError extends Error {
  override readonly name = 'MerkleProofError';
  constructor(
    readonly code: MerkleErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;

/** RFC 9162 §2.1.1: leaf hash = SHA-256(0x00 ‖ entry bytes). */
export async function hashLeaf(
  data: Uint8Array,
  sha256: Sha256 = webCryptoSha256,
): Promise<Uint8Array> {
  const input = new Uint8Array(data.length + 1);
  input[0] = LEAF_PREFIX;
  input.set(data, 1);
  return sha256(input);
}

/** RFC 9162 §2.1.1: interior node hash = SHA-256(0x01 ‖ left ‖ right). */
export async function hashChildren(
  left: Uint8Array,
  right: Uint8Array,
  sha256: Sha256 = webCryptoSha256,
): Promise<Uint8Array> {
  return sha256(nodeInput(left, right));
}

function nodeInput(left: Uint8Array, right: Uint8Array): Uint8Array {
  const input = new Uint8Array(1 + left.length + right.length);
  input[0] = NODE_PREFIX;
  input.set(left, 1);
  input.set(right, 1 + left.length);
  return input;
}

async function node(left: Uint8Array, right: Uint8Array, sha256: Sha256): Promise<Uint8Array> {
  const h = sha256(nodeInput(left, right));
  return h instanceof Uint8Array ? h : await h;
}

/**
 * RFC 9162 §2.1.1 MTH: the root hash of a list of leaf hashes (the empty tree's root is
 * SHA-256 of the empty string). Linear time, logarithmic extra memory.
 */
export async function rootHash(
  leafHashes: readonly Uint8Array[],
  sha256: Sha256 = webCryptoSha256,
): Promise<Uint8Array> {
  if (leafHashes.length === 0) {
    const h = sha256(new Uint8Array(0));
    return h instanceof Uint8Array ? h : await h;
  }
  // Stack of perfect subtrees (hash, leaf count), sizes strictly decreasing from bottom to top.
  const hashes: Uint8Array[] = [];
  const sizes: number[] = [];
  for (const leaf of leafHashes) {
    let hash = leaf;
    let size = 1;
    while (sizes.length > 0 && sizes[sizes.length - 1] === size) {
      const left = hashes.pop()!;
      sizes.pop();
      const h = sha256(nodeInput(left, hash));
      hash = h instanceof Uint8Array ? h : await h;
      size *= 2;
    }
    hashes.push(hash);
    sizes.push(size);
  }
  let root = hashes.pop()!;
  while (hashes.length > 0) root = await node(hashes.pop()!, root, sha256);
  return root;
}

/**
 * RFC 9162 §2.1.3.2: the root hash that an inclusion proof yields for the leaf hash at `index`
 * in a tree of `treeSize` leaves. Throws `MerkleProofError` if the index, sizes or proof length
 * are impossible. Compare the result with a trusted root, or use {@link verifyInclusion}.
 */
export async function rootFromInclusionProof(
  index: number | bigint,
  treeSize: number | bigint,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  sha256: Sha256 = webCryptoSha256,
): Promise<Uint8Array> {
  const i = toIndex(index, 'index');
  const n = toIndex(treeSize, 'tree size');
  if (i >= n)
    throw new MerkleProofError('index_out_of_range', `index ${i} is not below tree size ${n}`);
  checkHashes([leafHash, ...proof]);
  const { inner, border } = decomposeInclusionProof(i, n);
  if (proof.length !== inner + border) {
    throw new MerkleProofError(
      'proof_length',
      `proof has ${proof.length} hashes, expected ${inner + border}`,
    );
  }
  const seed = await chainInner(leafHash, proof.slice(0, inner), i, sha256);
  return chainBorderRight(seed, proof.slice(inner), sha256);
}

/**
 * Checks that `leafHash` is the leaf at `index` of the tree of `treeSize` leaves whose root is
 * `root`. Resolves when it is; rejects with a `MerkleProofError` otherwise.
 */
export async function verifyInclusion(
  index: number | bigint,
  treeSize: number | bigint,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
  sha256: Sha256 = webCryptoSha256,
): Promise<void> {
  const calculated = await rootFromInclusionProof(index, treeSize, leafHash, proof, sha256);
  if (!bytesEqual(calculated, root)) {
    throw new MerkleProofError(
      'root_mismatch',
      'inclusion proof does not lead to the expected root',
    );
  }
}

/**
 * RFC 9162 §2.1.4.2: checks that the tree of `size2` leaves with root `root2` extends the tree of
 * `size1` leaves with root `root1` (an append-only history). Every tree extends the empty tree, so
 * `size1 = 0` needs an empty proof. Rejects with a `MerkleProofError` otherwise.
 */
export async function verifyConsistency(
  size1: number | bigint,
  size2: number | bigint,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
  sha256: Sha256 = webCryptoSha256,
): Promise<void> {
  const m = toIndex(size1, 'size1');
  const n = toIndex(size2, 'size2');
  checkHashes([root1, root2, ...proof]);
  if (n < m) throw new MerkleProofError('size_out_of_range', `size2 ${n} is below size1 ${m}`);
  if (m === n || m === 0n) {
    if (proof.length > 0) {
      throw new MerkleProofError('proof_length', `proof must be empty from size ${m} to ${n}`);
    }
    if (m === n && !bytesEqual(root1, root2)) {
      throw new MerkleProofError('root_mismatch', 'two different roots for the same tree size');
    }
    return;
  }
  let { inner, border } = decomposeInclusionProof(m - 1n, n);
  const shift = trailingZeros(m);
  inner -= shift;
  // Unless size1 is itself a power of two, the proof starts with the hash of the size-2^shift subtree.
  const fromRoot1 = m === 1n << BigInt(shift);
  const seed = fromRoot1 ? root1 : proof[0];
  const rest = proof.slice(fromRoot1 ? 0 : 1);
  if (seed === undefined || rest.length !== inner + border) {
    const expected = (fromRoot1 ? 0 : 1) + inner + border;
    throw new MerkleProofError(
      'proof_length',
      `proof has ${proof.length} hashes, expected ${expected}`,
    );
  }
  const mask = (m - 1n) >> BigInt(shift);
  const innerHashes = rest.slice(0, inner);
  const borderHashes = rest.slice(inner);
  const hash1 = await chainBorderRight(
    await chainInnerRight(seed, innerHashes, mask, sha256),
    borderHashes,
    sha256,
  );
  if (!bytesEqual(hash1, root1)) {
    throw new MerkleProofError(
      'root_mismatch',
      'consistency proof does not lead to the first root',
    );
  }
  const hash2 = await chainBorderRight(
    await chainInner(seed, innerHashes, mask, sha256),
    borderHashes,
    sha256,
  );
  if (!bytesEqual(hash2, root2)) {
    throw new MerkleProofError(
      'root_mismatch',
      'consistency proof does not lead to the second root',
    );
  }
}

/** Number of hashes in an inclusion proof: below (inner) and above (border) where the paths to
 * `index` and to the last leaf diverge. */
function decomposeInclusionProof(index: bigint, size: bigint): { inner: number; border: number } {
  const inner = bitLength(index ^ (size - 1n));
  return { inner, border: onesCount(index >> BigInt(inner)) };
}

async function chainInner(
  seed: Uint8Array,
  proof: readonly Uint8Array[],
  index: bigint,
  sha256: Sha256,
) {
  let hash = seed;
  for (const [i, h] of proof.entries()) {
    hash =
      ((index >> BigInt(i)) & 1n) === 0n
        ? await node(hash, h, sha256)
        : await node(h, hash, sha256);
  }
  return hash;
}

/** Like chainInner but only the left siblings: the hash of the earlier version of the subtree. */
async function chainInnerRight(
  seed: Uint8Array,
  proof: readonly Uint8Array[],
  index: bigint,
  sha256: Sha256,
) {
  let hash = seed;
  for (const [i, h] of proof.entries()) {
    if (((index >> BigInt(i)) & 1n) === 1n) hash = await node(h, hash, sha256);
  }
  return hash;
}

async function chainBorderRight(seed: Uint8Array, proof: readonly Uint8Array[], sha256: Sha256) {
  let hash = seed;
  for (const h of proof) hash = await node(h, hash, sha256);
  return hash;
}

function toIndex(value: number | bigint, what: string): bigint {
  if (typeof value === 'number' && !Number.isSafeInteger(value)) {
    throw new MerkleProofError('size_out_of_range', `${what} ${value} is not a safe integer`);
  }
  const v = BigInt(value);
  if (v < 0n || v >= 1n << 64n)
    throw new MerkleProofError('size_out_of_range', `${what} ${v} is out of range`);
  return v;
}

function checkHashes(hashes: readonly Uint8Array[]): void {
  for (const h of hashes) {
    if (h.length !== HASH_SIZE) {
      throw new MerkleProofError('hash_size', `hash of ${h.length} bytes, expected ${HASH_SIZE}`);
    }
  }
}

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

function onesCount(n: bigint): number {
  let count = 0;
  for (const c of n.toString(2)) if (c === '1') count++;
  return count;
}

function trailingZeros(n: bigint): number {
  let zeros = 0;
  while (((n >> BigInt(zeros)) & 1n) === 0n) zeros++;
  return zeros;
}
