/**
 * Calibration by importance sampling: N prior draws of a scenario's parameters are run through the model, each
 * weighted by the likelihood of the observed half-year points up to the vintage date, and the weighted set is
 * resampled (systematic) into an equally weighted posterior sample that scenarios run from.
 *
 * Generic over the model: parameters are whatever the scenario defines, variables whatever VARIABLES lists.
 * The model only looks backward in time, so the simulated quarters up to T do not depend on the horizon, and the
 * same run also yields each draw's forecast for later quarters (used by the rolling backtest).
 */
import type { SimInputs } from "../sim/inputs.js";
import { allocOutputs, allocWorkspace, runModel, VARIABLES, type Variable } from "../sim/model.js";
import { makePlan, type Plan } from "../sim/plan.js";
import { makeRng, hashString } from "../sim/prng.js";
import { makeSampler, type PosteriorParticles } from "../sim/sample.js";
import type { Result, Scenario } from "../sim/scenario.js";
import { essWarning, normaliseLogWeights, systematicResample } from "./importance.js";
import { addLogLikelihood, type ObservationPoint } from "./observations.js";
import { runSmc, SMC_MOVES } from "./smc.js";

export const METHOD = "importance sampling (prior as proposal), systematic resampling";
export const SMC_METHOD = `sequential Monte Carlo (adaptive likelihood tempering at ESS ≥ N/2, systematic resampling, ${SMC_MOVES} pCN Metropolis moves per stage)`;
export type CalibrationMethod = "is" | "smc";
/** Particles kept in a saved posterior. */
export const DEFAULT_PARTICLES = 2_000;
const CHUNK = 10_000;

export interface CalibrateOptions {
  draws: number;
  seed: number;
  /** Equally weighted particles to keep (default DEFAULT_PARTICLES, at most `draws`). */
  particles?: number;
  /** Variables whose per-draw values in `quarters` are kept (resampled like the parameters) for forecasting. */
  forecast?: { variables: readonly string[]; quarters: readonly string[] };
  /** "is" (default): importance sampling; "smc": sequential Monte Carlo (see smc.ts). */
  method?: CalibrationMethod;
}

export interface Calibration {
  method: string;
  seed: number;
  priorDraws: number;
  ess: number;
  /** log of the mean likelihood over the prior draws (log model evidence, up to the observation densities' units). */
  logEvidence: number;
  warning: string | null;
  observations: ObservationPoint[];
  posterior: PosteriorParticles;
  /** Prior draw each particle came from. */
  indices: Int32Array;
  /** Resampled forecast values: forecast[variable][quarter] is one value per particle (length `particles`). */
  forecast: Record<string, Record<string, Float64Array>>;
  /** Posterior mean and 5/50/95% quantiles of each parameter's first segment, and the prior's, for the report. */
  summary: { name: string; segment: number; from: number; prior: Quantiles; posterior: Quantiles }[];
  /** SMC only: tempering stages, the smallest stage ESS, the last stage's move acceptance, distinct particles. */
  smc?: { stages: number; minEss: number; acceptance: number; distinct: number };
}

export interface Quantiles {
  mean: number;
  p5: number;
  p50: number;
  p95: number;
}

/**
 * Mean and 5/50/95% quantiles of xs under uniform weights and under w. The draws are sorted once (native numeric
 * sort); a weighted quantile is found by bisection over the sorted values, each step summing the weight at or below
 * a value (O(n log n) overall, no comparator sort).
 */
function priorAndPosterior(xs: Float64Array, w: Float64Array): { prior: Quantiles; posterior: Quantiles } {
  const n = xs.length;
  const sorted = Float64Array.from(xs).sort();
  let mean = 0;
  let wmean = 0;
  for (let i = 0; i < n; i++) {
    mean += xs[i]!;
    wmean += w[i]! * xs[i]!;
  }
  const at = (p: number) => sorted[Math.min(n - 1, Math.max(0, Math.ceil(p * n) - 1))]!;
  const massAtOrBelow = (v: number) => {
    let c = 0;
    for (let i = 0; i < n; i++) if (xs[i]! <= v) c += w[i]!;
    return c;
  };
  const wq = (p: number) => {
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (massAtOrBelow(sorted[mid]!) >= p) hi = mid;
      else lo = mid + 1;
    }
    return sorted[lo]!;
  };
  return {
    prior: { mean: mean / n, p5: at(0.05), p50: at(0.5), p95: at(0.95) },
    posterior: { mean: wmean, p5: wq(0.05), p50: wq(0.5), p95: wq(0.95) },
  };
}

