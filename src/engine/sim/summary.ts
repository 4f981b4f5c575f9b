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

/**
 * Rearranges a[lo..hi] so that a[k] holds the value of rank k, smaller values before it and larger after
 * (Hoare quickselect with a median-of-three pivot; expected linear time).
 */
export function selectRank(a: Float64Array, k: number, lo: number, hi: number): void {
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    const x = a[lo]!;
    const y = a[mid]!;
    const z = a[hi]!;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

/** Selects each rank of ascending `ks` in turn, each within what is left to the right of the previous one. */
export function selectRanks(a: Float64Array, ks: readonly number[]): void {
  let lo = 0;
  const hi = a.length - 1;
  for (const k of ks) {
    selectRank(a, k, lo, hi);
    lo = k + 1;
  }
}

/** Type-7 quantiles of unsorted `a` (rearranged in place) at the given ascending probabilities. */
export function quantilesInPlace(a: Float64Array, probs: readonly number[]): number[] {
  const n = a.length;
  if (n === 0) return probs.map(() => Number.NaN);
  const ks: number[] = [];
  for (const p of probs) {
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    ks.push(lo);
    if (lo + 1 < n) ks.push(lo + 1);
  }
  const uniq = [...new Set(ks)].sort((x, y) => x - y);
  selectRanks(a, uniq);
  return probs.map((p) => {
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    const hi = Math.min(n - 1, lo + 1);
    return a[lo]! + (h - lo) * (a[hi]! - a[lo]!);
  });
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
    const [p5, p25, p50, p75, p95] = quantilesInPlace(s, SUMMARY_PROBS) as [
      number,
      number,
      number,
      number,
      number,
    ];
    acc.p5[q]! += weight * p5;
    acc.p25[q]! += weight * p25;
    acc.p50[q]! += weight * p50;
    acc.p75[q]! += weight * p75;
    acc.p95[q]! += weight * p95;
    acc.mean[q]! += (weight * sum) / D;
  }
}
