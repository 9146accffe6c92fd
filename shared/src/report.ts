import { z } from 'zod';
import {
  checkClassification,
  checkExemptionAllowsAction,
  classificationShape,
  ExemptionAssessment,
} from './assessment';
import { BankName, MATCH_THRESHOLDS, SignalQuery } from './bank';
import { ClassifierSignals } from './classifier';
import {
  Id,
  LanguageCode,
  refuseUnstorableStrings,
  Sha256Hex,
  storable,
  storedText,
  Timestamp,
} from './common';
import { ScreenshotEvidence, ScreenshotRef } from './screenshot';
import { Action, ContentType } from './taxonomy';

export const MAX_EXCERPT_CHARS = 10_000;

/**
 * The image a report is about, when it is one the extension matched against a bank: where the
 * image is, how much the PDQ hash of it can be trusted (quality 0–100) and the match that found
 * it. Its hashes travel in `signals`; its bytes never leave the browser.
 */
export const ReportedMedia = z.strictObject({
  url: storable(z.url({ protocol: /^https?$/ })).max(4096),
  pdqQuality: z.number().int().min(0).max(100),
  match: z
    .strictObject({
      bank: BankName,
      distance: z.number().int().min(0).max(MATCH_THRESHOLDS.pdq),
    })
    .nullable(),
});
export type ReportedMedia = z.infer<typeof ReportedMedia>;

/** The content a reviewer saw, as captured in the browser. */
export const ReportedContent = z.strictObject({
  url: storable(z.url({ protocol: /^https?$/ })).max(2048),
  excerpt: storedText().min(1).max(MAX_EXCERPT_CHARS),
  /** SHA-256 of the UTF-8 excerpt; the server recomputes it and refuses a mismatch. */
  excerptSha256: Sha256Hex,
  language: LanguageCode,
  site: storedText().min(1).max(253),
  contentType: ContentType,
  capturedAt: Timestamp,
  /**
   * Hashes of the reported media computed on-device (e.g. the PDQ of a matched image), never the
   * media itself; a removal or restriction decision banks them with the excerpt's hashes.
   */
  signals: z.array(SignalQuery).max(10).optional(),
  /** The matched image the report is about (its hashes are the `signals`). */
  media: ReportedMedia.optional(),
});
export type ReportedContent = z.infer<typeof ReportedContent>;

/** The reviewer's own assessment: the classifier only ranked, the human judged. */
export const ReviewerAssessment = z
  .strictObject({
    ...classificationShape,
    exemption: ExemptionAssessment,
    suggestedAction: Action,
    threatToLife: z.boolean().default(false),
    rationale: storedText().trim().min(1).max(5000),
  })
  .superRefine((value, ctx) => {
    checkClassification(value, ctx);
    checkExemptionAllowsAction(
      { exemption: value.exemption, action: value.suggestedAction },
      ctx,
      'suggestedAction',
    );
  });
export type ReviewerAssessment = z.infer<typeof ReviewerAssessment>;

/** Without this explicit statement that a person reviewed the content, no report is taken. */
export const HumanAttestation = z.strictObject({
  humanReviewed: z.literal(true, {
    error: 'a report needs a human attestation: humanReviewed must be true',
  }),
  reviewedAt: Timestamp,
});

/**
 * How the content was found: the on-device classifier flagged it, its hash matched a bank's
 * signal on-device (`hash_match`), or a person found it. The first two are automated detection.
 */
export const DetectionSource = z.enum(['classifier', 'hash_match', 'reviewer']);
export type DetectionSource = z.infer<typeof DetectionSource>;

/** Body of `POST /v1/reports`. */
export const ReportSubmission = z.strictObject({
  content: ReportedContent,
  detectedBy: DetectionSource,
  classifier: ClassifierSignals.superRefine(refuseUnstorableStrings).nullable().default(null),
  assessment: ReviewerAssessment,
  attestation: HumanAttestation,
  /** The screenshot the reviewer kept (optional; see `ScreenshotEvidence`). */
  screenshot: ScreenshotEvidence.optional(),
});
export type ReportSubmission = z.infer<typeof ReportSubmission>;

export const ReportStatus = z.enum(['awaiting_decision', 'decided', 'appealed', 'closed']);
export type ReportStatus = z.infer<typeof ReportStatus>;

/** A report as the API returns it. `caseNumber` is the short human reference. */
export const Report = z.strictObject({
  id: Id,
  caseNumber: z.string(),
  status: ReportStatus,
  receivedAt: Timestamp,
  content: ReportedContent.nullable(), // null once purged under the retention rule
  detectedBy: DetectionSource,
  classifier: ClassifierSignals.nullable(),
  assessment: ReviewerAssessment,
  attestation: HumanAttestation,
  decisionId: Id.nullable(),
  /** The screenshot evidence kept with the report; null without one or once purged. */
  screenshot: ScreenshotRef.nullable().default(null),
});
export type Report = z.infer<typeof Report>;
