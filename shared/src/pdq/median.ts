/**
 * Torben Mogensen's median (N. Devillard's formulation, public domain), as PDQ uses it: for an
 * even count it answers the lower median, with `float` comparisons and a `float` midpoint.
 */
export function torbenMedian(m: Float32Array): number {
  const n = m.length;
  const half = Math.floor((n + 1) / 2);
  let min = m[0]!;
  let max = m[0]!;
  for (let i = 1; i < n; i++) {
    if (m[i]! < min) min = m[i]!;
    if (m[i]! > max) max = m[i]!;
  }
  for (;;) {
    const guess = Math.fround((min + max) / 2);
    let less = 0;
    let greater = 0;
    let equal = 0;
    let maxBelow = min;
    let minAbove = max;
    for (let i = 0; i < n; i++) {
      const v = m[i]!;
      if (v < guess) {
        less++;
        if (v > maxBelow) maxBelow = v;
      } else if (v > guess) {
        greater++;
        if (v < minAbove) minAbove = v;
      } else equal++;
    }
    if (less <= half && greater <= half) {
      if (less >= half) return maxBelow;
      if (less + equal >= half) return guess;
      return minAbove;
    }
    if (less > greater) max = maxBelow;
    else min = minAbove;
  }
}
