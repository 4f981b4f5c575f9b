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

/**
 * The type-7 value between order statistics v (rank k = floor(h)) and next (rank k + 1): v itself when h is a whole
 * number or the two are equal (so that a tie of infinities stays infinite), else v + (h − k)(next − v).
 */
export function interpolate(v: number, next: number, h: number, k: number): number {
  return h === k || next === v ? v : v + (h - k) * (next - v);
}

/** Linear-interpolation quantile (Hyndman–Fan type 7) of ascending `sorted` (NaN, if any, last). */
export function sortedQuantile(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return interpolate(sorted[lo]!, sorted[hi]!, h, lo);
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

/**
 * Type-7 quantiles of unsorted `a` (rearranged in place) at the given ascending probabilities. NaN ranks above every
 * number, as in Float64Array.prototype.sort, so a quantile that reaches a NaN is NaN.
 */
export function quantilesInPlace(a: Float64Array, probs: readonly number[]): number[] {
  const n = a.length;
  if (n === 0) return probs.map(() => Number.NaN);
  // Move the NaNs to the end: a[0 .. m) holds the numbers.
  let m = n;
  for (let i = 0; i < m; ) {
    const x = a[i]!;
    if (Number.isNaN(x)) {
      m--;
      a[i] = a[m]!;
      a[m] = x;
    } else i++;
  }
  const ranks: number[] = [];
  for (const p of probs) {
    const h = (n - 1) * p;
    const k = Math.floor(h);
    if (k < m) ranks.push(k);
    if (h !== k && k + 1 < m) ranks.push(k + 1);
  }
  ranks.sort((x, y) => x - y);
  selectRanks(a, ranks, 0, m - 1);
  return probs.map((p) => {
    const h = (n - 1) * p;
    const k = Math.floor(h);
    return interpolate(a[k]!, a[Math.min(n - 1, k + 1)]!, h, k);
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

/** Values in the sample that sets the range of the histogram cells. */
const SAMPLE = 512;
/** Histogram cells over the sample's range for the largest inputs (fewer for small ones, about n / 4). */
const MAX_CELLS = 2048;
/** Below this many values, a quickselect on a copy is as fast as the histogram. */
const SMALL = 256;
const sampleBuf = new Float64Array(SAMPLE);
/** Each value's cell, from the filing pass. */
let codes = new Uint16Array(0);
/** Values per cell. */
const hist = new Int32Array(MAX_CELLS + 4);
/** Slot (1-based) of each cell whose values must be collected, 0 for the others; all zero between calls. */
const slotOf = new Uint8Array(MAX_CELLS + 4);
/** The collected cells' values, slot after slot. */
let cellBuf = new Float64Array(0);
const posBuf = new Int32Array(256);
/** Index of the high (sign, exponent, top of mantissa) 32-bit word of a double in an Int32Array view. */
const HIGH = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const wordView = new Float64Array(1);
const wordInts = new Int32Array(wordView.buffer);

/**
 * The high 32-bit word of a double (sign, exponent, top 20 bits of the mantissa) as a signed integer: for x ≥ 0 it
 * rises with x, about 2^20 (log2 x + 1023), so equal steps are equal ratios; every negative x gives a negative word.
 * So clamp(word − word(lo), 0, ·) with lo > 0 is a monotone function of x.
 */
function highWord(x: number): number {
  wordView[0] = x;
  return wordInts[HIGH]!;
}

// The filing passes: each adds `a` in index order (the returned sum), writes each value's cell to `codes` and counts
// the cells in `hist`. A cell is a monotone function of the value, t clamped to [0, cells − 1]: t = (x − lo) × scale
// (Math.min/max compile to branch-free instructions, so atoms below lo cost no mispredictions), or on log scale
// t = (high word >> shift) − base in integers. Both put every x ≥ hi in the top cell. With atoms, the cells are
// 0: x < smin; 1: x = smin; 2 .. cells + 1: 2 + t; cells + 2: x = smax; cells + 3: x > smax.

function fileLinear(a: Float64Array, n: number, lo: number, scale: number, cells: number): number {
  const code = codes;
  const count = hist;
  const top = cells - 1;
  count.fill(0, 0, cells);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    sum += x;
    const c = Math.min(Math.max((x - lo) * scale, 0), top) | 0;
    code[i] = c;
    count[c]!++;
  }
  return sum;
}

function fileLog(a: Float64Array, n: number, base: number, shift: number, cells: number): number {
  const code = codes;
  const count = hist;
  const top = cells - 1;
  const words = new Int32Array(a.buffer, a.byteOffset, 2 * n);
  count.fill(0, 0, cells);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    sum += a[i]!;
    const u = (words[2 * i + HIGH]! >> shift) - base;
    const c = u < 0 ? 0 : u > top ? top : u;
    code[i] = c;
    count[c]!++;
  }
  return sum;
}

function fileLinearAtoms(
  a: Float64Array,
  n: number,
  smin: number,
  smax: number,
  lo: number,
  scale: number,
  cells: number,
): number {
  const code = codes;
  const count = hist;
  const top = cells - 1;
  count.fill(0, 0, cells + 4);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    sum += x;
    const t = Math.min(Math.max((x - lo) * scale, 0), top) | 0;
    const c = +(x >= smin) + +(x > smin) + t + +(x >= smax) + +(x > smax);
    code[i] = c;
    count[c]!++;
  }
  return sum;
}

function fileLogAtoms(
  a: Float64Array,
  n: number,
  smin: number,
  smax: number,
  base: number,
  shift: number,
  cells: number,
): number {
  const code = codes;
  const count = hist;
  const top = cells - 1;
  const words = new Int32Array(a.buffer, a.byteOffset, 2 * n);
  count.fill(0, 0, cells + 4);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    sum += x;
    const u = (words[2 * i + HIGH]! >> shift) - base;
    const t = u < 0 ? 0 : u > top ? top : u;
    const c = +(x >= smin) + +(x > smin) + t + +(x >= smax) + +(x > smax);
    code[i] = c;
    count[c]!++;
  }
  return sum;
}

