import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  executedInTime,
  logEntry,
  Order,
  orderDeadline,
  type OrderDecisionSubmission,
  type OrderStatus,
  type OrderSubmission,
  TcoType,
} from '@counterweight/shared';
import canonicalize from 'canonicalize';
import { pseudonymOf } from '../auth/pseudonym';
import type { Principal } from '../auth/tokens';
import type { Queryable } from '../db/db';
import { fourEyesConflict } from '../decisions/four-eyes';
import { appealDeadline } from '../decisions/statement-of-reasons';
import { ApiError } from '../errors';
import type { LogSequencer } from '../log/sequence';
import { recordOrderNotice } from '../notices/notice-store';
import { orderStatement } from './order-statement';
import { ORDER_COLUMNS, type OrderRow } from './order-row';

export { ORDER_COLUMNS, type OrderRow } from './order-row';

/** What the order store needs: the log's single writer, the pseudonym key and a clock. */
export interface OrderDeps {
  sequencer: LogSequencer;
  pseudonymKey: Uint8Array;
  now: () => Date;
  /** Record the content provider's notice for delivery (see `AppDeps.providerNotices`). */
  providerNotices?: boolean;
}

/**
 * Whether the order's deadline was missed as of `now`: executed after it, or open past it. An
 * order answered with an Annex III reason has not missed it (Art. 3(7)–(8) have their own duty).
 */
export function deadlineMissed(row: OrderRow, now: Date): boolean {
  const deadline = new Date(row.deadline);
  if (row.status === 'open') return now.getTime() > deadline.getTime();
  if (row.status === 'executed') return !executedInTime(new Date(row.effective_at!), deadline);
  return false;
}

