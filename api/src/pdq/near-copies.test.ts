import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pdqHashPhoto, pdqHexDistance, type PdqPixels } from '@counterweight/shared/pdq/index';
import fc from 'fast-check';
import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { VECTORS_DIR } from '../testing/pdq-vectors';
import { decodeImage } from './decode-image';

/** Area-average resize to width × height (what an image host's thumbnailer roughly does). */
function resize(source: PdqPixels, width: number, height: number): PdqPixels {
  const { channels } = source;
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const y0 = Math.floor((y * source.height) / height);
    const y1 = Math.max(y0 + 1, Math.floor(((y + 1) * source.height) / height));
    for (let x = 0; x < width; x++) {
      const x0 = Math.floor((x * source.width) / width);
      const x1 = Math.max(x0 + 1, Math.floor(((x + 1) * source.width) / width));
      const sum = [0, 0, 0];
      for (let sy = y0; sy < y1; sy++) {
        for (let sx = x0; sx < x1; sx++) {
          const p = (sy * source.width + sx) * channels;
          for (let c = 0; c < 3; c++) sum[c]! += source.data[p + (channels === 1 ? 0 : c)]!;
        }
      }
      const n = (y1 - y0) * (x1 - x0);
      const q = (y * width + x) * 4;
      for (let c = 0; c < 3; c++) data[q + c] = Math.round(sum[c]! / n);
      data[q + 3] = 255;
    }
  }
  return { width, height, channels: 4, data };
}

/** Re-encodes as a JPEG at `quality` (jpeg-js's encoder) and decodes it again. */
function recompress(pixels: PdqPixels, quality: number): PdqPixels {
  const rgba = pixels.channels === 4 ? pixels : resize(pixels, pixels.width, pixels.height);
  const encoded = jpeg.encode(
    { width: rgba.width, height: rgba.height, data: Buffer.from(rgba.data) },
    quality,
  );
  return decodeImage(encoded.data);
}

// Photos with texture across the frame. A mostly flat one (labelme q0122, sky) drifts further
// (34 bits at half size): PDQ's threshold of 31 is a convention for ordinary photos.
const originals = ['bridge-mods--aaa-orig.jpg', 'exif-rotn--exif-rotn-1.jpg'].map((file) => {
  const pixels = decodeImage(readFileSync(join(VECTORS_DIR, file)));
  // Start from a manageable size so that each run stays quick.
  const scale = Math.min(1, 400 / Math.max(pixels.width, pixels.height));
  const base = resize(pixels, Math.round(pixels.width * scale), Math.round(pixels.height * scale));
  return { file, base, hash: pdqHashPhoto(base).hash };
});

describe('PDQ of near-copies', () => {
  it('a resized and recompressed copy stays within distance 31 of the original', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: originals.length - 1 }),
        fc.double({ min: 0.25, max: 1.5, noNaN: true }),
        fc.integer({ min: 30, max: 95 }),
        (which, scale, quality) => {
          const original = originals[which]!;
          const { base } = original;
          const width = Math.max(8, Math.round(base.width * scale));
          const height = Math.max(8, Math.round(base.height * scale));
          const copy = recompress(resize(base, width, height), quality);
          expect(pdqHexDistance(pdqHashPhoto(copy).hash, original.hash)).toBeLessThanOrEqual(31);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('different photos are far apart', () => {
    for (const a of originals) {
      for (const b of originals) {
        if (a !== b) expect(pdqHexDistance(a.hash, b.hash)).toBeGreaterThan(64);
      }
    }
  });
});
