import type { ClassifierDecision, ClassifierLabel } from '@counterweight/shared/taxonomy';
import type { ClassifierResult } from '@counterweight/shared/classifier';
// Types only: the content script decides on every page and must not load zod (its start-up is a
// task on the page's main thread). The schemas live in thresholds.ts.
import type { Sensitivity, SensitivityByLabel, Thresholds } from './thresholds';

export type { Sensitivity, SensitivityByLabel, Thresholds } from './thresholds';

/**
 * Shift of both cut-offs per sensitivity step, for a model without calibrated levels: low
 * raises them, high lowers them.
 */
export const SENSITIVITY_SHIFT: Record<Sensitivity, number> = { low: 0.1, standard: 0, high: -0.1 };

const LABELS: readonly ClassifierLabel[] = ['hate', 'extremist'];
const RANK: Record<Exclude<ClassifierDecision, 'abstain'>, number> = {
  clear: 0,
  uncertain: 1,
  flag: 2,
};

function clamp(x: number): number {
  return Math.min(0.99, Math.max(0.01, x));
}

/** One label's cut-offs at a sensitivity: the calibrated ones where the model has them. */
function cutOffs(
  thresholds: Thresholds,
  label: ClassifierLabel,
  level: Sensitivity,
): { flag: number; uncertain: number } {
  if (level === 'standard') return thresholds[label];
  const calibrated = thresholds.levels?.[level][label];
  if (calibrated) return calibrated;
  const shift = SENSITIVITY_SHIFT[level];
  return {
    flag: clamp(thresholds[label].flag + shift),
    uncertain: clamp(thresholds[label].uncertain + shift),
  };
}

/**
 * The decision shown on the page for one classifier result under the reviewer's sensitivity.
 * With every label at `standard` the model's decision is returned unchanged; otherwise each
 * label's score is compared with its cut-offs at that sensitivity (calibrated, or shifted) and
 * the strongest decision wins (ties go to the higher score). Evidence is kept; it is what moved the score. A text the model abstained
 * on (a language it does not cover) stays abstained at every sensitivity: it has no scores.
 */
export function decide(
  result: ClassifierResult,
  thresholds: Thresholds,
  sensitivity: SensitivityByLabel,
): Pick<ClassifierResult, 'decision' | 'label'> {
  if (
    result.decision === 'abstain' ||
    (sensitivity.hate === 'standard' && sensitivity.extremist === 'standard')
  )
    return { decision: result.decision, label: result.label };
  let best: {
    decision: Exclude<ClassifierDecision, 'abstain'>;
    label: ClassifierLabel | null;
    score: number;
  } = {
    decision: 'clear',
    label: null,
    score: -1,
  };
  for (const label of LABELS) {
    const { flag, uncertain } = cutOffs(thresholds, label, sensitivity[label]);
    const score = result.scores[label];
    const decision: Exclude<ClassifierDecision, 'abstain'> =
      score >= flag ? 'flag' : score >= uncertain ? 'uncertain' : 'clear';
    if (decision === 'clear') continue;
    if (
      RANK[decision] > RANK[best.decision] ||
      (RANK[decision] === RANK[best.decision] && score > best.score)
    )
      best = { decision, label, score };
  }
  return { decision: best.decision, label: best.label };
}
