/**
 * Sensitivity of one output (a variable in one quarter, e.g. gapMonths@2028Q4): a tornado (each parameter from
 * its p10 to its p90 with the others at their medians) and variance-based Sobol indices — first order by
 * Saltelli (2010), total by Jansen (1999) — with bootstrap intervals.
 */
import { quantile, sampleInto } from "./distributions.js";
import {
  allocOutputs,
  allocWorkspace,
  type ParamColumns,
  runModel,
  VARIABLES,
  type Variable,
} from "./model.js";
import type { Plan } from "./plan.js";
import { PARAM_NAMES, PARAMS, type ParamName } from "./params.js";
import { makeRng } from "./prng.js";
import type { PosteriorParticles } from "./sample.js";
import type { Result, Scenario } from "./scenario.js";

export interface OutputRef {
  variable: Variable;
  quarter: string;
  q: number;
}

/** "gapMonths@2028Q4" → the variable and the quarter's index in the plan. */
export function parseOutputRef(text: string, plan: Plan): Result<OutputRef> {
  const m = /^([A-Za-z0-9]+)@(\d{4}Q[1-4])$/.exec(text.trim());
  if (!m)
    return {
      ok: false,
      issues: [{ path: "output", message: `${JSON.stringify(text)} (must look like gapMonths@2028Q4)` }],
    };
  const variable = m[1]!;
  if (!(VARIABLES as readonly string[]).includes(variable))
    return {
      ok: false,
      issues: [{ path: "output", message: `${variable} (known: ${VARIABLES.join(", ")})` }],
    };
  const q = plan.quarters.indexOf(m[2]!);
  if (q < 0)
    return {
      ok: false,
      issues: [{ path: "output", message: `${m[2]} (outside ${plan.quarters[0]}–${plan.quarters.at(-1)})` }],
    };
  return { ok: true, value: { variable: variable as Variable, quarter: m[2]!, q } };
}

/** Parameters that vary (anything but a point value in every segment). */
export function uncertainParams(s: Scenario): ParamName[] {
  return PARAM_NAMES.filter((n) => s.params[n].segments.some((g) => g.dist.dist !== "point"));
}

/** Columns where parameter `name` in row r takes its quantile u[name][r]. */
/**
 * Per parameter and scenario segment, the posterior's particle values sorted (its marginal), where the posterior
 * covers that segment (same `from` and distribution, as in makeSampler); null elsewhere.
 */
type Marginals = Map<string, (Float64Array | null)[]>;

export function posteriorMarginals(s: Scenario, posterior: PosteriorParticles): Marginals {
  const m: Marginals = new Map();
  for (const name of PARAM_NAMES) {
    const post = posterior.params[name];
    m.set(
      name,
      s.params[name].segments.map((g) => {
        const hit = post?.find((p) => p.from === g.from && JSON.stringify(p.dist) === JSON.stringify(g.dist));
        return hit ? Float64Array.from(hit.values).sort() : null;
      }),
    );
  }
  return m;
}

/** The u-quantile of a sorted sample (the empirical distribution's inverse). */
function empiricalQuantile(sorted: Float64Array, u: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(u * sorted.length))]!;
}

function columnsFromQuantiles(
  s: Scenario,
  uOf: (name: ParamName) => Float64Array,
  marginals?: Marginals,
): ParamColumns {
  const cols = {} as ParamColumns;
  for (const name of PARAM_NAMES) {
    const u = uOf(name);
    const { min, max } = PARAMS[name];
    const post = marginals?.get(name);
    cols[name] = s.params[name].segments.map((g, k) => {
      const sorted = post?.[k];
      if (sorted) return Float64Array.from(u, (x) => empiricalQuantile(sorted, x));
      return sampleInto(g.dist, u, new Float64Array(u.length), min, max);
    });
  }
  return cols;
}

/** Evaluates the model for the rows given by per-parameter quantile columns; returns the chosen output. */
function evaluate(
  plan: Plan,
  s: Scenario,
  out: OutputRef,
  uOf: (n: ParamName) => Float64Array,
  D: number,
  marginals?: Marginals,
): Float64Array {
  const cols = columnsFromQuantiles(s, uOf, marginals);
  const o = runModel(plan, cols, D, allocOutputs(D, plan.Q), allocWorkspace(D, plan.Q, plan.histTime.length));
  return o[out.variable].slice(out.q * D, out.q * D + D);
}

export interface TornadoBar {
  param: ParamName;
  /** The parameter's own p10 and p90 (first segment when piecewise). */
  low: number;
  high: number;
  outputAtLow: number;
  outputAtHigh: number;
  swing: number;
}

export interface Tornado {
  output: string;
  base: number;
  bars: TornadoBar[];
}

/**
 * With a posterior, parameters it covers move between their posterior p10 and p90 (others at their posterior
 * medians): which uncertainties remain after the data has spoken.
 */
export function tornado(
  plan: Plan,
  s: Scenario,
  out: OutputRef,
  params = uncertainParams(s),
  posterior?: PosteriorParticles,
): Tornado {
  const marginals = posterior ? posteriorMarginals(s, posterior) : undefined;
  const R = 1 + 2 * params.length;
  const uOf = (name: ParamName) => {
    const u = new Float64Array(R).fill(0.5);
    const k = params.indexOf(name);
    if (k >= 0) {
      u[1 + 2 * k] = 0.1;
      u[2 + 2 * k] = 0.9;
    }
    return u;
  };
  const y = evaluate(plan, s, out, uOf, R, marginals);
  const bars = params.map((param, k): TornadoBar => {
    const d = s.params[param].segments[0]!.dist;
    const a = y[1 + 2 * k]!;
    const b = y[2 + 2 * k]!;
    const m = marginals?.get(param)?.[0];
    return {
      param,
      low: m ? empiricalQuantile(m, 0.1) : quantile(d, 0.1),
      high: m ? empiricalQuantile(m, 0.9) : quantile(d, 0.9),
      outputAtLow: a,
      outputAtHigh: b,
      swing: Math.abs(b - a),
    };
  });
  bars.sort((a, b) => b.swing - a.swing || (a.param < b.param ? -1 : 1));
  return { output: `${out.variable}@${out.quarter}`, base: y[0]!, bars };
}

