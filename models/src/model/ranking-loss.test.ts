import { describe, expect, it } from 'vitest';
import { initWasm } from './backend';
import { pairRankingLoss } from './ranking-loss';

describe('pairRankingLoss', () => {
  const pairs = { violatingFrom: 1, lawfulFrom: 3, count: 2, column: 0 };

  it('is near zero when every lawful twin is a margin below its hateful twin, large when not', async () => {
    const tf = await initWasm();
    // Rows: [other, hateful A, hateful B, lawful A, lawful B]; column 1 (extremist) is ignored.
    const ranked = tf.tensor2d([
      [9, 0],
      [6, 5],
      [5, -5],
      [-1, 9],
      [-2, 9],
    ]);
    const reversed = tf.tensor2d([
      [9, 0],
      [-1, 0],
      [-2, 0],
      [6, 0],
      [5, 0],
    ]);
    const good = (await pairRankingLoss(tf, ranked, pairs, 3).data())[0]!;
    const bad = (await pairRankingLoss(tf, reversed, pairs, 3).data())[0]!;
    expect(good).toBeLessThan(0.02);
    expect(bad).toBeGreaterThan(9);
    // softplus(3 - 0) for two tied pairs.
    const tied = tf.tensor2d([
      [0, 0],
      [1, 0],
      [2, 0],
      [1, 0],
      [2, 0],
    ]);
    expect((await pairRankingLoss(tf, tied, pairs, 3).data())[0]).toBeCloseTo(
      Math.log1p(Math.exp(3)),
      4,
    );
  });

  it('pushes the lawful twin down and the hateful twin up by the same amount, touching nothing else', async () => {
    const tf = await initWasm();
    const logits = tf.tensor2d([
      [9, 1],
      [0, 1],
      [0, 1],
      [0, 1],
      [0, 1],
    ]);
    const grad = tf.grad((l) => pairRankingLoss(tf, l as typeof logits, pairs, 3))(logits);
    const g = (await grad.array()) as number[][];
    expect(g[0]).toEqual([0, 0]);
    expect(g[1]![0]).toBeLessThan(0); // descent raises the hateful logit
    expect(g[3]![0]).toBeGreaterThan(0); // and lowers the lawful one
    expect(g[1]![0]).toBeCloseTo(-g[3]![0]!, 6);
    expect(g.map((row) => row[1])).toEqual([0, 0, 0, 0, 0]);
  });

  it('ranks on the column it is given: the extremist logit, leaving hate untouched', async () => {
    const tf = await initWasm();
    // Rows: [violating, lawful]; hate ranked the wrong way round, extremist by the margin.
    const logits = tf.tensor2d([
      [-4, 6],
      [4, 0],
    ]);
    const one = { violatingFrom: 0, lawfulFrom: 1, count: 1 };
    const onExtremist = (await pairRankingLoss(tf, logits, { ...one, column: 1 }, 3).data())[0]!;
    const onHate = (await pairRankingLoss(tf, logits, { ...one, column: 0 }, 3).data())[0]!;
    expect(onExtremist).toBeCloseTo(Math.log1p(Math.exp(-3)), 5);
    expect(onHate).toBeCloseTo(Math.log1p(Math.exp(11)), 4);
    const grad = tf.grad((l) => pairRankingLoss(tf, l as typeof logits, { ...one, column: 1 }, 3))(
      logits,
    );
    const g = (await grad.array()) as number[][];
    expect(g.map((row) => row[0])).toEqual([0, 0]);
    expect(g[0]![1]).toBeLessThan(0);
    expect(g[1]![1]).toBeCloseTo(-g[0]![1]!, 6);
  });
});
