import { randomUUID } from 'node:crypto';
import {
  appealDueAt,
  type Action,
  isReinstatement,
  logEntry,
  TcoType,
  type AppealDecisionSubmission,
  type AppealReceipt,
  type LogEntry,
} from '@counterweight/shared';
import { isoSql, type Queryable } from '../db/db';
import { fourEyesConflict, type Person } from '../decisions/four-eyes';
import { ApiError } from '../errors';
import { deliverAppealOutcome } from '../tdb/appeal-delivery';
import { amendStatementAfterAppeal } from './amend-statement';

/**
 * The content provider's complaint on an executed removal order (TCO Art. 10), carried by the
 * appeal path: same table, same token mechanics, same log entry types (`appeal_filed`,
 * `appeal_decided`, with `details.orderId`). Only the contested thing differs.
 */
export type ComplainedOrder = {
  order_id: string;
  reference: string;
  tco_type: string;
  url_sha256: string;
  appeal_deadline: string;
  received_by: string;
  receiver_name: string | null;
  decided_by: string;
  decider_name: string | null;
};

const ORDER_SELECT = `SELECT o.id::text AS order_id, o.reference, o.tco_type, o.url_sha256,
  ${isoSql('s.appeal_deadline')} AS appeal_deadline,
  o.received_by::text AS received_by, rt.name AS receiver_name,
  o.decided_by::text AS decided_by, dt.name AS decider_name
  FROM order_statements s JOIN removal_orders o ON o.id = s.order_id
  LEFT JOIN api_tokens rt ON rt.id = o.received_by
  LEFT JOIN api_tokens dt ON dt.id = o.decided_by`;

/** The executed order whose notice carried this appeal token (hashed), or null. */
export async function orderByAppealToken(
  tx: Queryable,
  tokenSha256: string,
  lock: boolean,
): Promise<ComplainedOrder | null> {
  const [row] = await tx.query<ComplainedOrder>(
    `${ORDER_SELECT} WHERE s.appeal_token_sha256 = $1 ${lock ? 'FOR UPDATE OF o' : ''}`,
    [tokenSha256],
  );
  return row ?? null;
}

/** One executed order by id (the order of a complaint being decided). */
export async function complainedOrder(tx: Queryable, orderId: string): Promise<ComplainedOrder> {
  const [row] = await tx.query<ComplainedOrder>(`${ORDER_SELECT} WHERE o.id = $1`, [orderId]);
  if (!row) throw new ApiError('internal', `complaint names order ${orderId} with no statement`);
  return row;
}

const orderFields = (order: ComplainedOrder): Partial<LogEntry> => ({
  caseNumber: order.reference,
  tcoType: TcoType.parse(order.tco_type),
  urlSha256: order.url_sha256,
});

/**
 * Files the complaint: refused after the appeal deadline (409) and when the order already has
 * one (409). The appeal row and its `appeal_filed` entry are written in the caller's transaction.
 */
export async function fileOrderComplaint(
  tx: Queryable,
  append: (entry: LogEntry) => void,
  order: ComplainedOrder,
  grounds: string,
  now: Date,
): Promise<AppealReceipt> {
  if (now.getTime() > Date.parse(order.appeal_deadline))
    throw new ApiError('conflict', `the complaint period ended on ${order.appeal_deadline}`);
  const [existing] = await tx.query('SELECT 1 FROM appeals WHERE order_id = $1', [order.order_id]);
  if (existing) throw new ApiError('conflict', 'a complaint on this order has already been filed');
  const id = randomUUID();
  const dueAt = appealDueAt(now);
  // As in `order_decided`: removing and disabling under an order are both a removal action.
  const action: Action = 'remove';
  await tx.query(
    `INSERT INTO appeals (id, order_id, appellant, filed_by, grounds, filed_at, due_at, original_action)
     VALUES ($1, $2, 'content_provider', NULL, $3, $4, $5, $6)`,
    [id, order.order_id, grounds, now.toISOString(), dueAt.toISOString(), action],
  );
  append(
    logEntry('appeal_filed', now.toISOString(), {
      ...orderFields(order),
      action,
      details: {
        appealId: id,
        decisionId: order.order_id,
        orderId: order.order_id,
        appellant: 'content_provider',
        dueAt: dueAt.toISOString(),
      },
    }),
  );
  return {
    appealId: id,
    caseNumber: order.reference,
    status: 'open',
    filedAt: now.toISOString(),
    dueAt: dueAt.toISOString(),
  };
}

/**
 * Decides a complaint on an order: upheld (the removal stands) or reversed (the content is
 * reinstated: `removal_orders.reinstated_at` and `reinstated_by`, the statement amended). The decider must not have
 * received or decided the order (403 `four_eyes`). `modified` has no meaning for an order (400).
 */
export async function decideOrderComplaint(
  tx: Queryable,
  append: (entry: LogEntry) => void,
  appeal: { id: string; order_id: string; original_action: Action },
  submission: AppealDecisionSubmission,
  decider: Person,
  actor: string,
  now: Date,
): Promise<void> {
  const order = await complainedOrder(tx, appeal.order_id);
  const part = fourEyesConflict(decider, {
    submitter: { tokenId: order.received_by, name: order.receiver_name },
    decider: { tokenId: order.decided_by, name: order.decider_name },
  });
  if (part)
    throw new ApiError(
      'four_eyes',
      `you ${part === 'submitter' ? 'received' : 'decided'} this order; someone who took no part in it must decide the complaint (four-eyes rule)`,
    );
  if (submission.outcome === 'modified')
    throw new ApiError(
      'validation_failed',
      'a complaint on a removal order is upheld or reversed',
      [{ path: 'outcome', message: 'must be upheld or reversed for a removal order' }],
    );
  if (submission.action !== undefined)
    throw new ApiError('validation_failed', 'a reversed removal order reinstates the content', [
      { path: 'action', message: 'leave action out for a removal order' },
    ]);
  const action: Action = submission.outcome === 'upheld' ? appeal.original_action : 'no_action';
  await tx.query(
    `UPDATE appeals SET decided_by = $2, decided_at = $3, outcome = $4, resulting_action = $5, reasons = $6 WHERE id = $1`,
    [appeal.id, decider.tokenId, now.toISOString(), submission.outcome, action, submission.reasons],
  );
  const reinstatement = isReinstatement(submission.outcome, appeal.original_action);
  if (reinstatement && submission.outcome === 'reversed') {
    // The order records the first reinstatement (review proceedings may have come first).
    await tx.query(
      `UPDATE removal_orders SET reinstated_at = COALESCE(reinstated_at, $2),
         reinstated_by = COALESCE(reinstated_by, 'complaint') WHERE id = $1`,
      [order.order_id, now.toISOString()],
    );
    const amended = await amendStatementAfterAppeal(
      tx,
      order.order_id,
      {
        appealId: appeal.id,
        outcome: submission.outcome,
        action,
        territorialScope: null,
        reasons: submission.reasons,
        decidedAt: now.toISOString(),
      },
      'order',
    );
    // A reinstatement restricts nothing: the delivered statement is only noted as amended.
    if (amended) await deliverAppealOutcome(tx, amended);
  }
  append(
    logEntry('appeal_decided', now.toISOString(), {
      ...orderFields(order),
      actor,
      action,
      details: {
        appealId: appeal.id,
        decisionId: order.order_id,
        orderId: order.order_id,
        outcome: submission.outcome,
        previousAction: appeal.original_action,
        reinstatement,
        territorialScope: null,
      },
    }),
  );
}
