import type * as tfType from '@tensorflow/tfjs';
import type { StoredWeight } from './artifact-weights';
import { floatEmbeddingTable, uint8EmbeddingTable, type EmbeddingTable } from './embedding-table';
import { attend, attentionTensorsOf, type SentenceAttentionTensors } from './sentence-attention';
import { WordConvolution } from './word-convolution';

/** Logits of one window. */
export interface WindowLogits {
  hate: number;
  extremist: number;
}

/**
 * Runs the shipped text CNN (the layers model of {@link buildLayersModel}, as loaded from
 * model.json) with fused ops instead of `model.predict`: the first convolution is computed per
 * distinct word of a batch (word-convolution.ts; its embedding rows are copied out of a JS
 * table, because tfjs's wasm Gather was the slowest step, and a uint8 table stays quantised),
 * the second is one fused conv + bias + relu, and the padding mask is applied only where a batch
 * has padding or an occluded word. Same outputs as the layers model (a test checks this).
 */
export class TextCnnRunner {
  private constructor(
    private readonly tf: typeof tfType,
    /** The first convolution, per distinct word of a batch. */
    private readonly conv1: WordConvolution,
    private readonly weights: {
      conv2: { filter: tfType.Tensor4D; bias: tfType.Tensor1D; dilation: number };
      hidden: { kernel: tfType.Tensor2D; bias: tfType.Tensor1D };
      scores: { kernel: tfType.Tensor2D; bias: tfType.Tensor1D };
    },
    /** Whether the first convolution is pooled into the dense layer (the model has `pool1`). */
    private readonly poolFirst: boolean,
    /** The self-attention layer over the second convolution (the order-aware model), or null. */
    private readonly attention: SentenceAttentionTensors | null = null,
  ) {}

  /** Takes the weights out of a loaded layers model (which the caller may then dispose). */
  static fromLayersModel(tf: typeof tfType, model: tfType.LayersModel): TextCnnRunner {
    const layer = (name: string) => model.getLayer(name);
    const [table] = layer('embedding').getWeights();
    const [k1, b1] = layer('conv1').getWeights();
    const [k2, b2] = layer('conv2').getWeights();
    const [kh, bh] = layer('hidden').getWeights();
    const [ko, bo] = layer('scores').getWeights();
    if (!table || !k1 || !b1 || !k2 || !b2 || !kh || !bh || !ko || !bo)
      throw new Error('model.json: the text CNN is missing a layer weight');
    const dilationRate = (layer('conv2').getConfig() as { dilationRate?: number | number[] })
      .dilationRate;
    const dilation = Array.isArray(dilationRate) ? (dilationRate[0] ?? 1) : (dilationRate ?? 1);
    // conv1d kernels [k, in, out] become conv2d filters [1, k, in, out] over a [b, 1, l, c] input.
    const keep = <T extends tfType.Tensor>(t: T) => tf.keep(t);
    const poolFirst = model.layers.some((l) => l.name === 'pool1');
    const attention = attentionTensorsOf(model);
    return new TextCnnRunner(
      tf,
      new WordConvolution(
        tf,
        floatEmbeddingTable(table.dataSync() as Float32Array, table.shape[1]!),
        k1.dataSync() as Float32Array,
        k1.shape as [number, number, number],
        b1.dataSync() as Float32Array,
      ),
      {
        conv2: {
          filter: keep(tf.expandDims(k2, 0)),
          bias: keep(tf.clone(b2)) as tfType.Tensor1D,
          dilation,
        },
        hidden: {
          kernel: keep(tf.clone(kh)) as tfType.Tensor2D,
          bias: keep(tf.clone(bh)) as tfType.Tensor1D,
        },
        scores: {
          kernel: keep(tf.clone(ko)) as tfType.Tensor2D,
          bias: keep(tf.clone(bo)) as tfType.Tensor1D,
        },
      },
      poolFirst,
      attention
        ? (Object.fromEntries(
            Object.entries(attention).map(([k, t]) => [k, tf.keep(tf.clone(t))]),
          ) as SentenceAttentionTensors)
        : null,
    );
  }

