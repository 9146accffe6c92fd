/**
 * The frequency step of PDQ: the 64×64 blurred luma goes through the 2-D DCT-II, keeping only
 * the 16×16 lowest frequencies after the DC term (rows and columns 1–16), in 32-bit floats as
 * the reference computes them. The dihedral transforms permute and negate those coefficients
 * instead of hashing the rotated image again.
 */

const f = Math.fround;

/** 16 × 64 DCT-II basis (rows 1–16 of the 64-point DCT), row-major, 32-bit. */
const dctMatrix: Float32Array = (() => {
  const m = new Float32Array(16 * 64);
  const scale = f(Math.sqrt(2 / 64));
  for (let i = 0; i < 16; i++) {
    for (let j = 0; j < 64; j++) {
      m[i * 64 + j] = scale * Math.cos((Math.PI / 2 / 64) * (i + 1) * (2 * j + 1));
    }
  }
  return m;
})();

/** B = D · A · Dᵀ for the 64×64 `a`; returns the 16×16 result, row-major. */
export function dct64To16(a: Float32Array): Float32Array {
  const t = new Float32Array(16 * 64);
  for (let i = 0; i < 16; i++) {
    const d = i * 64;
    for (let j = 0; j < 64; j++) {
      let sum = 0;
      for (let k = 0; k < 64; k++) sum = f(sum + f(dctMatrix[d + k]! * a[k * 64 + j]!));
      t[d + j] = sum;
    }
  }
  const b = new Float32Array(16 * 16);
  for (let i = 0; i < 16; i++) {
    for (let j = 0; j < 16; j++) {
      let sum = 0;
      for (let k = 0; k < 64; k++) sum = f(sum + f(t[i * 64 + k]! * dctMatrix[j * 64 + k]!));
      b[i * 16 + j] = sum;
    }
  }
  return b;
}

/** The eight images PDQ hashes at once: the original and its rotations and flips. */
export const DIHEDRAL_VARIANTS = [
  'original',
  'rotate90',
  'rotate180',
  'rotate270',
  'flipX',
  'flipY',
  'flipPlus1',
  'flipMinus1',
] as const;
export type DihedralVariant = (typeof DIHEDRAL_VARIANTS)[number];

/**
 * The 16×16 coefficients of a rotated or flipped image from those of the original: an odd
 * frequency changes sign when its axis is mirrored, and a transposition swaps the axes.
 * `flipX` mirrors top to bottom, `flipY` left to right, `flipPlus1` is the transpose and
 * `flipMinus1` the anti-transpose (the reference's names).
 */
export function dihedralCoefficients(a: Float32Array, variant: DihedralVariant): Float32Array {
  const b = new Float32Array(256);
  for (let i = 0; i < 16; i++) {
    for (let j = 0; j < 16; j++) {
      const v = a[i * 16 + j]!;
      const iOdd = (i & 1) === 1;
      const jOdd = (j & 1) === 1;
      const sumOdd = ((i + j) & 1) === 1;
      switch (variant) {
        case 'original':
          b[i * 16 + j] = v;
          break;
        case 'rotate90':
          b[j * 16 + i] = jOdd ? v : -v;
          break;
        case 'rotate180':
          b[i * 16 + j] = sumOdd ? -v : v;
          break;
        case 'rotate270':
          b[j * 16 + i] = iOdd ? v : -v;
          break;
        case 'flipX':
          b[i * 16 + j] = iOdd ? v : -v;
          break;
        case 'flipY':
          b[i * 16 + j] = jOdd ? v : -v;
          break;
        case 'flipPlus1':
          b[j * 16 + i] = v;
          break;
        case 'flipMinus1':
          b[j * 16 + i] = sumOdd ? -v : v;
          break;
      }
    }
  }
  return b;
}
