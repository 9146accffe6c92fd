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
 * One box pass along a vector of `length` samples starting at `offset`, `step` apart. The
 * window is centred and shrinks at both ends (the reference's four phases: accumulate, grow,
 * slide, shrink); each output is the mean of the samples under the window.
 */
function boxAlong(
  input: Float32Array,
  output: Float32Array,
  offset: number,
  length: number,
  step: number,
  window: number,
): void {
  const half = Math.floor((window + 2) / 2);
  const growReps = window - half + 1;
  const slideReps = length - window;
  let sum = 0;
  let size = 0;
  let right = offset;
  let left = offset;
  let out = offset;
  for (let i = 0; i < half - 1; i++, right += step, size++) sum = f(sum + input[right]!);
  for (let i = 0; i < growReps; i++, right += step, out += step) {
    sum = f(sum + input[right]!);
    size++;
    output[out] = sum / size;
  }
  for (let i = 0; i < slideReps; i++, right += step, left += step, out += step) {
    sum = f(f(sum + input[right]!) - input[left]!);
    output[out] = sum / size;
  }
  for (let i = 0; i < half - 1; i++, left += step, out += step) {
    sum = f(sum - input[left]!);
    size--;
    output[out] = sum / size;
  }
}

/**
 * The same pass down every column at once (identical arithmetic per column), so that memory
 * is read row after row instead of one column at a time.
 */
function boxDownColumns(
  input: Float32Array,
  output: Float32Array,
  rows: number,
  cols: number,
  window: number,
  sums: Float32Array,
): void {
  const half = Math.floor((window + 2) / 2);
  const growReps = window - half + 1;
  const slideReps = rows - window;
  sums.fill(0);
  let size = 0;
  let right = 0;
  let left = 0;
  let out = 0;
  for (let i = 0; i < half - 1; i++, right += cols, size++) {
    for (let c = 0; c < cols; c++) sums[c] = sums[c]! + input[right + c]!;
  }
  for (let i = 0; i < growReps; i++, right += cols, out += cols) {
    size++;
    for (let c = 0; c < cols; c++) {
      const sum = f(sums[c]! + input[right + c]!);
      sums[c] = sum;
      output[out + c] = sum / size;
    }
  }
  for (let i = 0; i < slideReps; i++, right += cols, left += cols, out += cols) {
    for (let c = 0; c < cols; c++) {
      const sum = f(f(sums[c]! + input[right + c]!) - input[left + c]!);
      sums[c] = sum;
      output[out + c] = sum / size;
    }
  }
  for (let i = 0; i < half - 1; i++, left += cols, out += cols) {
    size--;
    for (let c = 0; c < cols; c++) {
      const sum = f(sums[c]! - input[left + c]!);
      sums[c] = sum;
      output[out + c] = sum / size;
    }
  }
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
  const colSums = new Float32Array(cols);
  for (let p = 0; p < passes; p++) {
    for (let r = 0; r < rows; r++) boxAlong(luma, scratch, r * cols, cols, 1, windowAlongRows);
    boxDownColumns(scratch, luma, rows, cols, windowAlongCols, colSums);
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
