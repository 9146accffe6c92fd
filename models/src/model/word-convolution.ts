import type * as tfType from '@tensorflow/tfjs';
import type { EmbeddingTable } from './embedding-table';

/**
 * The first convolution (kernel k, 'same' padding, dilation 1, relu), computed per distinct
 * word instead of per position: a position's output is the bias plus, for each kernel tap, the
 * tap's weights applied to the word at that offset. So each distinct word of a batch is
 * multiplied by the kernel once (one 2-D product, [words, e] × [e, k·f]) and positions only add
 * k rows of that product. A batch of 256 windows of 48 words holds a few thousand distinct
 * words, so the multiply-adds fall several-fold, and the batch's [b, l, e] embedding tensor is
 * never built (the wasm heap grows to a batch's peak and never shrinks).
 * Positions whose id is 0 (padding, an occluded word) are absent: they add nothing and their
 * own output is 0, as the masked convolution of the layers model gives.
 */
export class WordConvolution {
  private readonly taps: number;
  private readonly filters: number;
  /** The kernel as [e, k·f]: column tap·f + o is tap `tap`'s weights of filter o. */
  private readonly byWord: tfType.Tensor2D;

  constructor(
    private readonly tf: typeof tfType,
    private readonly embedding: EmbeddingTable,
    /** The kernel as stored, [k, e, f] row-major. */
    kernel: Float32Array,
    shape: [number, number, number],
    private readonly bias: Float32Array,
  ) {
    const [k, e, f] = shape;
    if (e !== embedding.dim) throw new Error('model.json: conv1 does not read the embedding');
    this.taps = k;
    this.filters = f;
    const columns = new Float32Array(e * k * f);
    for (let tap = 0; tap < k; tap++)
      for (let i = 0; i < e; i++)
        for (let o = 0; o < f; o++)
          columns[i * k * f + tap * f + o] = kernel[(tap * e + i) * f + o]!;
    this.byWord = tf.keep(tf.tensor2d(columns, [e, k * f]));
  }

  /** The relu'd first-convolution output of a batch, [rows, length, f] row-major. */
  async apply(rows: Int32Array[], length: number): Promise<Float32Array> {
    const { tf, embedding, taps: k, filters: f } = this;
    const e = embedding.dim;
    const slot = new Map<number, number>();
    for (const ids of rows)
      for (let t = 0; t < Math.min(length, ids.length); t++) {
        const id = ids[t]!;
        if (id !== 0 && !slot.has(id)) slot.set(id, slot.size);
      }
    const words = new Float32Array(Math.max(1, slot.size) * e);
    for (const [id, s] of slot) embedding.copyRow(id, words, s * e);
    const product = tf.tidy(() =>
      tf.matMul(tf.tensor2d(words, [Math.max(1, slot.size), e]), this.byWord),
    );
    const byWord = (await product.data()) as Float32Array;
    product.dispose();
    const out = new Float32Array(rows.length * length * f);
    // 'same' padding: tap `tap` reads the word at offset tap − before
    const before = Math.floor((k - 1) / 2);
    const acc = new Float32Array(f);
    rows.forEach((ids, row) => {
      const n = Math.min(length, ids.length);
      for (let t = 0; t < n; t++) {
        if (ids[t] === 0) continue;
        acc.set(this.bias);
        for (let tap = 0; tap < k; tap++) {
          const at = t + tap - before;
          if (at < 0 || at >= n || ids[at] === 0) continue;
          const from = slot.get(ids[at]!)! * k * f + tap * f;
          for (let o = 0; o < f; o++) acc[o]! += byWord[from + o]!;
        }
        const to = (row * length + t) * f;
        for (let o = 0; o < f; o++) out[to + o] = acc[o]! > 0 ? acc[o]! : 0;
      }
    });
    return out;
  }

  dispose(): void {
    this.byWord.dispose();
  }
}
