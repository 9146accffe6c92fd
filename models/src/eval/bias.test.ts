import { describe, expect, it } from 'vitest';
import {
  jigsawFinalMetric,
  namesIdentityGroup,
  powerMean,
  subgroupBias,
  type ScoredText,
} from './bias';

const rows: ScoredText[] = [
  { text: 'muslims a', label: 1, score: 0.9 },
  { text: 'muslims b', label: 0, score: 0.8 }, // subgroup negative scored high: the bias we look for
  { text: 'other c', label: 1, score: 0.7 },
  { text: 'other d', label: 0, score: 0.1 },
];

describe('subgroupBias', () => {
  it('computes subgroup, BPSN and BNSP AUC and the subgroup FPR', () => {
    const b = subgroupBias('muslim', rows, (t) => t.text.startsWith('muslims'), 0.5);
    expect(b.subgroupAuc).toBe(1);
    expect(b.bpsnAuc).toBe(0); // background positive 0.7 < subgroup negative 0.8
    expect(b.bnspAuc).toBe(1);
    expect(b.falsePositiveRate).toBe(1);
  });
});

describe('power mean and final metric', () => {
  it('is pulled towards the smallest value', () => {
    expect(powerMean([0.9, 0.5])!).toBeLessThan(0.6);
    expect(powerMean([0.8, 0.8])!).toBeCloseTo(0.8);
  });
  it('weights overall AUC by a quarter', () => {
    const perfect = {
      group: 'g',
      n: 1,
      subgroupAuc: 1,
      bpsnAuc: 1,
      bnspAuc: 1,
      falsePositiveRate: 0,
    };
    expect(jigsawFinalMetric(0.6, [perfect])).toBe(0.9);
  });
});

describe('namesIdentityGroup', () => {
  it('recognises identity mentions, not words that merely contain them', () => {
    expect(namesIdentityGroup('Prayer times at the mosque change for Muslims')).toBe(true);
    expect(namesIdentityGroup('My synagogue welcomes Jewish families')).toBe(true);
    expect(namesIdentityGroup('The bridge will close for maintenance')).toBe(false);
    expect(namesIdentityGroup('Islamabad airport reopened')).toBe(false);
  });
});
