import {
  logEntry,
  PRESERVATION_GROUND,
  PreservationHold,
  preservedUntil,
  REMOVAL_ACTIONS,
} from '@counterweight/shared';
import { isoSql, type Queryable } from '../db/db';
import type { RetentionDeps } from '../retention/purge';

type Removed = {
  report_id: string;
  case_number: string;
  decided_at: string;
  excerpt_sha256: string;
  url_sha256: string;
};

/**
 * Sets a preservation hold (TCO Art. 6(1)) on every report whose content a decision removed or
 * disabled and that has none yet: kept until six months after the decision took effect, whatever
 * the ordinary retention says. Each hold is logged (`content_preserved`). Returns the report ids.
 */
export async function preserveRemovedContent(deps: RetentionDeps, limit = 500): Promise<string[]> {
  return deps.sequencer.write(async (tx, append) => {
    const removed = await tx.query<Removed>(
      `SELECT r.id::text AS report_id, r.case_number, ${isoSql('d.decided_at')} AS decided_at,
         r.excerpt_sha256, r.url_sha256
       FROM decisions d JOIN reports r ON r.id = d.report_id
       WHERE d.body->>'action' IN (SELECT value FROM jsonb_array_elements_text($1::text::jsonb))
         AND r.content IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM preservation_holds p WHERE p.report_id = r.id)
       ORDER BY d.decided_at LIMIT $2
       FOR UPDATE OF r SKIP LOCKED`,
      [JSON.stringify(REMOVAL_ACTIONS), limit],
    );
    for (const row of removed) {
      const until = preservedUntil(row.decided_at);
      await tx.query(
        `INSERT INTO preservation_holds (report_id, legal_ground, removed_at, preserved_until)
         VALUES ($1, $2, $3, $4) ON CONFLICT (report_id) DO NOTHING`,
        [row.report_id, PRESERVATION_GROUND, row.decided_at, until],
      );
      append(
        logEntry('content_preserved', deps.now().toISOString(), {
          reportId: row.report_id,
          caseNumber: row.case_number,
          excerptSha256: row.excerpt_sha256,
          urlSha256: row.url_sha256,
          details: { removedAt: row.decided_at, preservedUntil: until },
        }),
      );
    }
    return removed.map((row) => row.report_id);
  });
}

/** The hold on a report, or null. */
export async function findHold(db: Queryable, reportId: string): Promise<PreservationHold | null> {
  const [row] = await db.query<{
    report_id: string;
    legal_ground: string;
    removed_at: string;
    preserved_until: string;
    extensions: unknown;
  }>(
    `SELECT report_id::text AS report_id, legal_ground, ${isoSql('removed_at')} AS removed_at,
       ${isoSql('preserved_until')} AS preserved_until, extensions
     FROM preservation_holds WHERE report_id = $1`,
    [reportId],
  );
  if (!row) return null;
  return PreservationHold.parse({
    reportId: row.report_id,
    legalGround: row.legal_ground,
    removedAt: row.removed_at,
    preservedUntil: row.preserved_until,
    extensions: row.extensions,
  });
}
