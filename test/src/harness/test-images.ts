import type { PdqPixels } from '@counterweight/shared';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

/** A textured photo-like RGB image (sums of sines with a seed), width × height. */
export function texture(width: number, height: number, seed: number): PdqPixels {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const p = (y * width + x) * 4;
      for (let c = 0; c < 3; c++)
        data[p + c] = Math.max(
          0,
          Math.min(
            255,
            Math.round(
              128 +
                70 * Math.sin(((x * (3 + seed + c)) / width) * 4 + y / (17 + seed)) +
                40 * Math.cos(((y * (5 + seed)) / height) * 3 + (x * seed) / 29),
            ),
          ),
        );
      data[p + 3] = 255;
    }
  return { width, height, channels: 4, data };
}

/** Area-average resize, then JPEG at `quality` and back: a re-uploaded copy. */
export function resizedRecompressed(
  source: PdqPixels,
  width: number,
  height: number,
  quality: number,
): PdqPixels {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const y0 = Math.floor((y * source.height) / height),
        y1 = Math.max(y0 + 1, Math.floor(((y + 1) * source.height) / height));
      const x0 = Math.floor((x * source.width) / width),
        x1 = Math.max(x0 + 1, Math.floor(((x + 1) * source.width) / width));
      for (let c = 0; c < 3; c++) {
        let sum = 0;
        for (let sy = y0; sy < y1; sy++)
          for (let sx = x0; sx < x1; sx++) sum += source.data[(sy * source.width + sx) * 4 + c]!;
        data[(y * width + x) * 4 + c] = Math.round(sum / ((y1 - y0) * (x1 - x0)));
      }
      data[(y * width + x) * 4 + 3] = 255;
    }
  const encoded = jpeg.encode({ width, height, data: Buffer.from(data) }, quality);
  const decoded = jpeg.decode(encoded.data, { useTArray: true, formatAsRGBA: true });
  return { width, height, channels: 4, data: decoded.data };
}

/** PNG bytes of the pixels: lossless, so the browser hashes exactly these pixels. */
export const png = (p: PdqPixels) => {
  const image = new PNG({ width: p.width, height: p.height });
  image.data = Buffer.from(p.data);
  return PNG.sync.write(image);
};
