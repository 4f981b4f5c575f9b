/**
 * Capability in ECI from training compute and date (DESIGN §5), fitted on the observed model records. Pure.
 *
 * US:    ECI = a + b·log10(training FLOP) + c·t + ε,  t = years since 2023-01-01 (365.25-day years), ε ~ N(0, σ²).
 *        Compute and date are both regressors, so algorithmic progress (c) is not counted again inside b.
 * China: residual_i = ECI_i − (a + b·log10 C_i + c·t_i) = δ + κ·(F_US(t_i) − (a + b·log10 C_i + c·t_i)) + ε,
 *        F_US(t) = the running maximum of US ECI over models released on or before t (all US models with an ECI,
 *        with or without a compute figure). δ = China's efficiency offset in ECI points at equal compute and date;
 *        κ = the share of the distance to the US frontier that a Chinese model closes (catch-up from the leader's
 *        published and open-weight work).
 *
 * China, `cnModel: "trend"` instead: residual_i = δ + κ·t_i + ε — an offset at 2023-01-01 and a catch-up in ECI
 *        points per year (the form the simulator's inputs take when it holds κ·t at its last observed value).
 *
 * Identification (distance form): within a date, F_US(t) is fixed, so the distance varies with −log10 C and κ also absorbs any
 * difference between China's and the US's compute slope (κ < 0 when Chinese ECI rises faster with compute than b).
 * Read δ and κ jointly (their covariance is strongly negative); meanResidual is the one-number summary.
 *
 * Both fits are ordinary least squares with covariance σ²(XᵀX)⁻¹, σ² = RSS / (n − k). The China fit treats the US
 * coefficients as known (a generated regressor), so its covariance understates the uncertainty by the US fit's share.
 */
import { dayNumber } from "../gap/dates.js";
import type { ModelRecord } from "../gap/types.js";

/** Origin of the date regressor t. */
export const ECI_TIME_ORIGIN = "2023-01-01";
const DAYS_PER_YEAR = 365.25;

export interface OlsResult {
  coef: number[];
  /** σ²(XᵀX)⁻¹, k × k. */
  cov: number[][];
  /** Residual standard deviation, √(RSS / (n − k)). */
  sigma: number;
  rss: number;
  r2: number;
  n: number;
  residuals: number[];
}

/** Inverse of a small symmetric positive-definite matrix by Gauss–Jordan with partial pivoting; throws if singular. */
export function invertSmall(m: readonly (readonly number[])[]): number[][] {
  const k = m.length;
  const a = m.map((row, i) => [...row, ...Array.from({ length: k }, (_, j) => (i === j ? 1 : 0))]);
  const scale = Math.max(...m.flat().map(Math.abs), 1e-300);
  for (let col = 0; col < k; col++) {
    let piv = col;
    for (let r = col + 1; r < k; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[piv]![col]!)) piv = r;
    if (Math.abs(a[piv]![col]!) <= 1e-12 * scale)
      throw new RangeError(
        "singular design matrix: the regressors are collinear (e.g. every model on one date)",
      );
    [a[col], a[piv]] = [a[piv]!, a[col]!];
    const p = a[col]![col]!;
    for (let j = 0; j < 2 * k; j++) a[col]![j]! /= p;
    for (let r = 0; r < k; r++) {
      if (r === col) continue;
      const f = a[r]![col]!;
      if (f !== 0) for (let j = 0; j < 2 * k; j++) a[r]![j]! -= f * a[col]![j]!;
    }
  }
  return a.map((row) => row.slice(k));
}

