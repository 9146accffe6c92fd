import type * as tfType from '@tensorflow/tfjs';
import {
  attend,
  attentionLayers,
  createAttentionWeights,
  setAttentionLayerWeights,
  type SentenceAttentionWeights,
} from './sentence-attention';

/** Architecture of the classifier: a two-layer 1-D convolutional network over word ids. */
export interface TextCnnConfig {
  vocabularySize: number;
  embeddingDim: number;
  /** Filters of the first convolution (kernel 3). */
  filters1: number;
  /** Filters of the second convolution (kernel 3, dilation 2: it sees 7 words). */
  filters2: number;
  hidden: number;
  dropout: number;
  /**
   * Whether the first convolution's features are pooled into the dense layer too (default true).
   * Without them every feature the classifier sees has a 7-word context, so an insult detector
   * cannot bypass the words that negate or quote it.
   */
  poolFirst?: boolean;
  /**
   * Self-attention over the second convolution's features (sentence-attention.ts): the
   * order-aware candidate. Absent in the CNN-only model.
   */
  attention?: { keyDim: number };
  /**
   * Extra logits after the two labels, trained as auxiliary tasks (the hostile-language head)
   * and dropped from the shipped model: they shape the shared features only.
   */
  auxiliaryHeads?: number;
}

export const LABELS = ['hate', 'extremist'] as const;

/** The trainable weights, in the order the Keras-style inference model expects them. */
export interface TextCnnWeights {
  embedding: tfType.Variable;
  conv1Kernel: tfType.Variable;
  conv1Bias: tfType.Variable;
  conv2Kernel: tfType.Variable;
  conv2Bias: tfType.Variable;
  denseKernel: tfType.Variable;
  denseBias: tfType.Variable;
  outKernel: tfType.Variable;
  outBias: tfType.Variable;
}

/** The CNN's weights and, for the attention model, the attention layer's. */
export type ClassifierWeights = TextCnnWeights & Partial<SentenceAttentionWeights>;

/** Creates the weights; the embedding starts from `initialEmbedding` (pretrained vectors). */
export function createWeights(
  tf: typeof tfType,
  config: TextCnnConfig,
  initialEmbedding: Float32Array,
  seed: number,
): ClassifierWeights {
  const { vocabularySize: v, embeddingDim: e, filters1: f1, filters2: f2, hidden: h } = config;
  const glorot = (shape: number[], fanIn: number, fanOut: number, s: number) =>
    tf.variable(
      tf.randomUniform(
        shape,
        -Math.sqrt(6 / (fanIn + fanOut)),
        Math.sqrt(6 / (fanIn + fanOut)),
        'float32',
        s,
      ),
    );
  return {
    embedding: tf.variable(tf.tensor2d(initialEmbedding, [v, e])),
    conv1Kernel: glorot([3 * e, f1], 3 * e, f1, seed + 1),
    conv1Bias: tf.variable(tf.zeros([f1])),
    conv2Kernel: glorot([3 * f1, f2], 3 * f1, f2, seed + 2),
    conv2Bias: tf.variable(tf.zeros([f2])),
    denseKernel: glorot([pooledWidth(config), h], pooledWidth(config), h, seed + 3),
    denseBias: tf.variable(tf.zeros([h])),
    outKernel: glorot([h, outputs(config)], h, outputs(config), seed + 4),
    outBias: tf.variable(tf.fill([outputs(config)], -1.5)),
    ...(config.attention
      ? createAttentionWeights(tf, { width: f2, keyDim: config.attention.keyDim }, seed)
      : {}),
  };
}

/** Logits the training network computes: the labels', then the auxiliary heads'. */
export function outputs(config: TextCnnConfig): number {
  return LABELS.length + (config.auxiliaryHeads ?? 0);
}

/** Features the dense layer reads: both convolutions' pools, or the second one's only. */
function pooledWidth(config: TextCnnConfig): number {
  return (
    (config.poolFirst === false ? 0 : config.filters1) +
    config.filters2 +
    (config.attention ? 2 * config.filters2 : 0)
  );
}

