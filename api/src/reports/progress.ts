import { Action, type ReportProgress, type ReportStatusLine } from '@counterweight/shared';
import type { Queryable } from '../db/db';

interface ProgressRow {
  id: string;
  case_number: string;
  decision_id: string | null;
  claimed: boolean;
  decided_action: string | null;
  appeal_filed: boolean;
  appeal_action: string | null;
  appeal_decided: boolean;
}

const PROGRESS_SQL = `SELECT r.id::text AS id, r.case_number, r.decision_id::text AS decision_id,
    coalesce(c.expires_at > $2::timestamptz, false) AS claimed,
    d.body->>'action' AS decided_action,
    (a.id IS NOT NULL) AS appeal_filed,
    a.resulting_action AS appeal_action,
    (a.decided_at IS NOT NULL) AS appeal_decided
  FROM reports r
  LEFT JOIN report_claims c ON c.report_id = r.id
  LEFT JOIN decisions d ON d.id = r.decision_id
  LEFT JOIN appeals a ON a.decision_id = r.decision_id`;

function progressOf(row: ProgressRow): ReportProgress {
  if (!row.decision_id) return { state: row.claimed ? 'claimed' : 'waiting' };
  const statementUrl = `/v1/decisions/${row.decision_id}/statement`;
  if (row.appeal_decided)
    return {
      state: 'appeal_decided',
      action: Action.parse(row.appeal_action ?? row.decided_action),
      statementUrl,
    };
  return {
    state: row.appeal_filed ? 'appealed' : 'decided',
    action: Action.parse(row.decided_action),
    statementUrl,
  };
}

/** Where one report stands (see `ReportProgress`), or null for an unknown report. */
export async function reportProgress(
  db: Queryable,
  reportId: string,
  now = new Date(),
): Promise<ReportProgress | null> {
  const [row] = await db.query<ProgressRow>(`${PROGRESS_SQL} WHERE r.id = $1`, [
    reportId,
    now.toISOString(),
  ]);
  return row ? progressOf(row) : null;
}

/**
 * Where each of `ids` stands, for the reviewer who submitted them: one indexed read for all of
 * them. Reports of other submitters and unknown ids are left out.
 */
export async function submittedReportsProgress(
  db: Queryable,
  submitterTokenId: string,
  ids: readonly string[],
  now = new Date(),
): Promise<ReportStatusLine[]> {
  const rows = await db.query<ProgressRow>(
    `${PROGRESS_SQL}
     WHERE r.id IN (SELECT value::uuid FROM jsonb_array_elements_text($1::text::jsonb))
       AND r.submitted_by = $3`,
    [JSON.stringify(ids), now.toISOString(), submitterTokenId],
  );
  return rows.map((row) => ({ id: row.id, caseNumber: row.case_number, ...progressOf(row) }));
}
