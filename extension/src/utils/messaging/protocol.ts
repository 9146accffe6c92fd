import { z } from 'zod';
import { ClassifierResult, ReportSubmission } from '@counterweight/shared';
import { Thresholds } from '../classifier/decide';
import { PageFlag } from '../page/page-flag';
import { Me } from '../api/me';
import { EnqueueTargetRequest, EnqueueTargetResponse } from '../targets/target-messages';

/**
 * The one message protocol between the extension's parts. Every message type names the zod
 * schema of its data and of its answer; both are parsed where they arrive.
 *
 * content script ─classify/dismissed→ background (model in the service worker)
 * side panel ─enqueueReport/flushOutbox/retryOutboxEntry/recordDismissal/captureScreenshot→ background
 * options ─checkConnection→ background
 * side panel ─getPageFlags/dismissFlag/markReported/revealFlag→ content script (tabs.sendMessage)
 * content script ─pageFlagsChanged→ side panel (when open)
 */
export const MAX_TEXTS_PER_CLASSIFY = 500;
export const MAX_CLASSIFIED_CHARS = 2000;

export const ClassifyRequest = z.strictObject({
  site: z.string().min(1).max(253),
  texts: z.array(z.string().max(MAX_CLASSIFIED_CHARS)).min(1).max(MAX_TEXTS_PER_CLASSIFY),
});
export const ClassifiedText = z.strictObject({ result: ClassifierResult, dismissed: z.boolean() });
export const ClassifyResponse = z.strictObject({
  modelVersion: z.string(),
  thresholds: Thresholds,
  items: z.array(ClassifiedText),
});

export const Empty = z.strictObject({});
export const Ok = z.strictObject({ ok: z.literal(true) });

export const EnqueueReportRequest = z.strictObject({
  submission: ReportSubmission,
  screenshot: z
    .strictObject({ dataUrl: z.string().startsWith('data:image/'), sha256: z.string() })
    .nullable(),
});
export const EnqueueReportResponse = z.strictObject({ key: z.uuid() });

export const RecordDismissalRequest = z.strictObject({
  site: z.string().min(1).max(253),
  text: z.string().min(1),
  label: z.enum(['hate', 'extremist']).nullable(),
});

export const ScreenshotRequest = z.strictObject({ windowId: z.number().int().nullable() });
export const ScreenshotResponse = z.strictObject({
  dataUrl: z.string().startsWith('data:image/png'),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  capturedAt: z.iso.datetime({ offset: true }),
});

export const CheckConnectionRequest = z.strictObject({
  apiBaseUrl: z.url(),
  token: z.string().min(1),
});
export const CheckConnectionResponse = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true), me: Me }),
  z.strictObject({ ok: z.literal(false), message: z.string() }),
]);

export const FlagRef = z.strictObject({ flagId: z.string().min(1).max(50) });
export const PageFlagsResponse = z.strictObject({
  url: z.string(),
  site: z.string(),
  /** The page's declared language (`<html lang>`), as an ISO 639-1 code when it has one. */
  language: z.string().nullable(),
  active: z.boolean(),
  flags: z.array(PageFlag),
});

/** Message type → [data schema, answer schema]. */
export const PROTOCOL = {
  classify: [ClassifyRequest, ClassifyResponse],
  enqueueReport: [EnqueueReportRequest, EnqueueReportResponse],
  enqueueTarget: [EnqueueTargetRequest, EnqueueTargetResponse],
  flushOutbox: [Empty, Ok],
  retryOutboxEntry: [z.strictObject({ key: z.uuid() }), Ok],
  removeOutboxEntry: [z.strictObject({ key: z.uuid() }), Ok],
  recordDismissal: [RecordDismissalRequest, Ok],
  captureScreenshot: [ScreenshotRequest, ScreenshotResponse],
  checkConnection: [CheckConnectionRequest, CheckConnectionResponse],
  getPageFlags: [Empty, PageFlagsResponse],
  dismissFlag: [FlagRef, Ok],
  markReported: [FlagRef, Ok],
  revealFlag: [FlagRef, Ok],
  pageFlagsChanged: [z.strictObject({ count: z.number().int().min(0) }), Ok],
} as const satisfies Record<string, readonly [z.ZodType, z.ZodType]>;

export type MessageType = keyof typeof PROTOCOL;
export type MessageData<T extends MessageType> = z.input<(typeof PROTOCOL)[T][0]>;
export type MessageAnswer<T extends MessageType> = z.output<(typeof PROTOCOL)[T][1]>;
