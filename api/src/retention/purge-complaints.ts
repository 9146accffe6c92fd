import { logEntry, TcoType, type LogEntry } from '@counterweight/shared';
import type { RetentionDeps } from './purge';

/**
 * Complaints on removal orders (TCO Art. 10) whose grounds may go: decided, and six months past
 * the later of the complaint's decision and the order's own preservation (TCO Art. 6: six months
 * after the removal took effect), and not while a preservation hold covers the content (a hold on
 * a report of the same URL, by its hash) — the report purge's rule, counted from the complaint's
 * decision. An open complaint is never due.
 */
const DUE = `
  SELECT a.id::text AS appeal_id, o.id::text AS order_id, o.reference, o.tco_type, o.url_sha256,
    EXISTS (SELECT 1 FROM preservation_holds p JOIN reports r ON r.id = p.report_id
            WHERE r.url_sha256 = o.url_sha256) AS preserved
  FROM appeals a JOIN removal_orders o ON o.id = a.order_id
  WHERE a.order_id IS NOT NULL AND a.grounds IS NOT NULL AND a.decided_at IS NOT NULL
    AND GREATEST(a.decided_at, o.effective_at) + interval '6 months' <= $1::timestamptz
    AND NOT EXISTS (SELECT 1 FROM preservation_holds p JOIN reports r ON r.id = p.report_id
                    WHERE r.url_sha256 = o.url_sha256 AND p.preserved_until > $1::timestamptz)`;

type DueRow = {
  appeal_id: string;
  order_id: string;
  reference: string;
  tco_type: string;
  url_sha256: string;
  preserved: boolean;
};

/**
 * Deletes the grounds of every complaint on a removal order that is due (at most `limit` per
 * run), each in its own transaction with its `content_purged` entry (`details.orderId`,
 * `details.appealId`; no report). The conditions are checked again under the appeal's row lock,
 * so a hold that arrives meanwhile wins and several instances purge each once. Returns the appeal ids.
 */
export async function purgeComplaintGrounds(deps: RetentionDeps, limit = 500): Promise<string[]> {
  const now = deps.now();
  const due = await deps.db.query<DueRow>(`${DUE} ORDER BY a.decided_at, a.id LIMIT $2`, [
    now.toISOString(),
    limit,
  ]);
  const purged: string[] = [];
  for (const candidate of due) {
    const done = await deps.sequencer.write(async (tx, append) => {
      const [row] = await tx.query<DueRow>(`${DUE} AND a.id = $2 FOR UPDATE OF a`, [
        now.toISOString(),
        candidate.appeal_id,
      ]);
      if (!row) return false;
      await tx.query('UPDATE appeals SET grounds = NULL, grounds_purged_at = $2 WHERE id = $1', [
        row.appeal_id,
        now.toISOString(),
      ]);
      append(purgedEntry(row, now));
      return true;
    });
    if (done) purged.push(candidate.appeal_id);
  }
  return purged;
}

function purgedEntry(row: DueRow, now: Date): LogEntry {
  return logEntry('content_purged', now.toISOString(), {
    caseNumber: row.reference,
    tcoType: TcoType.parse(row.tco_type),
    urlSha256: row.url_sha256,
    details: {
      reason: row.preserved ? 'preservation_expired' : 'retention_expired',
      purged: 'complaint_grounds',
      orderId: row.order_id,
      appealId: row.appeal_id,
    },
  });
}
