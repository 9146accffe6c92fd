import { describe, expect, it } from 'vitest';
import { seededRandom } from '../contrast/expand';
import { transferToUnseenWords } from './embeddings';

describe('transferToUnseenWords', () => {
  // Pretrained 6-d vectors; "training" moved every row to a fixed affine map of its vector.
  const d = 6;
  const dim = 3;
  const random = seededRandom(7);
  const map = Array.from({ length: d }, () => Array.from({ length: dim }, () => random() - 0.5));
  const bias = [0.3, -0.2, 0.1];
  const target = (v: number[]) => bias.map((b, k) => v.reduce((s, x, a) => s + x * map[a]![k]!, b));
  const words = 60;
  const vectors: (number[] | undefined)[] = Array.from({ length: words }, (_, i) =>
    i === 5 ? undefined : Array.from({ length: d }, () => random() * 2 - 1),
  );
  const seen = (i: number) => i < 40;

  function trainedMatrix() {
    const m = new Float32Array((words + 2) * dim).fill(9);
    vectors.forEach((v, i) => {
      if (v && seen(i)) m.set(target(v), (i + 2) * dim);
    });
    return m;
  }

  it('places unseen words where the map learnt from seen words sends their vectors', () => {
    const m = trainedMatrix();
    const { fitted, replaced } = transferToUnseenWords(
      m,
      dim,
      vectors,
      seen,
      (i) => !seen(i),
      1e-6,
    );
    expect(fitted).toBe(39);
    expect(replaced).toBe(20);
    for (let i = 40; i < words; i++) {
      const expected = target(vectors[i]!);
      for (let k = 0; k < dim; k++) expect(m[(i + 2) * dim + k]).toBeCloseTo(expected[k]!, 3);
    }
  });

  it('leaves seen rows, padding, unknown and words without a vector alone', () => {
    const m = trainedMatrix();
    const before = Float32Array.from(m);
    transferToUnseenWords(m, dim, vectors, seen, (i) => !seen(i));
    expect(Array.from(m.subarray(0, 42 * dim))).toEqual(Array.from(before.subarray(0, 42 * dim)));
    expect(Array.from(m.subarray(7 * dim, 8 * dim))).toEqual([9, 9, 9]); // row of word 5
  });

  it('replaces nothing when too few words were seen to fit the map', () => {
    const m = trainedMatrix();
    const few = (i: number) => i < 4;
    expect(transferToUnseenWords(m, dim, vectors, few, (i) => !few(i)).replaced).toBe(0);
  });
});
