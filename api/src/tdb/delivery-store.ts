import type { Queryable } from '../db/db';

/** A statement claimed for sending: its puid and the statement as stored. */
export interface Claimed {
  puid: string;
  body: Record<string, unknown>;
}

/**
 * Enqueues every published statement that has no delivery row yet (its `puid`, as stored), in
 * order of publication. Returns how many were enqueued.
 */
export async function enqueueNewStatements(db: Queryable, limit = 10_000): Promise<number> {
  const rows = await db.query(
    `INSERT INTO tdb_deliveries (puid, decision_id, body, state, enqueued_at)
     SELECT s.body->>'puid', s.decision_id, s.body, 'pending', s.published_at
     FROM statements s
     WHERE NOT EXISTS (SELECT 1 FROM tdb_deliveries d WHERE d.decision_id = s.decision_id)
     ORDER BY s.published_at, s.decision_id
     LIMIT $1
     ON CONFLICT (puid) DO NOTHING
     RETURNING puid`,
    [limit],
  );
  return rows.length;
}

/**
 * Marks up to `limit` pending statements `sending` (oldest first) and returns them. The mark is
 * committed before anything is sent, so a crash leaves them `sending`: to be asked about.
 */
export async function claimPending(db: Queryable, limit: number, now: Date): Promise<Claimed[]> {
  return db.query<Claimed>(
    `UPDATE tdb_deliveries SET state = 'sending', attempts = attempts + 1, last_attempt_at = $2
     WHERE puid IN (
       SELECT puid FROM tdb_deliveries WHERE state = 'pending'
       ORDER BY enqueued_at, puid LIMIT $1 FOR UPDATE SKIP LOCKED)
     RETURNING puid, body`,
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

/** Records why each statement was refused (by the database, or by the rules before sending). */
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
