import { describe, expect, it } from 'vitest';
import { bestF1Threshold, binaryMetrics, rocAuc, thresholdForRecall } from './metrics';

describe('rocAuc', () => {
  it('is 1 for a perfect ranking, 0 for a reversed one and 0.5 for ties', () => {
    expect(rocAuc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(rocAuc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1])).toBe(0);
    expect(rocAuc([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1])).toBe(0.5);
  });
  it('matches the pair count on a small case', () => {
    // pairs (pos, neg): (0.4 > 0.3) yes, (0.4 > 0.6) no, (0.7 > 0.3) yes, (0.7 > 0.6) yes -> 3/4
    expect(rocAuc([0.3, 0.4, 0.6, 0.7], [0, 1, 0, 1])).toBe(0.75);
  });
  it('is null without both classes', () => {
    expect(rocAuc([0.1, 0.2], [1, 1])).toBeNull();
  });
});

describe('binaryMetrics', () => {
  it('counts precision, recall, F1 and FPR at the threshold', () => {
    const m = binaryMetrics([0.9, 0.8, 0.3, 0.7, 0.1], [1, 1, 1, 0, 0], 0.5);
    expect(m).toMatchObject({
      n: 5,
      positives: 3,
      precision: 0.6667,
      recall: 0.6667,
      f1: 0.6667,
      falsePositiveRate: 0.5,
    });
  });
});

describe('thresholds', () => {
  it('finds a threshold separating separable scores', () => {
    const scores = [0.1, 0.2, 0.3, 0.7, 0.8, 0.9];
    const labels = [0, 0, 0, 1, 1, 1] as (0 | 1)[];
    const t = bestF1Threshold(scores, labels);
    expect(t).toBeGreaterThan(0.3);
    expect(t).toBeLessThanOrEqual(0.7);
    expect(binaryMetrics(scores, labels, thresholdForRecall(scores, labels, 1)).recall).toBe(1);
  });
});

describe('balancedThreshold', () => {
  it('moves the threshold up when contrast negatives score in the middle', async () => {
    const { balancedThreshold } = await import('./metrics');
    const dataset = { scores: [0.2, 0.3, 0.8, 0.9], labels: [0, 0, 1, 1] as (0 | 1)[] };
    const plain = balancedThreshold(dataset, { scores: [0.1, 0.9], labels: [0, 1] });
    const withContrast = balancedThreshold(dataset, {
      scores: [0.1, 0.55, 0.6, 0.65, 0.9],
      labels: [0, 0, 0, 0, 1],
    });
    // Dataset alone: a flat top from 0.31 to 0.80, the middle is taken.
    expect(plain).toBeGreaterThan(0.5);
    expect(plain).toBeLessThan(0.6);
    expect(withContrast).toBeGreaterThan(0.65);
    expect(withContrast).toBeLessThanOrEqual(0.8);
  });
});
