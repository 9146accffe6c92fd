import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  DIHEDRAL_VARIANTS,
  pdqDihedralHashesPhoto,
  pdqHashPhoto,
  pdqHexDistance,
} from '@counterweight/shared/pdq/index';
import { describe, expect, it } from 'vitest';
import { expectedVectors, VECTORS_DIR } from '../testing/pdq-vectors';
import { decodeImage } from './decode-image';

const vectors = expectedVectors();
const hashOf = (file: string) => pdqHashPhoto(decodeImage(readFileSync(join(VECTORS_DIR, file))));

describe('PDQ against the reference hasher', () => {
  it('has a line for every image in the vectors folder', () => {
    const images = readdirSync(VECTORS_DIR).filter((f) => /\.(jpe?g|png)$/.test(f));
    expect(vectors.map((v) => v.file).sort()).toEqual(images.sort());
  });

  it.each(vectors)('$file: same hash and quality', ({ file, hash, quality }) => {
    const result = hashOf(file);
    expect(pdqHexDistance(result.hash, hash)).toBe(0);
    expect(result.hash).toBe(hash);
    expect(result.quality).toBe(quality);
  });

  it('decodes EXIF-rotated files as stored, not as displayed (orientation 6 stays landscape)', () => {
    const tagged = decodeImage(readFileSync(join(VECTORS_DIR, 'exif-rotn--exif-rotn-6.jpg')));
    expect([tagged.width, tagged.height]).toEqual([4032, 3024]);
  });

  it('finds each rotated or flipped file among the original’s eight dihedral hashes', () => {
    const original = pdqDihedralHashesPhoto(
      decodeImage(readFileSync(join(VECTORS_DIR, 'dih--bridge-1-original.jpg'))),
    );
    const files: Record<(typeof DIHEDRAL_VARIANTS)[number], string> = {
      original: 'dih--bridge-1-original.jpg',
      rotate90: 'dih--bridge-2-rotate-90.jpg',
      rotate180: 'dih--bridge-3-rotate-180.jpg',
      rotate270: 'dih--bridge-4-rotate-270.jpg',
      flipX: 'dih--bridge-5-flipx.jpg',
      flipY: 'dih--bridge-6-flipy.jpg',
      flipPlus1: 'dih--bridge-7-flip-plus-1.jpg',
      flipMinus1: 'dih--bridge-8-flip-minus-1.jpg',
    };
    for (const variant of DIHEDRAL_VARIANTS) {
      const expected = vectors.find((v) => v.file === files[variant])!.hash;
      const distances = DIHEDRAL_VARIANTS.map((v) => pdqHexDistance(original.hashes[v], expected));
      // The matching variant is within PDQ's usual match threshold; every other one is far.
      expect(distances[DIHEDRAL_VARIANTS.indexOf(variant)]).toBeLessThanOrEqual(31);
      expect(
        Math.min(...distances.filter((_, i) => DIHEDRAL_VARIANTS[i] !== variant)),
      ).toBeGreaterThan(64);
    }
  });
});
