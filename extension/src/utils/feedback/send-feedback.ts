import { FeedbackReceipt } from '@counterweight/shared/feedback';
import type { TypedItem } from '../storage/typed-item';
import type { FeedbackSharing } from './feedback-item';

/** What became of one attempt to send the counts. */
export type FeedbackSendOutcome =
  | { sent: number }
  | { sent: 0; reason: 'off' | 'nothing' | 'no-token' }
  | { sent: 0; error: string };

/**
 * Sends the pending counts to `POST /v1/feedback` as one batch. The batch (with its id) is moved
 * out of `pending` before the request and dropped only on the API's receipt; a failed attempt
 * leaves it to be sent again, with the same id, next time. Nothing is sent unless opted in.
 */
export async function sendFeedback(
  item: TypedItem<FeedbackSharing>,
  connection: { apiBaseUrl: string; token: string },
  fetchImpl: typeof fetch = fetch,
  now: () => Date = () => new Date(),
): Promise<FeedbackSendOutcome> {
  const state = await item.update((s) =>
    s.optIn && !s.sending && s.pending.length > 0
      ? {
          ...s,
          pending: s.pending.slice(2000),
          sending: { batchId: crypto.randomUUID(), counts: s.pending.slice(0, 2000) },
        }
      : s,
  );
  if (!state.optIn) return { sent: 0, reason: 'off' };
  const batch = state.sending;
  if (!batch) return { sent: 0, reason: 'nothing' };
  if (!connection.token) return { sent: 0, reason: 'no-token' };
  try {
    const response = await fetchImpl(new URL('/v1/feedback', connection.apiBaseUrl), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${connection.token}`,
      },
      body: JSON.stringify(batch),
      credentials: 'omit',
      cache: 'no-store',
    });
    if (!response.ok) return { sent: 0, error: `API answered ${response.status}` };
    FeedbackReceipt.parse(await response.json());
  } catch (error) {
    return { sent: 0, error: error instanceof Error ? error.message : String(error) };
  }
  await item.update((s) =>
    s.sending?.batchId === batch.batchId
      ? { ...s, sending: null, lastSentAt: now().toISOString() }
      : s,
  );
  return { sent: batch.counts.reduce<number>((n, c) => n + c.count, 0) };
}
