import { describe, expect, it } from 'vitest';
import type { ClassifierResult } from '@counterweight/shared';
import { decide, type Thresholds } from '../decide';

const thresholds: Thresholds = {
  hate: { flag: 0.7, uncertain: 0.5 },
  extremist: { flag: 0.8, uncertain: 0.6 },
};
const result = (
  hate: number,
  extremist: number,
  decision: ClassifierResult['decision'] = 'clear',
): ClassifierResult => ({
  decision,
  label: decision === 'clear' ? null : 'hate',
  scores: { hate, extremist },
  evidence: [],
  language: 'en',
});

describe('decide', () => {
  it('keeps the model decision when both labels are standard', () => {
    const r = result(0.1, 0.1, 'flag');
    expect(decide(r, thresholds, { hate: 'standard', extremist: 'standard' })).toEqual({
      decision: 'flag',
      label: 'hate',
    });
  });

  it('high sensitivity flags what standard leaves uncertain', () => {
    const r = result(0.65, 0.1, 'uncertain');
    expect(decide(r, thresholds, { hate: 'high', extremist: 'standard' })).toEqual({
      decision: 'flag',
      label: 'hate',
    });
  });

  it('low sensitivity clears what standard leaves uncertain', () => {
    const r = result(0.55, 0.1, 'uncertain');
    expect(decide(r, thresholds, { hate: 'low', extremist: 'standard' })).toEqual({
      decision: 'clear',
      label: null,
    });
  });

  it('the stronger decision wins across labels, ties by score', () => {
    expect(decide(result(0.75, 0.95), thresholds, { hate: 'high', extremist: 'high' })).toEqual({
      decision: 'flag',
      label: 'extremist',
    });
    expect(decide(result(0.9, 0.65), thresholds, { hate: 'low', extremist: 'standard' })).toEqual({
      decision: 'flag',
      label: 'hate',
    });
  });

  it('keeps an abstained text abstained at every sensitivity: the model did not read it', () => {
    const r: ClassifierResult = {
      decision: 'abstain',
      label: null,
      scores: { hate: 0, extremist: 0 },
      evidence: [],
      language: 'ru',
    };
    for (const level of ['low', 'standard', 'high'] as const)
      expect(decide(r, thresholds, { hate: level, extremist: 'high' })).toEqual({
        decision: 'abstain',
        label: null,
      });
  });
});

describe('decide with calibrated sensitivity levels', () => {
  const calibrated: Thresholds = {
    ...thresholds,
    levels: {
      low: { hate: { flag: 0.95, uncertain: 0.9 }, extremist: { flag: 0.97, uncertain: 0.9 } },
      high: { hate: { flag: 0.3, uncertain: 0.2 }, extremist: { flag: 0.1, uncertain: 0.05 } },
    },
  };

  it("uses the model's own cut-offs of the level, not a shift", () => {
    // 0.35 is below standard's uncertain cut-off (0.5) and below a shifted high one (0.6)
    expect(decide(result(0.35, 0), calibrated, { hate: 'high', extremist: 'standard' })).toEqual({
      decision: 'flag',
      label: 'hate',
    });
    // 0.92 flags at standard (0.7) and at a shifted low (0.8), but is only uncertain at low
    expect(decide(result(0.92, 0), calibrated, { hate: 'low', extremist: 'standard' })).toEqual({
      decision: 'uncertain',
      label: 'hate',
    });
  });

  it('changes the number of flags on a page of saturated scores', () => {
    // scores of a real page cluster near 0 and 1: a shift of 0.1 moves almost nothing
    const page = [0.99, 0.97, 0.93, 0.91, 0.85, 0.4, 0.12, 0.02].map((s) => ({
      ...result(0, s, s >= 0.8 ? 'flag' : 'clear'),
      label: s >= 0.8 ? ('extremist' as const) : null,
    }));
    const flags = (level: 'low' | 'standard' | 'high', t: Thresholds) =>
      page.filter((r) => decide(r, t, { hate: 'standard', extremist: level }).decision === 'flag')
        .length;
    expect(flags('low', calibrated)).toBe(2);
    expect(flags('standard', calibrated)).toBe(5);
    expect(flags('high', calibrated)).toBe(7);
  });
});