/** [x(t-d), x(t), x(t+d)] along channels, zero beyond the ends: a "same" conv1d as a matMul. */
function unfold(tf: typeof tfType, x: tfType.Tensor3D, dilation: number): tfType.Tensor2D {
  const [b, l, c] = x.shape;
  const padded = tf.pad(x, [
    [0, 0],
    [dilation, dilation],
    [0, 0],
  ]);
  const left = tf.slice(padded, [0, 0, 0], [b, l, c]);
  const right = tf.slice(padded, [0, 2 * dilation, 0], [b, l, c]);
  return tf.reshape(tf.concat([left, x, right], 2), [b * l, 3 * c]);
}

/** The labels' logits [batch, 2] (the auxiliary heads dropped): what the shipped model computes. */
export function forward(
  tf: typeof tfType,
  w: ClassifierWeights,
  ids: tfType.Tensor2D,
  config: TextCnnConfig,
  training: boolean,
): tfType.Tensor2D {
  const all = forwardAll(tf, w, ids, config, training);
  return config.auxiliaryHeads ? tf.slice(all, [0, 0], [-1, LABELS.length]) : all;
}

/**
 * Logits [batch, labels + auxiliary heads] for a batch of id sequences [batch, length]. Written
 * with ops whose gradients the wasm backend has; numerically the same network as
 * {@link buildLayersModel} on the labels' columns.
 */
export function forwardAll(
  tf: typeof tfType,
  w: ClassifierWeights,
  ids: tfType.Tensor2D,
  config: TextCnnConfig,
  training: boolean,
): tfType.Tensor2D {
  const [b, l] = ids.shape;
  const mask = tf.expandDims(tf.cast(tf.notEqual(ids, 0), 'float32'), 2) as tfType.Tensor3D;
  const x = tf.mul(
    tf.reshape(tf.gather(w.embedding, tf.reshape(ids, [-1])), [b, l, config.embeddingDim]),
    mask,
  ) as tfType.Tensor3D;
  const h1 = tf.relu(tf.add(tf.matMul(unfold(tf, x, 1), w.conv1Kernel), w.conv1Bias));
  const h1seq = tf.mul(tf.reshape(h1, [b, l, config.filters1]), mask) as tfType.Tensor3D;
  const h2 = tf.relu(tf.add(tf.matMul(unfold(tf, h1seq, 2), w.conv2Kernel), w.conv2Bias));
  const h2seq = tf.mul(tf.reshape(h2, [b, l, config.filters2]), mask) as tfType.Tensor3D;
  const pools: tfType.Tensor2D[] = [
    ...(config.poolFirst === false ? [] : [tf.max(h1seq, 1) as tfType.Tensor2D]),
    tf.max(h2seq, 1) as tfType.Tensor2D,
    ...(config.attention ? attend(tf, w as SentenceAttentionWeights, h2seq, mask) : []),
  ];
  let pooled = (pools.length === 1 ? pools[0]! : tf.concat(pools, 1)) as tfType.Tensor2D;
  if (training && config.dropout > 0)
    pooled = tf.dropout(pooled, config.dropout) as tfType.Tensor2D;
  let hidden = tf.relu(tf.add(tf.matMul(pooled, w.denseKernel), w.denseBias)) as tfType.Tensor2D;
  if (training && config.dropout > 0)
    hidden = tf.dropout(hidden, config.dropout) as tfType.Tensor2D;
  return tf.add(tf.matMul(hidden, w.outKernel), w.outBias) as tfType.Tensor2D;
}

/**
 * The inference network as a tf.layers model (embedding, conv1d, dilated conv1d, global max
 * pools, dense, linear logits), so the artifact is a standard model.json that tf.loadLayersModel reads.
 * Inputs: `ids` [batch, length] and `mask` [batch, length, 1] (1 for a token, 0 for padding):
 * padded positions are zeroed after every layer, so scores do not depend on padding.
 */