/**
 * Runs the calibration. `observations` must already be vintage-filtered (points dated ≤ T); each must name a
 * variable the model writes and a quarter of the scenario. The same inputs and seed give the same numbers.
 */
export function calibrate(
  scenario: Scenario,
  inputs: SimInputs,
  observations: readonly ObservationPoint[],
  opts: CalibrateOptions,
): Result<Calibration> {
  const { draws, seed } = opts;
  if (!Number.isInteger(draws) || draws < 1)
    return { ok: false, issues: [{ path: "draws", message: `${draws} (must be a positive integer)` }] };
  const M = Math.min(opts.particles ?? DEFAULT_PARTICLES, draws);
  const planR = makePlan(scenario, inputs);
  if (!planR.ok) return planR;
  const plan = planR.value;
  const known = VARIABLES as readonly string[];
  const issues = [];
  for (const o of observations) {
    if (!known.includes(o.variable))
      issues.push({ path: `observations.${o.series}`, message: `${o.variable} is not a model variable` });
    else if (!plan.quarters.includes(o.quarter))
      issues.push({
        path: `observations.${o.series}`,
        message: `${o.quarter} is outside ${plan.quarters[0]}–${plan.quarters.at(-1)}`,
      });
  }
  const fvars = opts.forecast?.variables ?? [];
  const fqs = opts.forecast?.quarters ?? [];
  for (const v of fvars)
    if (!known.includes(v))
      issues.push({ path: "forecast.variables", message: `${v} is not a model variable` });
  for (const q of fqs)
    if (!plan.quarters.includes(q))
      issues.push({
        path: "forecast.quarters",
        message: `${q} is outside ${plan.quarters[0]}–${plan.quarters.at(-1)}`,
      });
  if (issues.length) return { ok: false, issues };

  if (opts.method === "smc") return calibrateSmc(plan, scenario, inputs, observations, opts, M);
  const need = new Set<Variable>([...observations.map((o) => o.variable), ...fvars] as Variable[]);
  const sampler = makeSampler(scenario, seed);
  const names = Object.keys(scenario.params) as (keyof Scenario["params"])[];
  const paramValues = new Map<string, Float64Array[]>(
    names.map((n) => [n, scenario.params[n].segments.map(() => new Float64Array(draws))]),
  );
  const fvals: Record<string, Record<string, Float64Array>> = {};
  for (const v of fvars) {
    fvals[v] = {};
    for (const q of fqs) fvals[v]![q] = new Float64Array(draws);
  }
  const logLik = new Float64Array(draws);
  const size = Math.min(CHUNK, draws);
  let out = allocOutputs(size, plan.Q);
  let ws = allocWorkspace(size, plan.Q, plan.histTime.length);
  for (let done = 0; done < draws; ) {
    const D = Math.min(CHUNK, draws - done);
    if (D !== size) {
      out = allocOutputs(D, plan.Q);
      ws = allocWorkspace(D, plan.Q, plan.histTime.length);
    }
    const cols = sampler.next(D);
    for (const n of names) {
      const dst = paramValues.get(n)!;
      for (const [k, c] of cols[n].entries()) dst[k]!.set(c, done);
    }
    runModel(plan, cols, D, out, ws, need);
    addLogLikelihood(
      observations.map((o) => ({
        ...o,
        col: out[o.variable as Variable],
        q: plan.quarters.indexOf(o.quarter),
      })),
      D,
      logLik,
      done,
    );
    for (const v of fvars)
      for (const q of fqs) {
        const col = out[v as Variable];
        const qi = plan.quarters.indexOf(q);
        fvals[v]![q]!.set(col.subarray(qi * D, qi * D + D), done);
      }
    done += D;
  }
  const wts = normaliseLogWeights(logLik);
  if (wts.finite === 0)
    return {
      ok: false,
      issues: [
        { path: "observations", message: "every prior draw has likelihood 0 (simulated values non-finite)" },
      ],
    };
  const idx = systematicResample(wts.w, M, makeRng(seed, hashString("calibrate:resample")));
  const params: PosteriorParticles["params"] = {};
  const summary: Calibration["summary"] = [];
  for (const n of names) {
    const segs = scenario.params[n].segments;
    params[n] = segs.map((g, k) => {
      const all = paramValues.get(n)![k]!;
      const values = Float64Array.from(idx, (i) => all[i]!);
      if (g.dist.dist !== "point")
        summary.push({
          name: n,
          segment: k,
          from: g.from,
          ...priorAndPosterior(all, wts.w),
        });
      return { from: g.from, dist: g.dist, values };
    });
  }
  const forecast: Calibration["forecast"] = {};
  for (const v of fvars) {
    forecast[v] = {};
    for (const q of fqs) forecast[v]![q] = Float64Array.from(idx, (i) => fvals[v]![q]![i]!);
  }
  return {
    ok: true,
    value: {
      method: METHOD,
      seed,
      priorDraws: draws,
      ess: wts.ess,
      logEvidence: wts.logEvidence,
      warning: essWarning(wts.ess, draws),
      observations: [...observations],
      posterior: { size: M, params },
      indices: idx,
      forecast,
      summary,
    },
  };
}

