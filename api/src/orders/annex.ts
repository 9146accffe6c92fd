import {
  ANNEX_III_REASON_TEXT,
  AnnexII,
  AnnexIII,
  AnnexIIIReason,
  executedInTime,
} from '@counterweight/shared';
import { ApiError } from '../errors';
import type { OrderRow } from './order-store';

/** The order's part of both answers: which order, from whom, and the times of its clock. */
function orderPart(row: OrderRow) {
  return {
    orderId: row.id,
    reference: row.reference,
    issuingAuthority: row.issuing_authority,
    memberState: row.member_state,
    issuedAt: row.issued_at,
    receivedAt: row.received_at,
    deadline: row.deadline,
    contentUrl: row.content_url,
  };
}

/**
 * The Annex II answer (Art. 3(6)) of an executed order: what was done and when it took effect.
 * 409 for an order that is open or was not executed.
 */
export function annexII(row: OrderRow): AnnexII {
  if (row.status !== 'executed' || !row.effective_at || !row.decided_at)
    throw new ApiError(
      'conflict',
      `order ${row.reference} is ${row.status}: Annex II answers an executed order`,
    );
  return AnnexII.parse({
    annex: 'II',
    title: 'Feedback following removal of terrorist content or disabling of access to it',
    ...orderPart(row),
    action: row.outcome,
    effectiveAt: row.effective_at,
    withinOneHour: executedInTime(new Date(row.effective_at), new Date(row.deadline)),
    decidedAt: row.decided_at,
  });
}

/**
 * The Annex III answer (Art. 3(7)–(8)) of an order that could not be executed, with its reason.
 * 409 for an order that is open or was executed.
 */
export function annexIII(row: OrderRow): AnnexIII {
  if (row.status !== 'not_executed' || !row.decided_at)
    throw new ApiError(
      'conflict',
      `order ${row.reference} is ${row.status}: Annex III answers an order that could not be executed`,
    );
  const reason = AnnexIIIReason.parse(row.annex_iii_reason);
  return AnnexIII.parse({
    annex: 'III',
    title: 'Information about the impossibility to execute the removal order',
    ...orderPart(row),
    reason,
    reasonText: ANNEX_III_REASON_TEXT[reason],
    explanation: row.explanation,
    decidedAt: row.decided_at,
  });
}
