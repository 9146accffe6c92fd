import { pdqHashPhoto, type PdqResult } from '@counterweight/shared';

import { MIN_IMAGE_SIDE } from './image-limits';

/** An image's PDQ, with its bytes kept for the exact hashes (MD5, SHA-256) of a match. */
export interface HashedImage {
  pdq: PdqResult;
  blob: Blob;
}

/**
 * PDQ of an image the extension fetches itself (with its host permissions; nothing is sent
 * anywhere but to the image's own host), decoded by the browser and read back from a canvas.
 * Null for an image too small to hash or one that cannot be fetched or decoded.
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
    const { width, height } = bitmap;
    if (width < MIN_IMAGE_SIDE || height < MIN_IMAGE_SIDE) return null;
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (!context) return null;
    context.drawImage(bitmap, 0, 0);
    const { data } = context.getImageData(0, 0, width, height);
    return { pdq: pdqHashPhoto({ width, height, channels: 4, data }), blob };
  } finally {
    bitmap.close();
  }
}
