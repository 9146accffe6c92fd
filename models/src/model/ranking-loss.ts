import type * as tfType from '@tensorflow/tfjs';

/**
 * Pairwise ranking loss on one label's logit (`column` of `logits` [batch, labels]; hate is 0,
 * extremist 1): mean softplus(margin - (violating - lawful)) over the `count` pairs whose
 * violating twins are rows `violatingFrom …` and lawful twins rows `lawfulFrom …`. Near zero
 * once every lawful twin scores at least `margin` below its violating twin; its gradient lowers
 * the lawful logit and raises the violating one by the same amount, so only what differs between
 * the twins can satisfy it.
 */
export function pairRankingLoss(
  tf: typeof tfType,
  logits: tfType.Tensor2D,
  pairs: { violatingFrom: number; lawfulFrom: number; count: number; column: number },
  margin: number,
): tfType.Scalar {
  const logit = (from: number) =>
    tf.reshape(tf.slice(logits, [from, pairs.column], [pairs.count, 1]), [pairs.count]);
  const gap = tf.sub(logit(pairs.violatingFrom), logit(pairs.lawfulFrom));
  return tf.mean(tf.softplus(tf.sub(margin, gap))) as tfType.Scalar;
}
