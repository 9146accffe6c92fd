import { z } from 'zod';

/**
 * Reviewer feedback on the classifier, shared only by reviewers who opt in: how many flags they
 * dismissed or confirmed per day, by label, decision, score bucket, model version and language.
 * Counts only: the schema has no field that could carry text, a URL, a site or a person.
 */
export const FeedbackOutcome = z.enum(['dismissed', 'confirmed']);
export type FeedbackOutcome = z.infer<typeof FeedbackOutcome>;

/** Score buckets of one tenth: "0.5" holds scores in [0.5, 0.6). */
export const SCORE_BUCKETS = [
  '0.0',
  '0.1',
  '0.2',
  '0.3',
  '0.4',
  '0.5',
  '0.6',
  '0.7',
  '0.8',
  '0.9',
] as const;
export const ScoreBucket = z.enum(SCORE_BUCKETS);
export type ScoreBucket = z.infer<typeof ScoreBucket>;

/** The bucket of a score in [0, 1]. */
export function scoreBucket(score: number): ScoreBucket {
  const tenth = Math.min(9, Math.max(0, Math.floor(score * 10)));
  return SCORE_BUCKETS[tenth]!;
}

export const FeedbackCount = z.strictObject({
  day: z.iso.date(),
  outcome: FeedbackOutcome,
  label: z.enum(['hate', 'extremist']),
  decision: z.enum(['flag', 'uncertain']),
  scoreBucket: ScoreBucket,
  /** The shipped model's version string (letters, digits, `.`, `-`, `_`, `:`, `+`). */
  modelVersion: z.string().regex(/^[A-Za-z0-9._:+-]{1,80}$/),
  /** ISO 639-1 (or 639-3) code of the text's language as the classifier identified it. */
  language: z.string().regex(/^([a-z]{2,3}|und)$/),
  count: z.number().int().min(1).max(1_000_000),
});
export type FeedbackCount = z.infer<typeof FeedbackCount>;

export const FeedbackSubmission = z.strictObject({
  /** Chosen by the sender and kept by the API: the same batch sent again is counted once. */
  batchId: z.uuid(),
  counts: z.array(FeedbackCount).min(1).max(2000),
});
export type FeedbackSubmission = z.infer<typeof FeedbackSubmission>;

export const FeedbackReceipt = z.strictObject({
  batchId: z.uuid(),
  /** False when the batch had been counted before (a retry). */
  counted: z.boolean(),
});

/** False flags per model version: the share of reviewed flags reviewers dismissed. */
export const FalseFlagRate = z.strictObject({
  modelVersion: z.string(),
  dismissed: z.number().int().min(0),
  confirmed: z.number().int().min(0),
  /** dismissed / (dismissed + confirmed); null with no reviewed flag. */
  falseFlagRate: z.number().min(0).max(1).nullable(),
  firstDay: z.iso.date(),
  lastDay: z.iso.date(),
});
export const FalseFlagRates = z.strictObject({ models: z.array(FalseFlagRate) });
export type FalseFlagRates = z.infer<typeof FalseFlagRates>;
