import { z } from 'zod';
import { ClassifierResult } from '@counterweight/shared/classifier';
import { ReportSubmission } from '@counterweight/shared/report';
import { Thresholds } from '../classifier/thresholds';
import { ClassifyRequest, Empty, Ok, PAGE_PROTOCOL } from './page-protocol';
import { Me } from '../api/me';
import { EnqueueTargetRequest, EnqueueTargetResponse } from '../targets/target-messages';

export * from './page-protocol';

/**
 * The one message protocol between the extension's parts. Every message type names the zod
 * schema of its data and of its answer; both are parsed where they arrive (the content script
 * leaves its share to the other side: see page-messenger.ts).
 *
 * content script ─classify→ background (which asks the model and checks the site's dismissals)
 * side panel ─enqueueReport/flushOutbox/retryOutboxEntry/recordDismissal/captureScreenshot→ background
 * options ─checkConnection→ background
 * side panel ─getPageFlags/dismissFlag/markReported/revealFlag→ content script (tabs.sendMessage)
 * content script ─pageFlagsChanged→ side panel (when open)
 * background ─modelInfo/modelClassify→ offscreen document (Chrome: the model runs there)
 */
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

export const ModelInfo = z.strictObject({
  modelVersion: z.string(),
  thresholds: Thresholds,
  languages: z.array(z.string()),
});
export const ModelClassifyRequest = ClassifyRequest.omit({ site: true });
export const ModelClassifyResponse = z.strictObject({ results: z.array(ClassifierResult) });

/** Message type → [data schema, answer schema]. */
export const PROTOCOL = {
  ...PAGE_PROTOCOL,
  enqueueReport: [EnqueueReportRequest, EnqueueReportResponse],
  enqueueTarget: [EnqueueTargetRequest, EnqueueTargetResponse],
  flushOutbox: [Empty, Ok],
  retryOutboxEntry: [z.strictObject({ key: z.uuid() }), Ok],
  removeOutboxEntry: [z.strictObject({ key: z.uuid() }), Ok],
  recordDismissal: [RecordDismissalRequest, Ok],
  captureScreenshot: [ScreenshotRequest, ScreenshotResponse],
  checkConnection: [CheckConnectionRequest, CheckConnectionResponse],
  modelInfo: [Empty, ModelInfo],
  modelClassify: [ModelClassifyRequest, ModelClassifyResponse],
} as const satisfies Record<string, readonly [z.ZodType, z.ZodType]>;

export type MessageType = keyof typeof PROTOCOL;
export type MessageData<T extends MessageType> = z.input<(typeof PROTOCOL)[T][0]>;
export type MessageAnswer<T extends MessageType> = z.output<(typeof PROTOCOL)[T][1]>;
