/**
 * An append-only Merkle tree held in memory (RFC 9162 §2.1) that produces roots, inclusion
 * proofs (§2.1.3.1) and consistency proofs (§2.1.4.1) for any earlier tree size. It stores the
 * hash of every complete subtree, level by level in contiguous buffers (about 64 bytes per
 * leaf), so a proof costs O(log² n) hashes at most. It needs a synchronous SHA-256 (the server
 * and the CLI pass Node's); browsers only verify, with `merkle.ts`.
 */
import { HASH_SIZE } from './merkle';

/** A synchronous SHA-256 that does not keep a reference to its input. */
export type Sha256Sync = (data: Uint8Array) => Uint8Array;

class HashLevel {
  private buffer = new Uint8Array(HASH_SIZE * 16);
  count = 0;

  push(hash: Uint8Array): void {
    if ((this.count + 1) * HASH_SIZE > this.buffer.length) {
      const grown = new Uint8Array(this.buffer.length * 2);
      grown.set(this.buffer);
      this.buffer = grown;
    }
    this.buffer.set(hash, this.count * HASH_SIZE);
    this.count++;
  }

  /** Appends `hashes.length / HASH_SIZE` hashes laid end to end. */
  pushAll(hashes: Uint8Array): void {
    const needed = this.count * HASH_SIZE + hashes.length;
    if (needed > this.buffer.length) {
      let length = this.buffer.length;
      while (length < needed) length *= 2;
      const grown = new Uint8Array(length);
      grown.set(this.buffer.subarray(0, this.count * HASH_SIZE));
      this.buffer = grown;
    }
    this.buffer.set(hashes, this.count * HASH_SIZE);
    this.count += hashes.length / HASH_SIZE;
  }

  /** A view of the `count` hashes starting at `index`. */
  view(index: number, count = 1): Uint8Array {
    return this.buffer.subarray(index * HASH_SIZE, (index + count) * HASH_SIZE);
  }
}

/** An append-only RFC 9162 tree of leaf hashes with proofs for any earlier size (see the file header). */
export class MerkleTree {
  private readonly levels: HashLevel[] = [new HashLevel()];
  private readonly scratch = new Uint8Array(1 + 2 * HASH_SIZE);

  constructor(private readonly sha256: Sha256Sync) {
    this.scratch[0] = 0x01;
  }

  /** Number of leaves. */
  get size(): number {
    return this.levels[0]!.count;
  }

  /** Appends one leaf hash (see `hashLeaf`) and hashes every subtree it completes. */
  append(leafHash: Uint8Array): void {
    if (leafHash.length !== HASH_SIZE)
      throw new RangeError(`leaf hash of ${leafHash.length} bytes`);
    this.levels[0]!.push(leafHash);
    this.completeFrom(0);
  }

  /**
   * Appends a complete subtree of 2^k leaves hashed elsewhere (another thread, say):
   * `levels[j]` holds its 2^(k-j) node hashes at height j, end to end, from the leaf hashes
   * (`levels[0]`) to its root (`levels[k]`). The tree's size must be a multiple of 2^k, so the
   * block sits where the RFC's recursion puts a complete subtree. The caller vouches for the
   * block's inner hashes; everything above it is hashed here.
   */
  appendBlock(levels: readonly Uint8Array[]): void {
    const k = levels.length - 1;
    const leaves = 2 ** k;
    if (k < 0 || k > 30) throw new RangeError(`a block of ${levels.length} levels`);
    if (this.size % leaves !== 0)
      throw new RangeError(`a block of ${leaves} leaves cannot start at leaf ${this.size}`);
    levels.forEach((hashes, j) => {
      if (hashes.length !== HASH_SIZE * 2 ** (k - j))
        throw new RangeError(`block level ${j} holds ${hashes.length} bytes`);
    });
    levels.forEach((hashes, j) => (this.levels[j] ??= new HashLevel()).pushAll(hashes));
    this.completeFrom(k);
  }

