import type { Settings } from './settings-item';

/** Every site on, nothing paused, the model's own cut-offs. */
export const DEFAULT_SETTINGS: Settings = {
  paused: false,
  sensitivity: { hate: 'standard', extremist: 'standard' },
  disabledSites: [],
};

const LEVELS: readonly unknown[] = ['low', 'standard', 'high'];

function record(value: unknown, keys: readonly string[], where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`${where}: expected an object`);
  const extra = Object.keys(value).filter((k) => !keys.includes(k));
  if (extra.length > 0) throw new Error(`${where}: unrecognized keys ${extra.join(', ')}`);
  return value as Record<string, unknown>;
}

/**
 * The `Settings` schema (settings-item.ts) checked without zod, for the content script, which
 * reads the settings on every page and must not load zod there (its start-up is a task on the
 * page's main thread). Accepts exactly what `Settings.safeParse` accepts (a test holds the two
 * together) and returns the value; otherwise throws naming the field.
 */
export function checkSettings(value: unknown): Settings {
  const settings = record(value, ['paused', 'sensitivity', 'disabledSites'], 'settings');
  if (typeof settings.paused !== 'boolean') throw new Error('paused: expected a boolean');
  const sensitivity = record(settings.sensitivity, ['hate', 'extremist'], 'sensitivity');
  for (const label of ['hate', 'extremist'] as const)
    if (!LEVELS.includes(sensitivity[label]))
      throw new Error(`sensitivity.${label}: expected low, standard or high`);
  const sites = settings.disabledSites;
  if (!Array.isArray(sites)) throw new Error('disabledSites: expected an array');
  sites.forEach((site: unknown, i) => {
    if (typeof site !== 'string' || site.length < 1 || site.length > 253)
      throw new Error(`disabledSites[${i}]: expected a host name of 1 to 253 characters`);
  });
  return value as Settings;
}
