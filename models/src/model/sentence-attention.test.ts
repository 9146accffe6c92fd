import type * as tfType from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../contrast/expand';
import { initWasm } from './backend';
import { TextCnnRunner } from './text-cnn-runner';
import { PADDING_SCORE } from './sentence-attention';
import {
  buildLayersModel,
  createWeights,
  forward,
  setLayersWeights,
  type TextCnnConfig,
} from './text-cnn';

const config: TextCnnConfig = {
  vocabularySize: 50,
  embeddingDim: 8,
  filters1: 6,
  filters2: 5,
  hidden: 4,
  dropout: 0.5,
  attention: { keyDim: 4 },
};

async function trainedLike() {
  const tf = await initWasm();
  const random = seededRandom(7);
  const weights = createWeights(
    tf,
    config,
    Float32Array.from({ length: 50 * 8 }, () => random() - 0.5),
    3,
  );
  // Make the attention output matter (it starts near zero).
  weights.attnOut!.assign(tf.randomUniform([5, 5], -1, 1, 'float32', 9));
  return { tf, weights };
}

describe('the order-aware (attention) classifier', () => {
  it('trains as ops, ships as layers and runs fused, all with the same outputs', async () => {
    const { tf, weights } = await trainedLike();
    const rows = [
      [5, 9, 12, 3, 44, 0, 0, 0, 0],
      [7, 7, 1, 0, 0, 0, 0, 0, 0],
    ];
    const ids = tf.tensor2d(rows, [2, 9], 'int32');
    const expected = await tf.sigmoid(forward(tf, weights, ids, config, false)).data();
    const model = buildLayersModel(tf, config);
    setLayersWeights(tf, model, weights, config);
    const mask = tf.expandDims(tf.cast(tf.notEqual(ids, 0), 'float32'), 2);
    const padding = tf.mul(tf.sub(1, mask), PADDING_SCORE);
    const layers = await tf.sigmoid(model.predict([ids, mask, padding]) as tfType.Tensor).data();
    expect([...layers].map((x) => x.toFixed(5))).toEqual([...expected].map((x) => x.toFixed(5)));
    const runner = TextCnnRunner.fromLayersModel(tf, model);
    const logits = await runner.logits(
      rows.map((r) => Int32Array.from(r)),
      9,
    );
    const actual = logits.flatMap((l) => [l.hate, l.extremist]).map((x) => 1 / (1 + Math.exp(-x)));
    expect(actual.map((x) => x.toFixed(5))).toEqual([...expected].map((x) => x.toFixed(5)));
    runner.dispose();
  });

  it('gives scores that do not depend on how much padding follows', async () => {
    const { tf, weights } = await trainedLike();
    const run = (length: number) =>
      tf
        .sigmoid(
          forward(
            tf,
            weights,
            tf.tensor2d([[5, 9, 12, ...new Array(length - 3).fill(0)]], [1, length], 'int32'),
            config,
            false,
          ),
        )
        .data();
    const [short, long] = [await run(7), await run(23)];
    expect([...long].map((x) => x.toFixed(6))).toEqual([...short].map((x) => x.toFixed(6)));
  });
});
