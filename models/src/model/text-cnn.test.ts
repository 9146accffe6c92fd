import { describe, expect, it } from 'vitest';
import { initWasm } from './backend';
import {
  buildLayersModel,
  createWeights,
  forward,
  forwardAll,
  setLayersWeights,
  type TextCnnConfig,
} from './text-cnn';
import { seededRandom } from '../contrast/expand';

const config: TextCnnConfig = {
  vocabularySize: 50,
  embeddingDim: 8,
  filters1: 6,
  filters2: 5,
  hidden: 4,
  dropout: 0.5,
};

describe('text CNN on the wasm backend', () => {
  it.each([
    ['both convolutions pooled', config],
    ['the second convolution pooled only', { ...config, poolFirst: false }],
    ['an auxiliary head trained and dropped', { ...config, auxiliaryHeads: 1 }],
  ])(
    'trains as unfold + matMul and ships as conv1d layers with the same outputs (%s)',
    async (_, config) => {
      const tf = await initWasm();
      expect(tf.getBackend()).toBe('wasm');
      const random = seededRandom(1);
      const weights = createWeights(
        tf,
        config,
        Float32Array.from({ length: 50 * 8 }, () => random() - 0.5),
        3,
      );
      const ids = tf.tensor2d(
        [
          [5, 9, 12, 3, 44, 0, 0, 0, 0],
          [7, 7, 1, 0, 0, 0, 0, 0, 0],
        ],
        [2, 9],
        'int32',
      );
      const mask = tf.expandDims(tf.cast(tf.notEqual(ids, 0), 'float32'), 2);
      const expected = await tf.sigmoid(forward(tf, weights, ids, config, false)).data();
      const model = buildLayersModel(tf, config);
      setLayersWeights(tf, model, weights, config);
      const actual = await tf
        .sigmoid(model.predict([ids, mask]) as ReturnType<typeof tf.tensor>)
        .data();
      expect([...actual].map((x) => x.toFixed(5))).toEqual([...expected].map((x) => x.toFixed(5)));
    },
  );

  it('gives scores that do not depend on how much padding follows', async () => {
    const tf = await initWasm();
    const weights = createWeights(tf, config, new Float32Array(50 * 8).fill(0.1), 5);
    const short = await tf
      .sigmoid(
        forward(tf, weights, tf.tensor2d([[5, 9, 12, 0, 0, 0, 0]], [1, 7], 'int32'), config, false),
      )
      .data();
    const long = await tf
      .sigmoid(
        forward(
          tf,
          weights,
          tf.tensor2d([[5, 9, 12, ...new Array(20).fill(0)]], [1, 23], 'int32'),
          config,
          false,
        ),
      )
      .data();
    expect([...long]).toEqual([...short]);
  });

  it('computes the embedding gradient on wasm (plain-JS UnsortedSegmentSum)', async () => {
    const tf = await initWasm();
    const table = tf.variable(
      tf.tensor2d([
        [1, 2],
        [3, 4],
        [5, 6],
      ]),
    );
    const grads = tf.grads((t: ReturnType<typeof tf.tensor>) =>
      tf.sum(tf.gather(t, tf.tensor1d([2, 0, 2], 'int32'))),
    );
    const [g] = grads([table]);
    expect(await g!.array()).toEqual([
      [1, 1],
      [0, 0],
      [2, 2],
    ]);
  });

  it('computes the auxiliary head after the labels, which forward leaves out', async () => {
    const tf = await initWasm();
    const aux = { ...config, auxiliaryHeads: 1 };
    const weights = createWeights(tf, aux, new Float32Array(50 * 8).fill(0.1), 5);
    const ids = tf.tensor2d([[5, 9, 12, 3]], [1, 4], 'int32');
    const all = forwardAll(tf, weights, ids, aux, false);
    const labels = forward(tf, weights, ids, aux, false);
    expect(all.shape).toEqual([1, 3]);
    expect(labels.shape).toEqual([1, 2]);
    expect([...(await labels.data())]).toEqual([...(await all.data())].slice(0, 2));
  });
});