/** OLS of y on the columns of X (rows include the constant if wanted). One pass to build XᵀX and Xᵀy: O(n·k²). */
export function ols(x: readonly (readonly number[])[], y: readonly number[]): OlsResult {
  const n = y.length;
  const k = x[0]?.length ?? 0;
  if (x.length !== n) throw new RangeError(`ols: ${x.length} rows of X but ${n} values of y`);
  if (n <= k) throw new RangeError(`ols: ${n} observations for ${k} coefficients (need more than ${k})`);
  const xtx = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const xty = new Array<number>(k).fill(0);
  for (let i = 0; i < n; i++) {
    const row = x[i]!;
    for (let p = 0; p < k; p++) {
      xty[p]! += row[p]! * y[i]!;
      for (let q = 0; q < k; q++) xtx[p]![q]! += row[p]! * row[q]!;
    }
  }
  const inv = invertSmall(xtx);
  const coef = inv.map((r) => r.reduce((s, v, j) => s + v * xty[j]!, 0));
  let rss = 0;
  let mean = 0;
  for (const v of y) mean += v / n;
  let tss = 0;
  const residuals = y.map((v, i) => {
    const e = v - x[i]!.reduce((s, xv, j) => s + xv * coef[j]!, 0);
    rss += e * e;
    tss += (v - mean) ** 2;
    return e;
  });
  const s2 = rss / (n - k);
  return {
    coef,
    cov: inv.map((r) => r.map((v) => v * s2)),
    sigma: Math.sqrt(s2),
    rss,
    r2: tss > 0 ? 1 - rss / tss : Number.NaN,
    n,
    residuals,
  };
}

/** Lower-triangular L with L·Lᵀ = cov (for drawing correlated coefficients: β + L·z, z ~ N(0, I)). */
export function cholesky(cov: readonly (readonly number[])[]): number[][] {
  const k = cov.length;
  const l = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = cov[i]![j]!;
      for (let p = 0; p < j; p++) s -= l[i]![p]! * l[j]![p]!;
      if (i === j) {
        if (!(s > 0)) throw new RangeError(`cholesky: matrix is not positive definite (pivot ${i}: ${s})`);
        l[i]![i] = Math.sqrt(s);
      } else l[i]![j] = s / l[j]![j]!;
    }
  }
  return l;
}

/** Years since ECI_TIME_ORIGIN of an ISO date. */
export function eciYears(date: string): number {
  return (dayNumber(date) - dayNumber(ECI_TIME_ORIGIN)) / DAYS_PER_YEAR;
}

export interface EciFitOptions {
  /** ISO date: only models released on or before it are read (calibration at vintage T). */
  asOf?: string;
  /** Leave out models whose training compute Epoch labels "Speculative" (default false: kept). */
  dropSpeculativeCompute?: boolean;
  /**
   * Which Chinese models the offset and catch-up are estimated on: `all` (every CN model with ECI and compute) or
   * `frontier` (only models that raised China's ECI frontier when released — the models the gap is measured on).
   * Default `all`.
   */
  cnSample?: "all" | "frontier";
  /** The China equation: `distance` (κ on the distance to the US frontier; default) or `trend` (κ per year). */
  cnModel?: "distance" | "trend";
}

export interface UsEciFit {
  a: number; // ECI points at log10 C = 0, t = 0 (an extrapolation; only a + b·log10 C + c·t is meaningful)
  b: number; // ECI points per decade (×10) of training compute
  c: number; // ECI points per year at equal compute
  /** Covariance of (a, b, c), 3 × 3. */
  cov: number[][];
  sigma: number; // residual SD, ECI points
  n: number;
  r2: number;
  dateRange: { from: string; to: string };
  /** ids of the model rows used. */
  used: string[];
}

export interface CnEciFit {
  model: "distance" | "trend";
  delta: number; // ECI points (trend: at 2023-01-01)
  /** distance: share of the distance to the US frontier closed (0..1 if catch-up); trend: ECI points per year. */
  kappa: number;
  /** Covariance of (δ, κ), 2 × 2; conditional on the US coefficients. */
  cov: number[][];
  sigma: number; // residual SD, ECI points
  n: number;
  /**
   * Mean of the rows' residuals from the US equation (ECI points) and its standard error: China's average offset
   * if κ were 0 — the well-identified summary when κ is not (see the module note on collinearity).
   */
  meanResidual: number;
  meanResidualSe: number;
  /** Mean distance to the US frontier, F_US(t) − US equation, over the rows (ECI points). */
  meanDistance: number;
  /**
   * δ as an equivalent compute multiplier 10^(δ/b): at equal date (and, in the distance form, zero distance) one
   * Chinese FLOP buys the ECI of this many US FLOP (> 1: more ECI per FLOP than the US equation).
   */
  computeMultiplier: number;
  dateRange: { from: string; to: string };
  /** Years since the origin of the newest Chinese model used (the trend form should not be extrapolated past it). */
  tEnd: number;
  used: string[];
}

