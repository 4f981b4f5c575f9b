/**
 * The ECI fit the simulator samples from (docs/model.md §10), from the observed model rows: ordinary least squares
 * of ECI on [1, log10 training FLOP, year − 2023] over US models, then of Chinese models' residuals from that
 * equation on [1, year − 2023] — China's offset at 2023-01-01 and its change per year (catch-up). Coefficient
 * covariances are σ²(XᵀX)⁻¹; the simulator carries them into the draws through their Cholesky factors.
 * Rows: both values known, bloc US or CN, not restricted (restricted rows' scores are not comparable), released
 * on or before `asOf` when given (calibration reads nothing dated after its vintage).
 */
import type { ModelRecord } from "../gap/types.js";
import type { EciFit } from "./inputs.js";
import { dateToYear } from "./quarters.js";

export const ECI_T0 = 2023;

export interface OlsResult {
  beta: number[];
  /** Row-major k×k covariance of the coefficients. */
  cov: number[];
  sigma: number;
  n: number;
  r2: number;
}

/** Least squares with k regressors (rows of X), via the normal equations; null when XᵀX is singular or n ≤ k. */
export function ols(X: readonly number[][], y: readonly number[]): OlsResult | null {
  const n = y.length;
  const k = X[0]?.length ?? 0;
  if (n <= k || k === 0) return null;
  const xtx = new Array<number>(k * k).fill(0);
  const xty = new Array<number>(k).fill(0);
  for (let i = 0; i < n; i++)
    for (let a = 0; a < k; a++) {
      xty[a]! += X[i]![a]! * y[i]!;
      for (let b = 0; b < k; b++) xtx[a * k + b]! += X[i]![a]! * X[i]![b]!;
    }
  const inv = invert(xtx, k);
  if (!inv) return null;
  const beta = Array.from({ length: k }, (_, a) =>
    inv.slice(a * k, a * k + k).reduce((s, v, b) => s + v * xty[b]!, 0),
  );
  let sse = 0;
  let mean = 0;
  for (const v of y) mean += v / n;
  let sst = 0;
  for (let i = 0; i < n; i++) {
    const fit = X[i]!.reduce((s, v, a) => s + v * beta[a]!, 0);
    sse += (y[i]! - fit) ** 2;
    sst += (y[i]! - mean) ** 2;
  }
  const s2 = sse / (n - k);
  return { beta, cov: inv.map((v) => v * s2), sigma: Math.sqrt(s2), n, r2: sst > 0 ? 1 - sse / sst : 0 };
}

/** Inverse of a k×k row-major matrix by Gauss–Jordan with partial pivoting; null when singular. */
function invert(m: readonly number[], k: number): number[] | null {
  const a = [...m];
  const inv: number[] = Array.from({ length: k * k }, (_, i) => (i % (k + 1) === 0 ? 1 : 0));
  for (let c = 0; c < k; c++) {
    let piv = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(a[r * k + c]!) > Math.abs(a[piv * k + c]!)) piv = r;
    if (!(Math.abs(a[piv * k + c]!) > 1e-12)) return null;
    for (let j = 0; j < k; j++) {
      [a[c * k + j], a[piv * k + j]] = [a[piv * k + j]!, a[c * k + j]!];
      [inv[c * k + j], inv[piv * k + j]] = [inv[piv * k + j]!, inv[c * k + j]!];
    }
    const d = a[c * k + c]!;
    for (let j = 0; j < k; j++) {
      a[c * k + j]! /= d;
      inv[c * k + j]! /= d;
    }
    for (let r = 0; r < k; r++) {
      if (r === c) continue;
      const f = a[r * k + c]!;
      if (f === 0) continue;
      for (let j = 0; j < k; j++) {
        a[r * k + j]! -= f * a[c * k + j]!;
        inv[r * k + j]! -= f * inv[c * k + j]!;
      }
    }
  }
  return inv;
}

/** Lower-triangular Cholesky factor of a symmetric positive-definite k×k row-major matrix; null if not SPD. */
export function cholesky(m: readonly number[], k: number): number[] | null {
  const L = new Array<number>(k * k).fill(0);
  for (let i = 0; i < k; i++)
    for (let j = 0; j <= i; j++) {
      let s = m[i * k + j]!;
      for (let p = 0; p < j; p++) s -= L[i * k + p]! * L[j * k + p]!;
      if (i === j) {
        if (!(s > 0)) return null;
        L[i * k + i] = Math.sqrt(s);
      } else L[i * k + j] = s / L[j * k + j]!;
    }
  return L;
}

export interface EciFitReport {
  fit: EciFit;
  us: OlsResult;
  cn: OlsResult;
  /** China's offset in the newest fitted year, as a compute multiplier: 10^(offset / b). */
  cnComputeMultiplierAtEnd: number;
}

export type EciFitResult = { ok: true; value: EciFit; report: EciFitReport } | { ok: false; message: string };

export function eciFitInput(models: readonly ModelRecord[], opts: { asOf?: string } = {}): EciFitResult {
  const rows = models.filter(
    (m) =>
      (m.bloc === "US" || m.bloc === "CN") &&
      m.eci !== null &&
      m.trainingComputeFlop !== null &&
      m.trainingComputeFlop > 0 &&
      !m.restriction &&
      (opts.asOf === undefined || m.releaseDate <= opts.asOf),
  );
  const us = rows.filter((m) => m.bloc === "US");
  const cn = rows.filter((m) => m.bloc === "CN");
  const usFit = ols(
    us.map((m) => [1, Math.log10(m.trainingComputeFlop!), dateToYear(m.releaseDate) - ECI_T0]),
    us.map((m) => m.eci!),
  );
  if (!usFit)
    return {
      ok: false,
      message: `the ECI fit needs at least 4 US models with ECI and training compute (found ${us.length})`,
    };
  const [a, b, c] = usFit.beta as [number, number, number];
  const resid = cn.map(
    (m) => m.eci! - (a + b * Math.log10(m.trainingComputeFlop!) + c * (dateToYear(m.releaseDate) - ECI_T0)),
  );
  const cnFit = ols(
    cn.map((m) => [1, dateToYear(m.releaseDate) - ECI_T0]),
    resid,
  );
  if (!cnFit)
    return {
      ok: false,
      message: `the China offset needs at least 3 Chinese models with ECI and training compute (found ${cn.length})`,
    };
  const usChol = cholesky(usFit.cov, 3);
  const cnChol = cholesky(cnFit.cov, 2);
  if (!usChol || !cnChol) return { ok: false, message: "the ECI fit's covariance is not positive definite" };
  const tEnd = Math.max(...cn.map((m) => dateToYear(m.releaseDate)));
  const fit: EciFit = {
    us: { mean: [a, b, c], chol: usChol },
    cn: { mean: [cnFit.beta[0]!, cnFit.beta[1]!], chol: cnChol, tEnd },
    t0: ECI_T0,
  };
  const offsetEnd = cnFit.beta[0]! + cnFit.beta[1]! * (tEnd - ECI_T0);
  return {
    ok: true,
    value: fit,
    report: { fit, us: usFit, cn: cnFit, cnComputeMultiplierAtEnd: 10 ** (offsetEnd / b) },
  };
}
