import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DIHEDRAL_VARIANTS } from './dct';
import { jaroszWindowSize } from './downscale';
import { isPdqHex, pdqFromHex, pdqHexDistance, pdqToHex, setPdqBit } from './hash256';
import { torbenMedian } from './median';
import { pdqDihedralHashes, pdqHash, type PdqPixels } from './pdq';
import { pdqHashPhoto, pdqPhotoLuma } from './photo';

/** A deterministic textured greyscale image (sums of sines), side × side. */
function texture(width: number, height: number, seed = 1): PdqPixels {
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v =
        128 +
        60 * Math.sin((x * 7 * seed) / width + y / 9) +
        50 * Math.cos((y * 5) / height + (x * seed) / 13) +
        15 * Math.sin((x * y) / 97);
      data[y * width + x] = Math.max(0, Math.min(255, Math.round(v)));
    }
  }
  return { width, height, channels: 1, data };
}

/** Applies a dihedral transform to greyscale pixels. */
function transform(p: PdqPixels, variant: (typeof DIHEDRAL_VARIANTS)[number]): PdqPixels {
  const { width: w, height: h } = p;
  const transposed = ['rotate90', 'rotate270', 'flipPlus1', 'flipMinus1'].includes(variant);
  const ow = transposed ? h : w;
  const oh = transposed ? w : h;
  const data = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const [ox, oy] = {
        original: [x, y],
        rotate90: [y, w - 1 - x], // counter-clockwise, as the reference names it
        rotate180: [w - 1 - x, h - 1 - y],
        rotate270: [h - 1 - y, x],
        flipX: [x, h - 1 - y],
        flipY: [w - 1 - x, y],
        flipPlus1: [y, x],
        flipMinus1: [h - 1 - y, w - 1 - x],
      }[variant] as [number, number];
      data[oy * ow + ox] = p.data[y * w + x]!;
    }
  }
  return { width: ow, height: oh, channels: 1, data };
}

describe('PDQ hash encoding', () => {
  it('round-trips 64 hex digits and measures distance bit by bit', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.nat(255), (bytes, bit) => {
        const hex = Buffer.from(bytes).toString('hex');
        expect(pdqToHex(pdqFromHex(hex))).toBe(hex);
        const flipped = pdqFromHex(hex);
        const word = 7 - (bit >>> 5);
        flipped[word] = (flipped[word]! ^ (1 << (bit & 31))) >>> 0;
        expect(pdqHexDistance(hex, pdqToHex(flipped))).toBe(1);
      }),
    );
  });

  it('puts bit 255 first and bit 0 last, as the reference prints them', () => {
    const bits = new Uint32Array(8);
    setPdqBit(bits, 255);
    setPdqBit(bits, 0);
    expect(pdqToHex(bits)).toBe('8' + '0'.repeat(62) + '1');
  });

  it('refuses anything but 64 hex digits', () => {
    expect(isPdqHex('g'.repeat(64))).toBe(false);
    expect(isPdqHex('a'.repeat(63))).toBe(false);
    expect(() => pdqFromHex('xyz')).toThrow(/64 hexadecimal digits/);
  });
});

describe('PDQ building blocks', () => {
  it('Torben median is the lower median for an even count', () => {
    fc.assert(
      fc.property(
        fc.array(fc.float({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }), {
          minLength: 1,
          maxLength: 300,
        }),
        (values) => {
          const m = Float32Array.from(values);
          const sorted = Array.from(m).sort((a, b) => a - b);
          expect(torbenMedian(m)).toBe(sorted[Math.floor((m.length + 1) / 2) - 1]);
        },
      ),
    );
  });

  it('box window is half an output cell, rounded up', () => {
    expect(jaroszWindowSize(1024, 64)).toBe(8);
    expect(jaroszWindowSize(1025, 64)).toBe(9);
    expect(jaroszWindowSize(64, 64)).toBe(1);
    expect(jaroszWindowSize(5, 64)).toBe(1);
  });
});

describe('PDQ of pixels', () => {
  it('gives the all-zero hash and quality 0 below 5 pixels a side', () => {
    expect(pdqHash(texture(4, 100))).toEqual({ hash: '0'.repeat(64), quality: 0 });
  });

  it('gives a flat image quality 0 and a textured one quality 100', () => {
    const flat: PdqPixels = {
      width: 100,
      height: 80,
      channels: 1,
      data: new Uint8Array(8000).fill(90),
    };
    expect(pdqHash(flat).quality).toBe(0);
    expect(pdqHash(texture(100, 80)).quality).toBe(100);
  });

  it('hashes RGB, RGBA and grey copies of the same pixels alike', () => {
    const grey = texture(120, 90);
    const rgb = new Uint8Array(120 * 90 * 3);
    const rgba = new Uint8Array(120 * 90 * 4);
    grey.data.forEach((v, i) => {
      rgb.set([v, v, v], i * 3);
      rgba.set([v, v, v, 7], i * 4);
    });
    const expected = pdqHash(grey);
    expect(pdqHash({ width: 120, height: 90, channels: 3, data: rgb })).toEqual(expected);
    expect(pdqHash({ width: 120, height: 90, channels: 4, data: rgba })).toEqual(expected);
  });

  it('the dihedral hashes equal the hashes of the rotated and flipped pixels (64×64, no blur)', () => {
    const image = texture(64, 64, 3);
    const { hashes } = pdqDihedralHashes(image);
    for (const variant of DIHEDRAL_VARIANTS) {
      expect(hashes[variant]).toBe(pdqHash(transform(image, variant)).hash);
    }
  });

  it('resamples photos larger than 512 to 512 × 512 by nearest neighbour, as the reference', () => {
    const big = texture(1030, 600);
    const { rows, cols, luma } = pdqPhotoLuma(big);
    expect([rows, cols]).toEqual([512, 512]);
    // Output (y, x) reads source (⌊y·600/512⌋, ⌊x·1030/512⌋).
    expect(luma[100 * 512 + 300]).toBe(
      big.data[Math.floor((100 * 600) / 512) * 1030 + Math.floor((300 * 1030) / 512)],
    );
    expect(pdqHashPhoto(texture(300, 200))).toEqual(pdqHash(texture(300, 200)));
  });
});
