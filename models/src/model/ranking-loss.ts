import type * as tfType from '@tensorflow/tfjs';

/**
 * Pairwise ranking loss on the hate logit: mean softplus(margin - (hateful - lawful)) over the
 * `count` pairs whose hateful twins are rows `hatefulFrom …` and lawful twins rows `lawfulFrom …`
 * of `logits` [batch, labels] (hate is column 0). Near zero once every lawful twin scores at
 * least `margin` below its hateful twin; its gradient lowers the lawful logit and raises the
 * hateful one by the same amount, so only what differs between the twins can satisfy it.
 */
export function pairRankingLoss(
  tf: typeof tfType,
  logits: tfType.Tensor2D,
  pairs: { hatefulFrom: number; lawfulFrom: number; count: number },
  margin: number,
): tfType.Scalar {
  const hate = (from: number) =>
    tf.reshape(tf.slice(logits, [from, 0], [pairs.count, 1]), [pairs.count]);
  const gap = tf.sub(hate(pairs.hatefulFrom), hate(pairs.lawfulFrom));
  return tf.mean(tf.softplus(tf.sub(margin, gap))) as tfType.Scalar;
}
