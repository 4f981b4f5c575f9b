/**
 * Sequential Monte Carlo with adaptive likelihood tempering (Del Moral, Doucet & Jasra 2012; Jasra et al. 2011),
 * for when the prior is far from the data and plain importance sampling leaves few effective draws.
 *
 * Parameters live in a latent standard-normal space: every parameter is its distribution's quantile at
 * u = Φ(z) (all of its piecewise segments at the same u, as in the sampler), so the prior on z is N(0, I) whatever
 * the distributions. Stages: raise the likelihood's exponent φ from 0 to 1 in steps chosen so the incremental
 * weights keep ESS ≥ N/2 (bisection), resample (systematic), then move every particle with K preconditioned
 * Crank–Nicolson Metropolis steps, z' = ρz + √(1−ρ²)ε, which leave N(0, I) invariant, so the acceptance ratio is
 * the tempered likelihood ratio alone, exp(φ(ℓ(z') − ℓ(z))). ρ adapts towards an acceptance rate near 0.25.
 */
import { normalCdf, normalQuantile } from "../sim/distributions.js";
import type { SimInputs } from "../sim/inputs.js";
import { allocOutputs, allocWorkspace, runModel, type ParamColumns, type Variable } from "../sim/model.js";
import type { Plan } from "../sim/plan.js";
import { hashString, makeRng, paramRng, type Rng } from "../sim/prng.js";
import { columnsFromUniforms } from "../sim/sample.js";
import type { Scenario } from "../sim/scenario.js";
import { systematicResample } from "./importance.js";
import { addLogLikelihood, type ObservationPoint } from "./observations.js";

export const SMC_MOVES = 3;
const CHUNK = 10_000;
const U_EPS = 1e-12;

export interface SmcResult {
  /** Parameter columns of the final, equally weighted particles (per parameter, per segment, length N). */
  cols: ParamColumns;
  /** The prior draws' columns (stage 0), for prior summaries. */
  priorCols: ParamColumns;
  /** Forecast values at the final particles: [variable][quarter] → length N. */
  forecast: Record<string, Record<string, Float64Array>>;
  stages: number;
  /** ESS of the last stage's incremental weights (before its resampling). */
  ess: number;
  /** Smallest incremental ESS over the stages. */
  minEss: number;
  /** Σ over stages of log mean incremental weight: the log marginal likelihood estimate. */
  logEvidence: number;
  /** Mean acceptance rate of the moves in the last stage. */
  acceptance: number;
}

type Names = (keyof Scenario["params"])[];

function columnsFromZ(s: Scenario, names: Names, z: Map<string, Float64Array>, N: number): ParamColumns {
  const cols = {} as ParamColumns;
  const u = new Float64Array(N);
  for (const n of names) {
    const zn = z.get(n)!;
    for (let i = 0; i < N; i++) u[i] = Math.min(1 - U_EPS, Math.max(U_EPS, normalCdf(zn[i]!)));
    cols[n] = columnsFromUniforms(s, n, u);
  }
  return cols;
}

/** Log-likelihood of every particle (and, optionally, the forecast cells), running the model in chunks. */
function evaluate(
  plan: Plan,
  cols: ParamColumns,
  names: Names,
  N: number,
  points: readonly ObservationPoint[],
  need: Set<Variable>,
  forecast?: { variables: readonly string[]; quarters: readonly string[] },
): { logLik: Float64Array; fvals: Record<string, Record<string, Float64Array>> } {
  const logLik = new Float64Array(N);
  const fvals: Record<string, Record<string, Float64Array>> = {};
  for (const v of forecast?.variables ?? []) {
    fvals[v] = {};
    for (const q of forecast!.quarters) fvals[v]![q] = new Float64Array(N);
  }
  const size = Math.min(CHUNK, N);
  let out = allocOutputs(size, plan.Q);
  let ws = allocWorkspace(size, plan.Q, plan.histTime.length);
  for (let done = 0; done < N; ) {
    const D = Math.min(CHUNK, N - done);
    if (D !== size) {
      out = allocOutputs(D, plan.Q);
      ws = allocWorkspace(D, plan.Q, plan.histTime.length);
    }
    const chunk = {} as ParamColumns;
    for (const n of names) chunk[n] = cols[n].map((c) => c.subarray(done, done + D));
    runModel(plan, chunk, D, out, ws, need);
    addLogLikelihood(
      points.map((o) => ({ ...o, col: out[o.variable as Variable], q: plan.quarters.indexOf(o.quarter) })),
      D,
      logLik,
      done,
    );
    for (const v of forecast?.variables ?? [])
      for (const q of forecast!.quarters) {
        const qi = plan.quarters.indexOf(q);
        fvals[v]![q]!.set(out[v as Variable].subarray(qi * D, qi * D + D), done);
      }
    done += D;
  }
  return { logLik, fvals };
}

