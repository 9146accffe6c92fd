import { dct64To16, dihedralCoefficients, DIHEDRAL_VARIANTS, type DihedralVariant } from './dct';
import { decimate, jaroszFilter, jaroszWindowSize } from './downscale';
import { pdqToHex, setPdqBit, type PdqBits } from './hash256';
import { torbenMedian } from './median';

/**
 * Decoded pixels, row-major, `channels` bytes per pixel: 1 (grey), 3 (RGB) or 4 (RGBA, the
 * alpha ignored, as in a canvas's ImageData).
 */
export interface PdqPixels {
  width: number;
  height: number;
  channels: 1 | 3 | 4;
  data: Uint8Array | Uint8ClampedArray;
}

/** A PDQ hash in the reference's hex order and its quality (0–100; below ~50 is unreliable). */
export interface PdqResult {
  hash: string;
  quality: number;
}

/** Smallest side the reference hashes; anything smaller gets the all-zero hash, quality 0. */
export const PDQ_MIN_DIMENSION = 5;
const JAROSZ_PASSES = 2;
const f = Math.fround;
const LUMA_R = f(0.299);
const LUMA_G = f(0.587);
const LUMA_B = f(0.114);

/** Luminance Y = 0.299 R + 0.587 G + 0.114 B in 32-bit floats; grey pixels are taken as is. */
export function pdqLuma(pixels: PdqPixels): Float32Array {
  const { width, height, channels, data } = pixels;
  const n = width * height;
  if (data.length < n * channels) {
    throw new Error(
      `pixel buffer holds ${data.length} bytes, ${width}×${height}×${channels} needs ${n * channels}`,
    );
  }
  const luma = new Float32Array(n);
  if (channels === 1) {
    for (let i = 0; i < n; i++) luma[i] = data[i]!;
    return luma;
  }
  for (let i = 0, p = 0; i < n; i++, p += channels) {
    luma[i] = f(f(f(LUMA_R * data[p]!) + f(LUMA_G * data[p + 1]!)) + f(LUMA_B * data[p + 2]!));
  }
  return luma;
}

/**
 * Quality from the 64×64 downsample: the sum of significant neighbour differences (in
 * percent of full scale, truncated), divided by 90 and capped at 100. Flat images score low.
 */
export function pdqQuality(buffer64: Float32Array): number {
  let gradientSum = 0;
  for (let i = 0; i < 63; i++) {
    for (let j = 0; j < 64; j++) {
      const d = f(f(f(buffer64[i * 64 + j]! - buffer64[(i + 1) * 64 + j]!) * 100) / 255);
      gradientSum += Math.abs(Math.trunc(d));
    }
  }
  for (let i = 0; i < 64; i++) {
    for (let j = 0; j < 63; j++) {
      const d = f(f(f(buffer64[i * 64 + j]! - buffer64[i * 64 + j + 1]!) * 100) / 255);
      gradientSum += Math.abs(Math.trunc(d));
    }
  }
  return Math.min(100, Math.floor(gradientSum / 90));
}

/** One bit per coefficient: set when it is above the median of the 256. */
function coefficientsToBits(coefficients: Float32Array): PdqBits {
  const median = torbenMedian(coefficients);
  const bits = new Uint32Array(8);
  for (let k = 0; k < 256; k++) if (coefficients[k]! > median) setPdqBit(bits, k);
  return bits;
}

/** Blur, decimate to 64×64, score, and take the 16×16 DCT. Consumes `luma`. */
function coefficientsFromLuma(
  luma: Float32Array,
  rows: number,
  cols: number,
): { coefficients: Float32Array; quality: number } {
  let buffer64: Float32Array;
  if (rows === 64 && cols === 64) {
    buffer64 = luma;
  } else {
    const scratch = new Float32Array(rows * cols);
    jaroszFilter(
      luma,
      scratch,
      rows,
      cols,
      jaroszWindowSize(cols, 64),
      jaroszWindowSize(rows, 64),
      JAROSZ_PASSES,
    );
    buffer64 = decimate(luma, rows, cols, 64, 64);
  }
  return { coefficients: dct64To16(buffer64), quality: pdqQuality(buffer64) };
}

/** PDQ of a luminance plane (rows × cols, row-major). The plane is overwritten. */
export function pdqFromLuma(luma: Float32Array, rows: number, cols: number): PdqResult {
  if (rows < PDQ_MIN_DIMENSION || cols < PDQ_MIN_DIMENSION)
    return { hash: '0'.repeat(64), quality: 0 };
  const { coefficients, quality } = coefficientsFromLuma(luma, rows, cols);
  return { hash: pdqToHex(coefficientsToBits(coefficients)), quality };
}

/** PDQ of decoded pixels. */
export function pdqHash(pixels: PdqPixels): PdqResult {
  return pdqFromLuma(pdqLuma(pixels), pixels.height, pixels.width);
}

/**
 * The hashes of the image's eight rotations and flips, computed from one DCT (what a matcher
 * needs to find a mirrored or rotated copy), with the common quality. The plane is overwritten.
 */
export function pdqDihedralHashesFromLuma(
  luma: Float32Array,
  rows: number,
  cols: number,
): { hashes: Record<DihedralVariant, string>; quality: number } {
  const hashes = {} as Record<DihedralVariant, string>;
  if (rows < PDQ_MIN_DIMENSION || cols < PDQ_MIN_DIMENSION) {
    for (const v of DIHEDRAL_VARIANTS) hashes[v] = '0'.repeat(64);
    return { hashes, quality: 0 };
  }
  const { coefficients, quality } = coefficientsFromLuma(luma, rows, cols);
  for (const v of DIHEDRAL_VARIANTS) {
    hashes[v] = pdqToHex(coefficientsToBits(dihedralCoefficients(coefficients, v)));
  }
  return { hashes, quality };
}

/** The eight dihedral hashes of decoded pixels at full size. */
export function pdqDihedralHashes(pixels: PdqPixels): {
  hashes: Record<DihedralVariant, string>;
  quality: number;
} {
  return pdqDihedralHashesFromLuma(pdqLuma(pixels), pixels.height, pixels.width);
}