export function buildLayersModel(tf: typeof tfType, config: TextCnnConfig): tfType.LayersModel {
  const input = tf.input({ shape: [null], dtype: 'int32', name: 'ids' });
  const mask = tf.input({ shape: [null, 1], dtype: 'float32', name: 'mask' });
  // PADDING_SCORE where there is no token, else 0 (attention model only).
  const padding = config.attention
    ? tf.input({ shape: [null, 1], dtype: 'float32', name: 'padding' })
    : null;
  const masked = (t: tfType.SymbolicTensor, name: string) =>
    tf.layers.multiply({ name }).apply([t, mask]) as tfType.SymbolicTensor;
  const x = masked(
    tf.layers
      .embedding({
        inputDim: config.vocabularySize,
        outputDim: config.embeddingDim,
        name: 'embedding',
      })
      .apply(input) as tfType.SymbolicTensor,
    'mask0',
  );
  const h1 = masked(
    tf.layers
      .conv1d({
        filters: config.filters1,
        kernelSize: 3,
        padding: 'same',
        activation: 'relu',
        name: 'conv1',
      })
      .apply(x) as tfType.SymbolicTensor,
    'mask1',
  );
  const h2 = masked(
    tf.layers
      .conv1d({
        filters: config.filters2,
        kernelSize: 3,
        dilationRate: 2,
        padding: 'same',
        activation: 'relu',
        name: 'conv2',
      })
      .apply(h1) as tfType.SymbolicTensor,
    'mask2',
  );
  const p2 = tf.layers.globalMaxPooling1d({ name: 'pool2' }).apply(h2) as tfType.SymbolicTensor;
  const pools = [
    ...(config.poolFirst === false
      ? []
      : [tf.layers.globalMaxPooling1d({ name: 'pool1' }).apply(h1) as tfType.SymbolicTensor]),
    p2,
    ...(config.attention && padding
      ? attentionLayers(
          tf,
          { width: config.filters2, keyDim: config.attention.keyDim },
          h2,
          mask,
          padding,
        )
      : []),
  ];
  const pooled =
    pools.length === 1
      ? p2
      : (tf.layers.concatenate({ name: 'pooled' }).apply(pools) as tfType.SymbolicTensor);
  const hidden = tf.layers
    .dense({ units: config.hidden, activation: 'relu', name: 'hidden' })
    .apply(pooled) as tfType.SymbolicTensor;
  // Logits, not probabilities: inference applies the sigmoid, and evidence measures how much
  // removing a word lowers the logit (a probability near 1 would hide that).
  const out = tf.layers
    .dense({ units: LABELS.length, activation: 'linear', name: 'scores' })
    .apply(hidden) as tfType.SymbolicTensor;
  return tf.model({
    inputs: padding ? [input, mask, padding] : [input, mask],
    outputs: out,
    name: 'counterweight_text_cnn',
  });
}

/** Copies trained weights into the layers model (conv kernels reshaped to [3, in, out]). */
export function setLayersWeights(
  tf: typeof tfType,
  model: tfType.LayersModel,
  w: ClassifierWeights,
  config: TextCnnConfig,
): void {
  model.getLayer('embedding').setWeights([w.embedding]);
  model
    .getLayer('conv1')
    .setWeights([
      tf.reshape(w.conv1Kernel, [3, config.embeddingDim, config.filters1]),
      w.conv1Bias,
    ]);
  model
    .getLayer('conv2')
    .setWeights([tf.reshape(w.conv2Kernel, [3, config.filters1, config.filters2]), w.conv2Bias]);
  model.getLayer('hidden').setWeights([w.denseKernel, w.denseBias]);
  model
    .getLayer('scores')
    .setWeights(
      config.auxiliaryHeads
        ? [
            tf.slice(w.outKernel, [0, 0], [-1, LABELS.length]),
            tf.slice(w.outBias, [0], [LABELS.length]),
          ]
        : [w.outKernel, w.outBias],
    );
  if (config.attention) setAttentionLayerWeights(model, w as SentenceAttentionWeights);
}
