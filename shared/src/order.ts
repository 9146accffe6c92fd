import { z } from 'zod';
import { Id, storedText, TerritoryCode, Timestamp } from './common';
import { TcoType } from './taxonomy';

/**
 * Removal orders under Regulation (EU) 2021/784 (TCO). Lifecycle:
 *
 *   received (Annex I, by the liaison) ──► open ── the one-hour clock runs from receipt
 *        open ──► executed      content removed or disabled; Annex II answer (in time iff effect ≤ deadline)
 *        open ──► not_executed  an Annex III reason; Annex III answer
 *
 * The deadline is the server's time of receipt plus one hour (Art. 3(3)); a missed deadline is
 * counted, never hidden.
 */
export const ORDER_DEADLINE_MS = 60 * 60 * 1000;

/** How long before the deadline the alert webhook fires. */
export const ORDER_ALERT_BEFORE_MS = 15 * 60 * 1000;

export const ORDER_STATUSES = ['open', 'executed', 'not_executed'] as const;
export const OrderStatus = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof OrderStatus>;

/** The reasons of Annex III (Art. 3(7) and 3(8)) for not executing an order. */
export const ANNEX_III_REASONS = [
  'force_majeure',
  'de_facto_impossibility',
  'manifest_errors',
  'insufficient_information',
] as const;
export const AnnexIIIReason = z.enum(ANNEX_III_REASONS);
export type AnnexIIIReason = z.infer<typeof AnnexIIIReason>;

/** Body of `POST /v1/orders`: the fields of Annex I as the issuing authority gave them. */
export const OrderSubmission = z.strictObject({
  /** The competent authority that issued the order. */
  issuingAuthority: storedText().trim().min(1).max(300),
  /** Its Member State. */
  memberState: TerritoryCode,
  /** The order's own reference (file number). */
  reference: storedText().trim().min(1).max(200),
  /** The exact location of the content (Annex I section B: the URL). */
  contentUrl: z.url({ protocol: /^https?$/, error: 'expected the http(s) URL of the content' }),
  /** The Art. 2(7) type the authority states. */
  tcoType: TcoType,
  /** The authority's statement of reasons why the content is terrorist content. */
  reasons: storedText().trim().min(1).max(5000),
  /** The legal basis of the order. */
  legalBasis: storedText().trim().min(1).max(500),
  /** Date and time the order was issued. */
  issuedAt: Timestamp,
  /** Art. 11(3): the provider must not be informed until then (six weeks, renewable); null: no confidentiality. */
  confidentialUntil: Timestamp.nullable(),
  /** The redress available to the provider and the content provider (Annex I section F). */
  redress: storedText().trim().min(1).max(2000),
});
export type OrderSubmission = z.infer<typeof OrderSubmission>;

/** Body of `POST /v1/orders/{id}/decision`: what was done, or why it could not be. */
export const OrderDecisionSubmission = z.discriminatedUnion('outcome', [
  z.strictObject({
    outcome: z.enum(['removed', 'disabled']),
    /** When the removal or disabling took effect; in time iff not after the deadline. */
    effectiveAt: Timestamp,
  }),
  z.strictObject({
    outcome: z.literal('not_executed'),
    reason: AnnexIIIReason,
    /** Annex III section C: what makes the order impossible to execute or what is missing. */
    explanation: storedText().trim().min(1).max(2000),
  }),
]);
export type OrderDecisionSubmission = z.infer<typeof OrderDecisionSubmission>;

/**
 * How content removed under an order came back: a complaint reversed (Art. 10) or review
 * proceedings that annulled or amended the order (Art. 9). The first reinstatement is the one
 * recorded on the order.
 */
export const REINSTATED_BY = ['complaint', 'review_proceedings'] as const;
export const ReinstatedBy = z.enum(REINSTATED_BY);
export type ReinstatedBy = z.infer<typeof ReinstatedBy>;

/** The decision recorded on an order. */
export const OrderDecision = z.strictObject({
  decidedAt: Timestamp,
  outcome: z.enum(['removed', 'disabled', 'not_executed']),
  effectiveAt: Timestamp.nullable(),
  reason: AnnexIIIReason.nullable(),
  explanation: z.string().nullable(),
});
export type OrderDecision = z.infer<typeof OrderDecision>;

