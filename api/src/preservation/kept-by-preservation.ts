import type { Queryable } from '../db/db';
import { ORDINARY_RETENTION_OVER } from '../retention/purge';

/**
 * Whether a report's content is still there only because a preservation hold keeps it (TCO
 * Art. 6): its ordinary retention is over. Such content is read only through
 * `GET /v1/preserved/{id}` (admin and the authority liaison, every read logged), never through
 * the reviewers' report endpoints.
 */
export async function keptOnlyByPreservation(
  db: Queryable,
  reportId: string,
  now: Date,
): Promise<boolean> {
  const rows = await db.query(
    `SELECT 1 FROM reports r
       JOIN decisions d ON d.report_id = r.id
       LEFT JOIN appeals a ON a.decision_id = d.id
     WHERE r.id = $2 AND r.content IS NOT NULL
       AND EXISTS (SELECT 1 FROM preservation_holds p WHERE p.report_id = r.id)
       AND ${ORDINARY_RETENTION_OVER}`,
    [now.toISOString(), reportId],
  );
  return rows.length > 0;
}
