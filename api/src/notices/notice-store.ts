import { randomUUID } from 'node:crypto';
import { logEntry, type ProviderNoticeKind } from '@counterweight/shared';
import type { Queryable } from '../db/db';
import type { LogSequencer } from '../log/sequence';

/**
 * Records the notice of a decision that restricted content, in the decision's transaction. Its
 * appeal token is kept here (the decision keeps only the hash) until the notice is delivered.
 */
export async function recordDecisionNotice(
  tx: Queryable,
  notice: { decisionId: string; decidedAt: string; appealToken: string },
): Promise<void> {
  await tx.query(
    `INSERT INTO provider_notices (id, kind, decision_id, created_at, release_at, next_attempt_at, appeal_token)
     VALUES ($1, 'decision', $2, $3, $3, $3, $4)`,
    [randomUUID(), notice.decisionId, notice.decidedAt, notice.appealToken],
  );
}

/**
 * Records the notice of an executed removal order, in the order's transaction; released at
 * `releaseAt` (the end of the authority's confidentiality, TCO Art. 11(3), or the execution).
 */
export async function recordOrderNotice(
  tx: Queryable,
  notice: { orderId: string; decidedAt: string; releaseAt: string },
): Promise<void> {
  await tx.query(
    `INSERT INTO provider_notices (id, kind, order_id, created_at, release_at, next_attempt_at)
     VALUES ($1, 'removal_order', $2, $3, $4, $4)`,
    [randomUUID(), notice.orderId, notice.decidedAt, notice.releaseAt],
  );
}

/** A claimed notice and what its payload is made of (null where the data is gone). */
export interface ClaimedNotice {
  id: string;
  kind: ProviderNoticeKind;
  attempts: number;
  decision_id: string | null;
  order_id: string | null;
  body: unknown;
  appeal_token: string | null;
  content_url: string | null;
  authority_reasons: string | null;
  order_redress: string | null;
}

/**
 * Marks up to `limit` released notices `sending` and returns them: pending ones whose next try
 * is due, and `sending` ones whose claim lapsed (their sender died). The claim is committed before
 * anything is sent, lasts `claimMs`, and is taken with `SKIP LOCKED`, so several instances never
 * claim one notice at once.
 */
export async function claimDueNotices(
  db: Queryable,
  limit: number,
  now: Date,
  claimMs: number,
): Promise<ClaimedNotice[]> {
  return db.query<ClaimedNotice>(
    `WITH c AS (
       UPDATE provider_notices SET state = 'sending', attempts = attempts + 1,
         last_attempt_at = $2, next_attempt_at = $2::timestamptz + $3 * interval '1 millisecond'
       WHERE id IN (
         SELECT id FROM provider_notices
         WHERE state IN ('pending', 'sending') AND next_attempt_at <= $2 AND release_at <= $2
         ORDER BY next_attempt_at, id LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING id, attempts)
     SELECT n.id::text AS id, n.kind, c.attempts, n.decision_id::text AS decision_id,
       n.order_id::text AS order_id, COALESCE(s.body, os.body) AS body,
       COALESCE(n.appeal_token, os.appeal_token) AS appeal_token,
       COALESCE(r.content->>'url', o.content_url) AS content_url,
       o.reasons AS authority_reasons, o.redress AS order_redress
     FROM c JOIN provider_notices n ON n.id = c.id
     LEFT JOIN statements s ON s.decision_id = n.decision_id
     LEFT JOIN decisions d ON d.id = n.decision_id
     LEFT JOIN reports r ON r.id = d.report_id
     LEFT JOIN order_statements os ON os.order_id = n.order_id
     LEFT JOIN removal_orders o ON o.id = n.order_id
     ORDER BY n.release_at, n.id`,
    [limit, now.toISOString(), claimMs],
  );
}

/**
 * Records a notice delivered, with its `provider_notice_delivered` log entry (the notice's id,
 * kind and order or decision: never the URL, the token or any text), in one transaction. The
 * decision's appeal token is dropped. A notice already delivered is left as it is (false).
 */
export async function markNoticeDelivered(
  sequencer: LogSequencer,
  id: string,
  now: Date,
): Promise<boolean> {
  return sequencer.write(async (tx, append) => {
    const [row] = await tx.query<{
      kind: ProviderNoticeKind;
      decision_id: string | null;
      order_id: string | null;
      attempts: number;
    }>(
      `UPDATE provider_notices SET state = 'delivered', delivered_at = $2, appeal_token = NULL,
         last_error = NULL
       WHERE id = $1 AND state IN ('pending', 'sending')
       RETURNING kind, decision_id::text AS decision_id, order_id::text AS order_id, attempts`,
      [id, now.toISOString()],
    );
    if (!row) return false;
    append(
      logEntry('provider_notice_delivered', now.toISOString(), {
        details: {
          noticeId: id,
          kind: row.kind,
          ...(row.order_id ? { orderId: row.order_id } : { decisionId: row.decision_id }),
          attempts: row.attempts,
        },
      }),
    );
    return true;
  });
}

/**
 * Puts a notice whose attempt `attempt` failed back in line for `nextAt`, keeping the reason; a
 * claim that lapsed and was taken by another sender meanwhile is left to that one.
 */
export async function markNoticeRetry(
  db: Queryable,
  id: string,
  attempt: number,
  error: string,
  nextAt: Date,
): Promise<void> {
  await db.query(
    `UPDATE provider_notices SET state = 'pending', last_error = $3, next_attempt_at = $4
     WHERE id = $1 AND attempts = $2 AND state = 'sending'`,
    [id, attempt, error, nextAt.toISOString()],
  );
}

/** Gives a notice up with the reason (the platform refused it, or it cannot be made any more). */
export async function markNoticeFailed(
  db: Queryable,
  id: string,
  attempt: number,
  reason: string,
): Promise<void> {
  await db.query(
    `UPDATE provider_notices SET state = 'failed', failed_reason = $3, last_error = $3
     WHERE id = $1 AND attempts = $2 AND state = 'sending'`,
    [id, attempt, reason],
  );
}
