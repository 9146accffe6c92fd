import { normaliseText } from './text';

/**
 * The text signal of a bank: a MinHash of the normalised text's word pairs (2-shingles), 64 slots of
 * 16 bits (b-bit MinHash), written as 256 hex digits. Two texts' signals differ in about
 * (1 − J) · 64 slots, J being the Jaccard similarity of their shingle sets, so a near-duplicate
 * (a word changed, a hashtag added, other punctuation or capitals) stays within a few slots
 * while unrelated text differs in nearly all.
 *
 * Why MinHash and not TLSH: TLSH needs at least 50 bytes with enough variety and is tuned for
 * files; posts are often one short sentence. MinHash works on any text of five words or more,
 * is a few lines of pure code over word pairs (a post of five words has four) (the extension computes it on-device with no dependency), and the
 * signal holds hashes of shingles, never words.
 */
export const TEXT_SIGNAL_SLOTS = 64;
/**
 * Slots two text signals may differ in and still match (Jaccard ≳ 0.6: in a 20-word post, one
 * word changed and a hashtag added keep J ≈ 0.8).
 */
export const TEXT_SIGNAL_THRESHOLD = 24;
/** Fewest words a text signal is computed from; shorter text is too common to bank. */
export const TEXT_SIGNAL_MIN_WORDS = 5;

/** FNV-1a 32-bit of a string's UTF-16 code units. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A 32-bit mixer (murmur3's finaliser) seeded per slot: 64 independent hash functions. */
function mix(x: number, seed: number): number {
  let h = (x ^ Math.imul(seed, 0x9e3779b1)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Words of the normalised text (letters and digits of any script). */
export function signalWords(text: string): string[] {
  return normaliseText(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** The text signal of `text`, or null when it has fewer than five words. */
export function textSignal(text: string): string | null {
  const words = signalWords(text);
  if (words.length < TEXT_SIGNAL_MIN_WORDS) return null;
  const mins = new Uint32Array(TEXT_SIGNAL_SLOTS).fill(0xffffffff);
  for (let i = 0; i + 1 < words.length; i++) {
    const shingle = fnv1a(`${words[i]} ${words[i + 1]}`);
    for (let s = 0; s < TEXT_SIGNAL_SLOTS; s++) {
      const h = mix(shingle, s + 1);
      if (h < mins[s]!) mins[s] = h;
    }
  }
  let hex = '';
  for (let s = 0; s < TEXT_SIGNAL_SLOTS; s++)
    hex += (mins[s]! >>> 16).toString(16).padStart(4, '0');
  return hex;
}

/** Slots in which two text signals differ (0–64). */
export function textSignalDistance(a: string, b: string): number {
  let d = 0;
  for (let s = 0; s < TEXT_SIGNAL_SLOTS * 4; s += 4)
    if (a.slice(s, s + 4) !== b.slice(s, s + 4)) d++;
  return d;
}
