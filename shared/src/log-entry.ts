import { z } from 'zod';
import { Sha256Hex, Timestamp } from './common';
import { Action, Exemption, PolicyCategory, TcoType } from './taxonomy';

/**
 * One entry of the transparency log. Entries are serialised as RFC 8785 canonical JSON and the
 * exact bytes are hashed into the Merkle tree. They hold no personal data: opaque ids, hashes of
 * the excerpt and URL (never the text), and a keyed pseudonym of the person who acted.
 */
export const LOG_EVENT_TYPES = [
  'report_received',
  'decision_made',
  'statement_published',
  'appeal_filed',
  'appeal_decided',
  'content_purged',
  'target_created',
  'target_closed',
  'order_received',
  'order_decided',
  /** Review proceedings against an order (TCO Art. 9) brought, and decided. */
  'order_review_filed',
  'order_review_decided',
  'bank_created',
  'bank_signals_added',
  'bank_signals_removed',
  'bank_signal_held',
  'bank_signal_disputed',
  'content_preserved',
  'preservation_extended',
  'preserved_content_read',
  'case_claimed',
  'claim_released',
  /** A lease that ran out, logged when the next claim or release on the case replaces it. */
  'claim_expired',
  /** A notice reached the content provider's platform (no URL, token or text: ids only). */
  'provider_notice_delivered',
] as const;
export const LogEventType = z.enum(LOG_EVENT_TYPES);
export type LogEventType = z.infer<typeof LogEventType>;

/** A keyed pseudonym (HMAC) of a person: stable, so auditors can tell two deciders apart. */
export const Pseudonym = z.string().regex(/^p_[0-9a-f]{16}$/);

export const LogEntry = z.strictObject({
  v: z.literal(1),
  type: LogEventType,
  at: Timestamp,
  reportId: z.uuid().nullable(),
  caseNumber: z.string().nullable(),
  actor: Pseudonym.nullable(),
  category: PolicyCategory.nullable(),
  tcoType: TcoType.nullable(),
  action: Action.nullable(),
  ground: z.enum(['illegal_content', 'incompatible_content']).nullable(),
  exemptionApplied: z.boolean().nullable(),
  exemptions: z.array(Exemption).nullable(),
  automatedDetection: z.boolean().nullable(),
  excerptSha256: Sha256Hex.nullable(),
  urlSha256: Sha256Hex.nullable(),
  /** Event-specific, non-personal details (decision id, appeal outcome, territory, purge reason…). */
  details: z.record(
    z.string(),
    z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]),
  ),
});
export type LogEntry = z.infer<typeof LogEntry>;

/** A log entry of `type` at `at`; every event field is null (and `details` empty) unless given. */
export function logEntry(
  type: LogEventType,
  at: string,
  fields: Partial<Omit<LogEntry, 'v' | 'type' | 'at'>> = {},
): LogEntry {
  return {
    v: 1,
    type,
    at,
    reportId: null,
    caseNumber: null,
    actor: null,
    category: null,
    tcoType: null,
    action: null,
    ground: null,
    exemptionApplied: null,
    exemptions: null,
    automatedDetection: null,
    excerptSha256: null,
    urlSha256: null,
    details: {},
    ...fields,
  };
}
