import type { ClassifierResult } from '@counterweight/shared/classifier';
import type { Thresholds } from './decide';

/** The model as the background uses it: ranks texts and explains, never decides. */
export interface TextClassifier {
  modelVersion: string;
  /** The model's own cut-offs, which the reviewer's sensitivity shifts. */
  thresholds: Thresholds;
  /** One result per text; `evidence: false` skips the (costly) search for the words behind a score. */
  classify(texts: string[], options: { evidence: boolean }): Promise<ClassifierResult[]>;
}
