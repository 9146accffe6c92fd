import { z } from 'zod';
import { Id, storedText, TerritoryCode, Timestamp } from './common';

/**
 * Review proceedings against a removal order (TCO Art. 9): the hosting service or the content
 * provider challenges the order before the courts of the issuing Member State, or an authority
 * scrutinises it. Lifecycle:
 *
 *   filed (by the liaison or an admin, with the proceeding's reference) ──► pending
 *        pending ──► order_upheld    the order stands
 *        pending ──► order_annulled  the order falls; content removed under it may be reinstated
 *        pending ──► order_amended   the order changes; content may be reinstated
 *
 * The proceeding's reference stays in the database: the log keeps who brought it, before which
 * body, the outcome and whether content was reinstated.
 */
export const REVIEW_BROUGHT_BY = ['hosting_service', 'content_provider'] as const;
export const ReviewBroughtBy = z.enum(REVIEW_BROUGHT_BY);
export type ReviewBroughtBy = z.infer<typeof ReviewBroughtBy>;

/** A court of the issuing Member State, or an authority scrutinising the order. */
export const REVIEW_BODIES = ['court', 'authority'] as const;
export const ReviewBody = z.enum(REVIEW_BODIES);
export type ReviewBody = z.infer<typeof ReviewBody>;

export const REVIEW_OUTCOMES = ['order_upheld', 'order_annulled', 'order_amended'] as const;
export const ReviewOutcome = z.enum(REVIEW_OUTCOMES);
export type ReviewOutcome = z.infer<typeof ReviewOutcome>;

/** Body of `POST /v1/orders/{id}/review-proceedings`. */
export const ReviewProceedingSubmission = z.strictObject({
  /** Who brought the proceedings (Art. 9(1)). */
  broughtBy: ReviewBroughtBy,
  /** Before whom: a court of the issuing Member State, or an authority. */
  body: ReviewBody,
  /** The proceeding's own reference (docket number); kept out of the log. */
  reference: storedText().trim().min(1).max(200),
  /** When the proceedings were brought; not in the future. */
  filedAt: Timestamp,
});
export type ReviewProceedingSubmission = z.infer<typeof ReviewProceedingSubmission>;

/** Body of `POST /v1/orders/{id}/review-proceedings/{pid}/outcome`. */
export const ReviewOutcomeSubmission = z.strictObject({
  outcome: ReviewOutcome,
  /** When the court or authority decided; not in the future, not before the filing. */
  decidedAt: Timestamp,
  /** Whether content removed under the order was reinstated: only for an executed order annulled or amended. */
  reinstated: z.boolean(),
});
export type ReviewOutcomeSubmission = z.infer<typeof ReviewOutcomeSubmission>;

/** A review proceeding as returned by the API. */
export const ReviewProceeding = z.strictObject({
  id: Id,
  orderId: Id,
  memberState: TerritoryCode,
  broughtBy: ReviewBroughtBy,
  body: ReviewBody,
  reference: z.string(),
  filedAt: Timestamp,
  /** When it was recorded here (the server's time). */
  recordedAt: Timestamp,
  status: z.enum(['pending', 'decided']),
  outcome: ReviewOutcome.nullable(),
  decidedAt: Timestamp.nullable(),
  /** Null while pending. */
  reinstated: z.boolean().nullable(),
});
export type ReviewProceeding = z.infer<typeof ReviewProceeding>;

/** Answer of `GET /v1/orders/{id}/review-proceedings`: oldest filing first. */
export const ReviewProceedingList = z.strictObject({ proceedings: z.array(ReviewProceeding) });
export type ReviewProceedingList = z.infer<typeof ReviewProceedingList>;