  /**
   * Builds the runner straight from weights.bin for the plain text CNN (no attention layer),
   * keeping a uint8 embedding quantised: no layers model, no wasm copy of the table.
   */
  static fromStoredWeights(
    tf: typeof tfType,
    weights: Map<string, StoredWeight>,
    structure: { dilation: number; poolFirst: boolean },
  ): TextCnnRunner {
    const get = (name: string) => {
      const w = weights.get(name);
      if (!w) throw new Error(`model.json: the text CNN is missing ${name}`);
      return w;
    };
    const table = get('embedding/embeddings');
    const dim = table.shape[1]!;
    const tensor = (name: string) => {
      const w = get(name);
      return tf.keep(tf.tensor(w.values(), w.shape));
    };
    const filter = (name: string) => {
      const w = get(name);
      return tf.keep(tf.tensor4d(w.values(), [1, ...(w.shape as [number, number, number])]));
    };
    const conv1 = get('conv1/kernel');
    return new TextCnnRunner(
      tf,
      new WordConvolution(
        tf,
        table.uint8
          ? uint8EmbeddingTable(table.uint8.bytes, table.uint8.scale, table.uint8.min, dim)
          : floatEmbeddingTable(table.values(), dim),
        conv1.values(),
        conv1.shape as [number, number, number],
        get('conv1/bias').values(),
      ),
      {
        conv2: {
          filter: filter('conv2/kernel'),
          bias: tensor('conv2/bias') as tfType.Tensor1D,
          dilation: structure.dilation,
        },
        hidden: {
          kernel: tensor('hidden/kernel') as tfType.Tensor2D,
          bias: tensor('hidden/bias') as tfType.Tensor1D,
        },
        scores: {
          kernel: tensor('scores/kernel') as tfType.Tensor2D,
          bias: tensor('scores/bias') as tfType.Tensor1D,
        },
      },
      structure.poolFirst,
    );
  }

  /**
   * Logits for a batch of id sequences (id 0 = padding or an occluded word, scored as absent).
   * All rows are cut or padded to `length`; use the longest row's token count.
   */
  async logits(rows: Int32Array[], length: number): Promise<WindowLogits[]> {
    const { tf, weights: w } = this;
    const b = rows.length;
    const l = Math.max(1, length);
    const mask = new Float32Array(b * l);
    let masked = false;
    rows.forEach((ids, row) => {
      for (let t = 0; t < l; t++) {
        if ((ids[t] ?? 0) === 0) masked = true;
        else mask[row * l + t] = 1;
      }
    });
    const first = await this.conv1.apply(rows, l);
    // Intermediates are freed as soon as the next step has them: the wasm heap grows to the
    // peak a batch needs and never shrinks, so the peak is what the page pays for.
    const m = masked ? tf.tensor4d(mask, [b, 1, l, 1]) : null;
    const step = <T extends tfType.Tensor>(inputs: tfType.Tensor[], f: () => T): T => {
      const t = f();
      inputs.forEach((i) => i.dispose());
      return t;
    };
    const applyMask = (t: tfType.Tensor4D): tfType.Tensor4D =>
      m ? step([t], () => tf.mul(t, m) as tfType.Tensor4D) : t;
    // One fused conv + bias + relu, the input freed as soon as it is used, then the mask.
    const conv = (t: tfType.Tensor4D, layer: typeof w.conv2, dilation: number) =>
      applyMask(
        step([t], () =>
          tf.fused.conv2d({
            x: t,
            filter: layer.filter,
            strides: 1,
            pad: 'same',
            dilations: [1, dilation],
            bias: layer.bias,
            activation: 'relu',
          }),
        ),
      );
    const h1 = tf.tensor4d(first, [b, 1, l, first.length / (b * l)]);
    // Masked positions are 0 and relu outputs are >= 0, so they never change a max. A max
    // pool over the whole row is ten times faster on wasm than tf.max over the length axis.
    const pool = (t: tfType.Tensor4D) =>
      tf.tidy(() => tf.reshape(tf.maxPool(t, [1, l], [1, l], 'valid'), [b, -1]) as tfType.Tensor2D);
    const pooled1 = this.poolFirst ? pool(h1) : null;
    const h2 = conv(h1, w.conv2, w.conv2.dilation);
    const attended = this.attention ? this.attend(h2, mask, b, l) : [];
    const pooled2 = step([h2], () => pool(h2));
    m?.dispose();
    const pools = [...(pooled1 ? [pooled1] : []), pooled2, ...attended];
    const out = step(pools, () =>
      tf.tidy(() => {
        const hidden = tf.fused.matMul({
          a: pools.length === 1 ? pooled2 : (tf.concat(pools, 1) as tfType.Tensor2D),
          b: w.hidden.kernel,
          bias: w.hidden.bias,
          activation: 'relu',
        });
        return tf.fused.matMul({ a: hidden, b: w.scores.kernel, bias: w.scores.bias });
      }),
    );
    const data = await out.data();
    out.dispose();
    return rows.map((_, row) => ({ hate: data[2 * row]!, extremist: data[2 * row + 1]! }));
  }

  /** [max, attention pool] of the attention layer over `h2` ([b, 1, l, c], zero at padding). */
  private attend(h2: tfType.Tensor4D, mask: Float32Array, b: number, l: number) {
    const { tf } = this;
    return tf.tidy(() =>
      attend(
        tf,
        this.attention!,
        tf.reshape(h2, [b, l, h2.shape[3]]) as tfType.Tensor3D,
        tf.tensor3d(mask, [b, l, 1]),
      ),
    );
  }

  /** Frees the weight tensors. */
  dispose(): void {
    this.conv1.dispose();
    if (this.attention) for (const t of Object.values(this.attention)) t.dispose();
    for (const part of Object.values(this.weights))
      for (const t of Object.values(part)) if (typeof t !== 'number') t.dispose();
  }
}
