/**
 * A PDQ hash: 256 bits, written as 64 hexadecimal digits in the reference's order (bit 255
 * first; bit `16·i + j` is DCT coefficient row i, column j). Held as eight 32-bit words, word 0
 * being the first eight hex digits, so that distances are eight XORs and popcounts.
 */
export type PdqBits = Uint32Array;

const HEX = /^[0-9a-f]{64}$/i;

/** Whether `hex` is 64 hexadecimal digits. */
export function isPdqHex(hex: string): boolean {
  return HEX.test(hex);
}

/** Parses 64 hex digits; throws on anything else. */
export function pdqFromHex(hex: string): PdqBits {
  if (!HEX.test(hex)) throw new Error(`a PDQ hash is 64 hexadecimal digits, got "${hex}"`);
  const words = new Uint32Array(8);
  for (let w = 0; w < 8; w++) words[w] = parseInt(hex.slice(w * 8, w * 8 + 8), 16);
  return words;
}

/** 64 lowercase hex digits. */
export function pdqToHex(bits: PdqBits): string {
  let out = '';
  for (let w = 0; w < 8; w++) out += bits[w]!.toString(16).padStart(8, '0');
  return out;
}

/** Sets bit `k` (0 = least significant = last hex digit's lowest bit). */
export function setPdqBit(bits: PdqBits, k: number): void {
  const w = 7 - (k >>> 5);
  bits[w] = (bits[w]! | (1 << (k & 31))) >>> 0;
}

/** Number of set bits in a 32-bit word. */
export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Hamming distance between two hashes (0–256). */
export function pdqDistance(a: PdqBits, b: PdqBits): number {
  let d = 0;
  for (let w = 0; w < 8; w++) d += popcount32((a[w]! ^ b[w]!) >>> 0);
  return d;
}

/** Hamming distance between two hashes in hex. */
export function pdqHexDistance(a: string, b: string): number {
  return pdqDistance(pdqFromHex(a), pdqFromHex(b));
}
