import { z } from 'zod';
import { ClassifierDecision, ClassifierLabel } from '@counterweight/shared/taxonomy';
import { ClassifierScores } from '@counterweight/shared/classifier';
import { Timestamp } from '@counterweight/shared/common';

/**
 * A flag as the content script shows it to the side panel: one distinct text of the page that the
 * classifier flagged (or was unsure about), with the evidence behind it. The text never leaves
 * the browser unless a reviewer confirms it and sends a report.
 */
export const PageFlag = z.strictObject({
  flagId: z.string().min(1).max(50),
  text: z.string().min(1),
  decision: ClassifierDecision.exclude(['clear', 'abstain']),
  label: ClassifierLabel,
  scores: ClassifierScores,
  evidence: z.array(z.string()),
  modelVersion: z.string(),
  /** The text's language as the classifier identified it (ISO 639-1, or 639-3). */
  language: z.string(),
  /** The page address when the text was first seen there. */
  url: z.string(),
  capturedAt: Timestamp,
  occurrences: z.number().int().min(1),
  reported: z.boolean(),
});
export type PageFlag = z.infer<typeof PageFlag>;
