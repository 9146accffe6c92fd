import { decode as decodeJpeg } from '@cwasm/jpeg-turbo';
import type { PdqPixels } from '@counterweight/shared/pdq/index';
import { PNG } from 'pngjs';

/** The file is not a PNG or JPEG this decoder can read. */
export class UndecodableImageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UndecodableImageError';
  }
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/**
 * Decodes a PNG (pngjs: greyscale, palette and low bit depths expanded to 8-bit RGBA like
 * libpng's expansion) or a JPEG (libjpeg-turbo compiled to WebAssembly: the same decoder
 * family, integer IDCT and fancy chroma upsampling as the reference hasher's libjpeg, so the
 * pixels and hashes are the same). EXIF orientation is not applied, as in the reference.
 * Throws {@link UndecodableImageError} for anything else or a damaged file.
 */
export function decodeImage(bytes: Uint8Array): PdqPixels {
  try {
    if (startsWith(bytes, PNG_SIGNATURE)) {
      const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      return { width: png.width, height: png.height, channels: 4, data: png.data };
    }
    if (startsWith(bytes, [0xff, 0xd8, 0xff])) {
      const image = decodeJpeg(bytes);
      return { width: image.width, height: image.height, channels: 4, data: image.data };
    }
  } catch (error) {
    throw new UndecodableImageError(`damaged image: ${(error as Error).message}`);
  }
  throw new UndecodableImageError('not a PNG or JPEG file');
}
