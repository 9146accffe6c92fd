import type { ModelFiles } from '../artifact-contents';

/**
 * One weight of model.json's manifest, read from weights.bin without going through tfjs: the
 * embedding table is most of the artifact, and loading it as a layers model dequantised it
 * into a wasm tensor only for the runner to copy it back out (two 4-byte copies of every value).
 */
export interface StoredWeight {
  shape: number[];
  /** The values as float32, dequantised as tfjs does (`q * scale + min`). */
  values(): Float32Array;
  /** The raw bytes and affine map of a uint8-quantised weight, or null. */
  uint8: { bytes: Uint8Array; scale: number; min: number } | null;
}

type Spec = ModelFiles['modelJson']['weightsManifest'][number]['weights'][number] & {
  quantization?: { dtype: string; scale?: number; min?: number };
};

/**
 * The manifest's weights by name, or null when one is stored in a form this reader does not
 * take (float16 quantisation, a dtype other than float32): the caller then loads through tfjs.
 */
export function readStoredWeights(
  modelJson: ModelFiles['modelJson'],
  buffer: ArrayBuffer,
): Map<string, StoredWeight> | null {
  const out = new Map<string, StoredWeight>();
  let offset = 0;
  for (const spec of modelJson.weightsManifest.flatMap((g) => g.weights) as Spec[]) {
    if (spec.dtype !== 'float32') return null;
    const size = spec.shape.reduce((a, b) => a * b, 1);
    const q = spec.quantization;
    if (!q) {
      const values = new Float32Array(buffer.slice(offset, offset + size * 4));
      out.set(spec.name, { shape: spec.shape, values: () => values, uint8: null });
      offset += size * 4;
      continue;
    }
    if (
      (q.dtype !== 'uint8' && q.dtype !== 'uint16') ||
      q.scale === undefined ||
      q.min === undefined
    )
      return null;
    const bytes = q.dtype === 'uint8' ? 1 : 2;
    const raw =
      q.dtype === 'uint8'
        ? new Uint8Array(buffer, offset, size)
        : new Uint16Array(buffer.slice(offset, offset + size * 2));
    const { scale, min } = q;
    out.set(spec.name, {
      shape: spec.shape,
      values: () => {
        const values = new Float32Array(size);
        for (let i = 0; i < size; i++) values[i] = raw[i]! * scale + min;
        return values;
      },
      uint8: q.dtype === 'uint8' ? { bytes: raw as Uint8Array, scale, min } : null,
    });
    offset += size * bytes;
  }
  if (offset !== buffer.byteLength) return null;
  return out;
}
