import { describe, expect, it } from 'vitest';
import {
  applyOutcome,
  backoffMs,
  BACKOFF_MAX_MS,
  createEntry,
  dueEntries,
  nextWakeAt,
  requeue,
} from '../outbox';

const KEY = '6f1c1a9e-3b1f-4c8e-9a57-0d3b1c2e4f5a';
const entry = (now = 1_000) =>
  createEntry({
    key: KEY,
    kind: 'report',
    path: '/v1/reports',
    body: { a: 1 },
    summary: { title: 't', site: 's' },
    screenshotSha256: null,
    now,
  });

describe('backoffMs', () => {
  it('doubles from 2 s and is capped at 5 min, within ±25 % jitter', () => {
    expect(backoffMs(1, 0.5)).toBe(2_000);
    expect(backoffMs(2, 0.5)).toBe(4_000);
    expect(backoffMs(4, 0.5)).toBe(16_000);
    expect(backoffMs(30, 0.5)).toBe(BACKOFF_MAX_MS);
    expect(backoffMs(1, 0)).toBe(1_500);
    expect(backoffMs(1, 0.9999)).toBeLessThanOrEqual(2_500);
  });
});

describe('outbox transitions', () => {
  it('a retry keeps the key, counts the attempt and waits', () => {
    const next = applyOutcome(entry(), { type: 'retry', reason: 'down' }, 5_000, 0.5);
    expect(next).toMatchObject({
      key: KEY,
      state: 'queued',
      attempts: 1,
      lastError: 'down',
      nextAttemptAt: 7_000,
    });
    expect(dueEntries([next], 6_999)).toEqual([]);
    expect(dueEntries([next], 7_000)).toHaveLength(1);
    expect(nextWakeAt([next])).toBe(7_000);
  });

  it('Retry-After wins over a shorter backoff', () => {
    const next = applyOutcome(
      entry(),
      { type: 'retry', reason: '429', retryAfterMs: 30_000 },
      0,
      0.5,
    );
    expect(next.nextAttemptAt).toBe(30_000);
  });

  it('acknowledged entries are sent with the case number and never due again', () => {
    const sent = applyOutcome(
      entry(),
      { type: 'acknowledged', receipt: { id: 'r', reference: 'CW-1' } },
      9_000,
      0,
    );
    expect(sent).toMatchObject({
      state: 'sent',
      receipt: { reference: 'CW-1' },
      sentAt: new Date(9_000).toISOString(),
    });
    expect(dueEntries([sent], Infinity)).toEqual([]);
    expect(nextWakeAt([sent])).toBeNull();
    expect(requeue(sent, 10_000)).toBe(sent);
  });

  it('refused entries keep the reason until the reviewer requeues them', () => {
    const refusal = {
      status: 400,
      code: 'validation_failed',
      message: 'bad',
      issues: [{ path: 'content.url', message: 'x' }],
    };
    const refused = applyOutcome(entry(), { type: 'refused', refusal }, 2_000, 0);
    expect(refused).toMatchObject({ state: 'refused', refusal, lastError: 'bad' });
    expect(dueEntries([refused], Infinity)).toEqual([]);
    const again = requeue(refused, 3_000);
    expect(again).toMatchObject({ key: KEY, state: 'queued', refusal: null, nextAttemptAt: 3_000 });
  });

  it('an entry interrupted while sending is due again, oldest first', () => {
    const older = { ...entry(1), state: 'sending' as const };
    const newer = { ...entry(2), key: '7f1c1a9e-3b1f-4c8e-9a57-0d3b1c2e4f5a' };
    expect(dueEntries([newer, older], 10).map((e) => e.createdAt)).toEqual([
      older.createdAt,
      newer.createdAt,
    ]);
  });
});
