import { z } from 'zod';
import { Id, storedText, Timestamp } from './common';

/**
 * Preservation (TCO Art. 6): content removed or disabled is kept six months after its removal,
 * longer at the competent authority's request; readable only by admin and the authority liaison,
 * every read logged with its purpose.
 */
export const PRESERVATION_MONTHS = 6;

/** The legal ground written on every hold. */
export const PRESERVATION_GROUND =
  'Regulation (EU) 2021/784 Art. 6(1): preservation of removed terrorist content';

/** Why preserved content is read (Art. 6(1)(a) proceedings, (b) complaints and review). */
export const PRESERVED_READ_PURPOSES = [
  'authority_request',
  'administrative_or_judicial_review',
  'complaint_handling',
  'investigation_or_prosecution',
] as const;
export const PreservedReadPurpose = z.enum(PRESERVED_READ_PURPOSES);

/** Query of `GET /v1/preserved/{id}`: why it is read, and the file or request it is read for. */
export const PreservedReadQuery = z.object({
  purpose: PreservedReadPurpose,
  reference: storedText().trim().min(1).max(200),
});

/** Body of `POST /v1/preserved/{id}/extension`: the authority's request, recorded. */
export const PreservationExtensionRequest = z.strictObject({
  authorityReference: storedText().trim().min(1).max(200),
  until: Timestamp,
});
export type PreservationExtensionRequest = z.infer<typeof PreservationExtensionRequest>;

export const PreservationHold = z.strictObject({
  reportId: Id,
  legalGround: z.string(),
  removedAt: Timestamp,
  preservedUntil: Timestamp,
  extensions: z.array(
    z.strictObject({ authorityReference: z.string(), until: Timestamp, recordedAt: Timestamp }),
  ),
});
export type PreservationHold = z.infer<typeof PreservationHold>;

/** The end of a hold on content removed at `removedAt`. */
export function preservedUntil(removedAt: string): string {
  const date = new Date(removedAt);
  date.setUTCMonth(date.getUTCMonth() + PRESERVATION_MONTHS);
  return date.toISOString();
}
