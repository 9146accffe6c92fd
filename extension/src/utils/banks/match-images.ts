import type { PdqResult } from '@counterweight/shared';
import {
  BANK_REFRESH_MS,
  bankCopyItem,
  matchPdq,
  refreshBankCopy,
  type BankCopy,
} from './bank-copy';
import type { LocalMatch } from './image-messages';
import { hashImageUrl } from './image-hash';

/** What the background answers for one image of a page. */
export interface ImageMatch {
  src: string;
  pdq: string | null;
  quality: number;
  matches: LocalMatch[];
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

/** Hashes each image on-device and matches it against the local bank copy. */
export async function matchImages(
  srcs: string[],
  copy: BankCopy,
  hash: (src: string) => Promise<PdqResult | null> = hashImageUrl,
): Promise<ImageMatch[]> {
  const results: ImageMatch[] = [];
  for (const src of srcs) {
    const pdq = await hash(src);
    results.push({
      src,
      pdq: pdq?.hash ?? null,
      quality: pdq?.quality ?? 0,
      matches: pdq ? matchPdq(copy, pdq.hash) : [],
    });
  }
  return results;
}
