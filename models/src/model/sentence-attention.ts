import type * as tfType from '@tensorflow/tfjs';

/**
 * The order-aware part of the classifier: one self-attention layer over the second
 * convolution's features, then attention pooling. Each convolution feature sees seven words;
 * attention lets every position read every other one in the window, so a "not", a quotation
 * ("people who say … are wrong") or the target named ten words away can change what an insult
 * feature means before anything is pooled. Convolution features carry the local word order, so
 * the attention itself needs no position embeddings.
 *
 * r = relu(softmax(Q Kᵀ + padding) V Wo + bo + h), both over the window's positions;
 * the classifier reads max(r) and Σ α r with α = softmax(r u + padding).
 * The 1/√k scale of dot-product attention is folded into the query weights.
 */
export interface SentenceAttentionConfig {
  /** Width of the features attended over (the second convolution's filters). */
  width: number;
  /** Width of queries and keys. */
  keyDim: number;
}

export interface SentenceAttentionWeights {
  attnQuery: tfType.Variable;
  attnKey: tfType.Variable;
  attnValue: tfType.Variable;
  attnOut: tfType.Variable;
  attnOutBias: tfType.Variable;
  attnPool: tfType.Variable;
}

/** The same weights as plain tensors (inference: loaded from the artifact). */
export type SentenceAttentionTensors = { [K in keyof SentenceAttentionWeights]: tfType.Tensor };

/** Added to a padded position's attention score: its weight becomes 0 after the softmax. */
export const PADDING_SCORE = -1e4;

export function createAttentionWeights(
  tf: typeof tfType,
  { width: c, keyDim: k }: SentenceAttentionConfig,
  seed: number,
): SentenceAttentionWeights {
  const uniform = (shape: number[], fanIn: number, fanOut: number, s: number) => {
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    return tf.variable(tf.randomUniform(shape, -limit, limit, 'float32', s));
  };
  return {
    attnQuery: uniform([c, k], c, k, seed + 11),
    attnKey: uniform([c, k], c, k, seed + 12),
    attnValue: uniform([c, c], c, c, seed + 13),
    // Starts small: at first r ≈ relu(h), the convolution's features, and attention is learnt
    // on top of what the network already reads.
    attnOut: tf.variable(tf.mul(tf.randomUniform([c, c], -1, 1, 'float32', seed + 14), 0.01)),
    attnOutBias: tf.variable(tf.zeros([c])),
    attnPool: uniform([c, 1], c, 1, seed + 15),
  };
}

/**
 * [max over positions of r, attention-pooled r], each [batch, width], for features `h`
 * [batch, length, width] already zero at padding, `mask` [batch, length, 1] (1 for a token).
 */
export function attend(
  tf: typeof tfType,
  w: SentenceAttentionTensors,
  h: tfType.Tensor3D,
  mask: tfType.Tensor3D,
): [tfType.Tensor2D, tfType.Tensor2D] {
  const [b, l, c] = h.shape;
  const flat = tf.reshape(h, [b * l, c]) as tfType.Tensor2D;
  const k = w.attnQuery.shape[1]!;
  const q = tf.reshape(tf.matMul(flat, w.attnQuery as tfType.Tensor2D), [
    b,
    l,
    k,
  ]) as tfType.Tensor3D;
  const keys = tf.reshape(tf.matMul(flat, w.attnKey as tfType.Tensor2D), [
    b,
    l,
    k,
  ]) as tfType.Tensor3D;
  const v = tf.reshape(tf.matMul(flat, w.attnValue as tfType.Tensor2D), [
    b,
    l,
    c,
  ]) as tfType.Tensor3D;
  // [b, 1, l]: the padding score on every key position that holds no token.
  const keyPadding = tf.reshape(tf.mul(tf.sub(1, mask), PADDING_SCORE), [b, 1, l]);
  const scores = tf.add(tf.matMul(q, keys, false, true), keyPadding);
  const weights = tf.softmax(scores) as tfType.Tensor3D;
  const context = tf.reshape(tf.matMul(weights, v), [b * l, c]) as tfType.Tensor2D;
  const r = tf.mul(
    tf
      .relu(tf.add(tf.add(tf.matMul(context, w.attnOut as tfType.Tensor2D), w.attnOutBias), flat))
      .reshape([b, l, c]),
    mask,
  ) as tfType.Tensor3D;
  const poolScores = tf.add(
    tf.reshape(tf.matMul(tf.reshape(r, [b * l, c]), w.attnPool as tfType.Tensor2D), [b, l, 1]),
    tf.mul(tf.sub(1, mask), PADDING_SCORE),
  );
  // Softmax over positions: [b, l, 1] → [b, 1, l] so the softmax runs on the last axis.
  const alpha = tf.softmax(tf.reshape(poolScores, [b, 1, l])) as tfType.Tensor3D;
  const pooled = tf.reshape(tf.matMul(alpha, r), [b, c]) as tfType.Tensor2D;
  return [tf.max(r, 1) as tfType.Tensor2D, pooled];
}

