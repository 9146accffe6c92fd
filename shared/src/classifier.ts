import { z } from 'zod';
import { ClassifierDecision, ClassifierLabel } from './taxonomy';

export const ClassifierScores = z.strictObject({
  hate: z.number().min(0).max(1),
  extremist: z.number().min(0).max(1),
});
export type ClassifierScores = z.infer<typeof ClassifierScores>;

/** The language code for a text whose language could not be told (too short, no letters). */
export const UNDETERMINED_LANGUAGE = 'und';

/**
 * A text's language: ISO 639-1 where the language has one ("en", "ru"), ISO 639-3 otherwise
 * ("arz", "gsw"), and "und" (ISO 639-3, undetermined) when it could not be told.
 */
export const TextLanguage = z.string().regex(/^[a-z]{2,3}$/, 'an ISO 639-1 or 639-3 code');
export type TextLanguage = z.infer<typeof TextLanguage>;

/**
 * What the on-device classifier says about one text: a ranking aid with its reasons, never a
 * verdict. `label` is the label that drove the decision (null when clear or abstain).
 * `language` is the text's language; a text in a language the model does not cover gets
 * `abstain`, label null, zero scores and no evidence: the model did not read it.
 */
export const ClassifierResult = z.strictObject({
  decision: ClassifierDecision,
  label: ClassifierLabel.nullable(),
  scores: ClassifierScores,
  evidence: z.array(z.string().max(200)).max(20),
  language: TextLanguage,
});
export type ClassifierResult = z.infer<typeof ClassifierResult>;

/**
 * The classifier's signals as attached to a report: which model said what. A report may carry
 * `abstain` (a reviewer reports text in a language the model does not cover); `language` is
 * optional for reports made before the classifier told languages.
 */
export const ClassifierSignals = z.strictObject({
  modelVersion: z.string().min(1).max(100),
  decision: ClassifierDecision,
  label: ClassifierLabel.nullable(),
  scores: ClassifierScores,
  evidence: z.array(z.string().max(200)).max(20).default([]),
  language: TextLanguage.optional(),
});
export type ClassifierSignals = z.infer<typeof ClassifierSignals>;
