import { z } from 'zod';

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
