/**
 * Rolling-origin out-of-sample validation: at each origin T (a quarter end), calibrate on what was known at T,
 * forecast the next 1–8 quarters from the posterior, and score against what followed, side by side with naive
 * baselines fitted to the same vintage. Pure: the adapter supplies the scenario per origin, the vintage history
 * and the newest data.
 */
import { normalQuantile } from "../sim/distributions.js";
import type { SimInputs } from "../sim/inputs.js";
import { paramRng } from "../sim/prng.js";
import { quarterIndex, quarterLabel } from "../sim/quarters.js";
import type { Result, Scenario } from "../sim/scenario.js";
import { baselinesFor } from "./baselines.js";
import { type CalibrationMethod, calibrate } from "./calibrate.js";
import { type History, observationPoints, type SeriesSpec, toSpace } from "./observations.js";
import {
  type PooledScore,
  poolScores,
  quantileSorted,
  type ScoredPoint,
  scoreNormal,
  scoreSample,
  sortedSample,
} from "./scores.js";
import { quarterEnd } from "./vintage.js";

export const FORECAST_QUARTERS = 8;
/** Fewer thinned observations than this at an origin is refused: the likelihood would say almost nothing. */
export const MIN_OBSERVATIONS = 4;

export interface RollingDeps {
  /** Scenario and inputs for an origin: only events known by asOf, horizon at least `horizon`. */
  prepare(asOf: string, horizon: string): Result<{ scenario: Scenario; inputs: SimInputs }>;
  /** Quarterly history as knowable at asOf (rows dated ≤ asOf only). */
  historyAsOf(asOf: string): History;
  /** The newest data, against which forecasts are scored. */
  truth: History;
}

export interface RollingOptions {
  origins: readonly string[];
  draws: number;
  seed: number;
  series: readonly SeriesSpec[];
  variables: readonly string[];
  /** First quarter of history used for calibration and the baselines (the scenario's start). */
  from: string;
  horizonQuarters?: number;
  method?: CalibrationMethod;
}

export interface ForecastPoint {
  origin: string;
  series: string;
  quarter: string;
  h: number;
  /** Observed value in the series' scoring space (log10 for FLOP and H100e). */
  observed: number;
  model: ScoredPoint & { p5: number; p50: number; p95: number };
  baselines: Record<string, ScoredPoint>;
}

export interface OriginReport {
  origin: string;
  asOf: string;
  observations: number;
  ess: number;
  warning: string | null;
  scored: number;
}

export interface SeriesScore {
  series: string;
  unit: string;
  model: PooledScore;
  baselines: Record<string, PooledScore>;
}

export interface RollingReport {
  method: string;
  seed: number;
  priorDraws: number;
  origins: OriginReport[];
  pooled: SeriesScore[];
  points: ForecastPoint[];
}

/** Every second quarter from `first` up to and including `last`. */
export function halfYearOrigins(first: string, last: string): string[] {
  const out: string[] = [];
  for (let i = quarterIndex(first)!; i <= quarterIndex(last)!; i += 2) out.push(quarterLabel(i));
  return out;
}

