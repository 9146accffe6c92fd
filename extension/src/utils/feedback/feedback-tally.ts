import {
  scoreBucket,
  type FeedbackCount,
  type FeedbackOutcome,
} from '@counterweight/shared/feedback';

/** One reviewer verdict on a flag, as feedback counts it: never the text, URL or site. */
export interface Verdict {
  outcome: FeedbackOutcome;
  label: 'hate' | 'extremist';
  decision: 'flag' | 'uncertain';
  score: number;
  modelVersion: string;
  language: string;
}

const LANGUAGE = /^([a-z]{2,3}|und)$/;
const MODEL_VERSION = /^[A-Za-z0-9._:+-]{1,80}$/;

/** The UTC day of a moment, as the counts name it. */
export const dayOf = (at: Date) => at.toISOString().slice(0, 10);

/**
 * Adds verdicts to the day's counts (one row per day, outcome, label, decision, score bucket,
 * model version and language). A language or model version the API would refuse is counted as
 * `und` / `unknown` rather than dropped.
 */
export function tally(
  counts: readonly FeedbackCount[],
  verdicts: readonly Verdict[],
  at: Date,
): FeedbackCount[] {
  const out = counts.map((c) => ({ ...c }));
  const day = dayOf(at);
  for (const v of verdicts) {
    const row = {
      day,
      outcome: v.outcome,
      label: v.label,
      decision: v.decision,
      scoreBucket: scoreBucket(v.score),
      modelVersion: MODEL_VERSION.test(v.modelVersion) ? v.modelVersion : 'unknown',
      language: LANGUAGE.test(v.language) ? v.language : 'und',
    };
    const same = out.find(
      (c) =>
        c.day === row.day &&
        c.outcome === row.outcome &&
        c.label === row.label &&
        c.decision === row.decision &&
        c.scoreBucket === row.scoreBucket &&
        c.modelVersion === row.modelVersion &&
        c.language === row.language,
    );
    if (same) same.count++;
    else out.push({ ...row, count: 1 });
  }
  return out;
}
