import { z } from 'zod';
import { ClassifierDecision, ClassifierLabel } from './taxonomy';

export const ClassifierScores = z.strictObject({
  hate: z.number().min(0).max(1),
  extremist: z.number().min(0).max(1),
});
export type ClassifierScores = z.infer<typeof ClassifierScores>;

/**
 * What the on-device classifier says about one text: a ranking aid with its reasons, never a
 * verdict. `label` is the label that drove the decision (null when clear).
 */
export const ClassifierResult = z.strictObject({
  decision: ClassifierDecision,
  label: ClassifierLabel.nullable(),
  scores: ClassifierScores,
  evidence: z.array(z.string().max(200)).max(20),
});
export type ClassifierResult = z.infer<typeof ClassifierResult>;

/** The classifier's signals as attached to a report: which model said what. */
export const ClassifierSignals = z.strictObject({
  modelVersion: z.string().min(1).max(100),
  decision: ClassifierDecision,
  label: ClassifierLabel.nullable(),
  scores: ClassifierScores,
  evidence: z.array(z.string().max(200)).max(20).default([]),
});
export type ClassifierSignals = z.infer<typeof ClassifierSignals>;
