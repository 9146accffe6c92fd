import { z } from 'zod';
import { Timestamp } from '@counterweight/shared';
import { TargetSource } from '@counterweight/shared/target';
import { typedItem } from '../storage/typed-item';

/**
 * Text a team member chose with "Mark as counter-narrative target" in the page's context menu,
 * waiting for the side panel to open the target form for it.
 */
export const PendingTarget = z.strictObject({
  text: z.string().min(1),
  url: z.string(),
  capturedAt: Timestamp,
  source: TargetSource,
  language: z.string().nullable(),
  tabId: z.number().int().nullable(),
});
export type PendingTarget = z.infer<typeof PendingTarget>;

export const pendingTargetItem = typedItem('local:pendingTarget', PendingTarget.nullable(), null);
