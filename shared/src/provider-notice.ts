import { z } from 'zod';
import { Id } from './common';
import { StatementOfReasons } from './statement';

/** What a notice tells the content provider about: a decision on a report, or a removal order. */
export const ProviderNoticeKind = z.enum(['removal_order', 'decision']);
export type ProviderNoticeKind = z.infer<typeof ProviderNoticeKind>;

/**
 * The body posted to the hosting platform's endpoint (`COUNTERWEIGHT_PROVIDER_NOTICE_URL`) for
 * each notice to a content provider (DSA Art. 17, TCO Art. 11), with the header
 * `Idempotency-Key: <noticeId>` so that the platform passes each notice on once however often it
 * arrives. `contentUrl` lets the platform find its user; it is never logged. The statement carries
 * the appeal token in `x_appeal.token` as well as in `appeal`.
 */
export const ProviderNotice = z.strictObject({
  event: z.literal('provider_notice'),
  noticeId: Id,
  kind: ProviderNoticeKind,
  statement: StatementOfReasons,
  /** The issuing authority's own reasons (removal orders only: they stay out of the public statement). */
  authorityReasons: z.string().optional(),
  /** How the provider can seek redress: the authority's words for an order, the platform's routes for a decision. */
  redress: z.string(),
  appeal: z.strictObject({ endpoint: z.string(), token: z.string() }),
  contentUrl: z.string(),
});
export type ProviderNotice = z.infer<typeof ProviderNotice>;

/**
 * Delivery of a notice: `pending` (waiting for its release or its next try), `sending` (claimed,
 * the post under way or its sender gone: tried again when the claim lapses), `delivered` (the
 * platform answered 2xx), `failed` (given up, with the reason).
 */
export const NoticeDeliveryState = z.enum(['pending', 'sending', 'delivered', 'failed']);
export type NoticeDeliveryState = z.infer<typeof NoticeDeliveryState>;

/** The platforms' routes of redress against a decision on a report (DSA Art. 17(3)(f)). */
export const DECISION_REDRESS =
  'You may contest this decision within six months through our internal complaint-handling system (DSA Art. 20) with the appeal token of this notice; a certified out-of-court dispute settlement body (DSA Art. 21) and the courts remain open to you.';
