import { describe, expect, it } from 'vitest';
import { seededRandom } from '../contrast/expand';
import { initWasm } from './backend';
import { buildLayersModel, createWeights, setLayersWeights, type TextCnnConfig } from './text-cnn';
import { TextCnnRunner } from './text-cnn-runner';

const base: TextCnnConfig = {
  vocabularySize: 60,
  embeddingDim: 8,
  filters1: 6,
  filters2: 5,
  hidden: 4,
  dropout: 0,
};

async function setup(config: TextCnnConfig) {
  const tf = await initWasm();
  const random = seededRandom(11);
  const weights = createWeights(
    tf,
    config,
    Float32Array.from({ length: 60 * 8 }, () => random() - 0.5),
    7,
  );
  // Non-zero biases, so padding that leaked into a max pool would change the result.
  weights.conv1Bias.assign(tf.fill([6], 0.3));
  weights.conv2Bias.assign(tf.fill([5], 0.2));
  const model = buildLayersModel(tf, config);
  setLayersWeights(tf, model, weights, config);
  return { tf, model, runner: TextCnnRunner.fromLayersModel(tf, model) };
}

describe.each([
  ['both convolutions pooled', base],
  ['the second convolution pooled only', { ...base, poolFirst: false }],
])('TextCnnRunner, %s', (_, config) => {
  it('gives the layers model outputs for padded rows, occluded words and unpadded batches', async () => {
    const { tf, model, runner } = await setup(config);
    const rows = [[5, 9, 12, 3, 44, 17, 8], [7, 7, 1], [20, 0, 31, 2, 59], [4]].map((r) =>
      Int32Array.from(r),
    );
    const reference = async (batch: Int32Array[], length: number) => {
      const ids = tf.tensor2d(
        batch.flatMap((r) => Array.from({ length }, (_, t) => r[t] ?? 0)),
        [batch.length, length],
        'int32',
      );
      const mask = tf.expandDims(tf.cast(tf.notEqual(ids, 0), 'float32'), 2);
      return [...(await (model.predict([ids, mask]) as ReturnType<typeof tf.tensor>).data())];
    };
    const expected = await reference(rows, 11);
    const actual = (await runner.logits(rows, 7)).flatMap((l) => [l.hate, l.extremist]);
    expect(actual.map((x) => x.toFixed(4))).toEqual(expected.map((x) => x.toFixed(4)));

    // Rows of one length with no padding at all take the unmasked path.
    const same = [rows[0]!, Int32Array.from([3, 3, 9, 50, 1, 2, 40])];
    const sameExpected = await reference(same, 12);
    const sameActual = (await runner.logits(same, 7)).flatMap((l) => [l.hate, l.extremist]);
    expect(sameActual.map((x) => x.toFixed(4))).toEqual(sameExpected.map((x) => x.toFixed(4)));
  });

  it('reads a row longer than the length as the row cut there (no word beyond the cut)', async () => {
    const { runner } = await setup(config);
    const long = Int32Array.from([5, 9, 12, 3, 44, 17, 8]);
    const [cut] = await runner.logits([long], 4);
    const [short] = await runner.logits([long.slice(0, 4)], 4);
    expect(cut!.hate).toBeCloseTo(short!.hate, 6);
    expect(cut!.extremist).toBeCloseTo(short!.extremist, 6);
    const [whole] = await runner.logits([long], 7);
    expect(whole!.hate).not.toBeCloseTo(cut!.hate, 6);
  });

  it('scores a row the same whatever else is in its batch', async () => {
    const { runner } = await setup(config);
    const row = Int32Array.from([5, 9, 12, 3]);
    const [alone] = await runner.logits([row], 4);
    const [inBatch] = await runner.logits([row, Int32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9])], 9);
    expect(inBatch!.hate).toBeCloseTo(alone!.hate, 5);
    expect(inBatch!.extremist).toBeCloseTo(alone!.extremist, 5);
  });

  it('leaves no tensor behind, with or without padding', async () => {
    const { tf, runner } = await setup(config);
    const before = tf.memory().numTensors;
    await runner.logits([Int32Array.from([5, 9, 12]), Int32Array.from([4, 0, 7, 8, 9])], 5);
    await runner.logits([Int32Array.from([5, 9, 12])], 3);
    expect(tf.memory().numTensors).toBe(before);
  });
});
