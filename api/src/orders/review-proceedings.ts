import { randomUUID } from 'node:crypto';
import {
  logEntry,
  ReviewProceeding,
  type ReviewOutcomeSubmission,
  type ReviewProceedingSubmission,
  TcoType,
} from '@counterweight/shared';
import { pseudonymOf } from '../auth/pseudonym';
import type { Principal } from '../auth/tokens';
import { isoSql, type Queryable } from '../db/db';
import { ApiError } from '../errors';
import { lockOrder, type OrderDeps } from './order-store';

/**
 * Review proceedings against a removal order (TCO Art. 9), recorded by the liaison: filed, then
 * decided. Each write and its log entry (`order_review_filed`, `order_review_decided`) are one
 * transaction. The log keeps the Member State, who brought the proceedings, before which body,
 * the outcome and whether content was reinstated: never the proceeding's reference, the
 * authority's text or the URL.
 */
const PROCEEDING_COLUMNS = `p.id::text AS id, p.order_id::text AS order_id, o.member_state,
  p.brought_by, p.body, p.reference, ${isoSql('p.filed_at')} AS filed_at,
  ${isoSql('p.recorded_at')} AS recorded_at, p.outcome, ${isoSql('p.decided_at')} AS decided_at,
  p.reinstated`;

interface ProceedingRow {
  id: string;
  order_id: string;
  member_state: string;
  brought_by: string;
  body: string;
  reference: string;
  filed_at: string;
  recorded_at: string;
  outcome: string | null;
  decided_at: string | null;
  reinstated: boolean | null;
}

/** Parses a stored row into the wire `ReviewProceeding`. */
export function proceedingFromRow(row: ProceedingRow): ReviewProceeding {
  return ReviewProceeding.parse({
    id: row.id,
    orderId: row.order_id,
    memberState: row.member_state,
    broughtBy: row.brought_by,
    body: row.body,
    reference: row.reference,
    filedAt: row.filed_at,
    recordedAt: row.recorded_at,
    status: row.outcome === null ? 'pending' : 'decided',
    outcome: row.outcome,
    decidedAt: row.decided_at,
    reinstated: row.reinstated,
  });
}

const invalid = (path: string, message: string) =>
  new ApiError('validation_failed', `invalid ${path}: ${message}`, [{ path, message }]);

/** Refuses a time after `now` (400 naming `path`): a filing or a ruling is a fact, not a plan. */
function notInFuture(path: string, time: string, now: Date): Date {
  const at = new Date(time);
  if (at.getTime() > now.getTime()) throw invalid(path, 'must not be in the future');
  return at;
}

async function selectProceeding(
  db: Queryable,
  orderId: string,
  proceedingId: string,
  lock: boolean,
): Promise<ProceedingRow | undefined> {
  const [row] = await db.query<ProceedingRow>(
    `SELECT ${PROCEEDING_COLUMNS} FROM order_review_proceedings p
     JOIN removal_orders o ON o.id = p.order_id
     WHERE p.id = $1 AND p.order_id = $2 ${lock ? 'FOR UPDATE OF p' : ''}`,
    [proceedingId, orderId],
  );
  return row;
}

/**
 * Records review proceedings brought against order `orderId`. Refuses: unknown order (404); a
 * filing time in the future or before the order was issued (400 naming `filedAt`).
 */
