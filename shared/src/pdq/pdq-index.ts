import { popcount32, type PdqBits } from './hash256';

const CHUNKS = 16;
const BUCKETS = 1 << 16;

/** The 16-bit chunk `c` (0–15) of a hash stored at `words[base…base+7]`. */
function chunkOf(words: Uint32Array, base: number, c: number): number {
  const w = words[base + (c >>> 1)]!;
  return c & 1 ? w & 0xffff : w >>> 16;
}

/**
 * PDQ hashes searchable by Hamming distance with multi-index hashing (Norouzi et al.): the 256
 * bits are cut into 16 chunks of 16 bits, each with its own table. By the pigeonhole principle
 * a hash within distance d < 16·(r+1) of the query has some chunk within r bits of the query's,
 * so probing each table at radius r = ⌊d/16⌋ finds every match (for d ≤ 31: the chunk itself and
 * its 16 one-bit neighbours, 272 buckets in all) and each candidate is then checked in full.
 * Tables are compact arrays (offsets and ids per chunk), rebuilt after many additions; hashes
 * added since the last rebuild are scanned one by one. Entries are numbered 0, 1, 2… by `add`.
 */
export class PdqIndex {
  #words = new Uint32Array(8 * 1024);
  #removed = new Uint8Array(1024);
  #size = 0;
  #indexed = 0;
  #offsets: Uint32Array[] = [];
  #ids: Uint32Array[] = [];
  #seen = new Uint32Array(1024);
  #generation = 0;

  /** Entries added so far (removed ones included). */
  get size(): number {
    return this.#size;
  }

  /** Adds a hash; returns its entry number. */
  add(hash: PdqBits): number {
    if (this.#size === this.#removed.length) this.#grow(this.#size * 2);
    this.#words.set(hash.subarray(0, 8), this.#size * 8);
    return this.#size++;
  }

  /** Marks an entry as removed: it no longer matches. */
  remove(entry: number): void {
    if (entry < this.#size) this.#removed[entry] = 1;
  }

  /** Builds the chunk tables over every entry (done by `query` when many are unindexed). */
  rebuild(): void {
    const n = this.#size;
    this.#offsets = [];
    this.#ids = [];
    for (let c = 0; c < CHUNKS; c++) {
      const offsets = new Uint32Array(BUCKETS + 1);
      for (let e = 0; e < n; e++) offsets[chunkOf(this.#words, e * 8, c) + 1]!++;
      for (let b = 0; b < BUCKETS; b++) offsets[b + 1]! += offsets[b]!;
      const fill = offsets.slice(0, BUCKETS);
      const ids = new Uint32Array(n);
      for (let e = 0; e < n; e++) ids[fill[chunkOf(this.#words, e * 8, c)]!++] = e;
      this.#offsets.push(offsets);
      this.#ids.push(ids);
    }
    this.#indexed = n;
  }

  /**
   * Every entry within `threshold` bits of `hash` (not removed), with its distance, nearest
   * first. Thresholds of 32 and more scan every entry.
   */
  query(hash: PdqBits, threshold: number): { entry: number; distance: number }[] {
    if (this.#size - this.#indexed > Math.max(1024, this.#indexed / 8)) this.rebuild();
    const found: { entry: number; distance: number }[] = [];
    const check = (e: number) => {
      if (this.#removed[e]) return;
      const d = this.#distance(hash, e);
      if (d <= threshold) found.push({ entry: e, distance: d });
    };
    if (threshold >= 32 || this.#indexed === 0) {
      for (let e = 0; e < this.#size; e++) check(e);
    } else {
      const generation = this.#nextGeneration();
      const seen = this.#seen;
      const removed = this.#removed;
      const words = this.#words;
      const [h0, h1, h2, h3, h4, h5, h6, h7] = hash as unknown as number[];
      const radius = threshold >= 16 ? 16 : 0;
      for (let c = 0; c < CHUNKS; c++) {
        const w = hash[c >>> 1]!;
        const q = c & 1 ? w & 0xffff : w >>> 16;
        const offsets = this.#offsets[c]!;
        const ids = this.#ids[c]!;
        for (let flip = -1; flip < radius; flip++) {
          const bucket = flip < 0 ? q : q ^ (1 << flip);
          for (let i = offsets[bucket]!, end = offsets[bucket + 1]!; i < end; i++) {
            const e = ids[i]!;
            if (seen[e] === generation) continue;
            seen[e] = generation;
            if (removed[e]) continue;
            const b = e * 8;
            const d =
              popcount32(h0! ^ words[b]!) +
              popcount32(h1! ^ words[b + 1]!) +
              popcount32(h2! ^ words[b + 2]!) +
              popcount32(h3! ^ words[b + 3]!) +
              popcount32(h4! ^ words[b + 4]!) +
              popcount32(h5! ^ words[b + 5]!) +
              popcount32(h6! ^ words[b + 6]!) +
              popcount32(h7! ^ words[b + 7]!);
            if (d <= threshold) found.push({ entry: e, distance: d });
          }
        }
      }
      for (let e = this.#indexed; e < this.#size; e++) check(e);
    }
    return found.sort((a, b) => a.distance - b.distance || a.entry - b.entry);
  }

  #distance(hash: PdqBits, entry: number): number {
    const words = this.#words;
    const base = entry * 8;
    let d = 0;
    for (let w = 0; w < 8; w++) d += popcount32((hash[w]! ^ words[base + w]!) >>> 0);
    return d;
  }

  #nextGeneration(): number {
    if (this.#seen.length < this.#size) this.#seen = new Uint32Array(this.#removed.length);
    if (++this.#generation === 0xffffffff) {
      this.#seen.fill(0);
      this.#generation = 1;
    }
    return this.#generation;
  }

  #grow(capacity: number): void {
    const words = new Uint32Array(capacity * 8);
    words.set(this.#words);
    this.#words = words;
    const removed = new Uint8Array(capacity);
    removed.set(this.#removed);
    this.#removed = removed;
  }
}
