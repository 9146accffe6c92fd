import { z } from 'zod';
import { SensitivityByLabel } from '../classifier/thresholds';
import { DEFAULT_SETTINGS } from './settings-check';
import { typedItem } from './typed-item';

/** The reviewer's switches from the popup. Sites are host names; every site is on by default. */
export const Settings = z.strictObject({
  paused: z.boolean(),
  sensitivity: SensitivityByLabel,
  disabledSites: z.array(z.string().min(1).max(253)),
});
export type Settings = z.infer<typeof Settings>;
export const settingsItem = typedItem('local:settings', Settings, DEFAULT_SETTINGS);
