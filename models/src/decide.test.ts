import { describe, expect, it } from 'vitest';
import { decide } from './decide';

const thresholds = {
  hate: { flag: 0.6, uncertain: 0.3 },
  extremist: { flag: 0.8, uncertain: 0.4 },
};

describe('decide', () => {
  it('flags when a score reaches its flag threshold', () => {
    expect(decide({ hate: 0.61, extremist: 0.1 }, thresholds)).toEqual({
      decision: 'flag',
      label: 'hate',
    });
  });
  it('picks the label furthest past its threshold when both flag', () => {
    expect(decide({ hate: 0.62, extremist: 0.99 }, thresholds)).toEqual({
      decision: 'flag',
      label: 'extremist',
    });
    expect(decide({ hate: 0.95, extremist: 0.81 }, thresholds)).toEqual({
      decision: 'flag',
      label: 'hate',
    });
  });
  it('says uncertain between the two thresholds', () => {
    expect(decide({ hate: 0.1, extremist: 0.5 }, thresholds)).toEqual({
      decision: 'uncertain',
      label: 'extremist',
    });
  });
  it('is clear with no label below both uncertain thresholds', () => {
    expect(decide({ hate: 0.29, extremist: 0.39 }, thresholds)).toEqual({
      decision: 'clear',
      label: null,
    });
  });
});
