import { fileURLToPath } from 'node:url';

/** Every leave-one-dataset-out comparison ever run, by recipe (written by lodo.ts). */
export const LODO_FILE = fileURLToPath(new URL('../../lodo.json', import.meta.url));

export interface LodoRow {
  dataset: string;
  n: number;
  positives: number;
  rocAuc: number | null;
  /** At the held-out model's own flag threshold (chosen on the other datasets' dev rows). */
  recall: number | null;
  precision: number | null;
  falsePositiveRate: number | null;
  modelVersion: string;
  seed: number;
  /** The training budget of the run (epochs, share of dataset rows). */
  budget: string;
}
