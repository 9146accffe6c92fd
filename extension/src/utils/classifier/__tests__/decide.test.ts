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
