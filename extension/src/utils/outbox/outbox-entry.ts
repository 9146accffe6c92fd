import { z } from 'zod';
import { FieldIssue } from '@counterweight/shared/errors';
import { Timestamp } from '@counterweight/shared/common';

/**
 * What the outbox can carry. Each kind is posted to its own endpoint with the same guarantees
 * (Idempotency-Key reused on every retry, kept until the API acknowledges or refuses it).
 */
export const OUTBOX_KINDS = ['report', 'target'] as const;
export const OutboxKind = z.enum(OUTBOX_KINDS);
export type OutboxKind = z.infer<typeof OutboxKind>;

/**
 * Lifecycle of an entry:
 *
 *   queued ──attempt──▶ sending ──2xx──▶ sent (receipt: case number)
 *     ▲                   │ ├──4xx──▶ refused (the API's reason; permanent, the list offers no retry)
 *     └──backoff (network, 408, 425, 429, 5xx)─┘
 *
 * `sending` is only ever seen across a crash or restart, and then counts as queued.
 */
export const OutboxState = z.enum(['queued', 'sending', 'sent', 'refused']);
export type OutboxState = z.infer<typeof OutboxState>;

export const Receipt = z.strictObject({ id: z.string(), reference: z.string() });
export type Receipt = z.infer<typeof Receipt>;

export const Refusal = z.strictObject({
  status: z.number().int(),
  code: z.string(),
  message: z.string(),
  issues: z.array(FieldIssue),
});
export type Refusal = z.infer<typeof Refusal>;

/** Where a sent report stands with the API, as last checked (`POST /v1/reports/status`). */
export const ReportProgress = z.strictObject({
  state: z.enum(['waiting', 'claimed', 'decided', 'appealed', 'appeal_decided']),
  /** The action in force once decided (after the appeal, once that is decided). */
  action: z.string().optional(),
  /** The statement of reasons on the API, once decided. */
  statementUrl: z.string().optional(),
  checkedAt: Timestamp,
});
export type ReportProgress = z.infer<typeof ReportProgress>;

export const OutboxEntry = z.strictObject({
  /** Sent as `Idempotency-Key` on every attempt. */
  key: z.uuid(),
  kind: OutboxKind,
  path: z.string().regex(/^\/v1\/[a-z0-9/_-]+$/),
  body: z.json(),
  /** For the side panel: what this is, without re-reading the body. */
  summary: z.strictObject({ title: z.string().max(200), site: z.string() }),
  createdAt: Timestamp,
  state: OutboxState,
  attempts: z.number().int().min(0),
  /** Epoch milliseconds of the next attempt while queued. */
  nextAttemptAt: z.number(),
  lastError: z.string().nullable(),
  receipt: Receipt.nullable(),
  refusal: Refusal.nullable(),
  sentAt: Timestamp.nullable(),
  screenshotSha256: z.string().nullable(),
  /** Sent reports only: where the report stands, once checked. */
  progress: ReportProgress.optional(),
  /** When the progress was last asked for, answered or not (the back-off counts from it). */
  progressAskedAt: Timestamp.optional(),
});
export type OutboxEntry = z.infer<typeof OutboxEntry>;
