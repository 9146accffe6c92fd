import type {
  OrderDecisionSubmission,
  OrderSubmission,
  ReviewOutcomeSubmission,
  ReviewProceedingSubmission,
} from '@counterweight/shared';

/** A valid `POST /v1/orders` body (Annex I), shown in the OpenAPI document and used by tests. */
export const ORDER_EXAMPLE = {
  issuingAuthority: 'Bundeskriminalamt, Referat ST 34',
  memberState: 'DE',
  reference: 'BKA-TCO-2026-000123',
  contentUrl: 'https://video.example/watch/8f3a2c',
  tcoType: 'incitement',
  reasons:
    'The video glorifies the perpetrators of the attack of 3 March and calls on viewers to follow their example.',
  legalBasis: 'Art. 3(1) Regulation (EU) 2021/784; § 129a StGB',
  issuedAt: '2026-12-07T09:12:00Z',
  confidentialUntil: null,
  redress:
    'Art. 9 Regulation (EU) 2021/784: an action before the Verwaltungsgericht Wiesbaden within one month of notification.',
} satisfies OrderSubmission;

/** A valid `POST /v1/orders/{id}/decision` body: removed, with the time it took effect. */
export const ORDER_DECISION_EXAMPLE = {
  outcome: 'removed',
  effectiveAt: '2026-12-07T09:40:00Z',
} satisfies OrderDecisionSubmission;

/** An Annex III answer: the order cannot be executed as it stands. */
export const ORDER_NOT_EXECUTED_EXAMPLE = {
  outcome: 'not_executed',
  reason: 'insufficient_information',
  explanation: 'The URL names a channel with 4,000 videos; the order does not say which one.',
} satisfies OrderDecisionSubmission;

/** A valid `POST /v1/orders/{id}/review-proceedings` body (TCO Art. 9). */
export const REVIEW_PROCEEDING_EXAMPLE = {
  broughtBy: 'content_provider',
  body: 'court',
  reference: 'VG Wiesbaden 6 K 1234/26.WI',
  filedAt: '2026-12-07T09:50:00Z',
} satisfies ReviewProceedingSubmission;

/** A valid `POST /v1/orders/{id}/review-proceedings/{pid}/outcome` body: annulled, content reinstated. */
export const REVIEW_OUTCOME_EXAMPLE = {
  outcome: 'order_annulled',
  decidedAt: '2026-12-07T09:58:00Z',
  reinstated: true,
} satisfies ReviewOutcomeSubmission;