export interface EciFit {
  asOf: string | null;
  timeOrigin: string;
  us: UsEciFit;
  /** null when fewer than 3 usable Chinese models (reason says why). */
  cn: CnEciFit | null;
  cnReason: string | null;
  /** Rows left out, with why: duplicates, speculative compute, restricted, no US frontier yet. */
  excluded: { id: string; reason: string }[];
}

/** A record with the fields the fit needs; `restriction` is read when the data carries it. */
type FitRecord = ModelRecord & { restriction?: string | null };

/**
 * Fits the US ECI equation and China's offset and catch-up on `models` (the gap module's records). Uses models with
 * both an ECI and a training-compute figure, released ≤ asOf, not flagged restricted; duplicate rows of one model
 * (same name, compute and ECI, e.g. a re-listing on a later date) count once, at the earliest date.
 * Throws RangeError when fewer than 4 US models qualify.
 */
export function fitEci(models: readonly ModelRecord[], options: EciFitOptions = {}): EciFit {
  const { asOf, dropSpeculativeCompute = false, cnSample = "all", cnModel = "distance" } = options;
  const excluded: EciFit["excluded"] = [];
  const inWindow = (m: FitRecord) => asOf === undefined || m.releaseDate <= asOf;
  const rows = (models as readonly FitRecord[]).filter(inWindow);

  // US frontier: running max of ECI over US models (compute figure not needed), as sorted steps.
  const frontier = rows
    .filter((m) => m.bloc === "US" && m.eci !== null && !m.restriction)
    .map((m) => ({ day: dayNumber(m.releaseDate), eci: m.eci! }))
    .sort((p, q) => p.day - q.day);
  const steps: { day: number; eci: number }[] = [];
  for (const p of frontier) {
    const best = steps.length ? steps[steps.length - 1]!.eci : Number.NEGATIVE_INFINITY;
    if (p.eci > best) {
      if (steps.length && steps[steps.length - 1]!.day === p.day) steps[steps.length - 1]!.eci = p.eci;
      else steps.push({ day: p.day, eci: p.eci });
    }
  }
  const usFrontierAt = (day: number): number | null => {
    let lo = 0;
    let hi = steps.length - 1;
    let found: number | null = null;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (steps[mid]!.day <= day) {
        found = steps[mid]!.eci;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };

  const drop = (id: string, reason: string): false => {
    excluded.push({ id, reason });
    return false;
  };
  const seen = new Set<string>();
  const usable = rows
    .filter((m) => m.eci !== null && m.trainingComputeFlop !== null && (m.bloc === "US" || m.bloc === "CN"))
    .sort((p, q) => (p.releaseDate < q.releaseDate ? -1 : p.releaseDate > q.releaseDate ? 1 : 0))
    .filter((m) => {
      const key = `${m.name.toLowerCase()}|${m.trainingComputeFlop}|${m.eci}`;
      if (seen.has(key)) return drop(m.id, "duplicate of an earlier row");
      seen.add(key);
      if (m.restriction) return drop(m.id, `restricted: ${m.restriction}`);
      if (dropSpeculativeCompute && m.computeConfidence === "Speculative")
        return drop(m.id, "speculative compute");
      return true;
    });

  const us = usable.filter((m) => m.bloc === "US");
  if (us.length < 4)
    throw new RangeError(
      `fitEci: ${us.length} US models with ECI and training compute${asOf ? ` released by ${asOf}` : ""} (need ≥ 4)`,
    );
  const fit = ols(
    us.map((m) => [1, Math.log10(m.trainingComputeFlop!), eciYears(m.releaseDate)]),
    us.map((m) => m.eci!),
  );
  const [a, b, c] = fit.coef as [number, number, number];
  const usFit: UsEciFit = {
    a,
    b,
    c,
    cov: fit.cov,
    sigma: fit.sigma,
    n: fit.n,
    r2: fit.r2,
    dateRange: { from: us[0]!.releaseDate, to: us[us.length - 1]!.releaseDate },
    used: us.map((m) => m.id),
  };

  const cnRows: { m: FitRecord; pred: number; dist: number }[] = [];
  let cnBest = Number.NEGATIVE_INFINITY;
  for (const m of usable) {
    if (m.bloc !== "CN") continue;
    // Rows are in date order, so the running best is China's frontier over the usable rows.
    const raises = m.eci! > cnBest;
    cnBest = Math.max(cnBest, m.eci!);
    if (cnSample === "frontier" && !raises) {
      excluded.push({ id: m.id, reason: "below China's ECI frontier when released (cnSample frontier)" });
      continue;
    }
    const f = usFrontierAt(dayNumber(m.releaseDate));
    if (f === null) {
      excluded.push({ id: m.id, reason: "no US model with an ECI released by then" });
      continue;
    }
    const pred = a + b * Math.log10(m.trainingComputeFlop!) + c * eciYears(m.releaseDate);
    cnRows.push({ m, pred, dist: f - pred });
  }
  let cn: CnEciFit | null = null;
  let cnReason: string | null = null;
  if (cnRows.length < 3) cnReason = `${cnRows.length} usable Chinese models (need ≥ 3)`;
  else {
    try {
      const g = ols(
        cnRows.map((r) => [1, cnModel === "trend" ? eciYears(r.m.releaseDate) : r.dist]),
        cnRows.map((r) => r.m.eci! - r.pred),
      );
      const [delta, kappa] = g.coef as [number, number];
      const res = cnRows.map((r) => r.m.eci! - r.pred);
      const mr = res.reduce((s, v) => s + v, 0) / res.length;
      const sd = Math.sqrt(res.reduce((s, v) => s + (v - mr) ** 2, 0) / (res.length - 1));
      cn = {
        model: cnModel,
        delta,
        kappa,
        cov: g.cov,
        sigma: g.sigma,
        n: g.n,
        meanResidual: mr,
        meanResidualSe: sd / Math.sqrt(res.length),
        meanDistance: cnRows.reduce((s, r) => s + r.dist, 0) / cnRows.length,
        computeMultiplier: 10 ** (delta / b),
        dateRange: { from: cnRows[0]!.m.releaseDate, to: cnRows[cnRows.length - 1]!.m.releaseDate },
        tEnd: eciYears(cnRows[cnRows.length - 1]!.m.releaseDate),
        used: cnRows.map((r) => r.m.id),
      };
    } catch (err) {
      cnReason = (err as Error).message;
    }
  }
  return { asOf: asOf ?? null, timeOrigin: ECI_TIME_ORIGIN, us: usFit, cn, cnReason, excluded };
}

/**
 * The fitted China equation's ECI for a training compute (FLOP), date and the US frontier ECI at that date:
 * pred + δ + κ·(usFrontierEci − pred), pred = the US equation at that compute and date; in the trend form
 * pred + δ + κ·min(t, tEnd) (usFrontierEci unused).
 */
export function predictCnEci(
  us: UsEciFit,
  cn: CnEciFit,
  flop: number,
  date: string,
  usFrontierEci: number,
): number {
  const pred = predictUsEci(us, flop, date);
  if (cn.model === "trend") return pred + cn.delta + cn.kappa * Math.min(eciYears(date), cn.tEnd);
  return pred + cn.delta + cn.kappa * (usFrontierEci - pred);
}

/** The fitted US equation's ECI for a training compute (FLOP) and date. */
export function predictUsEci(fit: UsEciFit, flop: number, date: string): number {
  return fit.a + fit.b * Math.log10(flop) + fit.c * eciYears(date);
}
