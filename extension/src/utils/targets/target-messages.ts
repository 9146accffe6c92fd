import { z } from 'zod';
import { TargetSubmission } from '@counterweight/shared/target';

/** Side panel → background: queue a counter-narrative target in the outbox. */
export const EnqueueTargetRequest = z.strictObject({ submission: TargetSubmission });
export const EnqueueTargetResponse = z.strictObject({ key: z.uuid() });
