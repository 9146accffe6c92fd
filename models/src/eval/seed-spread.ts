import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SEEDS_FILE = fileURLToPath(new URL('../../seeds.json', import.meta.url));

/** Figures of one seed's artifact on real held-out data (seeds.ts). */
export interface SeedFigures {
  candidate: string;
  seed: number;
  modelVersion: string;
  /** Hate ROC-AUC on each real dataset's test split. */
  rocAuc: Record<string, number | null>;
  /** Share of held-out everyday text flagged, per source. */
  everydayFlagRate: Record<string, number>;
  /** Share of English CONAN counter-narratives flagged. */
  counterSpeechFlagRate: number;
  /** Share of hateful rows of the dataset test splits flagged as hate (rows measured later). */
  hateRecall?: number;
  /** Share of lawful test rows that name an identity group flagged as hate (rows measured later). */
  identityFlagRate?: number;
}

export function readSeeds(): SeedFigures[] {
  return existsSync(SEEDS_FILE)
    ? (JSON.parse(readFileSync(SEEDS_FILE, 'utf8')) as SeedFigures[])
    : [];
}

/** Mean and (sample) standard deviation, as "0.812 ± 0.006". */
export function meanSd(values: number[]): string {
  if (values.length === 0) return '–';
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd =
    values.length > 1
      ? Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1))
      : 0;
  return `${mean.toFixed(3)} ± ${sd.toFixed(3)}`;
}
