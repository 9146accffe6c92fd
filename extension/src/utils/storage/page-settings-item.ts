import { checkSettings, DEFAULT_SETTINGS } from './settings-check';
import { checkedItem } from './typed-item';

/**
 * The reviewer's settings as the content script reads them: the same storage item as
 * `settingsItem`, checked by {@link checkSettings} instead of the zod schema.
 */
export const pageSettingsItem = checkedItem('local:settings', checkSettings, DEFAULT_SETTINGS);
