import { PDQ_PHOTO_MAX_DIMENSION, pdqHashPhoto, type PdqResult } from '@counterweight/shared';

import { MIN_IMAGE_SIDE } from './image-limits';

/** An image's PDQ, with its bytes kept for the exact hashes (MD5, SHA-256) of a match. */
export interface HashedImage {
  pdq: PdqResult;
  blob: Blob;
}

/**
 * The pixels PDQ hashes, read back from a canvas. An image larger than 512 on either side is
 * drawn straight onto a 512 × 512 canvas by nearest neighbour, as the reference photo hasher
 * resamples it (see `pdqPhotoLuma`), so only a quarter or less of its pixels is read back. The
 * canvas samples each output pixel at its centre, x + ½; the transform is shifted by just under
 * half a pixel so that it reads source column ⌊x · width / 512⌋, the reference's choice: the
 * hashes equal the reference vectors' bit for bit (test/bench/pdq-browser.ts checks them).
 */
export function pdqPixels(
  bitmap: ImageBitmap,
): { width: number; height: number; channels: 4; data: Uint8ClampedArray } | null {
  const max = PDQ_PHOTO_MAX_DIMENSION;
  const { width, height } = bitmap;
  const large = width > max || height > max;
  const [w, h] = large ? [max, max] : [width, height];
  const canvas = new OffscreenCanvas(w, h);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) return null;
  if (large) {
    context.imageSmoothingEnabled = false;
    context.setTransform(max / width, 0, 0, max / height, 0.5 - 0.25 / width, 0.5 - 0.25 / height);
  }
  context.drawImage(bitmap, 0, 0);
  return { width: w, height: h, channels: 4, data: context.getImageData(0, 0, w, h).data };
}

/**
 * PDQ of an image the extension fetches itself (with its host permissions; nothing is sent
 * anywhere but to the image's own host), decoded by the browser and read back from a canvas
 * ({@link pdqPixels}). Null for an image too small to hash or one that cannot be fetched or
 * decoded. Chromium applies a JPEG's EXIF orientation when decoding (`imageOrientation: 'none'`
 * no longer turns it off), where the reference hasher does not: such a photo hashes as displayed.
 */
export async function hashImageUrl(
  url: string,
  fetchImpl: typeof fetch = fetch,
): Promise<HashedImage | null> {
  let bitmap: ImageBitmap;
  let blob: Blob;
  try {
    const response = await fetchImpl(url, { credentials: 'omit' });
    if (!response.ok) return null;
    blob = await response.blob();
    bitmap = await createImageBitmap(blob, {
      colorSpaceConversion: 'none',
      premultiplyAlpha: 'none',
    });
  } catch {
    return null;
  }
  try {
    if (bitmap.width < MIN_IMAGE_SIDE || bitmap.height < MIN_IMAGE_SIDE) return null;
    const pixels = pdqPixels(bitmap);
    return pixels ? { pdq: pdqHashPhoto(pixels), blob } : null;
  } finally {
    bitmap.close();
  }
}
