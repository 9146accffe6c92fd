import type { ClassifierResult } from '@counterweight/shared/classifier';
import type { Thresholds } from './decide';

/** The model as the background uses it: ranks texts and explains, never decides. */
export interface TextClassifier {
  modelVersion: string;
  /** The model's own cut-offs, which the reviewer's sensitivity shifts. */
  thresholds: Thresholds;
  /** Languages the model reads (ISO 639-1); it abstains on texts in any other. */
  languages: string[];
  /** One result per text; `evidence: false` skips the (costly) search for the words behind a score. */
  classify(texts: string[], options: { evidence: boolean }): Promise<ClassifierResult[]>;
}
