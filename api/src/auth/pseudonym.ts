import { createHmac } from 'node:crypto';

const cache = new WeakMap<Uint8Array, Map<string, string>>();

/**
 * The log's keyed pseudonym of a person acting through a token: `p_` + the first 16 hex digits
 * of HMAC-SHA256(key, token id). Stable per token, meaningless without the key.
 */
export function pseudonymOf(key: Uint8Array, tokenId: string): string {
  let known = cache.get(key);
  if (!known) cache.set(key, (known = new Map()));
  let pseudonym = known.get(tokenId);
  if (!pseudonym) {
    pseudonym = `p_${createHmac('sha256', key).update(tokenId, 'utf8').digest('hex').slice(0, 16)}`;
    if (known.size >= 10_000) known.clear();
    known.set(tokenId, pseudonym);
  }
  return pseudonym;
}
