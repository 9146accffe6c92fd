import { sha256Hex } from '../review/sha256';
import {
  BANK_REFRESH_MS,
  bankCopyItem,
  matchPdq,
  refreshBankCopy,
  type BankCopy,
} from './bank-copy';
import type { LocalMatch } from './image-messages';
import { hashImageUrl, type HashedImage } from './image-hash';
import { md5Hex } from './md5';

/** What the background answers for one image of a page. */
export interface ImageMatch {
  src: string;
  pdq: string | null;
  quality: number;
  matches: LocalMatch[];
  /** Exact hashes of the image's bytes, computed only for a matched image (for its report). */
  md5: string | null;
  sha256: string | null;
}

let refreshing: Promise<BankCopy> | null = null;

/**
 * The bank copy, refreshed first when it is older than {@link BANK_REFRESH_MS} and a connection
 * is configured; an unreachable API leaves the copy as it was.
 */
export async function currentBankCopy(
  connection: { apiBaseUrl: string; token: string } | null,
  now = Date.now(),
): Promise<BankCopy> {
  const copy = await bankCopyItem.get();
  if (!connection?.token || (copy.refreshedAt !== null && now - copy.refreshedAt < BANK_REFRESH_MS))
    return copy;
  refreshing ??= refreshBankCopy(copy, connection, now)
    .then(async (next) => (await bankCopyItem.set(next), next))
    .catch(() => copy)
    .finally(() => (refreshing = null));
  return refreshing;
}

/**
 * Hashes each image on-device and matches it against the local bank copy; a matched image also
 * gets the MD5 and SHA-256 of its bytes, which a report on it carries.
 */
export async function matchImages(
  srcs: string[],
  copy: BankCopy,
  hash: (src: string) => Promise<HashedImage | null> = hashImageUrl,
): Promise<ImageMatch[]> {
  const results: ImageMatch[] = [];
  for (const src of srcs) {
    const hashed = await hash(src);
    const matches = hashed ? matchPdq(copy, hashed.pdq.hash) : [];
    const bytes =
      hashed && matches.length > 0 ? new Uint8Array(await hashed.blob.arrayBuffer()) : null;
    results.push({
      src,
      pdq: hashed?.pdq.hash ?? null,
      quality: hashed?.pdq.quality ?? 0,
      matches,
      md5: bytes ? md5Hex(bytes) : null,
      sha256: bytes ? await sha256Hex(bytes) : null,
    });
  }
  return results;
}
