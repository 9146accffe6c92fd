import { z } from 'zod';
import { ClassifierResult } from '@counterweight/shared/classifier';
import { Thresholds } from '../classifier/decide';
import { PageFlag } from '../page/page-flag';

/**
 * The messages a content script sends or answers. Kept apart from the rest of the protocol so
 * the script injected into every page builds only these few schemas (its start-up is one task
 * on the page's main thread).
 */
export const MAX_TEXTS_PER_CLASSIFY = 500;
export const MAX_CLASSIFIED_CHARS = 2000;

export const ClassifyRequest = z.strictObject({
  site: z.string().min(1).max(253),
  texts: z.array(z.string().max(MAX_CLASSIFIED_CHARS)).min(1).max(MAX_TEXTS_PER_CLASSIFY),
  /** Also find the words that moved each non-clear score (slower; asked for after the flags are shown). */
  evidence: z.boolean(),
});
export const ClassifiedText = z.strictObject({ result: ClassifierResult, dismissed: z.boolean() });
export const ClassifyResponse = z.strictObject({
  modelVersion: z.string(),
  thresholds: Thresholds,
  items: z.array(ClassifiedText),
});

export const Empty = z.strictObject({});
export const Ok = z.strictObject({ ok: z.literal(true) });

export const FlagRef = z.strictObject({ flagId: z.string().min(1).max(50) });
export const PageFlagsResponse = z.strictObject({
  url: z.string(),
  site: z.string(),
  /** The page's declared language (`<html lang>`), as an ISO 639-1 code when it has one. */
  language: z.string().nullable(),
  active: z.boolean(),
  flags: z.array(PageFlag),
});

export const PAGE_PROTOCOL = {
  classify: [ClassifyRequest, ClassifyResponse],
  getPageFlags: [Empty, PageFlagsResponse],
  dismissFlag: [FlagRef, Ok],
  markReported: [FlagRef, Ok],
  revealFlag: [FlagRef, Ok],
  pageFlagsChanged: [z.strictObject({ count: z.number().int().min(0) }), Ok],
} as const satisfies Record<string, readonly [z.ZodType, z.ZodType]>;
