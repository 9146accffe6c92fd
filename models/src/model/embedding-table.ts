/**
 * The embedding rows the runner copies into each batch. A uint8-quantised table stays quantised
 * (a quarter of the memory) and is dequantised row by row as it is copied, with the same
 * formula tfjs uses, so scores do not change.
 */
export interface EmbeddingTable {
  readonly dim: number;
  /** Writes row `id` into `out` from `at`. */
  copyRow(id: number, out: Float32Array, at: number): void;
}

export function floatEmbeddingTable(values: Float32Array, dim: number): EmbeddingTable {
  return {
    dim,
    copyRow: (id, out, at) => out.set(values.subarray(id * dim, id * dim + dim), at),
  };
}

export function uint8EmbeddingTable(
  bytes: Uint8Array,
  scale: number,
  min: number,
  dim: number,
): EmbeddingTable {
  return {
    dim,
    copyRow: (id, out, at) => {
      const from = id * dim;
      for (let j = 0; j < dim; j++) out[at + j] = bytes[from + j]! * scale + min;
    },
  };
}
