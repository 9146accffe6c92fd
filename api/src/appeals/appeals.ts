import { unbankAfterAppeal } from '../banks/decision-signals';
import { randomUUID } from 'node:crypto';
import {
  Appeal,
  AppealNotice,
  appealDueAt,
  isReinstatement,
  resultingAction,
  StatementOfReasons,
  type Action,
  type AppealDecisionSubmission,
  type AppealReceipt,
  type AppealStatusRequest,
  type AppealSubmission,
  type LogEntry,
  type PolicyCategory,
  type TcoType,
} from '@counterweight/shared';
import type { Db, Queryable } from '../db/db';
import { isoSql } from '../db/db';
import { ApiError } from '../errors';
import { requireFourEyes, type CaseParties, type Person } from '../decisions/four-eyes';
import { amendStatementAfterAppeal } from './amend-statement';
import { decideOrderComplaint, fileOrderComplaint, orderByAppealToken } from './order-complaints';
import type { LogSequencer } from '../log/sequence';

/** What the appeal store needs: the database, the log's single writer, pseudonyms and a clock. */
export interface AppealDeps {
  db: Db;
  sequencer: LogSequencer;
  pseudonym: (tokenId: string) => string;
  now: () => Date;
}

/** The contested decision, as the appeal code reads it. */
type DecisionRow = {
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

const DECISION_SELECT = `SELECT d.id::text AS id, d.report_id::text AS report_id, r.case_number, d.decided_by::text AS decided_by,
  r.submitted_by::text AS submitted_by, ${isoSql('d.appeal_deadline')} AS appeal_deadline, d.body,
  r.excerpt_sha256, r.url_sha256
  FROM decisions d JOIN reports r ON r.id = d.report_id`;

/** Log fields every appeal entry copies from the contested decision (no personal data). */
function decisionFields(
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
 * Files an appeal. A content provider is identified by the appeal token of the statement of
 * reasons; a reporter (the token that submitted the report) may contest a "no action" decision.
 * Refused after the six-month deadline (409) and when the decision is already appealed (409).
 * The appeal row, the report status and the `appeal_filed` entry commit together.
 */
export async function fileAppeal(
  deps: AppealDeps,
  submission: AppealSubmission,
  caller: { tokenId: string } | null,
  appealTokenHash: (token: string) => string,
): Promise<AppealReceipt> {
  const now = deps.now();
  return deps.sequencer.write(async (tx, append) => {
    if (submission.appellant === 'content_provider') {
      // A complaint on an executed removal order (TCO Art. 10) carries the order's token.
      const order = await orderByAppealToken(tx, appealTokenHash(submission.token), true);
      if (order) return fileOrderComplaint(tx, append, order, submission.grounds, now);
    }
    const decision = await findContestedDecision(tx, submission, caller, appealTokenHash);
    if (now.getTime() > Date.parse(decision.appeal_deadline))
      throw new ApiError('conflict', `the appeal period ended on ${decision.appeal_deadline}`);
    const [existing] = await tx.query('SELECT 1 FROM appeals WHERE decision_id = $1', [
      decision.id,
    ]);
    if (existing) throw new ApiError('conflict', 'this decision has already been appealed');
    const id = randomUUID();
    const dueAt = appealDueAt(now);
    await tx.query(
      `INSERT INTO appeals (id, report_id, decision_id, appellant, filed_by, grounds, filed_at, due_at, original_action)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        id,
        decision.report_id,
        decision.id,
        submission.appellant,
        submission.appellant === 'reporter' ? caller?.tokenId : null,
        submission.grounds,
        now.toISOString(),
        dueAt.toISOString(),
        decision.body.action,
      ],
    );
    await tx.query(`UPDATE reports SET status = 'appealed' WHERE id = $1`, [decision.report_id]);
    append({
      v: 1,
      type: 'appeal_filed',
      at: now.toISOString(),
      ...decisionFields(decision),
      actor: submission.appellant === 'reporter' && caller ? deps.pseudonym(caller.tokenId) : null,
      action: decision.body.action,
      details: {
        appealId: id,
        decisionId: decision.id,
        appellant: submission.appellant,
        dueAt: dueAt.toISOString(),
      },
    });
    return {
      appealId: id,
      caseNumber: decision.case_number,
      status: 'open',
      filedAt: now.toISOString(),
      dueAt: dueAt.toISOString(),
    };
  });
}

async function findContestedDecision(
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

type AppealRow = {
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

const APPEAL_SELECT = `SELECT a.id::text AS id, a.report_id::text AS report_id, a.decision_id::text AS decision_id,
  a.order_id::text AS order_id, COALESCE(r.case_number, o.reference) AS case_number,
  a.appellant, a.grounds, ${isoSql('a.filed_at')} AS filed_at, ${isoSql('a.due_at')} AS due_at, a.original_action, a.outcome,
  a.resulting_action, a.reasons, CASE WHEN a.decided_at IS NULL THEN NULL ELSE ${isoSql('a.decided_at')} END AS decided_at,
  a.decided_by::text AS decided_by
  FROM appeals a LEFT JOIN reports r ON r.id = a.report_id LEFT JOIN removal_orders o ON o.id = a.order_id`;

function toAppeal(row: AppealRow, now: Date): Appeal {
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

/**
 * The appellant's view of their appeal, found the same way as when filing (appeal token, or the
 * reporter's own token and report id); 404 when there is none.
 */
export async function appealStatus(
  deps: AppealDeps,
  request: AppealStatusRequest,
  caller: { tokenId: string } | null,
  appealTokenHash: (token: string) => string,
): Promise<AppealNotice> {
  const order =
    request.appellant === 'content_provider'
      ? await orderByAppealToken(deps.db, appealTokenHash(request.token), false)
      : null;
  const [column, id] = order
    ? ['order_id', order.order_id]
    : [
        'decision_id',
        (await findContestedDecision(deps.db, request, caller, appealTokenHash, 'status')).id,
      ];
  const [row] = await deps.db.query<AppealRow>(`${APPEAL_SELECT} WHERE a.${column} = $1`, [id]);
  if (!row)
    throw new ApiError(
      'not_found',
      `no appeal has been filed against this ${order ? 'order' : 'decision'}`,
    );
  const appeal = toAppeal(row, deps.now());
  return AppealNotice.parse({
    appealId: appeal.id,
    caseNumber: appeal.caseNumber,
    status: appeal.status,
    filedAt: appeal.filedAt,
    dueAt: appeal.dueAt,
    originalAction: appeal.originalAction,
    outcome: appeal.outcome,
    resultingAction: appeal.resultingAction,
    reasons: appeal.reasons,
    decidedAt: appeal.decidedAt,
  });
}

/**
 * The statement of reasons of the decision an appellant may contest (found as when filing: the
 * appeal token, or the reporter's own token and report id), as published (amended after an
 * appeal), without the appeal token; 404 when there is none.
 */
export async function contestedStatement(
  deps: AppealDeps,
  request: AppealStatusRequest,
  caller: { tokenId: string } | null,
  appealTokenHash: (token: string) => string,
): Promise<StatementOfReasons> {
  const decision = await findContestedDecision(deps.db, request, caller, appealTokenHash, 'status');
  const [row] = await deps.db.query<{ body: unknown }>(
    'SELECT body FROM statements WHERE decision_id = $1',
    [decision.id],
  );
  if (!row) throw new ApiError('not_found', 'this decision has no statement of reasons');
  return StatementOfReasons.parse(row.body);
}

/** One appeal, or 404. */
export async function getAppeal(deps: AppealDeps, id: string): Promise<Appeal> {
  const [row] = await deps.db.query<AppealRow>(`${APPEAL_SELECT} WHERE a.id = $1`, [id]);
  if (!row) throw new ApiError('not_found', `no appeal ${id}`);
  return toAppeal(row, deps.now());
}

/** Who took part in the case of an appeal: the report's submitter, the first decider, the appellant. */
async function caseParties(tx: Queryable, appealId: string): Promise<CaseParties> {
  const [row] = await tx.query<{
    submitter_id: string;
    submitter_name: string | null;
    decider_id: string;
    decider_name: string | null;
    appellant_id: string | null;
    appellant_name: string | null;
  }>(
    `SELECT r.submitted_by::text AS submitter_id, s.name AS submitter_name,
       d.decided_by::text AS decider_id, dt.name AS decider_name,
       a.filed_by::text AS appellant_id, f.name AS appellant_name
     FROM appeals a
     JOIN reports r ON r.id = a.report_id
     JOIN decisions d ON d.id = a.decision_id
     LEFT JOIN api_tokens s ON s.id = r.submitted_by
     LEFT JOIN api_tokens dt ON dt.id = d.decided_by
     LEFT JOIN api_tokens f ON f.id = a.filed_by
     WHERE a.id = $1`,
    [appealId],
  );
  if (!row) throw new ApiError('internal', `appeal ${appealId} names a missing decision`);
  return {
    submitter: { tokenId: row.submitter_id, name: row.submitter_name },
    decider: { tokenId: row.decider_id, name: row.decider_name },
    appellant: row.appellant_id ? { tokenId: row.appellant_id, name: row.appellant_name } : null,
  };
}

/**
 * Decides an open appeal. The decider must have taken no part in the case: not the report's
 * submitter, not the first decider, not the reporter who appealed (403 `four_eyes`,
 * {@link requireFourEyes}). A reversal or modification amends the statement of reasons (`x_amended_by_appeal`,
 * `x_action`); the appeal, the statement, the report status and the `appeal_decided` entry
 * commit together.
 */
export async function decideAppeal(
  deps: AppealDeps,
  appealId: string,
  submission: AppealDecisionSubmission,
  decider: Person,
): Promise<Appeal> {
  const now = deps.now();
  await deps.sequencer.write(async (tx, append) => {
    const [appeal] = await tx.query<AppealRow>(`${APPEAL_SELECT} WHERE a.id = $1 FOR UPDATE OF a`, [
      appealId,
    ]);
    if (!appeal) throw new ApiError('not_found', `no appeal ${appealId}`);
    if (appeal.order_id !== null) {
      if (appeal.outcome) throw new ApiError('conflict', `appeal ${appealId} was already decided`);
      const complaint = { ...appeal, order_id: appeal.order_id };
      const actor = deps.pseudonym(decider.tokenId);
      return decideOrderComplaint(tx, append, complaint, submission, decider, actor, now);
    }
    requireFourEyes(decider, await caseParties(tx, appealId), 'appeal');
    if (appeal.outcome) throw new ApiError('conflict', `appeal ${appealId} was already decided`);
    const decisionId = appeal.decision_id!;
    const [decision] = await tx.query<DecisionRow>(`${DECISION_SELECT} WHERE d.id = $1`, [
      decisionId,
    ]);
    if (!decision) throw new ApiError('internal', `appeal ${appealId} names a missing decision`);
    const result = resultingAction(submission.outcome, appeal.original_action, submission.action);
    if ('error' in result)
      throw new ApiError('validation_failed', result.error, [
        { path: 'action', message: result.error },
      ]);
    if (
      decision.body.exemption.applies &&
      (result.action === 'remove' || result.action === 'disable_in_territory')
    )
      throw new ApiError(
        'validation_failed',
        'an Art. 1(3) exemption applies to this content: no removal',
        [{ path: 'action', message: `cannot be ${result.action} when an exemption applies` }],
      );
    await tx.query(
      `UPDATE appeals SET decided_by = $2, decided_at = $3, outcome = $4, resulting_action = $5, reasons = $6 WHERE id = $1`,
      [
        appealId,
        decider.tokenId,
        now.toISOString(),
        submission.outcome,
        result.action,
        submission.reasons,
      ],
    );
    await tx.query(`UPDATE reports SET status = 'decided' WHERE id = $1 AND status = 'appealed'`, [
      appeal.report_id,
    ]);
    const territorialScope =
      result.action === 'disable_in_territory' ? (submission.territorialScope ?? null) : null;
    if (submission.outcome !== 'upheld')
      await amendStatementAfterAppeal(tx, decisionId, {
        appealId,
        outcome: submission.outcome,
        action: result.action,
        territorialScope,
        reasons: submission.reasons,
        decidedAt: now.toISOString(),
      });
    append(
      appealDecidedEntry(
        decision,
        appeal,
        submission,
        result.action,
        territorialScope,
        deps.pseudonym(decider.tokenId),
        now,
      ),
    );
    await unbankAfterAppeal(tx, append, decisionId, result.action, now);
  });
  return getAppeal(deps, appealId);
}

function appealDecidedEntry(
  decision: DecisionRow,
  appeal: AppealRow,
  submission: AppealDecisionSubmission,
  action: Action,
  territorialScope: string[] | null,
  actor: string,
  now: Date,
): LogEntry {
  return {
    v: 1,
    type: 'appeal_decided',
    at: now.toISOString(),
    ...decisionFields(decision),
    actor,
    action,
    details: {
      appealId: appeal.id,
      decisionId: decision.id,
      outcome: submission.outcome,
      previousAction: appeal.original_action,
      reinstatement: isReinstatement(submission.outcome, appeal.original_action),
      territorialScope,
    },
  };
}