/** ESS and log mean of the incremental weights exp(δ·ℓ_i). */
function incremental(logLik: Float64Array, delta: number): { ess: number; logMean: number } {
  let max = Number.NEGATIVE_INFINITY;
  for (const l of logLik) if (delta * l > max) max = delta * l;
  if (!Number.isFinite(max)) return { ess: 0, logMean: Number.NEGATIVE_INFINITY };
  let s = 0;
  let s2 = 0;
  for (const l of logLik) {
    const w = Number.isFinite(l) ? Math.exp(delta * l - max) : 0;
    s += w;
    s2 += w * w;
  }
  return { ess: (s * s) / s2, logMean: max + Math.log(s / logLik.length) };
}

function normals(rng: Rng, out: Float64Array): Float64Array {
  for (let i = 0; i < out.length; i++)
    out[i] = normalQuantile(Math.min(1 - U_EPS, Math.max(U_EPS, rng.next())));
  return out;
}

export function runSmc(
  plan: Plan,
  scenario: Scenario,
  _inputs: SimInputs,
  points: readonly ObservationPoint[],
  opts: {
    draws: number;
    seed: number;
    moves?: number;
    forecast?: { variables: readonly string[]; quarters: readonly string[] };
  },
): SmcResult {
  const N = opts.draws;
  const K = opts.moves ?? SMC_MOVES;
  const names = Object.keys(scenario.params) as Names;
  const need = new Set<Variable>(points.map((o) => o.variable as Variable));
  // Stage 0: the prior, from each parameter's own stream (as the sampler's uniforms), in latent normal space.
  let z = new Map<string, Float64Array>();
  for (const n of names) {
    const u = paramRng(opts.seed, n).fill(new Float64Array(N));
    z.set(
      n,
      Float64Array.from(u, (x) => normalQuantile(Math.min(1 - U_EPS, Math.max(U_EPS, x)))),
    );
  }
  const rng = makeRng(opts.seed, hashString("calibrate:smc"));
  const priorCols = columnsFromZ(scenario, names, z, N);
  let { logLik } = evaluate(plan, priorCols, names, N, points, need);
  let phi = 0;
  let stages = 0;
  let logEvidence = 0;
  let lastEss = N;
  let minEss = N;
  let acceptance = Number.NaN;
  let rho = 0.9;
  const eps = new Float64Array(N);
  while (phi < 1 && stages < 200) {
    // Largest step keeping the incremental ESS at N/2 or more.
    let delta = 1 - phi;
    let inc = incremental(logLik, delta);
    if (inc.ess < N / 2) {
      let lo = 0;
      let hi = delta;
      for (let it = 0; it < 50; it++) {
        const mid = (lo + hi) / 2;
        if (incremental(logLik, mid).ess >= N / 2) lo = mid;
        else hi = mid;
      }
      delta = Math.max(lo, 1e-12);
      inc = incremental(logLik, delta);
    }
    phi = Math.min(1, phi + delta);
    if (1 - phi < 1e-9) phi = 1;
    stages++;
    logEvidence += inc.logMean;
    lastEss = inc.ess;
    minEss = Math.min(minEss, inc.ess);
    // Resample by the incremental weights.
    let max = Number.NEGATIVE_INFINITY;
    for (const l of logLik) if (delta * l > max) max = delta * l;
    const w = Float64Array.from(logLik, (l) => (Number.isFinite(l) ? Math.exp(delta * l - max) : 0));
    const sum = w.reduce((a, b) => a + b, 0);
    for (let i = 0; i < N; i++) w[i]! /= sum;
    const idx = systematicResample(w, N, rng);
    const nz = new Map<string, Float64Array>();
    for (const n of names) {
      const zn = z.get(n)!;
      nz.set(
        n,
        Float64Array.from(idx, (i) => zn[i]!),
      );
    }
    z = nz;
    logLik = Float64Array.from(idx, (i) => logLik[i]!);
    // Move: K pCN steps at the new temperature.
    for (let k = 0; k < K; k++) {
      const c = Math.sqrt(1 - rho * rho);
      const prop = new Map<string, Float64Array>();
      for (const n of names) {
        const zn = z.get(n)!;
        normals(rng, eps);
        prop.set(
          n,
          Float64Array.from(zn, (x, i) => rho * x + c * eps[i]!),
        );
      }
      const { logLik: l2 } = evaluate(plan, columnsFromZ(scenario, names, prop, N), names, N, points, need);
      let acc = 0;
      for (let i = 0; i < N; i++) {
        const a = phi * (l2[i]! - logLik[i]!);
        if (Number.isFinite(l2[i]!) && (a >= 0 || Math.log(rng.next()) < a)) {
          acc++;
          logLik[i] = l2[i]!;
          for (const n of names) z.get(n)![i] = prop.get(n)![i]!;
        }
      }
      acceptance = acc / N;
      // Adapt the step: smaller (ρ → 1) when few moves are accepted, larger when many.
      if (acceptance < 0.15) rho = 1 - (1 - rho) / 2;
      else if (acceptance > 0.35) rho = Math.max(0, 1 - (1 - rho) * 1.5);
    }
  }
  const cols = columnsFromZ(scenario, names, z, N);
  const { fvals } = opts.forecast?.variables.length
    ? evaluate(plan, cols, names, N, [], new Set(opts.forecast.variables as Variable[]), opts.forecast)
    : { fvals: {} };
  return { cols, priorCols, forecast: fvals, stages, ess: lastEss, minEss, logEvidence, acceptance };
}
