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
/** Counts per region of the five-bracket pass: 0 below bracket 0, 2k + 1 inside bracket k, 2k + 2 above it. */
const regionCount = new Int32Array(11);

/**
 * Exact type-7 quantiles of `a` (left untouched) at ascending `probs`, written to `out`; returns the mean.
 * A strided sample brackets each wanted rank; one pass counts the values below each bracket and copies the
 * few inside it, in which the ranks are then selected — about one pass over the data instead of a quickselect per
 * quantile. If a bracket misses its ranks (possible only for adversarial orderings) that quantile falls back to
 * quickselect, so the answer is always exact. `scratch` (≥ a.length values) serves small inputs.
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
  let sampleNaN = false;
  for (let i = 0; i < SAMPLE; i++) {
    const x = a[Math.floor(i * step)]!;
    sampleBuf[i] = x;
    if (Number.isNaN(x)) sampleNaN = true;
  }
  const lo = new Float64Array(P);
  const hi = new Float64Array(P);
  const loIdx = new Int32Array(P);
  const hiIdx = new Int32Array(P);
  for (let j = 0; j < P; j++) {
    const p = probs[j]!;
    const r = p * (SAMPLE - 1);
    const w = 3 * Math.sqrt(SAMPLE * p * (1 - p)) + 2;
    loIdx[j] = Math.floor(r - w);
    hiIdx[j] = Math.ceil(r + w);
  }
  if (sampleNaN) sampleBuf.sort();
  else {
    // Only the sample's order statistics at the bracket ends are needed: select them rather than sort.
    const ranks: number[] = [];
    for (let j = 0; j < P; j++) {
      if (loIdx[j]! >= 0) ranks.push(loIdx[j]!);
      if (hiIdx[j]! < SAMPLE) ranks.push(hiIdx[j]!);
    }
    ranks.sort((x, y) => x - y);
    selectRanks(sampleBuf, ranks);
  }
  for (let j = 0; j < P; j++) {
    lo[j] = loIdx[j]! < 0 ? Number.NEGATIVE_INFINITY : sampleBuf[loIdx[j]!]!;
    hi[j] = hiIdx[j]! >= SAMPLE ? Number.POSITIVE_INFINITY : sampleBuf[hiIdx[j]!]!;
  }
  const below = new Int32Array(P);
  const fill = new Int32Array(P);
  const offset = new Int32Array(P);
  let disjoint = P === 5;
  for (let j = 0; j + 1 < P && disjoint; j++) if (!(hi[j]! < lo[j + 1]!)) disjoint = false;
  if (disjoint) {
    // Every region of the fast pass has room for all n values, so nothing overflows.
    if (bracketBuf.length < 11 * n) bracketBuf = new Float64Array(11 * n);
    sum = pass5(a, lo, hi, bracketBuf, regionCount);
    const c = regionCount;
    if (!Number.isNaN(sum)) {
      let acc = 0;
      for (let j = 0; j < 5; j++) {
        acc += c[2 * j]!;
        below[j] = acc;
        fill[j] = c[2 * j + 1]!;
        offset[j] = (2 * j + 1) * n;
        acc += c[2 * j + 1]!;
      }
    } else disjoint = false; // NaN in the data: the general loop below counts it in no bracket
  }
  const share = disjoint ? n : Math.ceil(n / 4);
  if (!disjoint) {
    // Each bracket gets an equal share of a module buffer; values beyond a share mean a miss (fallback below).
    if (bracketBuf.length < share * P) bracketBuf = new Float64Array(share * P);
    const buf = bracketBuf;
    sum = 0;
    for (let j = 0; j < P; j++) offset[j] = j * share;
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
  }
  const buf = bracketBuf;
  for (let j = 0; j < P; j++) {
    const h = (n - 1) * probs[j]!;
    const k = Math.floor(h);
    const k1 = Math.min(n - 1, k + 1);
    const b = below[j]!;
    const f = fill[j]!;
    if (lo[j] === hi[j] && b <= k && k1 < b + f) {
      out[j] = lo[j]!; // the bracket is one repeated value (e.g. a channel that is zero in most draws)
    } else if (f <= share && b <= k && k1 < b + f) {
      const v = selectPair(buf, offset[j]!, f, k - b, k1 !== k);
      out[j] = v + (h - k) * (pairNext - v);
    } else {
      const s = new Float64Array(a);
      out[j] = quantilesInPlace(s, [probs[j]!])[0]!;
    }
  }
  return sum / n;
}

let selA = new Float64Array(0);
let selB = new Float64Array(0);
/** The value of rank r + 1 from the last selectPair call (when asked for). */
let pairNext = 0;

