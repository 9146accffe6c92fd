import { createHmac } from 'node:crypto';

/**
 * The log's keyed pseudonym of a person acting through a token: `p_` + the first 16 hex digits
 * of HMAC-SHA256(key, token id). Stable per token, meaningless without the key.
 */
export function pseudonymOf(key: Uint8Array, tokenId: string): string {
  return `p_${createHmac('sha256', key).update(tokenId, 'utf8').digest('hex').slice(0, 16)}`;
}
