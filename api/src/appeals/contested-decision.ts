import type {
  Action,
  AppealStatusRequest,
  LogEntry,
  PolicyCategory,
  TcoType,
} from '@counterweight/shared';
import { isoSql, type Queryable } from '../db/db';
import { ApiError } from '../errors';

/** The contested decision, as the appeal code reads it. */
export type DecisionRow = {
  id: string;
  report_id: string;
  case_number: string;
  decided_by: string;
  submitted_by: string;
  appeal_deadline: string;
  body: {
    action: Action;
    category: PolicyCategory;
    tcoType?: TcoType;
    ground: { type: LogEntry['ground'] };
    exemption: { applies: boolean; exemptions: LogEntry['exemptions'] };
    automatedDetection: boolean;
  };
  excerpt_sha256: string;
  url_sha256: string;
};

export const DECISION_SELECT = `SELECT d.id::text AS id, d.report_id::text AS report_id, r.case_number, d.decided_by::text AS decided_by,
  r.submitted_by::text AS submitted_by, ${isoSql('d.appeal_deadline')} AS appeal_deadline, d.body,
  r.excerpt_sha256, r.url_sha256
  FROM decisions d JOIN reports r ON r.id = d.report_id`;

/** Log fields every appeal entry copies from the contested decision (no personal data). */
export function decisionFields(
  d: DecisionRow,
): Pick<
  LogEntry,
  | 'reportId'
  | 'caseNumber'
  | 'category'
  | 'tcoType'
  | 'ground'
  | 'exemptionApplied'
  | 'exemptions'
  | 'automatedDetection'
  | 'excerptSha256'
  | 'urlSha256'
> {
  return {
    reportId: d.report_id,
    caseNumber: d.case_number,
    category: d.body.category,
    tcoType: d.body.tcoType ?? null,
    ground: d.body.ground.type,
    exemptionApplied: d.body.exemption.applies,
    exemptions: d.body.exemption.exemptions ?? [],
    automatedDetection: d.body.automatedDetection,
    excerptSha256: d.excerpt_sha256,
    urlSha256: d.url_sha256,
  };
}

/**
 * The decision an appellant contests: the one with this appeal token (content provider), or the
 * decision on the caller's own report (reporter: a "no action" decision only, when filing).
 * When filing, the decision row is locked until the transaction ends. 404 naming `token` or
 * `reportId` when there is none; 401 for a reporter without a bearer token.
 */
export async function findContestedDecision(
  tx: Queryable,
  submission: AppealStatusRequest,
  caller: { tokenId: string } | null,
  appealTokenHash: (token: string) => string,
  purpose: 'file' | 'status' = 'file',
): Promise<DecisionRow> {
  const lock = purpose === 'file' ? 'FOR UPDATE OF d' : '';
  if (submission.appellant === 'content_provider') {
    const [row] = await tx.query<DecisionRow>(
      `${DECISION_SELECT} WHERE d.appeal_token_sha256 = $1 ${lock}`,
      [appealTokenHash(submission.token)],
    );
    if (!row)
      throw new ApiError('not_found', 'no decision has this appeal token', [
        { path: 'token', message: 'unknown appeal token' },
      ]);
    return row;
  }
  if (!caller)
    throw new ApiError(
      'unauthorized',
      'a reporter appeal needs the bearer token that submitted the report',
    );
  const [row] = await tx.query<DecisionRow>(`${DECISION_SELECT} WHERE d.report_id = $1 ${lock}`, [
    submission.reportId,
  ]);
  if (!row || row.submitted_by !== caller.tokenId)
    throw new ApiError('not_found', 'no decided report of yours has this id', [
      { path: 'reportId', message: 'unknown report' },
    ]);
  if (purpose === 'file' && row.body.action !== 'no_action')
    throw new ApiError('conflict', 'a reporter can contest a no action decision only', [
      { path: 'reportId', message: `the decision took action ${row.body.action}` },
    ]);
  return row;
}
