import { rocAuc } from './metrics';

/** Borkan et al. 2019 bias metrics for one identity subgroup. */
export interface SubgroupBias {
  group: string;
  n: number;
  subgroupAuc: number | null;
  bpsnAuc: number | null;
  bnspAuc: number | null;
  /** Share of the subgroup's non-hateful texts scored at or above the flag threshold. */
  falsePositiveRate: number | null;
}

export interface ScoredText {
  text: string;
  label: 0 | 1;
  score: number;
}

/** Identity mentions used to form subgroups (regular expressions over lower-cased text). */
export const IDENTITY_TERMS: Record<string, RegExp> = {
  muslim: /\b(muslims?|islam(ic)?)\b/,
  jewish: /\b(jews?|jewish|judaism)\b/,
  black: /\b(black (people|men|women|man|woman)|blacks|african americans?)\b/,
  women: /\b(women|woman|girls?)\b/,
  gay: /\b(gays?|lesbians?|homosexuals?|lgbt\w*|queer)\b/,
  trans: /\b(trans(gender)?|transsexual)\b/,
  immigrant: /\b(immigrants?|migrants?|refugees?|asylum)\b/,
  christian: /\b(christians?|christianity)\b/,
  disabled: /\b(disabled|disabilit(y|ies)|autistic)\b/,
};

/** Whether a text names an identity group (any of {@link IDENTITY_TERMS}). */
export function namesIdentityGroup(text: string): boolean {
  const lower = text.toLowerCase();
  return Object.values(IDENTITY_TERMS).some((re) => re.test(lower));
}

/**
 * Subgroup AUC (within the subgroup), BPSN AUC (background positives vs subgroup negatives)
 * and BNSP AUC (background negatives vs subgroup positives), per Borkan et al. 2019.
 */
export function subgroupBias(
  group: string,
  all: ScoredText[],
  inGroup: (t: ScoredText) => boolean,
  threshold: number,
): SubgroupBias {
  const sub = all.filter(inGroup);
  const back = all.filter((t) => !inGroup(t));
  const auc = (rows: ScoredText[]) =>
    rocAuc(
      rows.map((r) => r.score),
      rows.map((r) => r.label),
    );
  const subNeg = sub.filter((t) => t.label === 0);
  return {
    group,
    n: sub.length,
    subgroupAuc: auc(sub),
    bpsnAuc: auc([...back.filter((t) => t.label === 1), ...subNeg]),
    bnspAuc: auc([...back.filter((t) => t.label === 0), ...sub.filter((t) => t.label === 1)]),
    falsePositiveRate: subNeg.length
      ? Math.round((subNeg.filter((t) => t.score >= threshold).length / subNeg.length) * 10000) /
        10000
      : null,
  };
}

/** Generalised power mean with p = -5, as in the Jigsaw competition metric. */
export function powerMean(values: number[], p = -5): number | null {
  if (values.length === 0) return null;
  return Math.pow(values.reduce((s, v) => s + Math.pow(v, p), 0) / values.length, 1 / p);
}

/** 0.25 * overall AUC + 0.75 * mean of the power means of the three bias AUCs. */
export function jigsawFinalMetric(overallAuc: number, biases: SubgroupBias[]): number | null {
  const pm = (key: 'subgroupAuc' | 'bpsnAuc' | 'bnspAuc') =>
    powerMean(biases.map((b) => b[key]).filter((v): v is number => v !== null));
  const means = [pm('subgroupAuc'), pm('bpsnAuc'), pm('bnspAuc')].filter(
    (v): v is number => v !== null,
  );
  if (means.length < 3) return null;
  return (
    Math.round((0.25 * overallAuc + 0.75 * (means.reduce((a, b) => a + b, 0) / 3)) * 10000) / 10000
  );
}
