import {
  tdbProblems,
  tdbStatement,
  type StatementOfReasons,
  type TdbStatement,
} from '@counterweight/shared';
import type { Queryable } from '../db/db';
import { amendmentOf, firstStatement, type AmendmentNote } from './amended-statements';

/** A statement claimed for sending: its puid and its JSON text as the database takes it. */
export interface Claimed {
  puid: string;
  body: string;
}

/** A statement to enqueue: its puid, its decision or appeal (if any) and the statement. */
export interface Enqueued {
  puid: string;
  decisionId: string | null;
  /** The appeal whose new restriction the statement states (its puid derives from the original's). */
  appealId?: string;
  statement: TdbStatement;
  enqueuedAt: string;
  /** An appeal changed the decision already (see `amended-statements.ts`). */
  amendedByAppeal?: AmendmentNote | null;
}

/**
 * Enqueues statements for delivery. Each is checked against the database's v2 rules first: one
 * that breaks them is recorded `refused` with the rules it broke, and never sent.
 */
export async function enqueue(db: Queryable, items: readonly Enqueued[]): Promise<void> {
  if (items.length === 0) return;
  const rows = items.map((item) => {
    const problems = tdbProblems(item.statement);
    return {
      puid: item.puid,
      decision_id: item.decisionId,
      appeal_id: item.appealId ?? null,
      amended_by_appeal: item.amendedByAppeal ?? null,
      enqueued_at: item.enqueuedAt,
      body: JSON.stringify(item.statement),
      refused_reason:
        problems.length === 0
          ? null
          : `not sent: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`,
    };
  });
  await db.query(
    `WITH v AS (
       SELECT * FROM jsonb_to_recordset($1::text::jsonb)
         AS v(puid text, decision_id uuid, appeal_id uuid, amended_by_appeal jsonb,
           enqueued_at timestamptz, body text, refused_reason text)),
     d AS (
       INSERT INTO tdb_deliveries (puid, decision_id, appeal_id, amended_by_appeal, state,
         enqueued_at, refused_reason)
       SELECT puid, decision_id, appeal_id, amended_by_appeal,
         CASE WHEN refused_reason IS NULL THEN 'pending' ELSE 'refused' END,
         enqueued_at, refused_reason FROM v
       ON CONFLICT DO NOTHING
       RETURNING puid)
     INSERT INTO tdb_statements (puid, body) SELECT v.puid, v.body FROM v JOIN d USING (puid)`,
    [JSON.stringify(rows)],
  );
}

/**
 * Enqueues published statements that have no delivery row yet (their `puid`, as stored), in
 * order of publication, at most `limit`: those of decisions, and those of executed removal orders
 * once the authority's confidentiality has ended (as of `now`). A statement an appeal amended
 * goes as first published, with the amendment noted (see `amended-statements.ts`). Returns how
 * many were enqueued.
 */
export async function enqueueNewStatements(
  db: Queryable,
  limit = 1000,
  now: Date = new Date(),
): Promise<number> {
  const rows = await db.query<{
    decision_id: string | null;
    published_at: string;
    body: StatementOfReasons;
  }>(
    `(SELECT s.decision_id::text AS decision_id, s.published_at::text AS published_at, s.body
      FROM statements s
      WHERE NOT EXISTS (SELECT 1 FROM tdb_deliveries d WHERE d.decision_id = s.decision_id)
      ORDER BY s.published_at, s.decision_id LIMIT $1)
     UNION ALL
     (SELECT NULL, o.published_at::text, o.body
      FROM order_statements o
      WHERE o.notice_from <= $2::timestamptz
        AND NOT EXISTS (SELECT 1 FROM tdb_deliveries d WHERE d.puid = o.order_id::text)
      ORDER BY o.published_at, o.order_id LIMIT $1)`,
    [limit, now.toISOString()],
  );
  await enqueue(
    db,
    rows.map((row) => ({
      puid: row.body.puid,
      decisionId: row.decision_id,
      statement: tdbStatement(firstStatement(row.body)),
      enqueuedAt: row.published_at,
      amendedByAppeal: amendmentOf(row.body),
    })),
  );
  return rows.length;
}

/**
 * Marks up to `limit` pending statements `sending` (oldest first) and returns them. The mark is
 * committed before anything is sent, so a crash leaves them `sending`: to be asked about.
 */
export async function claimPending(db: Queryable, limit: number, now: Date): Promise<Claimed[]> {
  return db.query<Claimed>(
    `WITH c AS (
       UPDATE tdb_deliveries SET state = 'sending', attempts = attempts + 1, last_attempt_at = $2
       WHERE puid IN (
         SELECT puid FROM tdb_deliveries WHERE state = 'pending'
         ORDER BY enqueued_at, puid LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING puid, enqueued_at)
     SELECT c.puid, s.body FROM c JOIN tdb_statements s USING (puid) ORDER BY c.enqueued_at, c.puid`,
    [limit, now.toISOString()],
  );
}

/** Statements left `sending` by a crash or an uncertain answer. */
export async function uncertainDeliveries(db: Queryable, limit: number): Promise<string[]> {
  const rows = await db.query<{ puid: string }>(
    `SELECT puid FROM tdb_deliveries WHERE state = 'sending' ORDER BY puid LIMIT $1`,
    [limit],
  );
  return rows.map((row) => row.puid);
}

/** Records the database's id of each delivered statement. */
export async function markDelivered(
  db: Queryable,
  uuids: ReadonlyMap<string, string>,
  now: Date,
): Promise<void> {
  if (uuids.size === 0) return;
  await db.query(
    `UPDATE tdb_deliveries d SET state = 'delivered', tdb_uuid = v.uuid, delivered_at = $2,
       refused_reason = NULL
     FROM jsonb_to_recordset($1::text::jsonb) AS v(puid text, uuid text)
     WHERE d.puid = v.puid`,
    [JSON.stringify([...uuids].map(([puid, uuid]) => ({ puid, uuid }))), now.toISOString()],
  );
}

/** Records the database's reason for refusing each statement. */
export async function markRefused(
  db: Queryable,
  reasons: ReadonlyMap<string, string>,
): Promise<void> {
  if (reasons.size === 0) return;
  await db.query(
    `UPDATE tdb_deliveries d SET state = 'refused', refused_reason = v.reason
     FROM jsonb_to_recordset($1::text::jsonb) AS v(puid text, reason text)
     WHERE d.puid = v.puid AND d.state <> 'delivered'`,
    [JSON.stringify([...reasons].map(([puid, reason]) => ({ puid, reason })))],
  );
}

/** Puts statements back in line (the database did not take them, and said so). */
export async function markPending(db: Queryable, puids: readonly string[]): Promise<void> {
  if (puids.length === 0) return;
  await db.query(
    `UPDATE tdb_deliveries SET state = 'pending'
     WHERE state = 'sending' AND puid IN (SELECT value FROM jsonb_array_elements_text($1::text::jsonb))`,
    [JSON.stringify(puids)],
  );
}