export interface SobolIndex {
  param: ParamName;
  first: number;
  firstLow: number;
  firstHigh: number;
  total: number;
  totalLow: number;
  totalHigh: number;
}

export interface SobolResult {
  output: string;
  N: number;
  bootstrap: number;
  variance: number;
  indices: SobolIndex[];
}

function indicesFor(
  fA: Float64Array,
  fB: Float64Array,
  fAB: Float64Array,
  idx: Int32Array | null,
): [number, number] {
  const N = fA.length;
  let sA = 0;
  let sB = 0;
  let sAA = 0;
  let sBB = 0;
  let s1 = 0;
  let sT = 0;
  for (let r = 0; r < N; r++) {
    const i = idx ? idx[r]! : r;
    const a = fA[i]!;
    const b = fB[i]!;
    const ab = fAB[i]!;
    sA += a;
    sB += b;
    sAA += a * a;
    sBB += b * b;
    s1 += b * (ab - a);
    sT += (a - ab) * (a - ab);
  }
  const mean = (sA + sB) / (2 * N);
  const v = (sAA + sBB) / (2 * N) - mean * mean;
  return [s1 / N / v, sT / (2 * N) / v];
}

/**
 * Sobol indices from N base rows: A and B from the seeded PRNG, AB_i = A with column i from B; N·(k + 2) model
 * evaluations. Bootstrap resamples the N rows `bootstrap` times for 95% intervals.
 */
export function sobol(
  plan: Plan,
  s: Scenario,
  out: OutputRef,
  opts: {
    N: number;
    seed: number;
    bootstrap?: number;
    params?: ParamName[];
    onProgress?: (f: number) => void;
    /**
     * Draw the parameters it covers from the posterior's marginals. Sobol indices assume independent inputs, so the
     * posterior's correlations between parameters are dropped: the indices apportion the variance of a posterior
     * with the same marginals.
     */
    posterior?: PosteriorParticles;
  },
): SobolResult {
  const marginals = opts.posterior ? posteriorMarginals(s, opts.posterior) : undefined;
  const params = opts.params ?? uncertainParams(s);
  const { N } = opts;
  const B = opts.bootstrap ?? 200;
  const rng = makeRng(opts.seed, 0x50b01);
  const uA = new Map<ParamName, Float64Array>();
  const uB = new Map<ParamName, Float64Array>();
  for (const p of params) {
    const a = new Float64Array(N);
    const b = new Float64Array(N);
    for (let r = 0; r < N; r++) a[r] = rng.next();
    for (let r = 0; r < N; r++) b[r] = rng.next();
    uA.set(p, a);
    uB.set(p, b);
  }
  const half = new Float64Array(N).fill(0.5);
  const outs = allocOutputs(N, plan.Q);
  const ws = allocWorkspace(N, plan.Q, plan.histTime.length);
  const run = (uOf: (n: ParamName) => Float64Array) => {
    const cols = columnsFromQuantiles(s, uOf, marginals);
    runModel(plan, cols, N, outs, ws);
    return outs[out.variable].slice(out.q * N, out.q * N + N);
  };
  const fA = run((n) => uA.get(n) ?? half);
  const fB = run((n) => uB.get(n) ?? half);
  const fAB = params.map((pi, k) => {
    opts.onProgress?.((k + 2) / (params.length + 2));
    return run((n) => (n === pi ? uB.get(n)! : (uA.get(n) ?? half)));
  });
  let v = 0;
  {
    let m = 0;
    for (let r = 0; r < N; r++) m += fA[r]! + fB[r]!;
    m /= 2 * N;
    for (let r = 0; r < N; r++) v += (fA[r]! - m) ** 2 + (fB[r]! - m) ** 2;
    v /= 2 * N;
  }
  const boot = makeRng(opts.seed, 0xb007);
  const idx = new Int32Array(N);
  const firsts = params.map(() => new Float64Array(B));
  const totals = params.map(() => new Float64Array(B));
  for (let b = 0; b < B; b++) {
    for (let r = 0; r < N; r++) idx[r] = Math.floor(boot.next() * N);
    params.forEach((_, k) => {
      const [f, t] = indicesFor(fA, fB, fAB[k]!, idx);
      firsts[k]![b] = f;
      totals[k]![b] = t;
    });
  }
  const ci = (xs: Float64Array): [number, number] => {
    const sorted = Float64Array.from(xs).sort();
    const at = (p: number) => sorted[Math.min(B - 1, Math.max(0, Math.round(p * (B - 1))))]!;
    return [at(0.025), at(0.975)];
  };
  const indices = params.map((param, k): SobolIndex => {
    const [first, total] = indicesFor(fA, fB, fAB[k]!, null);
    const [fl, fh] = B > 1 ? ci(firsts[k]!) : [first, first];
    const [tl, th] = B > 1 ? ci(totals[k]!) : [total, total];
    return { param, first, firstLow: fl, firstHigh: fh, total, totalLow: tl, totalHigh: th };
  });
  indices.sort((a, b) => b.total - a.total || (a.param < b.param ? -1 : 1));
  opts.onProgress?.(1);
  return { output: `${out.variable}@${out.quarter}`, N, bootstrap: B, variance: v, indices };
}
