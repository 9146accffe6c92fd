import { createHash } from 'node:crypto';
import {
  MAX_SCREENSHOT_BYTES,
  SCREENSHOT_MEDIA_TYPES,
  sniffImageType,
  type ScreenshotEvidence,
  type ScreenshotMediaType,
} from '@counterweight/shared';
import { ApiError } from '../errors';

/** A screenshot that passed every check, ready to store with its report. */
export interface CheckedScreenshot {
  mediaType: ScreenshotMediaType;
  sha256: string;
  bytes: number;
  /** The image, standard base64 as received (decoded by the database on insert). */
  base64: string;
}

/**
 * Checks the screenshot sent with a report: 413 `payload_too_large` over 2 MB decoded, 415
 * `unsupported_media_type` unless the stated type is PNG, JPEG or WebP and the bytes are of that
 * type, 400 naming `screenshot.sha256` when the hash does not match the bytes.
 */
export function checkScreenshot(evidence: ScreenshotEvidence): CheckedScreenshot {
  const allowed = (SCREENSHOT_MEDIA_TYPES as readonly string[]).includes(evidence.mediaType);
  if (!allowed)
    throw new ApiError(
      'unsupported_media_type',
      `screenshot.mediaType ${JSON.stringify(evidence.mediaType.slice(0, 100))} is not taken: send ${SCREENSHOT_MEDIA_TYPES.join(', ')}`,
    );
  // The decoded size, from the base64 length, before decoding anything.
  const padding = evidence.data.endsWith('==') ? 2 : evidence.data.endsWith('=') ? 1 : 0;
  if ((evidence.data.length / 4) * 3 - padding > MAX_SCREENSHOT_BYTES)
    throw new ApiError(
      'payload_too_large',
      `the screenshot is larger than ${MAX_SCREENSHOT_BYTES} bytes (2 MB) decoded`,
    );
  const bytes = Buffer.from(evidence.data, 'base64');
  if (bytes.toString('base64') !== evidence.data)
    throw new ApiError('validation_failed', 'invalid screenshot.data', [
      { path: 'screenshot.data', message: 'expected padded standard base64' },
    ]);
  const sniffed = sniffImageType(bytes);
  if (sniffed !== evidence.mediaType)
    throw new ApiError(
      'unsupported_media_type',
      `screenshot.data is ${sniffed ? `a ${sniffed}` : 'not a PNG, JPEG or WebP image'}, not the stated ${evidence.mediaType}`,
    );
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (sha256 !== evidence.sha256)
    throw new ApiError('validation_failed', 'screenshot.sha256 does not match the image', [
      {
        path: 'screenshot.sha256',
        message: `does not match the SHA-256 of screenshot.data, which is ${sha256}`,
      },
    ]);
  return { mediaType: sniffed, sha256, bytes: bytes.length, base64: evidence.data };
}
