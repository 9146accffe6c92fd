/** Precision, recall and F1 at a threshold, and ROC-AUC, for one binary label. */
export interface BinaryMetrics {
  n: number;
  positives: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
  rocAuc: number | null;
  falsePositiveRate: number | null;
}

const round = (x: number) => Math.round(x * 10000) / 10000;

/** ROC-AUC by the rank-sum (Mann-Whitney) statistic, ties counted half; null without both classes. */
export function rocAuc(scores: number[], labels: (0 | 1)[]): number | null {
  const pairs = scores.map((s, i) => ({ s, y: labels[i]! })).sort((a, b) => a.s - b.s);
  const pos = pairs.filter((p) => p.y === 1).length;
  const neg = pairs.length - pos;
  if (pos === 0 || neg === 0) return null;
  let rankSum = 0;
  for (let i = 0; i < pairs.length;) {
    let j = i;
    while (j < pairs.length && pairs[j]!.s === pairs[i]!.s) j++;
    const rank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (pairs[k]!.y === 1) rankSum += rank;
    i = j;
  }
  return round((rankSum - (pos * (pos + 1)) / 2) / (pos * neg));
}

/** Metrics of scores against labels when "predicted positive" means score >= threshold. */
export function binaryMetrics(
  scores: number[],
  labels: (0 | 1)[],
  threshold: number,
): BinaryMetrics {
  let tp = 0,
    fp = 0,
    fn = 0,
    tn = 0;
  scores.forEach((s, i) => {
    const predicted = s >= threshold;
    if (labels[i] === 1) predicted ? tp++ : fn++;
    else predicted ? fp++ : tn++;
  });
  const precision = tp + fp ? tp / (tp + fp) : null;
  const recall = tp + fn ? tp / (tp + fn) : null;
  const f1 =
    precision !== null && recall !== null && precision + recall > 0
      ? (2 * precision * recall) / (precision + recall)
      : precision === null || recall === null
        ? null
        : 0;
  return {
    n: scores.length,
    positives: tp + fn,
    precision: precision === null ? null : round(precision),
    recall: recall === null ? null : round(recall),
    f1: f1 === null ? null : round(f1),
    rocAuc: rocAuc(scores, labels),
    falsePositiveRate: fp + tn ? round(fp / (fp + tn)) : null,
  };
}

/** The threshold in [0.05, 0.95] with the best F1 (ties: the higher threshold). */
export function bestF1Threshold(scores: number[], labels: (0 | 1)[]): number {
  let best = 0.5,
    bestF1 = -1;
  for (let t = 0.05; t <= 0.951; t += 0.01) {
    const f1 = binaryMetrics(scores, labels, t).f1 ?? 0;
    if (f1 >= bestF1) {
      bestF1 = f1;
      best = Math.round(t * 100) / 100;
    }
  }
  return best;
}

/** The highest threshold at which recall is still at least `target`. */
export function thresholdForRecall(scores: number[], labels: (0 | 1)[], target: number): number {
  for (let t = 0.95; t >= 0.05; t -= 0.01)
    if ((binaryMetrics(scores, labels, t).recall ?? 0) >= target) return Math.round(t * 100) / 100;
  return 0.05;
}

/**
 * The threshold that maximises F1 on the dataset rows plus the mean of balanced accuracy and
 * F1 on the written contrast rows (both from the dev split): the datasets are noisy and
 * imbalanced, the contrast rows encode the distinctions the safeguards need (negation,
 * quotation, news, idioms); F1 keeps false flags among them in check. Of the thresholds
 * within 0.005 of the best value, the middle one is returned.
 */
export function balancedThreshold(
  dataset: { scores: number[]; labels: (0 | 1)[] },
  contrast: { scores: number[]; labels: (0 | 1)[] },
): number {
  const candidates: { t: number; value: number }[] = [];
  for (let k = 5; k <= 95; k++) {
    const t = k / 100;
    const f1 = binaryMetrics(dataset.scores, dataset.labels, t).f1 ?? 0;
    const c = binaryMetrics(contrast.scores, contrast.labels, t);
    const balanced = ((c.recall ?? 0) + (1 - (c.falsePositiveRate ?? 0))) / 2;
    candidates.push({ t, value: f1 + (balanced + (c.f1 ?? 0)) / 2 });
  }
  // The objective is often flat near its top: take the middle of the near-best plateau, which
  // is stabler from epoch to epoch than the first maximum.
  const top = Math.max(...candidates.map((c) => c.value));
  const near = candidates.filter((c) => c.value >= top - 0.005);
  return near[Math.floor(near.length / 2)]!.t;
}
