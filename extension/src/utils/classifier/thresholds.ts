import { z } from 'zod';

/** Score cut-offs of one label: at or above `flag` flags, at or above `uncertain` is uncertain. */
export const LabelThresholds = z
  .strictObject({ flag: z.number().min(0).max(1), uncertain: z.number().min(0).max(1) })
  .refine((t) => t.uncertain <= t.flag, { message: 'uncertain must not exceed flag' });
export const Thresholds = z.strictObject({ hate: LabelThresholds, extremist: LabelThresholds });
export type Thresholds = z.infer<typeof Thresholds>;

/** How eager the reviewer wants a label to be flagged; `standard` keeps the model's own cut-offs. */
export const Sensitivity = z.enum(['low', 'standard', 'high']);
export type Sensitivity = z.infer<typeof Sensitivity>;
export const SensitivityByLabel = z.strictObject({ hate: Sensitivity, extremist: Sensitivity });
export type SensitivityByLabel = z.infer<typeof SensitivityByLabel>;