/** Parses a stored row into the wire `Order` (storage reads are a boundary too). */
export function orderFromRow(row: OrderRow, now: Date): Order {
  return Order.parse({
    id: row.id,
    reference: row.reference,
    issuingAuthority: row.issuing_authority,
    memberState: row.member_state,
    contentUrl: row.content_url,
    tcoType: row.tco_type,
    reasons: row.reasons,
    legalBasis: row.legal_basis,
    issuedAt: row.issued_at,
    confidentialUntil: row.confidential_until,
    redress: row.redress,
    receivedAt: row.received_at,
    deadline: row.deadline,
    status: row.status,
    deadlineMissed: deadlineMissed(row, now),
    decision:
      row.decided_at === null
        ? null
        : {
            decidedAt: row.decided_at,
            outcome: row.outcome,
            effectiveAt: row.effective_at,
            reason: row.annex_iii_reason,
            explanation: row.explanation,
          },
    reinstatedAt: row.reinstated_at,
    reinstatedBy: row.reinstated_by,
  });
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * Records an order received now (the server's clock starts the hour) and its `order_received`
 * log entry, in one transaction. The log keeps the Member State, the type, the deadline and the
 * URL's hash: never the authority's text or the URL itself.
 */
export async function receiveOrder(
  deps: OrderDeps,
  liaison: Principal,
  submission: OrderSubmission,
): Promise<OrderRow> {
  const receivedAt = deps.now();
  const deadline = orderDeadline(receivedAt);
  const id = randomUUID();
  const urlSha256 = sha256(submission.contentUrl);
  return deps.sequencer.write(async (tx, append) => {
    const [row] = await tx.query<OrderRow>(
      `INSERT INTO removal_orders (id, reference, issuing_authority, member_state, content_url,
         url_sha256, tco_type, reasons, legal_basis, issued_at, confidential_until, redress,
         received_by, received_at, deadline, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 'open')
       RETURNING ${ORDER_COLUMNS}`,
      [
        id,
        submission.reference,
        submission.issuingAuthority,
        submission.memberState,
        submission.contentUrl,
        urlSha256,
        submission.tcoType,
        submission.reasons,
        submission.legalBasis,
        submission.issuedAt,
        submission.confidentialUntil,
        submission.redress,
        liaison.tokenId,
        receivedAt.toISOString(),
        deadline.toISOString(),
      ],
    );
    append(
      logEntry('order_received', receivedAt.toISOString(), {
        actor: pseudonymOf(deps.pseudonymKey, liaison.tokenId),
        tcoType: submission.tcoType,
        urlSha256,
        details: {
          orderId: id,
          memberState: submission.memberState,
          deadline: deadline.toISOString(),
          confidential: submission.confidentialUntil !== null,
        },
      }),
    );
    return row!;
  });
}

/**
 * Records the decision on an open order with its `order_decided` log entry, in one transaction.
 * Refuses: unknown order (404); the person who received it (403 `four_eyes`); an order already
 * decided (409); an effect time in the future (400 naming `effectiveAt`: it is a fact, not a
 * plan). In time iff the effect is not after the deadline.
 */
export async function decideOrder(
  deps: OrderDeps,
  decider: Principal,
  orderId: string,
  submission: OrderDecisionSubmission,
): Promise<OrderRow> {
  const decidedAt = deps.now();
  if (
    submission.outcome !== 'not_executed' &&
    new Date(submission.effectiveAt).getTime() > decidedAt.getTime()
  )
    throw new ApiError('validation_failed', 'invalid effectiveAt: in the future', [
      { path: 'effectiveAt', message: 'must not be after the time of the decision' },
    ]);
  return deps.sequencer.write(async (tx, append) => {
    const current = await lockOrder(tx, orderId);
    const receiver = { tokenId: current.received_by, name: current.receiver_name };
    if (fourEyesConflict(decider, { submitter: receiver }))
      throw new ApiError(
        'four_eyes',
        'you received this order; someone else must decide it (four-eyes rule)',
      );
    if (current.status !== 'open')
      throw new ApiError('conflict', `order ${current.reference} is already ${current.status}`);
    const executed = submission.outcome !== 'not_executed';
    const [row] = await tx.query<OrderRow>(
      `UPDATE removal_orders SET status = $2, decided_by = $3, decided_at = $4, outcome = $5,
         effective_at = $6, annex_iii_reason = $7, explanation = $8
       WHERE id = $1 AND status = 'open' RETURNING ${ORDER_COLUMNS}`,
      [
        orderId,
        executed ? 'executed' : 'not_executed',
        decider.tokenId,
        decidedAt.toISOString(),
        submission.outcome,
        executed ? new Date(submission.effectiveAt).toISOString() : null,
        executed ? null : submission.reason,
        executed ? null : submission.explanation,
      ],
    );
    const deadline = new Date(current.deadline);
    if (executed) {
      // The statement of reasons; the content provider's notice waits for confidentiality to end.
      const deadlineToAppeal = appealDeadline(decidedAt.toISOString());
      const statement = orderStatement(row!, deadlineToAppeal);
      // TCO Art. 10: the content provider complains with this token, handed over in the notice.
      const appealToken = `cwa_${randomBytes(32).toString('base64url')}`;
      const noticeFrom =
        current.confidential_until && Date.parse(current.confidential_until) > decidedAt.getTime()
          ? current.confidential_until
          : decidedAt.toISOString();
      await tx.query(
        `INSERT INTO order_statements (order_id, body, published_at, notice_from, appeal_token,
           appeal_token_sha256, appeal_deadline)
         VALUES ($1, $2::text::jsonb, $3, $4, $5, $6, $7)`,
        [
          orderId,
          JSON.stringify(statement),
          decidedAt.toISOString(),
          noticeFrom,
          appealToken,
          sha256(appealToken),
          deadlineToAppeal,
        ],
      );
      if (deps.providerNotices)
        await recordOrderNotice(tx, {
          orderId,
          decidedAt: decidedAt.toISOString(),
          releaseAt: noticeFrom,
        });
      append(
        logEntry('statement_published', decidedAt.toISOString(), {
          tcoType: TcoType.parse(current.tco_type),
          action: 'remove',
          ground: 'illegal_content',
          urlSha256: current.url_sha256,
          details: {
            orderId,
            statementSha256: sha256(canonicalize(statement) ?? ''),
            noticeFrom,
          },
        }),
      );
    }
    append(
      logEntry('order_decided', decidedAt.toISOString(), {
        actor: pseudonymOf(deps.pseudonymKey, decider.tokenId),
        tcoType: TcoType.parse(current.tco_type),
        action: executed ? 'remove' : null,
        urlSha256: current.url_sha256,
        details: {
          orderId,
          memberState: current.member_state,
          outcome: submission.outcome,
          receivedAt: current.received_at,
          deadline: current.deadline,
          effectiveAt: executed ? new Date(submission.effectiveAt).toISOString() : null,
          inTime: executed ? executedInTime(new Date(submission.effectiveAt), deadline) : null,
          annexIIIReason: executed ? null : submission.reason,
        },
      }),
    );
    return row!;
  });
}

/** The order with `id`, locked for the transaction, with its receiver's name; 404 when there is none. */
export async function lockOrder(
  tx: Queryable,
  orderId: string,
): Promise<OrderRow & { receiver_name: string | null }> {
  const [row] = await tx.query<OrderRow & { receiver_name: string | null }>(
    `SELECT ${ORDER_COLUMNS},
       (SELECT name FROM api_tokens t WHERE t.id = removal_orders.received_by) AS receiver_name
     FROM removal_orders WHERE id = $1 FOR UPDATE`,
    [orderId],
  );
  if (!row) throw new ApiError('not_found', `no order ${orderId}`);
  return row;
}

/** One order by id; 404 when there is none. */
export async function findOrder(db: Queryable, orderId: string): Promise<OrderRow> {
  const [row] = await db.query<OrderRow>(
    `SELECT ${ORDER_COLUMNS} FROM removal_orders WHERE id = $1`,
    [orderId],
  );
  if (!row) throw new ApiError('not_found', `no order ${orderId}`);
  return row;
}

/** Orders with `status` (all when undefined): open ones nearest deadline first, others newest first. */
export async function listOrders(
  db: Queryable,
  status: OrderStatus | undefined,
  limit: number,
): Promise<OrderRow[]> {
  if (status === 'open') return openOrders(db, limit);
  return db.query<OrderRow>(
    `SELECT ${ORDER_COLUMNS} FROM removal_orders
     WHERE ($1::text IS NULL OR status = $1)
     ORDER BY status <> 'open', CASE WHEN status = 'open' THEN deadline END, received_at DESC, id
     LIMIT $2`,
    [status ?? null, limit],
  );
}

/** Open orders, nearest deadline first: the head of the review queue. */
export async function openOrders(db: Queryable, limit: number): Promise<OrderRow[]> {
  return db.query<OrderRow>(
    `SELECT ${ORDER_COLUMNS} FROM removal_orders WHERE status = 'open'
     ORDER BY deadline, id LIMIT $1`,
    [limit],
  );
}
