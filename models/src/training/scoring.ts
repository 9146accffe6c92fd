/** Scoring during training: the dev split's thresholds and metrics, per-source test figures. */
import { PAD_MARGIN, UNKNOWN_ID } from '@counterweight/shared/featurise';
import type { Example } from '../data/corpus';
import { calibrateThresholds, isWritten } from '../eval/calibrate';
import { binaryMetrics } from '../eval/metrics';
import type { ModelMetadata } from '../metadata';
import type { initWasm } from '../model/backend';
import { forward, LABELS, type TextCnnConfig, type ClassifierWeights } from '../model/text-cnn';
import { WORD_DROPOUT } from './settings';

export interface Featurised {
  example: Example;
  ids: Int32Array;
  weight: number;
}

/** Scores examples with the training-graph network (no dropout). */
export async function score(
  tf: Awaited<ReturnType<typeof initWasm>>,
  weights: ClassifierWeights,
  config: TextCnnConfig,
  rows: Featurised[],
) {
  const out: { hate: number; extremist: number }[] = [];
  for (let i = 0; i < rows.length; i += 256) {
    const batch = rows.slice(i, i + 256);
    const probs = tf.tidy(() =>
      tf.sigmoid(forward(tf, weights, batchIds(tf, batch), config, false)),
    );
    const data = await probs.data();
    probs.dispose();
    batch.forEach((_, k) => out.push({ hate: data[2 * k]!, extremist: data[2 * k + 1]! }));
  }
  return out;
}

/**
 * Padded ids of a batch; with `dropout`, WORD_DROPOUT of the words of the first `dropRows` rows
 * become the unknown id (minimal pairs, after them, keep every word: one dropped "not" would
 * make the twins identical).
 */
export function batchIds(
  tf: Awaited<ReturnType<typeof initWasm>>,
  batch: Featurised[],
  dropout?: () => number,
  dropRows = batch.length,
) {
  const length = Math.max(...batch.map((r) => r.ids.length)) + PAD_MARGIN;
  const ids = new Int32Array(batch.length * length);
  batch.forEach((r, k) => ids.set(r.ids, k * length));
  if (dropout)
    for (let i = 0; i < dropRows * length; i++)
      if (ids[i]! > UNKNOWN_ID && dropout() < WORD_DROPOUT) ids[i] = UNKNOWN_ID;
  return tf.tensor2d(ids, [batch.length, length], 'int32');
}

export function labelArrays(rows: Featurised[], label: 'hate' | 'extremist') {
  const kept = rows.filter((r) => r.example[label] !== null);
  return { kept, labels: kept.map((r) => r.example[label] as 0 | 1) };
}

/**
 * Dev-split thresholds and metrics of the current weights, chosen on real data only: the dev
 * rows of the shared datasets and the held-out WordNet examples. The project's written contrast
 * rows are scored and reported, never used to choose (see calibrate.ts).
 */
export async function evaluateDev(
  tf: Awaited<ReturnType<typeof initWasm>>,
  weights: ClassifierWeights,
  config: TextCnnConfig,
  devRows: Featurised[],
) {
  const devScores = await score(tf, weights, config, devRows);
  const { thresholds, sensitivity } = calibrateThresholds(
    devRows.map((r, i) => ({ example: r.example, scores: devScores[i]! })),
  );
  const devMetrics: Record<string, unknown> = {};
  let f1Sum = 0;
  for (const label of LABELS) {
    for (const written of [false, true]) {
      const kept = devRows
        .map((r, i) => ({ r, i }))
        .filter(({ r }) => r.example[label] !== null && isWritten(r.example) === written);
      if (!kept.some(({ r }) => r.example[label] === 1)) continue;
      const m = binaryMetrics(
        kept.map(({ i }) => devScores[i]![label]),
        kept.map(({ r }) => r.example[label] as 0 | 1),
        thresholds[label].flag,
      );
      devMetrics[written ? `${label} (written, report only)` : label] = m;
      if (!written) f1Sum += m.f1 ?? 0;
    }
  }
  return { thresholds, sensitivity, devMetrics, f1Sum };
}

export function perSource(
  rows: Featurised[],
  scores: { hate: number; extremist: number }[],
  thresholds: ModelMetadata['thresholds'],
) {
  const sources = [...new Set(rows.map((r) => r.example.source))];
  const out: Record<string, Record<string, unknown>> = {};
  for (const source of sources) {
    out[source] = {};
    for (const label of LABELS) {
      const idx = rows
        .map((r, i) => ({ r, i }))
        .filter(({ r }) => r.example.source === source && r.example[label] !== null);
      if (!idx.some(({ r }) => r.example[label] === 1)) continue;
      out[source]![label] = binaryMetrics(
        idx.map(({ i }) => scores[i]![label]),
        idx.map(({ r }) => r.example[label] as 0 | 1),
        thresholds[label].flag,
      );
    }
  }
  return out;
}
