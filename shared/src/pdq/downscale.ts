/**
 * The blur-and-decimate step of PDQ: two passes of a Jarosz box filter along rows and columns
 * (together a tent filter), then point sampling at the centres of a 64×64 grid. Every
 * intermediate value is a 32-bit float, rounded the way the reference's `float` arithmetic
 * rounds it (`Math.fround` after each operation), so the same pixels give the same bits.
 */

const f = Math.fround;

/** Box width per pass: half of one output cell, rounded up (`ceil(old / (2·new))`). */
export function jaroszWindowSize(oldDimension: number, newDimension: number): number {
  return Math.floor((oldDimension + 2 * newDimension - 1) / (2 * newDimension));
}

/**
 * One box pass over `count` vectors of `length` samples at once. Sample `k` of vector `v` is at
 * `v * vectorStep + k * sampleStep`. The window is centred, shrinking at both ends (the
 * reference's four phases: accumulate, grow, slide, shrink).
 */
function boxPass(
  input: Float32Array,
  output: Float32Array,
  offset: number,
  length: number,
  sampleStep: number,
  count: number,
  vectorStep: number,
  window: number,
  sums: Float32Array,
): void {
  const half = Math.floor((window + 2) / 2);
  const growReps = window - half + 1;
  const slideReps = length - window;
  sums.fill(0);
  let size = 0;
  let right = 0;
  let left = 0;
  let out = 0;
  const base0 = offset;
  const add = (k: number) => {
    const base = base0 + k * sampleStep;
    for (let v = 0; v < count; v++) sums[v] = f(sums[v]! + input[base + v * vectorStep]!);
  };
  const sub = (k: number) => {
    const base = base0 + k * sampleStep;
    for (let v = 0; v < count; v++) sums[v] = f(sums[v]! - input[base + v * vectorStep]!);
  };
  const write = () => {
    const base = base0 + out * sampleStep;
    for (let v = 0; v < count; v++) output[base + v * vectorStep] = sums[v]! / size;
    out++;
  };
  for (let i = 0; i < half - 1; i++) (add(right++), size++);
  for (let i = 0; i < growReps; i++) (add(right++), size++, write());
  for (let i = 0; i < slideReps; i++) (add(right++), sub(left++), write());
  for (let i = 0; i < half - 1; i++) (sub(left++), size--, write());
}

/**
 * Blurs `luma` (rows × cols, row-major) in place with `passes` row-then-column box passes;
 * `scratch` is a buffer of the same size.
 */
export function jaroszFilter(
  luma: Float32Array,
  scratch: Float32Array,
  rows: number,
  cols: number,
  windowAlongRows: number,
  windowAlongCols: number,
  passes: number,
): void {
  const oneSum = new Float32Array(1);
  const colSums = new Float32Array(cols);
  for (let p = 0; p < passes; p++) {
    // Along each row, one row at a time (samples are adjacent).
    for (let r = 0; r < rows; r++) {
      boxPass(luma, scratch, r * cols, cols, 1, 1, 0, windowAlongRows, oneSum);
    }
    // Along each column, all columns at once so that memory is read in order.
    boxPass(scratch, luma, 0, rows, cols, cols, 1, windowAlongCols, colSums);
  }
}

/** Samples the centres of an outRows × outCols grid. */
export function decimate(
  input: Float32Array,
  rows: number,
  cols: number,
  outRows: number,
  outCols: number,
): Float32Array {
  const out = new Float32Array(outRows * outCols);
  for (let i = 0; i < outRows; i++) {
    const row = Math.trunc(((i + 0.5) * rows) / outRows);
    for (let j = 0; j < outCols; j++) {
      const col = Math.trunc(((j + 0.5) * cols) / outCols);
      out[i * outCols + j] = input[row * cols + col]!;
    }
  }
  return out;
}
