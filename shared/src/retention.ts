import { z } from 'zod';
import { Id, storedText, Timestamp } from './common';

/**
 * Retention (TCO Art. 6, DSA Art. 20): report content (excerpt, URL, classifier evidence) and
 * appeal grounds are deleted six months after the final decision (the decision, or the appeal
 * outcome when there was one), unless an appeal is open or a legal hold is set. The log keeps
 * only the hashes, and records the purge as `content_purged`.
 */
export const RETENTION_MONTHS = 6;

/** Body of `PUT /v1/reports/{id}/legal-hold` (admin): why the content must be kept. */
export const LegalHoldRequest = z.strictObject({ reason: storedText().trim().min(1).max(500) });
export type LegalHoldRequest = z.infer<typeof LegalHoldRequest>;

/** A legal hold as returned. */
export const LegalHold = z.strictObject({ reportId: Id, reason: z.string(), setAt: Timestamp });
export type LegalHold = z.infer<typeof LegalHold>;