/**
 * Exact type-7 quantiles of `a` (left untouched) at ascending `probs`, written to `out`; returns the mean (the sum in
 * index order over n). A histogram selection: a sample of 512 values sets the range of up to 2,048 cells, equal in
 * width, or equal in ratio (steps of the double's high word) when the values are positive and spread over more than
 * a factor of 16; an atom at either end of the sample (a channel that is zero in most draws, a constant column) gets
 * a cell of its own, known to hold one value. One pass adds the sum, files each value in its cell (a monotone
 * function of the value) and counts the cells; the counts name the cell that holds each wanted rank, a second pass
 * copies only those few cells' values (about 50 of 10,000 on the model's outputs), and the ranks are selected inside
 * them. The cells cannot miss, so this is exact for any input: a poor sample costs time, never accuracy. NaN (ranked
 * last, as by Float64Array.prototype.sort) or ∞ − ∞ in the sum sends the column to quickselect, as do n < 256 and
 * probabilities out of order. `scratch` (≥ a.length values, else one is allocated) serves that path.
 */
export function bracketQuantiles(
  a: Float64Array,
  probs: readonly number[],
  scratch: Float64Array,
  out: Float64Array,
): number {
  const n = a.length;
  const P = probs.length;
  if (n < SMALL) return viaQuickselect(a, probs, scratch, out);
  let cells = Math.min(MAX_CELLS, n >> 2);
  // The sample: 4 runs of SAMPLE / 4 neighbours (read in order, so prefetched) at the starts of the four quarters.
  const run = SAMPLE >> 2;
  let smin = Number.POSITIVE_INFINITY;
  let smax = Number.NEGATIVE_INFINITY;
  for (let b = 0, i = 0; b < 4; b++) {
    const at = Math.floor((b * n) / 4);
    for (let e = at; e < at + run; e++) {
      const x = a[e]!;
      sampleBuf[i++] = x;
      if (x < smin && x - x === 0) smin = x; // finite: NaN and ±Infinity give x − x = NaN
      if (x > smax && x - x === 0) smax = x;
    }
  }
  if (smin > smax) smin = smax = 0;
  // An atom at an end of the sample (the zeros of a closed channel, a constant column) gets cells of its own: then
  // the cells span the second smallest to second largest distinct values, so the atom does not stretch them.
  let nmin = 0;
  let nmax = 0;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < SAMPLE; i++) {
    const x = sampleBuf[i]!;
    nmin += +(x === smin);
    nmax += +(x === smax);
    if (x > smin && x < lo) lo = x;
    if (x < smax && x > hi) hi = x;
  }
  const atoms = nmin > 1 || nmax > 1;
  if (!atoms || !(lo < hi)) {
    lo = smin;
    hi = smax;
  }
  // Positive and spread over more than a factor of 16: cells of 2^shift steps of the double's high word (equal
  // ratios), else of equal width.
  if (codes.length < n) codes = new Uint16Array(n);
  let sum: number;
  if (lo > 0 && hi > 16 * lo) {
    const wlo = highWord(lo);
    const whi = highWord(hi);
    let shift = 0;
    while ((whi >> shift) - (wlo >> shift) >= cells) shift++;
    // hi falls in the top cell, so every x ≥ hi does too (as in the linear case) and with atoms the cell after it
    // holds x = smax only. (w >> s) − (wlo >> s) cannot overflow, unlike w − wlo.
    cells = (whi >> shift) - (wlo >> shift) + 1;
    sum = atoms
      ? fileLogAtoms(a, n, smin, smax, wlo >> shift, shift, cells)
      : fileLog(a, n, wlo >> shift, shift, cells);
  } else {
    let scale = cells / (hi - lo);
    if (!(scale < Number.POSITIVE_INFINITY)) scale = 0; // one value, or a range too small or too wide to divide
    sum = atoms ? fileLinearAtoms(a, n, smin, smax, lo, scale, cells) : fileLinear(a, n, lo, scale, cells);
  }
  if (Number.isNaN(sum)) return viaQuickselect(a, probs, scratch, out);
  const count = hist;

  // The ranks each quantile reads: k = floor(h) and, unless h is whole, k + 1 (ascending, as probs are).
  const ranks: number[] = [];
  for (let j = 0; j < P; j++) {
    const h = (n - 1) * probs[j]!;
    const k = Math.floor(h);
    const last = ranks.length ? ranks[ranks.length - 1]! : -1;
    if (!(k >= 0 && k >= last && k < n)) return viaQuickselect(a, probs, scratch, out); // not ascending in [0, 1]
    if (last !== k) ranks.push(k);
    if (h !== k && k + 1 < n && ranks[ranks.length - 1] !== k + 1) ranks.push(k + 1);
  }
  const R = ranks.length;
  if (R > 255) return viaQuickselect(a, probs, scratch, out); // more than the slots of slotOf
  const rankCell = new Int32Array(R);
  const rankValue = new Float64Array(R);
  // Cells to collect, in ascending order: cell, count of values in lower cells, and slot start in cellBuf.
  const wantCell: number[] = [];
  const wantBelow: number[] = [];
  const wantStart: number[] = [];
  let below = 0;
  let fill = 0;
  for (let r = 0, c = 0; r < R; c++) {
    // Skip to the cell holding rank ranks[r] (the counts add up to n > every rank, so this stops).
    let m = count[c]!;
    while (below + m <= ranks[r]!) {
      below += m;
      m = count[++c]!;
    }
    // Every value in the cell equals the sample's min (or max); with a one-value sample that is cell 2.
    const pure = atoms && (smin === smax ? c === 2 : c === 1 || c === cells + 2);
    if (!pure) {
      wantCell.push(c);
      wantBelow.push(below);
      wantStart.push(fill);
      slotOf[c] = wantCell.length;
      fill += m;
    }
    while (r < R && ranks[r]! < below + m) {
      rankCell[r] = c;
      if (pure) rankValue[r] = c === cells + 2 ? smax : smin;
      r++;
    }
    below += m;
  }
  const W = wantCell.length;
  if (W > 0) {
    if (cellBuf.length < fill) cellBuf = new Float64Array(Math.max(fill, 1024));
    const buf = cellBuf;
    const slot = slotOf;
    collect(a, n, wantStart);
    for (let w = 0; w < W; w++) {
      const c = wantCell[w]!;
      slot[c] = 0;
      const start = wantStart[w]!;
      const at: number[] = [];
      for (let q = 0; q < R; q++) if (rankCell[q] === c) at.push(start + ranks[q]! - wantBelow[w]!);
      selectRanks(buf, at, start, start + count[c]! - 1);
      for (let q = 0, i = 0; q < R; q++) if (rankCell[q] === c) rankValue[q] = buf[at[i++]!]!;
    }
  }
  for (let j = 0, q = 0; j < P; j++) {
    const h = (n - 1) * probs[j]!;
    const k = Math.floor(h);
    while (ranks[q] !== k) q++;
    const v = rankValue[q]!;
    out[j] = h !== k && k + 1 < n ? interpolate(v, rankValue[q + 1]!, h, k) : v;
  }
  return sum / n;
}