/**
 * The value of rank r among src[off .. off + m) (left untouched), and — when `withNext` — that of rank r + 1 in
 * `pairNext` (otherwise pairNext = the rank-r value). Quickselect whose partition copies into a second buffer
 * with both candidate slots written and the cursor advanced by a comparison result, so it does not branch on the
 * data; a pivot that splits nothing (many equal values) hands the range to the in-place selectRank.
 */
function selectPair(src: Float64Array, off0: number, m0: number, r0: number, withNext: boolean): number {
  if (selA.length < m0) {
    selA = new Float64Array(m0);
    selB = new Float64Array(m0);
  }
  let a = src;
  let b = selA;
  let off = off0;
  let m = m0;
  let r = r0;
  let haveNext = !withNext;
  let next = 0;
  while (m > 32) {
    const x0 = a[off]!;
    const x1 = a[off + (m >>> 1)]!;
    const x2 = a[off + m - 1]!;
    const pivot = x0 < x1 ? (x1 < x2 ? x1 : x0 < x2 ? x2 : x0) : x0 < x2 ? x0 : x1 < x2 ? x2 : x1;
    // b[0 .. l) receives the values below the pivot, b[l .. m) the rest (positions relative to 0).
    let l = 0;
    let g = m - 1;
    for (let i = off, e = off + m; i < e; i++) {
      const x = a[i]!;
      b[l] = x;
      b[g] = x;
      const lt = +(x < pivot);
      l += lt;
      g += lt - 1;
    }
    if (l === 0) break; // nothing below the pivot (ties): finish in place
    if (r < l) {
      if (!haveNext && r + 1 === l) {
        // Rank r + 1 is the smallest value of the right part.
        let mn = b[l]!;
        for (let i = l + 1; i < m; i++) if (b[i]! < mn) mn = b[i]!;
        next = mn;
        haveNext = true;
      }
      m = l;
      off = 0;
    } else {
      off = l;
      m -= l;
      r -= l;
    }
    a = b;
    b = b === selA ? selB : selA;
  }
  if (a === src) {
    // Never partitioned: work on a copy so that src stays untouched.
    b.set(src.subarray(off, off + m), 0);
    a = b;
    off = 0;
  }
  selectRank(a, off + r, off, off + m - 1);
  const v = a[off + r]!;
  if (!haveNext) {
    // Rank r + 1 is the smallest value right of rank r (selectRank leaves only values ≥ it there).
    let mn = a[off + r + 1]!;
    for (let i = off + r + 2; i < off + m; i++) if (a[i]! < mn) mn = a[i]!;
    next = mn;
  }
  pairNext = withNext ? next : v;
  return v;
}

/**
 * The counting pass for five ordered, disjoint brackets (lo0 ≤ hi0 < lo1 ≤ hi1 < … ≤ hi4). Each value's region
 * (0 below bracket 0, 2k + 1 inside bracket k, 2k + 2 between brackets k and k + 1 or above the last) is the number
 * of bounds it passes — comparisons added, not branched on, since random data defeats branch prediction — and the
 * value is appended to that region's slice of `buf` (n slots each). Returns the sum of `a` in index order.
 */
function pass5(
  a: Float64Array,
  lo: Float64Array,
  hi: Float64Array,
  buf: Float64Array,
  count: Int32Array,
): number {
  const lo0 = lo[0]!;
  const lo1 = lo[1]!;
  const lo2 = lo[2]!;
  const lo3 = lo[3]!;
  const lo4 = lo[4]!;
  const hi0 = hi[0]!;
  const hi1 = hi[1]!;
  const hi2 = hi[2]!;
  const hi3 = hi[3]!;
  const hi4 = hi[4]!;
  const n = a.length;
  count.fill(0);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    sum += x;
    const r =
      +(x >= lo0) +
      +(x > hi0) +
      +(x >= lo1) +
      +(x > hi1) +
      +(x >= lo2) +
      +(x > hi2) +
      +(x >= lo3) +
      +(x > hi3) +
      +(x >= lo4) +
      +(x > hi4);
    const c = count[r]!;
    buf[r * n + c] = x;
    count[r] = c + 1;
  }
  return sum;
}
