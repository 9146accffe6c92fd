import { AppealNotice, StatementOfReasons, type AppealStatusRequest } from '@counterweight/shared';
import { ApiError } from '../errors';
import { APPEAL_SELECT, toAppeal, type AppealDeps, type AppealRow } from './appeal-records';
import { findContestedDecision } from './contested-decision';
import { orderByAppealToken } from './order-complaints';

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
