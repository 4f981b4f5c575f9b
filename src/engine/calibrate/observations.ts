/**
 * Observed series the simulator is calibrated on and scored against, and their observation error models.
 * Generic over the model's variable names: a series names the simulator variable it observes, and a series whose
 * variable the model does not write is left out with a note (so the machinery survives a model rewrite).
 *
 * Error models (justified in docs/validation.md):
 * - frontier training compute per bloc: Gaussian in log10 FLOP, σ = FLOP_SIGMA_DECADES;
 * - the observed ECI gap: Gaussian in months, σ = GAP_SIGMA_MONTHS, thinned to one point per half-year;
 * - the ECI frontier per bloc: Gaussian in ECI points, σ = the residual SD of the vintage's ECI fit;
 * - Epoch chip counts: lognormal, σ of log10 from each row's own 5–95% band ((log10 p95 − log10 p5) / (2 · 1.645)).
 * Every series is a running maximum or a step function whose consecutive quarters repeat the same few models, so
 * all are thinned to half-year ends (Q2, Q4) and the points treated as independent.
 */

export type Space = "log10" | "linear";

export interface SeriesSpec {
  /** Name in reports and JSON (eciGap, usFrontierFlop, cnFrontierFlop, cnLegalH100e, worldOutputH100e). */
  name: string;
  /** The simulator variable it observes. */
  variable: string;
  /** Scores and likelihoods are computed in this space (log10 for quantities spanning decades). */
  space: Space;
  /** Unit of the scored quantity: "months", or "decades" (log10) of the variable's unit. */
  unit: string;
  /** Default observation error (in `space`) when a point carries none. */
  sigma: number;
  /**
   * Model discrepancy (in `space`), added in quadrature to each point's measurement σ: how far the model's smooth
   * aggregate may sit from a correct measurement. 0 where `sigma` already covers it.
   */
  discrepancy: number;
  /** The observation error model in words, for the report. */
  errorModel: string;
}

/**
 * assumption: 0.3 decades (×2 at one σ). Epoch's compute estimates are order-of-magnitude reconstructions from
 * parameters, tokens and hardware; a frontier value is one model's estimate, released with a lag after training.
 */
export const FLOP_SIGMA_DECADES = 0.3;
/**
 * assumption: 3 months. The observed gap jumps by several months when a single model is released (it ran
 * 1.1–18.2 months since mid-2023), and ECI scores carry a few points of estimation error, which at the US
 * frontier's pace of roughly one point a month moves a lag by a few months.
 */
export const GAP_SIGMA_MONTHS = 3;
/**
 * assumption: 0.1 decades (±26%). Epoch's chip-count bands measure the counts, not how well a quarterly
 * share-of-output model can follow them: China's legal NVIDIA purchases fell from 10^4.61 to 10^4.36 H100e between
 * 2023Q2 and 2023Q4 around the October 2023 rule, a swing the bands (±0.05–0.07 decades at one σ) would call
 * impossible for any smooth path.
 */
export const CHIP_COUNT_DISCREPANCY_DECADES = 0.1;

/** The series this release knows, by name. `variable` is the simulator's output each one observes. */
export const SERIES: readonly SeriesSpec[] = [
  {
    name: "eciGap",
    variable: "gapMonths",
    space: "linear",
    unit: "months",
    sigma: GAP_SIGMA_MONTHS,
    discrepancy: 0,
    errorModel: `Normal, σ = ${GAP_SIGMA_MONTHS} months (assumption), half-year points`,
  },
  {
    name: "usFrontierFlop",
    variable: "usFrontierFlop",
    space: "log10",
    unit: "decades",
    sigma: FLOP_SIGMA_DECADES,
    discrepancy: 0,
    errorModel: `Normal in log10 FLOP, σ = ${FLOP_SIGMA_DECADES} decades (assumption), half-year points`,
  },
  {
    name: "cnFrontierFlop",
    variable: "cnFrontierFlop",
    space: "log10",
    unit: "decades",
    sigma: FLOP_SIGMA_DECADES,
    discrepancy: 0,
    errorModel: `Normal in log10 FLOP, σ = ${FLOP_SIGMA_DECADES} decades (assumption), half-year points`,
  },
  {
    name: "usEciFrontier",
    variable: "usEci",
    space: "linear",
    unit: "ECI points",
    sigma: Number.NaN,
    discrepancy: 0,
    errorModel: "Normal, σ = residual SD of the vintage's US ECI fit, half-year points",
  },
  {
    name: "cnEciFrontier",
    variable: "cnEci",
    space: "linear",
    unit: "ECI points",
    sigma: Number.NaN,
    discrepancy: 0,
    errorModel: "Normal, σ = residual SD of the vintage's China ECI fit (else the US one), half-year points",
  },
  {
    name: "cnLegalH100e",
    variable: "legalH100e",
    space: "log10",
    unit: "decades",
    sigma: Number.NaN,
    discrepancy: CHIP_COUNT_DISCREPANCY_DECADES,
    errorModel: `lognormal, σ from each Epoch row's 5–95% band ⊕ ${CHIP_COUNT_DISCREPANCY_DECADES} decades model discrepancy (assumption), complete quarters, half-year points`,
  },
  {
    name: "worldOutputH100e",
    variable: "worldOutputH100e",
    space: "log10",
    unit: "decades",
    sigma: Number.NaN,
    discrepancy: CHIP_COUNT_DISCREPANCY_DECADES,
    errorModel: `lognormal, σ from each Epoch row's 5–95% band ⊕ ${CHIP_COUNT_DISCREPANCY_DECADES} decades model discrepancy (assumption), complete quarters, half-year points`,
  },
];