  /** Hashes the subtrees completed at `level` and above by the last append. */
  private completeFrom(start: number): void {
    for (let level = start; this.levels[level]!.count % 2 === 0; level++) {
      const below = this.levels[level]!;
      const parent = this.hashPair(below.view(below.count - 2, 2));
      (this.levels[level + 1] ??= new HashLevel()).push(parent);
    }
  }

  /** The hash of leaf `index`. */
  leafHash(index: number): Uint8Array {
    this.checkRange(index, 0, this.size - 1, 'index');
    return this.levels[0]!.view(index).slice();
  }

  /** MTH of the first `size` leaves (default: all). */
  root(size = this.size): Uint8Array {
    this.checkRange(size, 0, this.size, 'size');
    return size === 0 ? this.sha256(new Uint8Array(0)) : this.subtree(0, size);
  }

  /** RFC 9162 §2.1.3.1 PATH(index, D[0:size]), ordered from the leaf upwards. */
  inclusionProof(index: number, size = this.size): Uint8Array[] {
    this.checkRange(size, 1, this.size, 'size');
    this.checkRange(index, 0, size - 1, 'index');
    const proof: Uint8Array[] = [];
    const path = (lo: number, hi: number): void => {
      if (hi - lo === 1) return;
      const k = largestPowerOfTwoBelow(hi - lo);
      if (index < lo + k) {
        path(lo, lo + k);
        proof.push(this.subtree(lo + k, hi));
      } else {
        path(lo + k, hi);
        proof.push(this.subtree(lo, lo + k));
      }
    };
    path(0, size);
    return proof;
  }

  /** RFC 9162 §2.1.4.1 PROOF(size1, D[0:size2]); empty when size1 is 0 or equals size2. */
  consistencyProof(size1: number, size2 = this.size): Uint8Array[] {
    this.checkRange(size2, 0, this.size, 'size2');
    this.checkRange(size1, 0, size2, 'size1');
    const proof: Uint8Array[] = [];
    if (size1 === 0 || size1 === size2) return proof;
    const subproof = (m: number, lo: number, hi: number, whole: boolean): void => {
      if (m === hi - lo) {
        if (!whole) proof.push(this.subtree(lo, hi));
        return;
      }
      const k = largestPowerOfTwoBelow(hi - lo);
      if (m <= k) {
        subproof(m, lo, lo + k, whole);
        proof.push(this.subtree(lo + k, hi));
      } else {
        subproof(m - k, lo + k, hi, false);
        proof.push(this.subtree(lo, lo + k));
      }
    };
    subproof(size1, 0, size2, true);
    return proof;
  }

  /** MTH(D[lo:hi]) for a range the RFC's recursion produces: complete subtrees are stored. */
  private subtree(lo: number, hi: number): Uint8Array {
    const n = hi - lo;
    if (n <= 2 ** 30 && (n & (n - 1)) === 0) {
      const level = Math.log2(n);
      if (lo % n !== 0) throw new Error(`unaligned subtree [${lo}, ${hi})`);
      return this.levels[level]!.view(lo / n).slice();
    }
    const k = largestPowerOfTwoBelow(n);
    const pair = new Uint8Array(2 * HASH_SIZE);
    pair.set(this.subtree(lo, lo + k));
    pair.set(this.subtree(lo + k, hi), HASH_SIZE);
    return this.hashPair(pair);
  }

  private hashPair(pair: Uint8Array): Uint8Array {
    this.scratch.set(pair, 1);
    return this.sha256(this.scratch);
  }

  private checkRange(value: number, min: number, max: number, what: string): void {
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      throw new RangeError(`${what} ${value} is outside [${min}, ${max}]`);
    }
  }
}

/** The largest power of two strictly below `n` (n ≥ 2), the split point k of RFC 9162 §2.1.1. */
export function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}
