import type { OutboxEntry, OutboxKind, Receipt, Refusal } from './outbox-entry';

/** What one delivery attempt came to. */
export type DeliveryOutcome =
  | { type: 'acknowledged'; receipt: Receipt }
  | { type: 'refused'; refusal: Refusal }
  | { type: 'retry'; reason: string; retryAfterMs?: number };

export const BACKOFF_BASE_MS = 2_000;
export const BACKOFF_MAX_MS = 5 * 60_000;

/**
 * Delay before attempt `attempts + 1` after `attempts` failed ones: exponential from 2 s, capped
 * at 5 min, with ±25 % jitter so a fleet of browsers does not retry in step. `random` in [0, 1).
 */
export function backoffMs(attempts: number, random: number): number {
  const exponential = Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1), BACKOFF_MAX_MS);
  return Math.round(exponential * (0.75 + random * 0.5));
}

/** A new queued entry, due now. */
export function createEntry(input: {
  key: string;
  kind: OutboxKind;
  path: string;
  body: OutboxEntry['body'];
  summary: OutboxEntry['summary'];
  screenshotSha256: string | null;
  now: number;
}): OutboxEntry {
  return {
    key: input.key,
    kind: input.kind,
    path: input.path,
    body: input.body,
    summary: input.summary,
    createdAt: new Date(input.now).toISOString(),
    state: 'queued',
    attempts: 0,
    nextAttemptAt: input.now,
    lastError: null,
    receipt: null,
    refusal: null,
    sentAt: null,
    screenshotSha256: input.screenshotSha256,
  };
}

/** Entries to attempt now, oldest first. A `sending` entry is one interrupted by a restart. */
export function dueEntries(entries: readonly OutboxEntry[], now: number): OutboxEntry[] {
  return entries
    .filter((e) => (e.state === 'queued' || e.state === 'sending') && e.nextAttemptAt <= now)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** The earliest time a queued entry is due, or null when nothing waits. */
export function nextWakeAt(entries: readonly OutboxEntry[]): number | null {
  const waiting = entries
    .filter((e) => e.state === 'queued' || e.state === 'sending')
    .map((e) => e.nextAttemptAt);
  return waiting.length === 0 ? null : Math.min(...waiting);
}

/** The entry after an attempt with the given outcome. The key never changes. */
export function applyOutcome(
  entry: OutboxEntry,
  outcome: DeliveryOutcome,
  now: number,
  random: number,
): OutboxEntry {
  const attempts = entry.attempts + 1;
  switch (outcome.type) {
    case 'acknowledged':
      return {
        ...entry,
        state: 'sent',
        attempts,
        receipt: outcome.receipt,
        refusal: null,
        lastError: null,
        sentAt: new Date(now).toISOString(),
      };
    case 'refused':
      return {
        ...entry,
        state: 'refused',
        attempts,
        refusal: outcome.refusal,
        lastError: outcome.refusal.message,
      };
    case 'retry':
      return {
        ...entry,
        state: 'queued',
        attempts,
        lastError: outcome.reason,
        nextAttemptAt: now + Math.max(outcome.retryAfterMs ?? 0, backoffMs(attempts, random)),
      };
  }
}

/** A refused or waiting entry put back in line by the reviewer, due now, with the same key. */
export function requeue(entry: OutboxEntry, now: number): OutboxEntry {
  if (entry.state === 'sent') return entry;
  return { ...entry, state: 'queued', refusal: null, nextAttemptAt: now };
}