/** An order as returned by the API. */
export const Order = z.strictObject({
  id: Id,
  reference: z.string(),
  issuingAuthority: z.string(),
  memberState: TerritoryCode,
  contentUrl: z.string(),
  tcoType: TcoType,
  reasons: z.string(),
  legalBasis: z.string(),
  issuedAt: Timestamp,
  confidentialUntil: Timestamp.nullable(),
  redress: z.string(),
  /** The server's time of receipt; the one-hour clock runs from it. */
  receivedAt: Timestamp,
  deadline: Timestamp,
  status: OrderStatus,
  /**
   * Whether the deadline was missed: executed after it, or still open past it (as of the answer).
   * Not executed with an Annex III reason: false.
   */
  deadlineMissed: z.boolean(),
  decision: OrderDecision.nullable(),
  /** When the removed content was reinstated; null while it stays removed (or was never). */
  reinstatedAt: Timestamp.nullable().describe(
    'When the removed content was reinstated (the first reinstatement); null while it stays removed',
  ),
  /** What reinstated it: a reversed complaint or review proceedings; null when not reinstated. */
  reinstatedBy: ReinstatedBy.nullable().describe(
    'What reinstated it: `complaint` (Art. 10, reversed) or `review_proceedings` (Art. 9, order annulled or amended); null when not reinstated',
  ),
});
export type Order = z.infer<typeof Order>;

/** Answer of `GET /v1/orders`. */
export const OrderList = z.strictObject({
  orders: z.array(Order),
  /** Orders of the list whose deadline was missed. */
  deadlinesMissed: z.number().int().min(0),
});
export type OrderList = z.infer<typeof OrderList>;

/** Annex II (Art. 3(6)): the provider's answer that the content was removed or disabled, and when. */
export const AnnexII = z.strictObject({
  annex: z.literal('II'),
  title: z.string(),
  orderId: Id,
  reference: z.string(),
  issuingAuthority: z.string(),
  memberState: TerritoryCode,
  issuedAt: Timestamp,
  receivedAt: Timestamp,
  deadline: Timestamp,
  contentUrl: z.string(),
  action: z.enum(['removed', 'disabled']),
  effectiveAt: Timestamp,
  withinOneHour: z.boolean(),
  decidedAt: Timestamp,
});
export type AnnexII = z.infer<typeof AnnexII>;

/** Annex III (Art. 3(7)–(8)): why the order could not be executed. */
export const AnnexIII = z.strictObject({
  annex: z.literal('III'),
  title: z.string(),
  orderId: Id,
  reference: z.string(),
  issuingAuthority: z.string(),
  memberState: TerritoryCode,
  issuedAt: Timestamp,
  receivedAt: Timestamp,
  deadline: Timestamp,
  contentUrl: z.string(),
  reason: AnnexIIIReason,
  reasonText: z.string(),
  explanation: z.string(),
  decidedAt: Timestamp,
});
export type AnnexIII = z.infer<typeof AnnexIII>;

/** The words of Annex III for each reason. */
export const ANNEX_III_REASON_TEXT: Record<AnnexIIIReason, string> = {
  force_majeure:
    'Force majeure not attributable to the hosting service provider (Art. 3(7)), including for technical or operational reasons',
  de_facto_impossibility:
    'De facto impossibility not attributable to the hosting service provider (Art. 3(7)), including for technical or operational reasons',
  manifest_errors: 'The removal order contains manifest errors (Art. 3(8))',
  insufficient_information:
    'The removal order does not contain sufficient information to execute it (Art. 3(8))',
};

/** The deadline of an order received at `receivedAt` (Art. 3(3)). */
export function orderDeadline(receivedAt: Date): Date {
  return new Date(receivedAt.getTime() + ORDER_DEADLINE_MS);
}

/** Whether an action that took effect at `effectiveAt` met the deadline (to the millisecond). */
export function executedInTime(effectiveAt: Date, deadline: Date): boolean {
  return effectiveAt.getTime() <= deadline.getTime();
}
