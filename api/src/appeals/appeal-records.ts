import { Appeal, type Action } from '@counterweight/shared';
import type { Db } from '../db/db';
import { isoSql } from '../db/db';
import { ApiError } from '../errors';
import type { LogSequencer } from '../log/sequence';

/** What the appeal store needs: the database, the log's single writer, pseudonyms and a clock. */
export interface AppealDeps {
  db: Db;
  sequencer: LogSequencer;
  pseudonym: (tokenId: string) => string;
  now: () => Date;
}

/** An appeal row with the case number of its report (or the reference of its order). */
export type AppealRow = {
  id: string;
  report_id: string | null;
  decision_id: string | null;
  order_id: string | null;
  case_number: string;
  appellant: Appeal['appellant'];
  grounds: string | null;
  filed_at: string;
  due_at: string;
  original_action: Action;
  outcome: Appeal['outcome'];
  resulting_action: Action | null;
  reasons: string | null;
  decided_at: string | null;
  decided_by: string | null;
};

export const APPEAL_SELECT = `SELECT a.id::text AS id, a.report_id::text AS report_id, a.decision_id::text AS decision_id,
  a.order_id::text AS order_id, COALESCE(r.case_number, o.reference) AS case_number,
  a.appellant, a.grounds, ${isoSql('a.filed_at')} AS filed_at, ${isoSql('a.due_at')} AS due_at, a.original_action, a.outcome,
  a.resulting_action, a.reasons, CASE WHEN a.decided_at IS NULL THEN NULL ELSE ${isoSql('a.decided_at')} END AS decided_at,
  a.decided_by::text AS decided_by
  FROM appeals a LEFT JOIN reports r ON r.id = a.report_id LEFT JOIN removal_orders o ON o.id = a.order_id`;

/** The wire form of an appeal row; `overdue` as of its decision, or of `now` while open. */
export function toAppeal(row: AppealRow, now: Date): Appeal {
  return Appeal.parse({
    id: row.id,
    reportId: row.report_id,
    decisionId: row.decision_id,
    orderId: row.order_id,
    caseNumber: row.case_number,
    appellant: row.appellant,
    grounds: row.grounds,
    status: row.outcome ? 'decided' : 'open',
    filedAt: row.filed_at,
    dueAt: row.due_at,
    overdue: (row.decided_at ? Date.parse(row.decided_at) : now.getTime()) > Date.parse(row.due_at),
    originalAction: row.original_action,
    outcome: row.outcome,
    resultingAction: row.resulting_action,
    reasons: row.reasons,
    decidedAt: row.decided_at,
  });
}

/** Open appeals, overdue first (earliest due first within each group), then by filing time. */
export async function appealQueue(deps: AppealDeps, limit = 100): Promise<Appeal[]> {
  const now = deps.now();
  const rows = await deps.db.query<AppealRow>(
    `${APPEAL_SELECT} WHERE a.decided_at IS NULL
     ORDER BY (a.due_at < $1::timestamptz) DESC, a.due_at, a.filed_at, a.id LIMIT $2`,
    [now.toISOString(), limit],
  );
  return rows.map((row) => toAppeal(row, now));
}

/** One appeal, or 404. */
export async function getAppeal(deps: AppealDeps, id: string): Promise<Appeal> {
  const [row] = await deps.db.query<AppealRow>(`${APPEAL_SELECT} WHERE a.id = $1`, [id]);
  if (!row) throw new ApiError('not_found', `no appeal ${id}`);
  return toAppeal(row, deps.now());
}
