/** Per-quarter summaries of output columns: p5, p25, p50, p75, p95 and mean. */
export interface Summary {
  p5: number[];
  p25: number[];
  p50: number[];
  p75: number[];
  p95: number[];
  mean: number[];
}

export const SUMMARY_PROBS = [0.05, 0.25, 0.5, 0.75, 0.95] as const;

/** Linear-interpolation quantile (Hyndman–Fan type 7) of ascending `sorted`. */
export function sortedQuantile(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

export function emptySummary(Q: number): Summary {
  const z = () => new Array<number>(Q).fill(0);
  return { p5: z(), p25: z(), p50: z(), p75: z(), p95: z(), mean: z() };
}

/**
 * Adds the summary of a quarter-major column (D draws × Q quarters) into `acc`, weighted by D / total, so that
 * chunked runs combine: means exactly, quantiles as the draw-weighted mean of chunk quantiles.
 */
export function accumulateSummary(
  acc: Summary,
  col: Float64Array,
  D: number,
  Q: number,
  weight: number,
  scratch: Float64Array,
): void {
  for (let q = 0; q < Q; q++) {
    const s = scratch.subarray(0, D);
    s.set(col.subarray(q * D, q * D + D));
    let sum = 0;
    for (let i = 0; i < D; i++) sum += s[i]!;
    s.sort();
    acc.p5[q]! += weight * sortedQuantile(s, 0.05);
    acc.p25[q]! += weight * sortedQuantile(s, 0.25);
    acc.p50[q]! += weight * sortedQuantile(s, 0.5);
    acc.p75[q]! += weight * sortedQuantile(s, 0.75);
    acc.p95[q]! += weight * sortedQuantile(s, 0.95);
    acc.mean[q]! += (weight * sum) / D;
  }
}
