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

/**
 * Places every rank of ascending `ks` (indices into a[lo..hi]) by partitioning once and recursing only into the
 * sides that still hold wanted ranks: about n·log2(ranks) work instead of a full sort.
 */
export function selectRanks(
  a: Float64Array,
  ks: readonly number[],
  lo = 0,
  hi = a.length - 1,
  k0 = 0,
  k1 = ks.length - 1,
): void {
  while (k0 <= k1 && hi > lo) {
    if (k0 === k1) {
      selectRank(a, ks[k0]!, lo, hi);
      return;
    }
    const mid = ks[(k0 + k1) >>> 1]!;
    selectRank(a, mid, lo, hi);
    // a[lo..mid-1] ≤ a[mid] ≤ a[mid+1..hi]: wanted ranks below mid go left, above go right.
    let m = k0;
    while (m <= k1 && ks[m]! < mid) m++;
    selectRanks(a, ks, lo, mid - 1, k0, m - 1);
    while (m <= k1 && ks[m]! === mid) m++;
    lo = mid + 1;
    k0 = m;
  }
}

/** Type-7 quantiles of unsorted `a` (rearranged in place) at the given ascending probabilities. */
export function quantilesInPlace(a: Float64Array, probs: readonly number[]): number[] {
  const n = a.length;
  if (n === 0) return probs.map(() => Number.NaN);
  const ks = probs.map((p) => Math.floor((n - 1) * p));
  selectRanks(a, ks);
  return probs.map((p, i) => {
    const k = ks[i]!;
    const h = (n - 1) * p;
    if (h === k || k + 1 >= n) return a[k]!;
    // The next order statistic is the smallest value right of rank k, up to the next selected rank.
    const end = i + 1 < ks.length && ks[i + 1]! > k ? ks[i + 1]! : n - 1;
    let next = a[k + 1]!;
    for (let j = k + 2; j <= end; j++) if (a[j]! < next) next = a[j]!;
    return a[k]! + (h - k) * (next - a[k]!);
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
  const out = new Float64Array(SUMMARY_PROBS.length);
  for (let q = 0; q < Q; q++) {
    const mean = bracketQuantiles(col.subarray(q * D, q * D + D), SUMMARY_PROBS, scratch, out);
    acc.p5[q]! += weight * out[0]!;
    acc.p25[q]! += weight * out[1]!;
    acc.p50[q]! += weight * out[2]!;
    acc.p75[q]! += weight * out[3]!;
    acc.p95[q]! += weight * out[4]!;
    acc.mean[q]! += weight * mean;
  }
}

const SAMPLE = 512;
const sampleBuf = new Float64Array(SAMPLE);
let bracketBuf = new Float64Array(0);

/**
 * Exact type-7 quantiles of `a` (left untouched) at ascending `probs`, written to `out`; returns the mean.
 * A sorted strided sample brackets each wanted rank; one pass counts the values below each bracket and copies the
 * few inside it, which are then sorted — about one pass over the data instead of a quickselect per quantile. If a
 * bracket misses its ranks (possible only for adversarial orderings) that quantile falls back to quickselect, so
 * the answer is always exact. `scratch` (≥ a.length values) serves small inputs.
 */
export function bracketQuantiles(
  a: Float64Array,
  probs: readonly number[],
  scratch: Float64Array,
  out: Float64Array,
): number {
  const n = a.length;
  const P = probs.length;
  let sum = 0;
  if (n < 4 * SAMPLE) {
    const s = scratch.subarray(0, n);
    s.set(a);
    for (let i = 0; i < n; i++) sum += s[i]!;
    const qs = quantilesInPlace(s, probs);
    for (let j = 0; j < P; j++) out[j] = qs[j]!;
    return n ? sum / n : Number.NaN;
  }
  const step = n / SAMPLE;
  for (let i = 0; i < SAMPLE; i++) sampleBuf[i] = a[Math.floor(i * step)]!;
  sampleBuf.sort();
  const lo = new Float64Array(P);
  const hi = new Float64Array(P);
  const below = new Int32Array(P);
  const fill = new Int32Array(P);
  // Each bracket gets an equal share of a module buffer; values beyond a share mean a miss (fallback below).
  const share = Math.ceil(n / 4);
  if (bracketBuf.length < share * P) bracketBuf = new Float64Array(share * P);
  const buf = bracketBuf;
  for (let j = 0; j < P; j++) {
    const p = probs[j]!;
    const r = p * (SAMPLE - 1);
    const w = 3 * Math.sqrt(SAMPLE * p * (1 - p)) + 2;
    const li = Math.floor(r - w);
    const hiIdx = Math.ceil(r + w);
    lo[j] = li < 0 ? Number.NEGATIVE_INFINITY : sampleBuf[li]!;
    hi[j] = hiIdx >= SAMPLE ? Number.POSITIVE_INFINITY : sampleBuf[hiIdx]!;
  }
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    sum += x;
    for (let j = 0; j < P; j++) {
      if (x < lo[j]!) below[j]!++;
      else if (x <= hi[j]!) {
        const f = fill[j]!;
        if (f < share) buf[j * share + f] = x;
        fill[j] = f + 1;
      }
    }
  }
  for (let j = 0; j < P; j++) {
    const h = (n - 1) * probs[j]!;
    const k = Math.floor(h);
    const k1 = Math.min(n - 1, k + 1);
    const b = below[j]!;
    const f = fill[j]!;
    if (lo[j] === hi[j] && b <= k && k1 < b + f) {
      out[j] = lo[j]!; // the bracket is one repeated value (e.g. a channel that is zero in most draws)
    } else if (f <= share && b <= k && k1 < b + f) {
      const s = buf.subarray(j * share, j * share + f);
      selectRanks(s, k1 === k ? [k - b] : [k - b, k1 - b]);
      const v = s[k - b]!;
      out[j] = v + (h - k) * (s[k1 - b]! - v);
    } else {
      const s = new Float64Array(a);
      out[j] = quantilesInPlace(s, [probs[j]!])[0]!;
    }
  }
  return sum / n;
}
