/**
 * Importance sampling with the prior as proposal: each prior draw's weight is its likelihood, normalised in log
 * space (log-sum-exp, so 30 observations with log-likelihoods near −10⁴ do not underflow to 0/0). The effective
 * sample size ESS = (Σw)² / Σw² (Kong 1992) says how many independent posterior draws the weighted set is worth.
 * Resampling is systematic (Kitagawa 1996): one uniform, M evenly spaced pointers, lowest variance of the usual
 * schemes, and deterministic given the PRNG.
 */
import type { Rng } from "../sim/prng.js";

export interface Weights {
  /** Normalised weights (sum 1); 0 for draws whose likelihood is 0 or NaN. */
  w: Float64Array;
  ess: number;
  /** log of the mean likelihood: the log marginal likelihood estimate (model evidence) of the observations. */
  logEvidence: number;
  /** Draws with a finite log-likelihood. */
  finite: number;
}

export function normaliseLogWeights(logLik: Float64Array): Weights {
  const n = logLik.length;
  let max = Number.NEGATIVE_INFINITY;
  let finite = 0;
  for (let i = 0; i < n; i++) {
    const l = logLik[i]!;
    if (Number.isFinite(l)) {
      finite++;
      if (l > max) max = l;
    }
  }
  const w = new Float64Array(n);
  if (!finite) return { w, ess: 0, logEvidence: Number.NEGATIVE_INFINITY, finite };
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const l = logLik[i]!;
    const x = Number.isFinite(l) ? Math.exp(l - max) : 0;
    w[i] = x;
    sum += x;
  }
  let sq = 0;
  for (let i = 0; i < n; i++) {
    w[i]! /= sum;
    sq += w[i]! * w[i]!;
  }
  return { w, ess: 1 / sq, logEvidence: max + Math.log(sum / n), finite };
}

/** M indices drawn in proportion to w (which sums to 1) by systematic resampling, ascending. */
export function systematicResample(w: Float64Array, M: number, rng: Rng): Int32Array {
  const out = new Int32Array(M);
  const u0 = rng.next() / M;
  let cum = w[0]!;
  let i = 0;
  const last = w.length - 1;
  for (let m = 0; m < M; m++) {
    const u = u0 + m / M;
    while (u > cum && i < last) cum += w[++i]!;
    out[m] = i;
  }
  return out;
}

/** ESS below this many draws, or below this share of the prior draws, is reported as a warning. */
export const ESS_MIN = 200;
export const ESS_MIN_SHARE = 0.01;

export function essWarning(ess: number, draws: number): string | null {
  if (ess >= ESS_MIN && ess >= ESS_MIN_SHARE * draws) return null;
  return `effective sample size ${ess.toFixed(1)} of ${draws} prior draws is below ${ESS_MIN} or ${ESS_MIN_SHARE * 100}% of the draws: the posterior rests on few prior draws (raise --draws, or the prior misses the data)`;
}