/** Copies the values of the cells with a slot into `cellBuf`, slot s (1-based) from start[s − 1] on. */
function collect(a: Float64Array, n: number, start: readonly number[]): void {
  const code = codes;
  const slot = slotOf;
  const buf = cellBuf;
  const pos = posBuf;
  for (let s = 0; s < start.length; s++) pos[s] = start[s]!;
  // Two values per step: one test for the common case that neither is wanted.
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const s = slot[code[i]!]!;
    const t = slot[code[i + 1]!]!;
    if ((s | t) !== 0) {
      if (s !== 0) buf[pos[s - 1]!++] = a[i]!;
      if (t !== 0) buf[pos[t - 1]!++] = a[i + 1]!;
    }
  }
  if (i < n) {
    const s = slot[code[i]!]!;
    if (s !== 0) buf[pos[s - 1]!++] = a[i]!;
  }
}

/** Quantiles by quickselect on a copy in `scratch` (grown if short); returns the mean. */
function viaQuickselect(
  a: Float64Array,
  probs: readonly number[],
  scratch: Float64Array,
  out: Float64Array,
): number {
  const n = a.length;
  const s = scratch.length >= n ? scratch.subarray(0, n) : new Float64Array(n);
  s.set(a);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += a[i]!;
  const qs = quantilesInPlace(s, probs);
  for (let j = 0; j < probs.length; j++) out[j] = qs[j]!;
  return n ? sum / n : Number.NaN;
}
