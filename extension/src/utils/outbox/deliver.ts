import { z } from 'zod';
import { ErrorBody } from '@counterweight/shared/errors';
import type { DeliveryOutcome } from './outbox';
import { screenshotItem } from '../storage/items';
import type { OutboxEntry, OutboxKind, Receipt } from './outbox-entry';

/** Largest screenshot the API takes (2 MB decoded); a larger one is left out of the report. */
export const MAX_SCREENSHOT_BYTES = 2_000_000;

/** A kept screenshot as the API takes it with a report (`screenshot` of `POST /v1/reports`). */
export function screenshotEvidence(shot: {
  dataUrl: string;
  sha256: string;
}): { mediaType: string; sha256: string; data: string } | null {
  const match = /^data:(image\/(?:png|jpeg|webp));base64,([A-Za-z0-9+/]+={0,2})$/.exec(
    shot.dataUrl,
  );
  if (!match) return null;
  const data = match[2]!;
  const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
  if ((data.length / 4) * 3 - padding > MAX_SCREENSHOT_BYTES) return null;
  return { mediaType: match[1]!, sha256: shot.sha256, data };
}

/** How each kind's acknowledgement names what the API stored. */
const RECEIPTS: Record<OutboxKind, (json: unknown) => Receipt | null> = {
  report: (json) => {
    const parsed = z.object({ id: z.string(), caseNumber: z.string() }).safeParse(json);
    return parsed.success ? { id: parsed.data.id, reference: parsed.data.caseNumber } : null;
  },
  target: (json) => {
    const parsed = z.object({ id: z.string(), reference: z.string() }).safeParse(json);
    return parsed.success ? { id: parsed.data.id, reference: parsed.data.reference } : null;
  },
};

const RETRYABLE = new Set([408, 425, 429, 500, 502, 503, 504]);

/** `Retry-After` in milliseconds (seconds or an HTTP date), capped at ten minutes. */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now;
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, 600_000) : undefined;
}

/**
 * One attempt to deliver an outbox entry: `POST {apiBaseUrl}{path}` with the bearer token and
 * the entry's key as `Idempotency-Key`, a report with its kept screenshot (`screenshotOf`). Network failures, 408/425/429 and 5xx come back as
 * `retry`; any other 4xx as `refused` with the API's `ErrorBody`; 2xx as `acknowledged`.
 */
export async function deliver(
  entry: OutboxEntry,
  connection: { apiBaseUrl: string; token: string },
  fetchImpl: typeof fetch = fetch,
  now = Date.now(),
  screenshotOf: (key: string) => Promise<{ dataUrl: string; sha256: string } | null> = (key) =>
    screenshotItem(key).get(),
): Promise<DeliveryOutcome> {
  if (!connection.token)
    return { type: 'retry', reason: 'No API token set: add it on the options page.' };
  // A report's kept screenshot travels with it (the same bytes on every retry, so the same key
  // stays valid); one the API would refuse for its size is left out rather than lose the report.
  let body = entry.body;
  if (entry.kind === 'report' && entry.screenshotSha256 && body && typeof body === 'object') {
    const shot = await screenshotOf(entry.key);
    const evidence =
      shot && shot.sha256 === entry.screenshotSha256 ? screenshotEvidence(shot) : null;
    if (evidence)
      body = { ...(body as Record<string, unknown>), screenshot: evidence } as typeof body;
  }
  let response: Response;
  try {
    response = await fetchImpl(new URL(entry.path, connection.apiBaseUrl), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${connection.token}`,
        'idempotency-key': entry.key,
      },
      body: JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch (error) {
    return {
      type: 'retry',
      reason: `API unreachable: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  const json: unknown = await response.json().catch(() => null);
  if (response.ok) {
    const receipt = RECEIPTS[entry.kind](json);
    if (receipt) return { type: 'acknowledged', receipt };
    return { type: 'retry', reason: `API answered ${response.status} without a receipt` };
  }
  const after = retryAfterMs(response.headers.get('retry-after'), now);
  const error = ErrorBody.safeParse(json);
  const message = error.success ? error.data.message : `HTTP ${response.status}`;
  if (RETRYABLE.has(response.status))
    return {
      type: 'retry',
      reason: `API answered ${response.status}: ${message}`,
      ...(after ? { retryAfterMs: after } : {}),
    };
  return {
    type: 'refused',
    refusal: {
      status: response.status,
      code: error.success ? error.data.code : 'http_' + response.status,
      message,
      issues: error.success ? (error.data.issues ?? []) : [],
    },
  };
}