export function rollingBacktest(deps: RollingDeps, opts: RollingOptions): Result<RollingReport> {
  const H = opts.horizonQuarters ?? FORECAST_QUARTERS;
  const origins: OriginReport[] = [];
  const points: ForecastPoint[] = [];
  let method = "";
  for (const origin of opts.origins) {
    const asOf = quarterEnd(origin);
    const targets = Array.from({ length: H }, (_, k) => quarterLabel(quarterIndex(origin)! + k + 1));
    const prep = deps.prepare(asOf, targets.at(-1)!);
    if (!prep.ok)
      return { ok: false, issues: prep.issues.map((i) => ({ ...i, path: `${origin}.${i.path}` })) };
    const hist = deps.historyAsOf(asOf);
    const obs = observationPoints(hist, opts.series, opts.variables, opts.from, origin).points;
    if (obs.length < MIN_OBSERVATIONS)
      return {
        ok: false,
        issues: [
          {
            path: "origin",
            message: `${origin}: ${obs.length} half-year observations from ${opts.from} (need at least ${MIN_OBSERVATIONS})`,
          },
        ],
      };
    const scoredSeries = opts.series.filter(
      (s) => opts.variables.includes(s.variable) && deps.truth[s.name]?.length,
    );
    const cal = calibrate(prep.value.scenario, prep.value.inputs, obs, {
      draws: opts.draws,
      seed: opts.seed,
      particles: opts.draws,
      ...(opts.method ? { method: opts.method } : {}),
      forecast: { variables: [...new Set(scoredSeries.map((s) => s.variable))], quarters: targets },
    });
    if (!cal.ok) return { ok: false, issues: cal.issues.map((i) => ({ ...i, path: `${origin}.${i.path}` })) };
    method = cal.value.method;
    let scored = 0;
    for (const s of scoredSeries) {
      const truth = new Map(deps.truth[s.name]!.map((p) => [p.quarter, p.value]));
      const truthSigma = new Map(deps.truth[s.name]!.map((p) => [p.quarter, p.sigma]));
      const past = (hist[s.name] ?? [])
        .filter((p) => p.quarter >= opts.from && p.quarter <= origin && Number.isFinite(p.value))
        .filter((p) => s.space === "linear" || p.value > 0)
        .map((p) => ({ quarter: p.quarter, y: toSpace(s.space, p.value) }));
      const bases = baselinesFor(s.name);
      targets.forEach((q, k) => {
        const v = truth.get(q);
        if (v === undefined || !Number.isFinite(v) || (s.space === "log10" && !(v > 0))) return;
        const y = toSpace(s.space, v);
        const raw = cal.value.forecast[s.variable]![q]!;
        // The forecast of an observation is the model's value plus the same observation error the likelihood
        // assumes (docs/validation.md): without it a latent quantity would be scored against noisy measurements.
        const sd = Math.hypot(truthSigma.get(q) ?? s.sigma, s.discrepancy);
        const noise =
          Number.isFinite(sd) && sd > 0 ? paramRng(opts.seed, `predictive:${origin}:${s.name}:${q}`) : null;
        const u = noise ? noise.fill(new Float64Array(raw.length)) : null;
        const sample = sortedSample(
          raw.map(
            (x, i) =>
              (s.space === "log10" ? Math.log10(x) : x) +
              (u ? sd * normalQuantile(Math.min(1 - 1e-12, Math.max(1e-12, u[i]!))) : 0),
          ),
        );
        const m = scoreSample(sample, y);
        const baselines: Record<string, ScoredPoint> = {};
        for (const [name, b] of Object.entries(bases)) {
          const f = b(past, q);
          if (f) baselines[name] = scoreNormal(f.mu, f.sigma, y);
        }
        const qs = (p: number) => quantileSorted(sample, p);
        points.push({
          origin,
          series: s.name,
          quarter: q,
          h: k + 1,
          observed: y,
          model: { ...m, p5: qs(0.05), p50: qs(0.5), p95: qs(0.95) },
          baselines,
        });
        scored++;
      });
    }
    origins.push({
      origin,
      asOf,
      observations: obs.length,
      ess: cal.value.ess,
      warning: cal.value.warning,
      scored,
    });
  }
  const pooled: SeriesScore[] = opts.series
    .filter((s) => points.some((p) => p.series === s.name))
    .map((s) => {
      const ps = points.filter((p) => p.series === s.name);
      const names = [...new Set(ps.flatMap((p) => Object.keys(p.baselines)))];
      return {
        series: s.name,
        unit: s.unit,
        model: poolScores(ps.map((p) => p.model)),
        baselines: Object.fromEntries(
          names.map((n) => [n, poolScores(ps.flatMap((p) => (p.baselines[n] ? [p.baselines[n]!] : [])))]),
        ),
      };
    });
  return {
    ok: true,
    value: { method, seed: opts.seed, priorDraws: opts.draws, origins, pooled, points },
  };
}