/** One observed value of a series in a quarter; sigma (in the series' space) overrides the series default. */
export interface HistoryPoint {
  quarter: string;
  value: number;
  sigma?: number;
}

export type History = Record<string, HistoryPoint[]>;

/** A point the likelihood uses: already in the series' space. */
export interface ObservationPoint {
  series: string;
  variable: string;
  quarter: string;
  /** Observed value in the series' space (log10 of the value for log10 series). */
  y: number;
  sigma: number;
  space: Space;
}

export function toSpace(space: Space, x: number): number {
  return space === "log10" ? Math.log10(x) : x;
}

/** Quarters ending a half-year (Q2, Q4): the thinning grid for the likelihood. */
export function isHalfYearEnd(quarter: string): boolean {
  return quarter.endsWith("Q2") || quarter.endsWith("Q4");
}

/**
 * The likelihood's points: per known series whose variable the model writes, the half-year points in
 * [from, to] with a finite value (and a positive value for log series) and a usable σ.
 */
export function observationPoints(
  history: History,
  series: readonly SeriesSpec[],
  variables: readonly string[],
  from: string,
  to: string,
): { points: ObservationPoint[]; skipped: string[] } {
  const points: ObservationPoint[] = [];
  const skipped: string[] = [];
  for (const s of series) {
    const h = history[s.name];
    if (!h?.length) continue;
    if (!variables.includes(s.variable)) {
      skipped.push(`${s.name}: the model has no variable ${s.variable}`);
      continue;
    }
    for (const p of h) {
      if (p.quarter < from || p.quarter > to || !isHalfYearEnd(p.quarter)) continue;
      if (!Number.isFinite(p.value) || (s.space === "log10" && !(p.value > 0))) continue;
      const sigma = Math.hypot(p.sigma ?? s.sigma, s.discrepancy);
      if (!(sigma > 0)) continue;
      points.push({
        series: s.name,
        variable: s.variable,
        quarter: p.quarter,
        y: toSpace(s.space, p.value),
        sigma,
        space: s.space,
      });
    }
  }
  return { points, skipped };
}

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * Adds each point's Gaussian log-density (in its space) to logLik[d] for the D draws of one chunk, reading the
 * simulated value of draw d in quarter q at col[q·D + d]. A non-finite or non-positive (log space) simulated
 * value makes that draw's likelihood 0 (−∞).
 */
export function addLogLikelihood(
  points: readonly { y: number; sigma: number; space: Space; col: Float64Array; q: number }[],
  D: number,
  logLik: Float64Array,
  offset: number,
): void {
  for (const p of points) {
    const base = p.q * D;
    const inv = 1 / p.sigma;
    const c = -Math.log(p.sigma) - LOG_SQRT_2PI;
    const log = p.space === "log10";
    for (let d = 0; d < D; d++) {
      const x = p.col[base + d]!;
      const v = log ? Math.log10(x) : x;
      const z = (v - p.y) * inv;
      const l = c - 0.5 * z * z;
      logLik[offset + d]! += Number.isFinite(l) ? l : Number.NEGATIVE_INFINITY;
    }
  }
}
