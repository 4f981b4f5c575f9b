/**
 * Naive forecasts the model must beat, each a normal predictive distribution fitted to the quarterly history up
 * to the origin (in the series' scoring space), so CRPS, coverage and the PIT compare like with like:
 * - constant: the mean so far, σ = the sample standard deviation so far;
 * - persistence: the last value, σ = sd of quarter-on-quarter changes × √h (a random walk);
 * - linear trend: least squares on the quarter index, σ = residual sd × √(1 + 1/n + (x − x̄)²/Sxx) (the OLS
 *   prediction interval);
 * - published7 (the ECI gap only): 7 months, a point forecast (CRPS = absolute error; no band), from Epoch AI's
 *   ECI analysis that Chinese models averaged ~7 months behind the US frontier since 2023.
 */
import { quarterIndex } from "../sim/quarters.js";

export interface NormalForecast {
  mu: number;
  sigma: number;
}

export type Baseline = (
  history: readonly { quarter: string; y: number }[],
  target: string,
) => NormalForecast | null;

function stats(xs: number[]): { mean: number; sd: number } {
  const n = xs.length;
  const mean = xs.reduce((s, x) => s + x, 0) / n;
  const v = n > 1 ? xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1) : Number.NaN;
  return { mean, sd: Math.sqrt(v) };
}

export const constantMean: Baseline = (h) => {
  if (h.length < 2) return null;
  const { mean, sd } = stats(h.map((p) => p.y));
  return { mu: mean, sigma: sd };
};

export const persistence: Baseline = (h, target) => {
  if (h.length < 3) return null;
  const last = h[h.length - 1]!;
  const steps = quarterIndex(target)! - quarterIndex(last.quarter)!;
  const diffs: number[] = [];
  for (let i = 1; i < h.length; i++)
    diffs.push(
      (h[i]!.y - h[i - 1]!.y) / Math.sqrt(quarterIndex(h[i]!.quarter)! - quarterIndex(h[i - 1]!.quarter)!),
    );
  // Random-walk steps: their spread around zero (not their mean: persistence has no drift).
  const sd = Math.sqrt(diffs.reduce((s, d) => s + d * d, 0) / diffs.length);
  return { mu: last.y, sigma: sd * Math.sqrt(steps) };
};

export const linearTrend: Baseline = (h, target) => {
  if (h.length < 3) return null;
  const x = h.map((p) => quarterIndex(p.quarter)!);
  const y = h.map((p) => p.y);
  const n = h.length;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (x[i]! - mx) ** 2;
    sxy += (x[i]! - mx) * (y[i]! - my);
  }
  const b = sxy / sxx;
  const a = my - b * mx;
  let rss = 0;
  for (let i = 0; i < n; i++) rss += (y[i]! - a - b * x[i]!) ** 2;
  const s = Math.sqrt(rss / (n - 2));
  const xt = quarterIndex(target)!;
  return { mu: a + b * xt, sigma: s * Math.sqrt(1 + 1 / n + (xt - mx) ** 2 / sxx) };
};

export const PUBLISHED_GAP_MONTHS = 7;
export const published7: Baseline = () => ({ mu: PUBLISHED_GAP_MONTHS, sigma: 0 });

/** The baselines scored for a series (published7 only for the ECI gap). */
export function baselinesFor(series: string): Record<string, Baseline> {
  const all: Record<string, Baseline> = { constant: constantMean, persistence, linearTrend };
  if (series === "eciGap") all.published7 = published7;
  return all;
}
