import { pdqHashPhoto, type PdqResult } from '@counterweight/shared';

import { MIN_IMAGE_SIDE } from './image-limits';

/**
 * PDQ of an image the extension fetches itself (with its host permissions; nothing is sent
 * anywhere but to the image's own host), decoded by the browser and read back from a canvas.
 * Null for an image too small to hash or one that cannot be fetched or decoded.
 */
export async function hashImageUrl(
  url: string,
  fetchImpl: typeof fetch = fetch,
): Promise<PdqResult | null> {
  let bitmap: ImageBitmap;
  try {
    const response = await fetchImpl(url, { credentials: 'omit' });
    if (!response.ok) return null;
    bitmap = await createImageBitmap(await response.blob(), {
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
    return pdqHashPhoto({ width, height, channels: 4, data });
  } finally {
    bitmap.close();
  }
}
