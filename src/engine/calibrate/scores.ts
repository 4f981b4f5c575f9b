/**
 * Proper scores and calibration checks for probabilistic forecasts given as samples (the model) or as a normal
 * distribution (the naive baselines), against one observed value each.
 *
 * CRPS from samples uses the sorted-sample identity
 *   CRPS(F̂, y) = (1/n) Σ|x_i − y| − (1/n²) Σ_{i<j} (x_(j) − x_(i)),
 * with Σ_{i<j}(x_(j) − x_(i)) = Σ_i (2i − n + 1)·x_(i) (0-based i over the sorted sample): O(n log n), exact for the
 * empirical distribution (Gneiting & Raftery 2007, eq. 20). CRPS of a normal is their closed form (eq. 5).
 * A point forecast is the one-sample case: CRPS = |x − y|.
 */
import { normalCdf, normalQuantile } from "../sim/distributions.js";

/** Ascending copy without NaN. */
export function sortedSample(xs: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(Array.prototype.filter.call(xs, (x: number) => !Number.isNaN(x)) as number[]);
  return out.sort();
}

/** CRPS of the empirical distribution of an ascending sample against y (same unit as y). */
export function crpsSorted(sorted: Float64Array, y: number): number {
  const n = sorted.length;
  if (!n) return Number.NaN;
  let abs = 0;
  let spread = 0;
  for (let i = 0; i < n; i++) {
    const x = sorted[i]!;
    abs += Math.abs(x - y);
    spread += (2 * i - n + 1) * x;
  }
  return abs / n - spread / (n * n);
}

const INV_SQRT_PI = 1 / Math.sqrt(Math.PI);

/** CRPS of Normal(mu, sigma) against y; sigma = 0 is the point forecast |mu − y|. */
export function crpsNormal(mu: number, sigma: number, y: number): number {
  if (!(sigma > 0)) return Math.abs(y - mu);
  const z = (y - mu) / sigma;
  const pdf = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
  return sigma * (z * (2 * normalCdf(z) - 1) + 2 * pdf - INV_SQRT_PI);
}

/** Quantile of an ascending sample by linear interpolation between order statistics (type 7). */
export function quantileSorted(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  if (!n) return Number.NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/**
 * Probability integral transform of y under the empirical distribution, by mid-rank: (#{x < y} + #{x = y}/2) / n.
 * Deterministic (no randomised tie-breaking); ties are rare for the model's continuous outputs.
 */
export function pitSorted(sorted: Float64Array, y: number): number {
  const n = sorted.length;
  if (!n) return Number.NaN;
  let below = 0;
  let equal = 0;
  for (let i = 0; i < n; i++) {
    const x = sorted[i]!;
    if (x < y) below++;
    else if (x === y) equal++;
    else break;
  }
  return (below + equal / 2) / n;
}

/** One scored forecast: the predictive distribution's summary and the observed value, in the scoring unit. */
export interface ScoredPoint {
  crps: number;
  pit: number;
  /** Inside the central 50% / 90% interval; null for a point forecast, which has none. */
  in50: boolean | null;
  in90: boolean | null;
  /** Predictive median − observed (positive: the forecast was too high). */
  error: number;
  /** p95 − p5 of the predictive distribution. */
  width90: number;
}

export function scoreSample(sorted: Float64Array, y: number): ScoredPoint {
  const q = (p: number) => quantileSorted(sorted, p);
  const p5 = q(0.05);
  const p25 = q(0.25);
  const p75 = q(0.75);
  const p95 = q(0.95);
  return {
    crps: crpsSorted(sorted, y),
    pit: pitSorted(sorted, y),
    in50: y >= p25 && y <= p75,
    in90: y >= p5 && y <= p95,
    error: q(0.5) - y,
    width90: p95 - p5,
  };
}

export function scoreNormal(mu: number, sigma: number, y: number): ScoredPoint {
  if (!(sigma > 0))
    return {
      crps: Math.abs(y - mu),
      pit: Number.NaN,
      in50: null,
      in90: null,
      error: mu - y,
      width90: 0,
    };
  const z50 = normalQuantile(0.75);
  const z90 = normalQuantile(0.95);
  return {
    crps: crpsNormal(mu, sigma, y),
    pit: normalCdf((y - mu) / sigma),
    in50: Math.abs(y - mu) <= z50 * sigma,
    in90: Math.abs(y - mu) <= z90 * sigma,
    error: mu - y,
    width90: 2 * z90 * sigma,
  };
}

/**
 * Pooled scores: means over points; coverage as a share of the points that have a band (NaN for a point
 * forecast); PIT as counts in `bins` equal bins of [0, 1] (empty for a point forecast).
 */
export interface PooledScore {
  n: number;
  crps: number;
  coverage50: number;
  coverage90: number;
  /** Mean of (predictive median − observed). */
  bias: number;
  /** Mean p95 − p5. */
  width90: number;
  pit: number[];
}

export const PIT_BINS = 10;

export function poolScores(points: readonly ScoredPoint[], bins = PIT_BINS): PooledScore {
  const n = points.length;
  const mean = (f: (p: ScoredPoint) => number) => (n ? points.reduce((s, p) => s + f(p), 0) / n : Number.NaN);
  const share = (f: (p: ScoredPoint) => boolean | null) => {
    const xs = points.map(f).filter((x) => x !== null);
    return xs.length ? xs.filter(Boolean).length / xs.length : Number.NaN;
  };
  const pit = new Array<number>(bins).fill(0);
  for (const p of points) if (!Number.isNaN(p.pit)) pit[Math.min(bins - 1, Math.floor(p.pit * bins))]!++;
  return {
    n,
    crps: mean((p) => p.crps),
    coverage50: share((p) => p.in50),
    coverage90: share((p) => p.in90),
    bias: mean((p) => p.error),
    width90: mean((p) => p.width90),
    pit,
  };
}
