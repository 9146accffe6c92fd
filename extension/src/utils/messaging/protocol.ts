import { z } from 'zod';
import { ClassifierResult } from '@counterweight/shared/classifier';
import { ReportSubmission } from '@counterweight/shared/report';
import { Thresholds } from '../classifier/thresholds';
import { ClassifyRequest, Empty, MAX_TEXTS_PER_PAGE, Ok, PAGE_PROTOCOL } from './page-protocol';
import { Me } from '../api/me';
import { EnqueueTargetRequest, EnqueueTargetResponse } from '../targets/target-messages';

export * from './page-protocol';

/**
 * The one message protocol between the extension's parts. Every message type names the zod
 * schema of its data and of its answer; both are parsed where they arrive (the content script
 * leaves its share to the other side: see page-messenger.ts).
 *
 * content script ─classify→ background (which asks the model and checks the site's dismissals)
 * side panel ─enqueueReport/flushOutbox/retryOutboxEntry/recordDismissals/undoDismissals/captureScreenshot→ background
 * options ─checkConnection/undoDismissals→ background
 * side panel ─getPageFlags/dismissFlags/restoreFlags/markReported/revealFlag→ content script (tabs.sendMessage)
 * content script ─pageFlagsChanged→ side panel (when open) and background (toolbar badge)
 * background ─modelInfo/modelClassify→ offscreen document (Chrome: the model runs there)
 */
export const EnqueueReportRequest = z.strictObject({
  submission: ReportSubmission,
  screenshot: z
    .strictObject({ dataUrl: z.string().startsWith('data:image/'), sha256: z.string() })
    .nullable(),
});
export const EnqueueReportResponse = z.strictObject({ key: z.uuid() });

/** Dismissed texts of one site (one, or a group of near-duplicates). */
export const RecordDismissalsRequest = z.strictObject({
  site: z.string().min(1).max(253),
  items: z
    .array(
      z.strictObject({
        text: z.string().min(1),
        label: z.enum(['hate', 'extremist']).nullable(),
        /** What the classifier said, for the opt-in feedback counts (never the text). */
        verdict: z
          .strictObject({
            decision: z.enum(['flag', 'uncertain']),
            score: z.number().min(0).max(1),
            modelVersion: z.string(),
            language: z.string(),
          })
          .nullable(),
      }),
    )
    .min(1)
    .max(MAX_TEXTS_PER_PAGE),
});
/** Undoes dismissals on a site: these texts, or every one (`texts` null, from the options). */
export const UndoDismissalsRequest = z.strictObject({
  site: z.string().min(1).max(253),
  texts: z.array(z.string().min(1)).max(MAX_TEXTS_PER_PAGE).nullable(),
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
  recordDismissals: [RecordDismissalsRequest, Ok],
  undoDismissals: [UndoDismissalsRequest, Ok],
  captureScreenshot: [ScreenshotRequest, ScreenshotResponse],
  checkConnection: [CheckConnectionRequest, CheckConnectionResponse],
  /** Sends the opt-in feedback counts now (the options' button; otherwise hourly). */
  sendFeedback: [Empty, z.strictObject({ sent: z.number().int(), message: z.string() })],
  /** Asks `GET /v1/me` again with the stored token; an unreachable API leaves the role cached. */
  refreshMe: [Empty, Ok],
  modelInfo: [Empty, ModelInfo],
  modelClassify: [ModelClassifyRequest, ModelClassifyResponse],
} as const satisfies Record<string, readonly [z.ZodType, z.ZodType]>;

export type MessageType = keyof typeof PROTOCOL;
export type MessageData<T extends MessageType> = z.input<(typeof PROTOCOL)[T][0]>;
export type MessageAnswer<T extends MessageType> = z.output<(typeof PROTOCOL)[T][1]>;
