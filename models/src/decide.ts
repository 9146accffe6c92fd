import type { ClassifierDecision, ClassifierLabel } from '@counterweight/shared';
import type { LabelThresholds } from './metadata';

/**
 * The three-way decision from the two scores and the thresholds stored with the model: "flag"
 * when a score reaches its flag threshold, "uncertain" when it reaches its uncertain threshold,
 * else "clear". The label is the one furthest past its threshold (null when clear).
 */
export function decide(
  scores: { hate: number; extremist: number },
  thresholds: { hate: LabelThresholds; extremist: LabelThresholds },
): { decision: ClassifierDecision; label: ClassifierLabel | null } {
  for (const level of ['flag', 'uncertain'] as const) {
    const ratios = (['hate', 'extremist'] as const)
      .map((label) => ({ label, ratio: scores[label] / Math.max(1e-6, thresholds[label][level]) }))
      .filter((r) => r.ratio >= 1)
      .sort((a, b) => b.ratio - a.ratio);
    if (ratios[0]) return { decision: level, label: ratios[0].label };
  }
  return { decision: 'clear', label: null };
}