/**
 * The same computation as tf.layers, for the artifact: `h` the masked second convolution,
 * `mask` [b, l, 1] and `padding` [b, l, 1] (PADDING_SCORE where there is no token, else 0)
 * model inputs. Returns the two pooled outputs, [b, width] each.
 */
export function attentionLayers(
  tf: typeof tfType,
  { width: c, keyDim: k }: SentenceAttentionConfig,
  h: tfType.SymbolicTensor,
  mask: tfType.SymbolicTensor,
  padding: tfType.SymbolicTensor,
): [tfType.SymbolicTensor, tfType.SymbolicTensor] {
  const apply = (
    layer: tfType.layers.Layer,
    input: tfType.SymbolicTensor | tfType.SymbolicTensor[],
  ) => layer.apply(input) as tfType.SymbolicTensor;
  const dense = (units: number, name: string, useBias = false) =>
    tf.layers.dense({ units, useBias, name });
  const q = apply(dense(k, 'attn_query'), h);
  const keys = apply(dense(k, 'attn_key'), h);
  const v = apply(dense(c, 'attn_value'), h);
  const keyPadding = apply(tf.layers.permute({ dims: [2, 1], name: 'attn_key_padding' }), padding);
  const scores = apply(tf.layers.add({ name: 'attn_scores' }), [
    apply(tf.layers.dot({ axes: [2, 2], name: 'attn_dot' }), [q, keys]),
    keyPadding,
  ]);
  const weights = apply(tf.layers.softmax({ axis: -1, name: 'attn_softmax' }), scores);
  const context = apply(tf.layers.dot({ axes: [2, 1], name: 'attn_context' }), [weights, v]);
  const residual = apply(tf.layers.add({ name: 'attn_residual' }), [
    apply(dense(c, 'attn_out', true), context),
    h,
  ]);
  const r = apply(tf.layers.multiply({ name: 'attn_masked' }), [
    apply(tf.layers.activation({ activation: 'relu', name: 'attn_relu' }), residual),
    mask,
  ]);
  const poolScores = apply(tf.layers.add({ name: 'attn_pool_scores' }), [
    apply(dense(1, 'attn_pool'), r),
    padding,
  ]);
  // Positions onto the last axis ([b, l, 1] → [b, 1, l]): tfjs's softmax runs only there.
  const alpha = apply(
    tf.layers.softmax({ axis: -1, name: 'attn_pool_softmax' }),
    apply(tf.layers.permute({ dims: [2, 1], name: 'attn_pool_positions' }), poolScores),
  );
  const pooled = apply(
    tf.layers.flatten({ name: 'attn_pooled' }),
    apply(tf.layers.dot({ axes: [2, 1], name: 'attn_pool_dot' }), [alpha, r]),
  );
  const maxed = apply(tf.layers.globalMaxPooling1d({ name: 'attn_max' }), r);
  return [maxed, pooled];
}

/** Reads the attention weights back out of a loaded layers model; null for the CNN alone. */
export function attentionTensorsOf(model: tfType.LayersModel): SentenceAttentionTensors | null {
  if (!model.layers.some((layer) => layer.name === 'attn_query')) return null;
  const [attnQuery] = model.getLayer('attn_query').getWeights();
  const [attnKey] = model.getLayer('attn_key').getWeights();
  const [attnValue] = model.getLayer('attn_value').getWeights();
  const [attnOut, attnOutBias] = model.getLayer('attn_out').getWeights();
  const [attnPool] = model.getLayer('attn_pool').getWeights();
  if (!attnQuery || !attnKey || !attnValue || !attnOut || !attnOutBias || !attnPool)
    throw new Error('model.json: the attention layer is missing a weight');
  return { attnQuery, attnKey, attnValue, attnOut, attnOutBias, attnPool };
}

/** Copies trained attention weights into the layers of {@link attentionLayers}. */
export function setAttentionLayerWeights(
  model: tfType.LayersModel,
  w: SentenceAttentionWeights,
): void {
  model.getLayer('attn_query').setWeights([w.attnQuery]);
  model.getLayer('attn_key').setWeights([w.attnKey]);
  model.getLayer('attn_value').setWeights([w.attnValue]);
  model.getLayer('attn_out').setWeights([w.attnOut, w.attnOutBias]);
  model.getLayer('attn_pool').setWeights([w.attnPool]);
}
