import { useEffect } from 'react';
import { sendMessage } from '@/utils/messaging/messenger';
import type { Connection } from '@/utils/storage/items';

/** How long the role `GET /v1/me` gave a token is trusted before the panel asks again. */
export const ME_MAX_AGE_MS = 10 * 60_000;

/**
 * Asks the API again who the token is when the cached answer is older than
 * {@link ME_MAX_AGE_MS}, so a role changed by an admin shows within minutes. Offline, the cached
 * role stays (see `refreshMe` in the background).
 */
export function useFreshMe(connection: Connection | undefined): void {
  const stale = Boolean(
    connection?.token &&
    (!connection.checkedAt || Date.now() - Date.parse(connection.checkedAt) > ME_MAX_AGE_MS),
  );
  useEffect(() => {
    if (stale) void sendMessage('refreshMe', {}).catch(() => undefined);
  }, [stale]);
}
