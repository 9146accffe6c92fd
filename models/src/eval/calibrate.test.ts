import { describe, expect, it } from 'vitest';
import { calibrateLabel, lawfulBudgetThreshold } from './calibrate';

describe('lawfulBudgetThreshold', () => {
  it('keeps the share of lawful scores at or above the threshold within the budget', () => {
    const lawful = Array.from({ length: 1000 }, (_, i) => i / 1000);
    const t = lawfulBudgetThreshold(lawful, 0.01);
    expect(lawful.filter((s) => s >= t).length).toBeLessThanOrEqual(10);
    // one grid step lower would flag more than the budget
    expect(lawful.filter((s) => s >= t - 0.005).length).toBeGreaterThan(10);
  });

  it('answers 0.995 when even the highest grid point flags too many', () => {
    expect(lawfulBudgetThreshold([0.999, 0.999, 0.999], 0.01)).toBe(0.995);
  });
});

describe('calibrateLabel', () => {
  const lawful = Array.from({ length: 1000 }, (_, i) => (i < 50 ? 0.8 : 0.1));
  it('raises the F1-best threshold until lawful text stays within the budget', () => {
    const labelled = { scores: [0.3, 0.35, 0.2, 0.05], labels: [1, 1, 0, 0] as (0 | 1)[] };
    const { flag, uncertain } = calibrateLabel({ labelled, lawful: [lawful] }, 'standard');
    expect(flag).toBeGreaterThan(0.8);
    expect(uncertain).toBeLessThanOrEqual(flag);
  });

  it('keeps the F1-best threshold when it already meets the budget', () => {
    const quiet = Array.from({ length: 1000 }, () => 0.01);
    const labelled = { scores: [0.9, 0.85, 0.3, 0.2], labels: [1, 1, 0, 0] as (0 | 1)[] };
    expect(calibrateLabel({ labelled, lawful: [quiet] }, 'standard').flag).toBeGreaterThan(0.3);
    expect(calibrateLabel({ labelled, lawful: [quiet] }, 'standard').flag).toBeLessThanOrEqual(
      0.85,
    );
  });

  it('holds the budget in every group of lawful text', () => {
    const easy = Array.from({ length: 10000 }, () => 0.01);
    const hard = Array.from({ length: 100 }, (_, i) => (i < 20 ? 0.9 : 0.1));
    expect(calibrateLabel({ lawful: [easy, hard] }, 'standard').flag).toBeGreaterThan(0.9);
    expect(calibrateLabel({ lawful: [easy] }, 'standard').flag).toBeLessThan(0.1);
  });

  it('orders the sensitivities: low flags least, high most', () => {
    const spread = Array.from({ length: 1000 }, (_, i) => i / 1000);
    const low = calibrateLabel({ lawful: [spread] }, 'low').flag;
    const standard = calibrateLabel({ lawful: [spread] }, 'standard').flag;
    const high = calibrateLabel({ lawful: [spread] }, 'high').flag;
    expect(low).toBeGreaterThan(standard);
    expect(standard).toBeGreaterThan(high);
  });
});
