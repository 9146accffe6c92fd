/**
 * The EXIF orientation of a JPEG, read and neutralised without decoding it. The reference PDQ
 * hasher hashes a photo's pixels as stored, but a browser applies the orientation when it decodes
 * (Chromium's `createImageBitmap` has no way left to turn that off: `imageOrientation: 'none'`
 * now means `'from-image'`). A copy whose orientation tag says 1 ("as stored") decodes to the
 * stored pixels, so it hashes as the reference does. Only the tag's two bytes change; the exact
 * hashes (MD5, SHA-256) are still taken of the original bytes.
 */

/** The EXIF tag of the orientation in IFD0 (TIFF 6.0: 1–8, 1 = as stored). */
const ORIENTATION_TAG = 0x0112;
const SHORT = 3;

/**
 * Where the orientation value of each Exif APP1 segment of a JPEG lies, with its byte order;
 * none for other files, or for a JPEG without the tag.
 */
function orientationFields(bytes: Uint8Array): { at: number; little: boolean }[] {
  const fields: { at: number; little: boolean }[] = [];
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return fields;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let p = 2;
  while (p + 4 <= bytes.length) {
    if (bytes[p] !== 0xff) break; // not a marker: the file is not what it says
    const marker = bytes[p + 1]!;
    if (marker === 0xff) {
      p++; // fill byte
      continue;
    }
    if (marker === 0xda || marker === 0xd9) break; // start of scan, end of image: no more headers
    const length = view.getUint16(p + 2);
    const start = p + 4;
    const end = p + 2 + length;
    if (length < 2 || end > bytes.length) break;
    if (marker === 0xe1) {
      const field = exifOrientationField(view, start, end);
      if (field) fields.push(field);
    }
    p = end;
  }
  return fields;
}

/** The orientation field of an APP1 segment's body (`start`..`end`), if it is Exif and has one. */
function exifOrientationField(
  view: DataView,
  start: number,
  end: number,
): { at: number; little: boolean } | null {
  // "Exif\0\0", then the TIFF header: byte order ("II" or "MM"), 42, offset of IFD0.
  if (end - start < 14) return null;
  const header = [0x45, 0x78, 0x69, 0x66, 0, 0];
  if (header.some((b, i) => view.getUint8(start + i) !== b)) return null;
  const tiff = start + 6;
  const order = view.getUint16(tiff);
  if (order !== 0x4949 && order !== 0x4d4d) return null;
  const little = order === 0x4949;
  if (view.getUint16(tiff + 2, little) !== 42) return null;
  const ifd = tiff + view.getUint32(tiff + 4, little);
  if (ifd + 2 > end) return null;
  const count = view.getUint16(ifd, little);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > end) return null;
    if (view.getUint16(entry, little) !== ORIENTATION_TAG) continue;
    if (view.getUint16(entry + 2, little) !== SHORT || view.getUint32(entry + 4, little) !== 1)
      return null;
    return { at: entry + 8, little };
  }
  return null;
}

/** The EXIF orientation a JPEG declares (1–8), or null without one (or for other files). */
export function exifOrientation(bytes: Uint8Array): number | null {
  const [field] = orientationFields(bytes);
  if (!field) return null;
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint16(
    field.at,
    field.little,
  );
}

/**
 * The bytes to decode so that a browser gives the pixels as stored: `bytes` itself when no
 * orientation that turns or flips (2–8) is declared, else a copy with every Exif orientation
 * set to 1.
 */
export function withStoredOrientation(bytes: Uint8Array): Uint8Array {
  const fields = orientationFields(bytes);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const turns = (f: { at: number; little: boolean }) => {
    const value = view.getUint16(f.at, f.little);
    return value >= 2 && value <= 8;
  };
  if (!fields.some(turns)) return bytes;
  const copy = bytes.slice();
  const out = new DataView(copy.buffer);
  for (const f of fields) out.setUint16(f.at, 1, f.little);
  return copy;
}
