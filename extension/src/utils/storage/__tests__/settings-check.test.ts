import { describe, expect, it } from 'vitest';
import { checkSettings, DEFAULT_SETTINGS } from '../settings-check';
import { Settings } from '../settings-item';

const valid = [
  DEFAULT_SETTINGS,
  { paused: true, sensitivity: { hate: 'low', extremist: 'high' }, disabledSites: ['a.example'] },
  {
    paused: false,
    sensitivity: { hate: 'high', extremist: 'low' },
    disabledSites: ['x'.repeat(253)],
  },
];

// Each a near miss of a valid value: one field wrong, missing or extra.
const invalid: unknown[] = [
  null,
  undefined,
  'settings',
  [],
  {},
  { ...DEFAULT_SETTINGS, paused: 'no' },
  { ...DEFAULT_SETTINGS, paused: undefined },
  { sensitivity: DEFAULT_SETTINGS.sensitivity, disabledSites: [] },
  { ...DEFAULT_SETTINGS, extra: 1 },
  { ...DEFAULT_SETTINGS, sensitivity: null },
  { ...DEFAULT_SETTINGS, sensitivity: [] },
  { ...DEFAULT_SETTINGS, sensitivity: { hate: 'standard' } },
  { ...DEFAULT_SETTINGS, sensitivity: { hate: 'standard', extremist: 'max' } },
  { ...DEFAULT_SETTINGS, sensitivity: { hate: 'standard', extremist: 'low', other: 'low' } },
  { ...DEFAULT_SETTINGS, disabledSites: 'a.example' },
  { ...DEFAULT_SETTINGS, disabledSites: [''] },
  { ...DEFAULT_SETTINGS, disabledSites: ['x'.repeat(254)] },
  { ...DEFAULT_SETTINGS, disabledSites: ['a.example', 3] },
  { ...DEFAULT_SETTINGS, disabledSites: { 0: 'a.example' } },
];

describe('checkSettings (the content script’s zod-free check)', () => {
  it.each(valid)('accepts what the Settings schema accepts: %j', (value) => {
    expect(Settings.safeParse(value).success).toBe(true);
    expect(checkSettings(value)).toEqual(value);
  });

  it.each(invalid)('refuses what the Settings schema refuses: %j', (value) => {
    expect(Settings.safeParse(value).success).toBe(false);
    expect(() => checkSettings(value)).toThrow();
  });

  it('names the field that is wrong', () => {
    expect(() =>
      checkSettings({ ...DEFAULT_SETTINGS, sensitivity: { hate: 'x', extremist: 'low' } }),
    ).toThrow(/sensitivity\.hate/);
    expect(() => checkSettings({ ...DEFAULT_SETTINGS, disabledSites: ['ok', ''] })).toThrow(
      /disabledSites\[1\]/,
    );
  });
});
