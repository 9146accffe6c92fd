import type * as tfType from '@tensorflow/tfjs';
import { PADDING_SCORE } from './sentence-attention';
import { TextCnnRunner, type WindowLogits } from './text-cnn-runner';

/** What inference needs of a network: logits per window, and freeing its weights. */
export interface WindowRunner {
  logits(rows: Int32Array[], length: number): Promise<WindowLogits[]>;
  dispose(): void;
}

/**
 * Runs the attention model (a layers model with inputs ids, mask and padding) through
 * `model.predict`: its attention layers have no fused equivalent in {@link TextCnnRunner}.
 */
export class LayersModelRunner implements WindowRunner {
  constructor(
    private readonly tf: typeof tfType,
    private readonly model: tfType.LayersModel,
  ) {}

  async logits(rows: Int32Array[], length: number): Promise<WindowLogits[]> {
    const { tf } = this;
    const b = rows.length;
    const l = Math.max(1, length);
    const ids = new Int32Array(b * l);
    const mask = new Float32Array(b * l);
    const padding = new Float32Array(b * l).fill(PADDING_SCORE);
    rows.forEach((row, r) => {
      for (let t = 0; t < l; t++) {
        const id = row[t] ?? 0;
        if (id === 0) continue;
        ids[r * l + t] = id;
        mask[r * l + t] = 1;
        padding[r * l + t] = 0;
      }
    });
    const out = tf.tidy(
      () =>
        this.model.predict([
          tf.tensor2d(ids, [b, l], 'int32'),
          tf.tensor3d(mask, [b, l, 1]),
          tf.tensor3d(padding, [b, l, 1]),
        ]) as tfType.Tensor,
    );
    const data = await out.data();
    out.dispose();
    return rows.map((_, r) => ({ hate: data[2 * r]!, extremist: data[2 * r + 1]! }));
  }

  dispose(): void {
    this.model.dispose();
  }
}

/**
 * The fastest runner for a loaded model: the fused CNN runner (the model may then be disposed:
 * `ownsModel` false) or, for the attention model, the layers model itself.
 */
export function runnerFor(
  tf: typeof tfType,
  model: tfType.LayersModel,
): { runner: WindowRunner; ownsModel: boolean } {
  if (model.layers.some((layer) => layer.name === 'attn_query'))
    return { runner: new LayersModelRunner(tf, model), ownsModel: true };
  return { runner: TextCnnRunner.fromLayersModel(tf, model), ownsModel: false };
}
