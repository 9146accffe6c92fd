import { logEntry, type LogEntry } from '@counterweight/shared';
import type { Db } from '../db/db';
import type { LogSequencer } from '../log/sequence';

/** What the purge needs: the database, the log's single writer and a clock. */
export interface RetentionDeps {
  db: Db;
  sequencer: LogSequencer;
  now: () => Date;
}

/**
 * SQL condition over a report's decision `d` and its appeal `a` (left-joined): the content's
 * ordinary retention is over at `$1` (no open appeal, and past the appeal deadline or six months
 * after the appeal's outcome).
 */
export const ORDINARY_RETENTION_OVER = `(a.id IS NULL OR a.decided_at IS NOT NULL)
    AND CASE WHEN a.decided_at IS NULL THEN d.appeal_deadline ELSE a.decided_at + interval '6 months' END <= $1::timestamptz`;

/**
 * When a report's content may go: six months after its final decision, that is the decision's
 * appeal deadline, or six months after the appeal outcome when it was appealed, and not before a
 * preservation hold (TCO Art. 6) ends. Reports with an open appeal, a legal hold, no decision yet
 * or no content left are never due.
 */
const DUE = `
  SELECT r.id::text AS id, r.case_number, r.excerpt_sha256, r.url_sha256,
    EXISTS (SELECT 1 FROM preservation_holds p WHERE p.report_id = r.id) AS preserved
  FROM reports r
  JOIN decisions d ON d.report_id = r.id
  LEFT JOIN appeals a ON a.decision_id = d.id
  WHERE r.content IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM legal_holds h WHERE h.report_id = r.id)
    AND NOT EXISTS (SELECT 1 FROM preservation_holds p
                    WHERE p.report_id = r.id AND p.preserved_until > $1::timestamptz)
    AND ${ORDINARY_RETENTION_OVER}`;

type DueRow = {
  id: string;
  case_number: string;
  excerpt_sha256: string;
  url_sha256: string;
  preserved: boolean;
};

/**
 * Deletes the content of every report that is due (at most `limit` per run), each in its own
 * transaction with its `content_purged` log entry; the conditions are checked again under a row
 * lock, so a legal hold or appeal that arrives meanwhile wins. Returns the purged report ids.
 */
export async function purgeExpiredContent(deps: RetentionDeps, limit = 500): Promise<string[]> {
  const now = deps.now();
  const due = await deps.db.query<DueRow>(`${DUE} ORDER BY r.received_at LIMIT $2`, [
    now.toISOString(),
    limit,
  ]);
  const purged: string[] = [];
  for (const candidate of due) {
    const done = await deps.sequencer.write(async (tx, append) => {
      const [row] = await tx.query<DueRow>(`${DUE} AND r.id = $2 FOR UPDATE OF r`, [
        now.toISOString(),
        candidate.id,
      ]);
      if (!row) return false;
      await tx.query(
        `UPDATE reports SET content = NULL,
           classifier = CASE WHEN classifier IS NULL THEN NULL ELSE jsonb_set(classifier::jsonb, '{evidence}', '[]'::jsonb)::json END
         WHERE id = $1`,
        [row.id],
      );
      await tx.query('UPDATE appeals SET grounds = NULL WHERE report_id = $1', [row.id]);
      await tx.query('DELETE FROM report_screenshots WHERE report_id = $1', [row.id]);
      await tx.query('INSERT INTO content_purges (report_id, purged_at) VALUES ($1, $2)', [
        row.id,
        now.toISOString(),
      ]);
      append(purgedEntry(row, now));
      return true;
    });
    if (done) purged.push(candidate.id);
  }
  return purged;
}

function purgedEntry(row: DueRow, now: Date): LogEntry {
  return logEntry('content_purged', now.toISOString(), {
    reportId: row.id,
    caseNumber: row.case_number,
    excerptSha256: row.excerpt_sha256,
    urlSha256: row.url_sha256,
    details: { reason: row.preserved ? 'preservation_expired' : 'retention_expired' },
  });
}