function calibrateSmc(
  plan: Plan,
  scenario: Scenario,
  inputs: SimInputs,
  observations: readonly ObservationPoint[],
  opts: CalibrateOptions,
  M: number,
): Result<Calibration> {
  const N = opts.draws;
  const r = runSmc(plan, scenario, inputs, observations, {
    draws: N,
    seed: opts.seed,
    ...(opts.forecast ? { forecast: opts.forecast } : {}),
  });
  const uniform = new Float64Array(N).fill(1 / N);
  const idx = systematicResample(uniform, M, makeRng(opts.seed, hashString("calibrate:resample")));
  const names = Object.keys(scenario.params) as (keyof Scenario["params"])[];
  const params: PosteriorParticles["params"] = {};
  const summary: Calibration["summary"] = [];
  const distinct = new Set<string>();
  for (const n of names) {
    params[n] = scenario.params[n].segments.map((g, k) => {
      const all = r.cols[n][k]!;
      if (g.dist.dist !== "point")
        summary.push({
          name: n,
          segment: k,
          from: g.from,
          prior: priorAndPosterior(r.priorCols[n][k]!, uniform).prior,
          posterior: priorAndPosterior(all, uniform).prior,
        });
      return { from: g.from, dist: g.dist, values: Float64Array.from(idx, (i) => all[i]!) };
    });
  }
  // Distinct particles: rows that differ in any parameter (moves make duplicates from resampling distinct).
  const first = names.find((n) => scenario.params[n].segments.some((g) => g.dist.dist !== "point"));
  if (first) for (const v of r.cols[first][0]!) distinct.add(String(v));
  const forecast: Calibration["forecast"] = {};
  for (const [v, byQ] of Object.entries(r.forecast)) {
    forecast[v] = {};
    for (const [q, col] of Object.entries(byQ)) forecast[v]![q] = Float64Array.from(idx, (i) => col[i]!);
  }
  const warning =
    r.acceptance < 0.05
      ? `sequential Monte Carlo moves accepted ${(100 * r.acceptance).toFixed(1)}% in the last stage: the particles are mostly copies (raise --draws)`
      : null;
  return {
    ok: true,
    value: {
      method: SMC_METHOD,
      seed: opts.seed,
      priorDraws: N,
      ess: r.ess,
      logEvidence: r.logEvidence,
      warning,
      observations: [...observations],
      posterior: { size: M, params },
      indices: idx,
      forecast,
      summary,
      smc: { stages: r.stages, minEss: r.minEss, acceptance: r.acceptance, distinct: distinct.size },
    },
  };
}
