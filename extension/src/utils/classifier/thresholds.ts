import { z } from 'zod';

/** Score cut-offs of one label: at or above `flag` flags, at or above `uncertain` is uncertain. */
export const LabelThresholds = z
  .strictObject({ flag: z.number().min(0).max(1), uncertain: z.number().min(0).max(1) })
  .refine((t) => t.uncertain <= t.flag, { message: 'uncertain must not exceed flag' });
const ByLabel = z.strictObject({ hate: LabelThresholds, extremist: LabelThresholds });
/**
 * The model's cut-offs at the standard sensitivity, and (`levels`) the cut-offs it was
 * calibrated to at the low and high sensitivities: each keeps its own share of everyday text
 * flagged (models/src/eval/calibrate.ts). Older models have no `levels`; their cut-offs shift.
 */
export const Thresholds = ByLabel.extend({
  levels: z.strictObject({ low: ByLabel, high: ByLabel }).optional(),
});
export type Thresholds = z.infer<typeof Thresholds>;

/** How eager the reviewer wants a label to be flagged; `standard` keeps the model's own cut-offs. */
export const Sensitivity = z.enum(['low', 'standard', 'high']);
export type Sensitivity = z.infer<typeof Sensitivity>;
export const SensitivityByLabel = z.strictObject({ hate: Sensitivity, extremist: Sensitivity });
export type SensitivityByLabel = z.infer<typeof SensitivityByLabel>;
