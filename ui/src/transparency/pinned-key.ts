/**
 * The verifier key an auditor pins in this browser. Never the key this server serves: a key
 * fetched from the server under audit proves nothing, so it comes from the auditor (pasted from
 * where the operator published it elsewhere, then pinned here if they wish).
 */
export const PINNED_KEY = 'counterweight.transparency.verifierKey';

/** The pinned key, or '' when none is (or storage is unavailable). */
export function pinnedKey(storage: Pick<Storage, 'getItem'>): string {
  try {
    return storage.getItem(PINNED_KEY) ?? '';
  } catch {
    return '';
  }
}

/** Pins `key` when `pin`, else forgets any pinned key. */
export function rememberKey(
  storage: Pick<Storage, 'setItem' | 'removeItem'>,
  key: string,
  pin: boolean,
): void {
  if (pin) storage.setItem(PINNED_KEY, key);
  else storage.removeItem(PINNED_KEY);
}
