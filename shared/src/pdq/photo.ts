import {
  pdqDihedralHashesFromLuma,
  pdqFromLuma,
  pdqLuma,
  type PdqPixels,
  type PdqResult,
} from './pdq';
import type { DihedralVariant } from './dct';

/**
 * Largest side the reference photo hasher (`pdq-photo-hasher`) hashes at full size: a bigger
 * image is first resampled to exactly 512 × 512 by nearest neighbour (the aspect ratio is not
 * kept), because the two-pass Jarosz filter is expensive at full resolution. Hashing a photo
 * the same way is what makes our hashes equal to the ones other PDQ deployments share.
 */
export const PDQ_PHOTO_MAX_DIMENSION = 512;

/**
 * The luminance plane the reference photo hasher feeds to PDQ: the pixels as decoded (no EXIF
 * rotation), resampled to 512 × 512 when either side is larger. Output pixel x reads source
 * column ⌊x · width / 512⌋ (likewise for rows), as CImg's nearest-neighbour resize does.
 */
export function pdqPhotoLuma(pixels: PdqPixels): {
  luma: Float32Array;
  rows: number;
  cols: number;
} {
  const { width, height } = pixels;
  if (width <= PDQ_PHOTO_MAX_DIMENSION && height <= PDQ_PHOTO_MAX_DIMENSION) {
    return { luma: pdqLuma(pixels), rows: height, cols: width };
  }
  const size = PDQ_PHOTO_MAX_DIMENSION;
  const { channels, data } = pixels;
  const sampled = new Uint8Array(size * size * channels);
  const sourceColumn = new Int32Array(size);
  for (let x = 0; x < size; x++) sourceColumn[x] = Math.floor((x * width) / size);
  for (let y = 0; y < size; y++) {
    const row = Math.floor((y * height) / size) * width;
    for (let x = 0; x < size; x++) {
      const from = (row + sourceColumn[x]!) * channels;
      const to = (y * size + x) * channels;
      for (let c = 0; c < channels; c++) sampled[to + c] = data[from + c]!;
    }
  }
  return {
    luma: pdqLuma({ width: size, height: size, channels, data: sampled }),
    rows: size,
    cols: size,
  };
}

/** PDQ of a decoded photo, as the reference photo hasher computes it. */
export function pdqHashPhoto(pixels: PdqPixels): PdqResult {
  const { luma, rows, cols } = pdqPhotoLuma(pixels);
  return pdqFromLuma(luma, rows, cols);
}

/** The eight dihedral hashes of a decoded photo, as the reference photo hasher computes them. */
export function pdqDihedralHashesPhoto(pixels: PdqPixels): {
  hashes: Record<DihedralVariant, string>;
  quality: number;
} {
  const { luma, rows, cols } = pdqPhotoLuma(pixels);
  return pdqDihedralHashesFromLuma(luma, rows, cols);
}
