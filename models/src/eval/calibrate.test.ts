import { describe, expect, it } from 'vitest';
import type { Example } from '../data/corpus';
import { calibrateLabel, calibrateThresholds, lawfulBudgetThreshold } from './calibrate';

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

describe('the identity-mention budget', () => {
  const quiet = Array.from({ length: 1000 }, () => 0.01);
  // 30 % of lawful posts naming a group score 0.7: more than the standard 10 % allowed
  const identity = Array.from({ length: 100 }, (_, i) => (i < 30 ? 0.7 : 0.1));
  const labelled = { scores: [0.9, 0.6, 0.2, 0.1], labels: [1, 1, 0, 0] as (0 | 1)[] };

  it('raises the hate threshold above scores that flag too many lawful identity mentions', () => {
    const without = calibrateLabel({ labelled, lawful: [quiet] }, 'standard').flag;
    const withIdentity = calibrateLabel(
      { labelled, lawful: [quiet], identityLawful: identity },
      'standard',
    ).flag;
    expect(without).toBeLessThanOrEqual(0.6);
    expect(withIdentity).toBeGreaterThan(0.7);
  });

  it('is looser than the everyday budget: 8 % flagged passes at standard, not at low', () => {
    const some = Array.from({ length: 100 }, (_, i) => (i < 8 ? 0.7 : 0.1));
    expect(
      calibrateLabel({ labelled, lawful: [quiet], identityLawful: some }, 'standard').flag,
    ).toBeLessThanOrEqual(0.6);
    expect(
      calibrateLabel({ labelled, lawful: [quiet], identityLawful: some }, 'low').flag,
    ).toBeGreaterThan(0.7);
  });

  it('takes identity rows from the labelled datasets only, never from written text', () => {
    const row = (
      source: string,
      text: string,
      hate: 0 | 1,
      score: number,
    ): { example: Example; scores: { hate: number; extremist: number } } => ({
      example: { id: `${source}-${text}`, text, source, hate, extremist: 0, split: 'dev' },
      scores: { hate: score, extremist: 0.01 },
    });
    const rows = [
      ...Array.from({ length: 200 }, (_, i) => row('wordnet-examples', `sentence ${i}`, 0, 0.01)),
      ...Array.from({ length: 20 }, (_, i) => row('gab-hate-corpus', `hate ${i}`, 1, 0.75)),
      ...Array.from({ length: 20 }, (_, i) => row('gab-hate-corpus', `post ${i}`, 0, 0.05)),
      // lawful posts about Muslims scored high: 4 of 10 at 0.8
      ...Array.from({ length: 10 }, (_, i) =>
        row('gab-hate-corpus', `muslims at the market ${i}`, 0, i < 4 ? 0.8 : 0.05),
      ),
    ];
    expect(calibrateThresholds(rows).thresholds.hate.flag).toBeGreaterThan(0.8);
    expect(
      calibrateThresholds(rows.filter((r) => !r.example.text.startsWith('muslims'))).thresholds.hate
        .flag,
    ).toBeLessThanOrEqual(0.8);
    // the same scores on written text do not move it
    const written = rows.map((r) =>
      r.example.text.startsWith('muslims')
        ? { ...r, example: { ...r.example, source: 'contrast' } }
        : r,
    );
    const withoutThem = rows.filter((r) => !r.example.text.startsWith('muslims'));
    expect(calibrateThresholds(written).thresholds.hate.flag).toBe(
      calibrateThresholds(withoutThem).thresholds.hate.flag,
    );
  });
});
