import type { WindowLogits } from './model/text-cnn-runner';

/**
 * The cascade: the shipped CNN (the screen) reads every window; the order-aware model reads only
 * the windows whose screen score reaches `escalate` on either label. The escalation thresholds
 * are chosen on real dev data (build-cascade.ts) and never above the model's uncertain
 * thresholds, so a window the screen lets through could not have been flagged or marked
 * uncertain on the screen's own score.
 */
export interface Escalation {
  hate: number;
  extremist: number;
}

/** Indices of the windows the screen escalates (probabilities compared, logits given). */
export function escalatedWindows(screened: WindowLogits[], escalate: Escalation): number[] {
  const hate = logit(escalate.hate);
  const extremist = logit(escalate.extremist);
  const out: number[] = [];
  screened.forEach((l, i) => {
    if (l.hate >= hate || l.extremist >= extremist) out.push(i);
  });
  return out;
}

const logit = (p: number) => (p <= 0 ? -Infinity : p >= 1 ? Infinity : Math.log(p / (1 - p)));

/** A text's scores from the screen alone and from the order-aware model alone. */
export interface ScreenAndModel {
  screen: { hate: number; extremist: number };
  model: { hate: number; extremist: number };
}

/**
 * Per label, the highest escalation threshold at which the screen still passes on at least
 * `recall` of the texts the model scores at or above `caps[label]` (its lowest uncertain
 * threshold over the sensitivities), and never above that cap.
 */
export function chooseEscalation(
  rows: ScreenAndModel[],
  caps: Escalation,
  recall: number,
): Escalation {
  const choose = (label: keyof Escalation) => {
    const needed = rows
      .filter((r) => r.model[label] >= caps[label])
      .map((r) => r.screen[label])
      .sort((a, b) => a - b);
    if (needed.length === 0) return caps[label];
    // The screen score below which at most (1 - recall) of those texts fall.
    const at = needed[Math.floor((1 - recall) * needed.length)]!;
    return Math.min(caps[label], Math.floor(at * 1000) / 1000);
  };
  return { hate: choose('hate'), extremist: choose('extremist') };
}
