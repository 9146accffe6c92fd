import { z } from 'zod';
import { FeedbackCount, FeedbackSubmission } from '@counterweight/shared/feedback';
import { typedItem } from '../storage/typed-item';

/**
 * Sharing feedback with the API: off until the reviewer turns it on in the options. `pending`
 * holds the counts not yet sent; `sending` the batch on its way, kept with its id until the API
 * acknowledges it, so a retry is counted once.
 */
export const FeedbackSharing = z.strictObject({
  optIn: z.boolean(),
  pending: z.array(FeedbackCount),
  sending: FeedbackSubmission.nullable(),
  lastSentAt: z.string().nullable(),
});
export type FeedbackSharing = z.infer<typeof FeedbackSharing>;
export const feedbackSharingItem = typedItem('local:feedbackSharing', FeedbackSharing, {
  optIn: false,
  pending: [],
  sending: null,
  lastSentAt: null,
});
