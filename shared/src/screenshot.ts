import { z } from 'zod';
import { Sha256Hex } from './common';

/** Image types the API takes as screenshot evidence. */
export const SCREENSHOT_MEDIA_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export const ScreenshotMediaType = z.enum(SCREENSHOT_MEDIA_TYPES);
export type ScreenshotMediaType = z.infer<typeof ScreenshotMediaType>;

/** Largest screenshot taken, decoded: 2 MB. */
export const MAX_SCREENSHOT_BYTES = 2_000_000;

/**
 * The screenshot a reviewer kept with a report, as sent in `POST /v1/reports`: the image bytes in
 * standard base64, with their media type and SHA-256. The API decodes them, checks the hash and
 * that the bytes are of the stated type (415 otherwise), and refuses more than
 * {@link MAX_SCREENSHOT_BYTES} (413). Only the hash is logged.
 */
export const ScreenshotEvidence = z.strictObject({
  mediaType: z.string().min(1).max(100),
  sha256: Sha256Hex,
  /** Standard base64 (RFC 4648 §4), padded. */
  data: z
    .string()
    .min(4)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'expected standard base64'),
});
export type ScreenshotEvidence = z.infer<typeof ScreenshotEvidence>;

/** What a stored report says of its screenshot; the bytes are at `/v1/reports/{id}/screenshot`. */
export const ScreenshotRef = z.strictObject({
  mediaType: ScreenshotMediaType,
  sha256: Sha256Hex,
  bytes: z.number().int().min(1),
});
export type ScreenshotRef = z.infer<typeof ScreenshotRef>;

/** The media type the bytes' signature shows (PNG, JPEG, WebP), or null. */
export function sniffImageType(bytes: Uint8Array): ScreenshotMediaType | null {
  const at = (i: number) => bytes[i] ?? -1;
  if ([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => at(i) === b))
    return 'image/png';
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return 'image/jpeg';
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return null;
}
