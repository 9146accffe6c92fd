import type { Example } from '../data/corpus';
import type { LabelThresholds } from '../metadata';
import { namesIdentityGroup } from './bias';
import { bestF1Threshold } from './metrics';

/**
 * Share of lawful texts a reviewer may see flagged per label, at each sensitivity. The standard
 * budget is half the product's target of ≤ 2 % everyday text flagged, because the two labels
 * flag independently and the dev sample (dictionary examples, social-media posts) is easier than
 * real pages. These are policy, not fitted values: they were set before any run was measured.
 * (The uncertain band's budget, twice the flag budget, was narrowed from four times after the
 * first recalibration of the shipped model put its terrorist-content uncertain cut-off at the
 * grid's floor, 0.05.)
 */
export const FALSE_FLAG_BUDGET = { low: 0.0025, standard: 0.01, high: 0.04 } as const;
export type SensitivityLevel = keyof typeof FALSE_FLAG_BUDGET;

/**
 * Share of lawful posts that name an identity group (a religion, an ethnicity, women, gay or
 * trans people, migrants, disabled people) a reviewer may see flagged as hate, per sensitivity.
 * Such posts are where a sharper model spends an everyday-text budget: the two order-aware
 * candidates met it and still flagged 15 % of CONAN counter-speech. The standard figure is the
 * issue's own target (≥ 90 % of neutral and positive statements about identity groups left
 * unflagged); low halves it, high doubles it (the counter-speech target, ≤ 20 % flagged). Set
 * on 2026-12-07 before any model was calibrated with it; CONAN plays no part (its licence
 * allows evaluation only), the rows are the labelled datasets' own dev splits.
 */
export const IDENTITY_FALSE_FLAG_BUDGET = { low: 0.05, standard: 0.1, high: 0.2 } as const;

/**
 * The lowest threshold (on a 0.005 grid from 0.05 to 0.995) at which at most `budget` of the
 * `lawful` scores reach it: the cut-off that keeps the false-flag rate on lawful text within
 * the budget. Returns 0.995 when even that flags more.
 */
export function lawfulBudgetThreshold(lawful: number[], budget: number): number {
  const sorted = [...lawful].sort((a, b) => b - a);
  const allowed = Math.floor(budget * sorted.length);
  for (let k = 10; k <= 199; k++) {
    const t = k / 200;
    // count of scores >= t, from the top of the descending list
    let flagged = 0;
    while (flagged < sorted.length && sorted[flagged]! >= t) flagged++;
    if (flagged <= allowed) return t;
  }
  return 0.995;
}

export interface CalibrationInput {
  /** Real labelled dev rows (dataset dev splits; never text the project wrote). */
  labelled?: { scores: number[]; labels: (0 | 1)[] };
  /**
   * Scores of real lawful dev texts, in groups (everyday English, political speech, posts):
   * the budget holds in each group, so a large easy group cannot hide a hard one.
   */
  lawful: number[][];
  /**
   * Scores of real lawful dev posts that name an identity group, pooled over the labelled
   * datasets: held to `IDENTITY_FALSE_FLAG_BUDGET`, which is looser than the everyday budget,
   * so it binds only where a model flags identity mentions far more than other text.
   */
  identityLawful?: number[];
}

/**
 * Flag and uncertain thresholds of one label at one sensitivity: the F1-best threshold on the
 * real labelled dev rows, raised where needed so lawful dev text stays within the false-flag
 * budget (without labelled rows, the budget alone decides). The uncertain threshold keeps at
 * most twice the budget of lawful text (never above the flag threshold).
 */
export function calibrateLabel(
  input: CalibrationInput,
  level: SensitivityLevel,
): { flag: number; uncertain: number } {
  const budget = FALSE_FLAG_BUDGET[level];
  const best =
    input.labelled && input.labelled.labels.some((y) => y === 1)
      ? bestF1Threshold(input.labelled.scores, input.labelled.labels)
      : 0;
  const identity = input.identityLawful?.length ? input.identityLawful : null;
  const identityBudget = IDENTITY_FALSE_FLAG_BUDGET[level];
  const within = (b: number, identityShare: number) =>
    Math.max(
      ...input.lawful.map((g) => lawfulBudgetThreshold(g, b)),
      identity ? lawfulBudgetThreshold(identity, identityShare) : 0,
    );
  const flag = Math.max(best, within(budget, identityBudget));
  const uncertain = Math.min(
    flag,
    within(Math.min(0.5, budget * 2), Math.min(0.5, identityBudget * 2)),
  );
  return { flag, uncertain };
}

/** Text the project wrote (contrast set, minimal pairs): trained on, never selected on. */
export function isWritten(e: Pick<Example, 'source'>): boolean {
  return e.source === 'contrast' || e.source === 'minimal-pairs';
}

/** Real lawful text that is not from a hate dataset: the false-flag budget's everyday text. */
export const EVERYDAY_SOURCES = ['wordnet-examples', 'sotu-speeches', 'spamassassin-ham'];

type ByLabel = { hate: LabelThresholds; extremist: LabelThresholds };
const LABELS = ['hate', 'extremist'] as const;

/**
 * Thresholds of every sensitivity from scored dev rows, using only real rows (written ones are
 * skipped): hate is chosen on the datasets' labelled dev rows within the budget on each source
 * of everyday text (WordNet examples, speeches); the terrorist-content label has too few real
 * positives in dev (the reviewed isis sample) to choose on, so the budget on each real source
 * of text that is not terrorist content (hateful posts included: hate is not Art. 2(7)
 * content) decides alone.
 */
export function calibrateThresholds(
  rows: { example: Example; scores: { hate: number; extremist: number } }[],
): { thresholds: ByLabel; sensitivity: { low: ByLabel; high: ByLabel } } {
  const real = rows.filter((r) => !isWritten(r.example));
  const at = (level: SensitivityLevel): ByLabel => {
    const out = {} as ByLabel;
    for (const label of LABELS) {
      const lawfulSources = [
        ...new Set(
          real
            .filter((r) => r.example[label] === 0)
            .map((r) => r.example.source)
            .filter((s) => label === 'extremist' || EVERYDAY_SOURCES.includes(s)),
        ),
      ];
      const lawful = lawfulSources.map((source) =>
        real
          .filter((r) => r.example.source === source && r.example[label] === 0)
          .map((r) => r.scores[label]),
      );
      const labelled = real.filter(
        (r) => r.example[label] !== null && !EVERYDAY_SOURCES.includes(r.example.source),
      );
      const identityLawful = labelled
        .filter((r) => r.example[label] === 0 && namesIdentityGroup(r.example.text))
        .map((r) => r.scores[label]);
      out[label] = calibrateLabel(
        label === 'hate'
          ? {
              labelled: {
                scores: labelled.map((r) => r.scores[label]),
                labels: labelled.map((r) => r.example[label] as 0 | 1),
              },
              lawful,
              identityLawful,
            }
          : // terrorist content: identity mentions are one more group under the label's own budget
            { lawful: [...lawful, identityLawful].filter((g) => g.length > 0) },
        level,
      );
    }
    return out;
  };
  return { thresholds: at('standard'), sensitivity: { low: at('low'), high: at('high') } };
}
