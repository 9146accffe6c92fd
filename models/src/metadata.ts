import { z } from 'zod';
import { TextLanguage } from '@counterweight/shared/classifier';

/** Per-label thresholds: score >= flag is "flag", score >= uncertain is "uncertain". */
export const LabelThresholds = z.strictObject({
  flag: z.number().min(0).max(1),
  uncertain: z.number().min(0).max(1),
});
export type LabelThresholds = z.infer<typeof LabelThresholds>;

/** metadata.json of the shipped artifact: everything inference needs besides the weights. */
export const ModelMetadata = z.object({
  name: z.literal('counterweight-text-cnn'),
  version: z.string().min(1),
  createdAt: z.string(),
  labels: z.tuple([z.literal('hate'), z.literal('extremist')]),
  thresholds: z.strictObject({ hate: LabelThresholds, extremist: LabelThresholds }),
  /**
   * Thresholds of the reviewer's other sensitivities, each calibrated on real dev text to its
   * own false-flag budget (eval/calibrate.ts); absent in older artifacts.
   */
  sensitivity: z
    .strictObject({
      low: z.strictObject({ hate: LabelThresholds, extremist: LabelThresholds }),
      high: z.strictObject({ hate: LabelThresholds, extremist: LabelThresholds }),
    })
    .optional(),
  /** Leave-one-dataset-out figures of this model's training recipe (lodo.ts). */
  leaveOneDatasetOut: z
    .object({ candidate: z.string(), rows: z.array(z.record(z.string(), z.unknown())) })
    .optional(),
  /**
   * Languages the model covers (ISO 639-1): a text identified as another language is not scored
   * (decision "abstain"). A language is covered only when its held-out figures meet the targets.
   * Absent in older artifacts: {@link DEFAULT_LANGUAGES}.
   */
  languages: z.array(TextLanguage).min(1).optional(),
  /**
   * A cascade: `screenModelFile`/`screenWeightsFile` (a CNN sharing this vocabulary) read every
   * window, and this model only those whose screen probability reaches `escalate` (cascade.ts).
   */
  cascade: z
    .strictObject({
      screenModelFile: z.string().regex(/^[\w.-]+\.json$/),
      screenWeightsFile: z.string().regex(/^[\w.-]+\.bin$/),
      screenVersion: z.string(),
      escalate: z.strictObject({
        hate: z.number().min(0).max(1),
        extremist: z.number().min(0).max(1),
      }),
    })
    .optional(),
  featuriser: z.object({
    normaliserVersion: z.number().int(),
    sequenceLength: z.number().int().min(8),
    padMargin: z.number().int(),
    vocabularyFile: z.string(),
    vocabularySize: z.number().int(),
  }),
  architecture: z.record(z.string(), z.unknown()),
  training: z.record(z.string(), z.unknown()),
  trainingFiles: z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/)),
  metrics: z.record(z.string(), z.unknown()),
});
export type ModelMetadata = z.infer<typeof ModelMetadata>;

/** What an artifact whose metadata.json has no `languages` covers: the English it was trained on. */
export const DEFAULT_LANGUAGES: readonly TextLanguage[] = ['en'];