export async function fileReviewProceeding(
  deps: OrderDeps,
  recorder: Principal,
  orderId: string,
  submission: ReviewProceedingSubmission,
): Promise<ReviewProceeding> {
  const now = deps.now();
  const filedAt = notInFuture('filedAt', submission.filedAt, now);
  return deps.sequencer.write(async (tx, append) => {
    const order = await lockOrder(tx, orderId);
    if (filedAt.getTime() < Date.parse(order.issued_at))
      throw invalid('filedAt', `must not be before the order was issued (${order.issued_at})`);
    const id = randomUUID();
    await tx.query(
      `INSERT INTO order_review_proceedings (id, order_id, brought_by, body, reference, filed_at,
         recorded_by, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        id,
        orderId,
        submission.broughtBy,
        submission.body,
        submission.reference,
        filedAt.toISOString(),
        recorder.tokenId,
        now.toISOString(),
      ],
    );
    append(
      logEntry('order_review_filed', now.toISOString(), {
        actor: pseudonymOf(deps.pseudonymKey, recorder.tokenId),
        tcoType: TcoType.parse(order.tco_type),
        details: {
          orderId,
          proceedingId: id,
          memberState: order.member_state,
          broughtBy: submission.broughtBy,
          body: submission.body,
          filedAt: filedAt.toISOString(),
        },
      }),
    );
    return proceedingFromRow((await selectProceeding(tx, orderId, id, false))!);
  });
}

/**
 * Records the outcome of pending review proceedings. Refuses: unknown order or proceeding (404);
 * one already decided (409); a decision time in the future or before the filing (400 naming
 * `decidedAt`); `reinstated` for an order upheld or never executed (400 naming `reinstated`). A
 * reinstatement of content already reinstated (by a complaint or earlier proceedings) is a 400
 * naming `reinstated`: the figures count each item reinstated once.
 */
export async function decideReviewProceeding(
  deps: OrderDeps,
  recorder: Principal,
  orderId: string,
  proceedingId: string,
  submission: ReviewOutcomeSubmission,
): Promise<ReviewProceeding> {
  const now = deps.now();
  const decidedAt = notInFuture('decidedAt', submission.decidedAt, now);
  return deps.sequencer.write(async (tx, append) => {
    const order = await lockOrder(tx, orderId);
    const current = await selectProceeding(tx, orderId, proceedingId, true);
    if (!current)
      throw new ApiError('not_found', `no review proceeding ${proceedingId} on order ${orderId}`);
    if (current.outcome !== null)
      throw new ApiError(
        'conflict',
        `the review proceeding was already decided: ${current.outcome}`,
      );
    if (decidedAt.getTime() < Date.parse(current.filed_at))
      throw invalid(
        'decidedAt',
        `must not be before the proceedings were filed (${current.filed_at})`,
      );
    if (submission.reinstated && submission.outcome === 'order_upheld')
      throw invalid('reinstated', 'an upheld order reinstates nothing');
    if (submission.reinstated && order.status !== 'executed')
      throw invalid(
        'reinstated',
        `the order was not executed (${order.status}): nothing was removed`,
      );
    // One item of content is reinstated once: the figures count items, not paths to them.
    if (submission.reinstated && order.reinstated_at !== null)
      throw invalid(
        'reinstated',
        `the content was already reinstated (${order.reinstated_by ?? 'complaint'}, ${order.reinstated_at})`,
      );
    await tx.query(
      `UPDATE order_review_proceedings SET outcome = $2, decided_at = $3, reinstated = $4,
         outcome_recorded_by = $5, outcome_recorded_at = $6 WHERE id = $1`,
      [
        proceedingId,
        submission.outcome,
        decidedAt.toISOString(),
        submission.reinstated,
        recorder.tokenId,
        now.toISOString(),
      ],
    );
    if (submission.reinstated)
      await tx.query(
        `UPDATE removal_orders SET reinstated_at = COALESCE(reinstated_at, $2),
           reinstated_by = COALESCE(reinstated_by, 'review_proceedings') WHERE id = $1`,
        [orderId, now.toISOString()],
      );
    append(
      logEntry('order_review_decided', now.toISOString(), {
        actor: pseudonymOf(deps.pseudonymKey, recorder.tokenId),
        tcoType: TcoType.parse(order.tco_type),
        details: {
          orderId,
          proceedingId,
          memberState: order.member_state,
          broughtBy: current.brought_by,
          body: current.body,
          outcome: submission.outcome,
          decidedAt: decidedAt.toISOString(),
          reinstated: submission.reinstated,
        },
      }),
    );
    return proceedingFromRow((await selectProceeding(tx, orderId, proceedingId, false))!);
  });
}

/** The review proceedings of an order, oldest filing first; 404 when there is no such order. */
export async function listReviewProceedings(
  db: Queryable,
  orderId: string,
): Promise<ReviewProceeding[]> {
  const [order] = await db.query('SELECT 1 FROM removal_orders WHERE id = $1', [orderId]);
  if (!order) throw new ApiError('not_found', `no order ${orderId}`);
  const rows = await db.query<ProceedingRow>(
    `SELECT ${PROCEEDING_COLUMNS} FROM order_review_proceedings p
     JOIN removal_orders o ON o.id = p.order_id
     WHERE p.order_id = $1 ORDER BY p.filed_at, p.recorded_at, p.id`,
    [orderId],
  );
  return rows.map(proceedingFromRow);
}
