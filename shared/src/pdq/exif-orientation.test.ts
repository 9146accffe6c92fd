import { describe, expect, it } from 'vitest';
import { exifOrientation, withStoredOrientation } from './exif-orientation';

const u16 = (v: number, little: boolean) => (little ? [v & 255, v >> 8] : [v >> 8, v & 255]);
const u32 = (v: number, little: boolean) => {
  const be = [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
  return little ? be.reverse() : be;
};
/** An APP1 Exif segment whose IFD0 holds an image width and the orientation. */
function exifSegment(orientation: number, little: boolean): number[] {
  const entry = (tag: number, type: number, value: number[]) => [
    ...u16(tag, little),
    ...u16(type, little),
    ...u32(1, little),
    ...value,
  ];
  const body = [
    ...[0x45, 0x78, 0x69, 0x66, 0, 0],
    ...(little ? [0x49, 0x49] : [0x4d, 0x4d]),
    ...u16(42, little),
    ...u32(8, little),
    ...u16(2, little),
    ...entry(0x0100, 4, u32(4000, little)),
    ...entry(0x0112, 3, [...u16(orientation, little), 0, 0]),
    ...u32(0, little),
  ];
  return [0xff, 0xe1, ...u16(body.length + 2, false), ...body];
}
const JFIF = [0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
const XMP = [0xff, 0xe1, 0, 8, 0x68, 0x74, 0x74, 0x70, 0x3a, 0x2f];
const SCAN = [0xff, 0xda, 0, 2, 0x12, 0x34, 0xff, 0xd9];
const jpeg = (...segments: number[][]) => new Uint8Array([0xff, 0xd8, ...segments.flat(), ...SCAN]);

describe('EXIF orientation of a JPEG', () => {
  for (const little of [true, false])
    it(`reads it and sets it to "as stored" in a copy (${little ? 'Intel' : 'Motorola'} byte order)`, () => {
      const file = jpeg(JFIF, XMP, exifSegment(6, little));
      const original = file.slice();
      expect(exifOrientation(file)).toBe(6);
      const stored = withStoredOrientation(file);
      expect(stored).not.toBe(file);
      expect(file).toEqual(original);
      expect(exifOrientation(stored)).toBe(1);
      const changed = [...stored.keys()].filter((i) => stored[i] !== file[i]);
      expect(changed).toHaveLength(1);
    });

  it('leaves a file alone that declares no other orientation, or is no JPEG, or is cut short', () => {
    const upright = jpeg(JFIF, exifSegment(1, true));
    expect(withStoredOrientation(upright)).toBe(upright);
    const invalid = jpeg(JFIF, exifSegment(0, false));
    expect(exifOrientation(invalid)).toBe(0);
    expect(withStoredOrientation(invalid)).toBe(invalid);
    const plain = jpeg(JFIF);
    expect(exifOrientation(plain)).toBeNull();
    expect(withStoredOrientation(plain)).toBe(plain);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
    expect(withStoredOrientation(png)).toBe(png);
    const cut = jpeg(exifSegment(8, false)).slice(0, 30);
    expect(exifOrientation(cut)).toBeNull();
    expect(withStoredOrientation(cut)).toBe(cut);
  });

  it('finds the tag after the scan only if it comes before it', () => {
    const late = new Uint8Array([0xff, 0xd8, ...SCAN.slice(0, 6), ...exifSegment(6, true)]);
    expect(exifOrientation(late)).toBeNull();
  });
});
