/**
 * Parameter distributions, sampled by inverse CDF from uniforms so that common random numbers carry across
 * scenarios: the same uniform under a lower distribution gives a lower value (monotone coupling).
 */
export type Dist =
  | { dist: "point"; value: number }
  | { dist: "uniform"; min: number; max: number }
  | { dist: "normal"; mean: number; sd: number }
  | { dist: "lognormal"; mu: number; sigma: number }
  | { dist: "loguniform"; min: number; max: number }
  | { dist: "triangular"; min: number; mode: number; max: number }
  | { dist: "pert"; min: number; mode: number; max: number; lambda: number };

/** z such that Φ(z) = 0.95. */
export const Z95 = 1.6448536269514722;

/** Lognormal from its median and one or both of p5 / p95 (both: σ from their spread, median must lie between). */
export function lognormalFromQuantiles(
  median: number,
  p5?: number,
  p95?: number,
): { mu: number; sigma: number } {
  const mu = Math.log(median);
  let sigma: number;
  if (p5 !== undefined && p95 !== undefined) sigma = (Math.log(p95) - Math.log(p5)) / (2 * Z95);
  else if (p95 !== undefined) sigma = (Math.log(p95) - mu) / Z95;
  else if (p5 !== undefined) sigma = (mu - Math.log(p5)) / Z95;
  else sigma = 0;
  return { mu, sigma };
}

/**
 * Standard normal inverse CDF (Acklam's rational approximation, relative error < 1.2e-9), for p in (0, 1).
 */
export function normalQuantile(p: number): number {
  if (p <= 0) return Number.NEGATIVE_INFINITY;
  if (p >= 1) return Number.POSITIVE_INFINITY;
  const plow = 0.02425;
  if (p < plow) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((-7.784894002430293e-3 * q - 3.223964580411365e-1) * q - 2.400758277161838) * q -
        2.549732539343734) *
        q +
        4.374664141464968) *
        q +
        2.938163982698783) /
      ((((7.784695709041462e-3 * q + 3.224671290700398e-1) * q + 2.445134137142996) * q + 3.754408661907416) *
        q +
        1)
    );
  }
  if (p > 1 - plow) return -normalQuantile(1 - p);
  return centralQuantile(p);
}

/** Acklam's rational approximation on the central region, plow ≤ p ≤ 1 − plow. */
function centralQuantile(p: number): number {
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((-3.969683028665376e1 * r + 2.209460984245205e2) * r - 2.759285104469687e2) * r +
      1.38357751867269e2) *
      r -
      3.066479806614716e1) *
      r +
      2.506628277459239) *
      q) /
    (((((-5.447609879822406e1 * r + 1.615858368580409e2) * r - 1.556989798598866e2) * r +
      6.680131188771972e1) *
      r -
      1.328068155288572e1) *
      r +
      1)
  );
}

/**
 * Writes normalQuantile(u[i]) into z[i] for start ≤ i < end: the central branch (95% of draws) by the same
 * function normalQuantile uses, the tails through normalQuantile itself, so every double is the same.
 */
export function normalQuantileInto(
  u: Float64Array,
  z: Float64Array,
  start = 0,
  end = u.length,
): Float64Array {
  const plow = 0.02425;
  const phigh = 1 - plow;
  for (let i = start; i < end; i++) {
    const p = u[i]!;
    if (p >= plow && p <= phigh) {
      z[i] = centralQuantile(p);
    } else z[i] = normalQuantile(p);
  }
  return z;
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 is too coarse; this uses erfc by continued fraction/series). */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

function erfc(x: number): number {
  // Numerical Recipes-style Chebyshev fit (fractional error < 1.2e-7), written out for clarity.
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

function logGamma(x: number): number {
  // Lanczos approximation (g = 7, n = 9).
  const c = [
    0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.3234287776531, -176.6150291621406,
    12.507343278686905, -0.13857109526572012, 9.984369578019572e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  x -= 1;
  let a = c[0]!;
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Regularised incomplete beta I_x(a, b) by Lentz's continued fraction. */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const lbeta = logGamma(a + b) - logGamma(a) - logGamma(b);
  const front = Math.exp(lbeta + a * Math.log(x) + b * Math.log(1 - x));
  if (x > (a + 1) / (a + b + 2)) return 1 - incompleteBeta(1 - x, b, a);
  const tiny = 1e-300;
  let f = 1;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  f = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let num = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + num * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + num / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    f *= d * c;
    num = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + num * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + num / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-14) break;
  }
  return (front * f) / a;
}

/** Inverse of I_x(a, b) by bisection (monotone, 60 halvings ≈ 1e-18 on [0, 1]). */
export function betaQuantile(p: number, a: number, b: number): number {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 60; i++) {
    const mid = 0.5 * (lo + hi);
    if (incompleteBeta(mid, a, b) < p) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

const PERT_TABLE = 2048;
const pertTables = new Map<string, Float64Array>();

/** Inverse-CDF table of a Beta(a, b) on a uniform grid of p, built once per shape and interpolated. */
function betaTable(a: number, b: number): Float64Array {
  const key = `${a},${b}`;
  let t = pertTables.get(key);
  if (!t) {
    t = new Float64Array(PERT_TABLE + 1);
    for (let i = 0; i <= PERT_TABLE; i++) t[i] = betaQuantile(i / PERT_TABLE, a, b);
    if (pertTables.size > 256) pertTables.clear();
    pertTables.set(key, t);
  }
  return t;
}

function pertShape(d: { min: number; mode: number; max: number; lambda: number }): [number, number] {
  const r = d.max - d.min;
  return [1 + (d.lambda * (d.mode - d.min)) / r, 1 + (d.lambda * (d.max - d.mode)) / r];
}

/** The p-quantile of a distribution (exact, except PERT which interpolates a 2,049-point inverse table). */
export function quantile(d: Dist, p: number): number {
  switch (d.dist) {
    case "point":
      return d.value;
    case "uniform":
      return d.min + p * (d.max - d.min);
    case "normal":
      return d.mean + d.sd * normalQuantile(p);
    case "lognormal":
      return Math.exp(d.mu + d.sigma * normalQuantile(p));
    case "loguniform":
      return d.min * (d.max / d.min) ** p;
    case "triangular": {
      const { min, mode, max } = d;
      if (max === min) return min;
      const fc = (mode - min) / (max - min);
      return p < fc
        ? min + Math.sqrt(p * (max - min) * (mode - min))
        : max - Math.sqrt((1 - p) * (max - min) * (max - mode));
    }
    case "pert": {
      if (d.max === d.min) return d.min;
      const [a, b] = pertShape(d);
      const t = betaTable(a, b);
      const x = p * PERT_TABLE;
      const i = Math.min(PERT_TABLE - 1, Math.floor(x));
      const f = x - i;
      return d.min + (d.max - d.min) * (t[i]! * (1 - f) + t[i + 1]! * f);
    }
  }
}

/** Mean of a distribution (for tests and summaries). */
export function distMean(d: Dist): number {
  switch (d.dist) {
    case "point":
      return d.value;
    case "uniform":
      return (d.min + d.max) / 2;
    case "normal":
      return d.mean;
    case "lognormal":
      return Math.exp(d.mu + (d.sigma * d.sigma) / 2);
    case "loguniform":
      return d.max === d.min ? d.min : (d.max - d.min) / Math.log(d.max / d.min);
    case "triangular":
      return (d.min + d.mode + d.max) / 3;
    case "pert":
      return (d.min + d.lambda * d.mode + d.max) / (d.lambda + 2);
  }
}

/**
 * Writes quantile(d, u[i]) into out[i] for every i — the whole sampler, straight into a Float64Array.
 * Optional bounds clamp values that a normal tail would push outside a parameter's domain.
 */
export function sampleInto(
  d: Dist,
  u: Float64Array,
  out: Float64Array,
  lo = -Infinity,
  hi = Infinity,
): Float64Array {
  const n = out.length;
  switch (d.dist) {
    case "point":
      out.fill(Math.min(hi, Math.max(lo, d.value)));
      return out;
    case "uniform": {
      const w = d.max - d.min;
      for (let i = 0; i < n; i++) out[i] = d.min + u[i]! * w;
      return out;
    }
    case "lognormal":
      for (let i = 0; i < n; i++)
        out[i] = Math.min(hi, Math.max(lo, Math.exp(d.mu + d.sigma * normalQuantile(u[i]!))));
      return out;
    case "loguniform": {
      const lr = Math.log(d.max / d.min);
      for (let i = 0; i < n; i++) out[i] = d.min * Math.exp(u[i]! * lr);
      return out;
    }
    case "triangular": {
      // quantile()'s triangular branch with the switch and property reads hoisted; the same arithmetic.
      const { min, mode, max } = d;
      if (max === min) {
        out.fill(Math.min(hi, Math.max(lo, min)));
        return out;
      }
      const fc = (mode - min) / (max - min);
      for (let i = 0; i < n; i++) {
        const p = u[i]!;
        const v =
          p < fc
            ? min + Math.sqrt(p * (max - min) * (mode - min))
            : max - Math.sqrt((1 - p) * (max - min) * (max - mode));
        out[i] = Math.min(hi, Math.max(lo, v));
      }
      return out;
    }
    default:
      for (let i = 0; i < n; i++) out[i] = Math.min(hi, Math.max(lo, quantile(d, u[i]!)));
      return out;
  }
}

/**
 * The lognormal case of sampleInto from precomputed standard-normal quantiles z[i] = normalQuantile(u[i]) (the
 * sampler caches them per stream): the same doubles as sampleInto(d, u, out, lo, hi).
 */
export function sampleLognormalZ(
  d: { mu: number; sigma: number },
  z: Float64Array,
  out: Float64Array,
  lo = -Infinity,
  hi = Infinity,
): Float64Array {
  const n = out.length;
  const { mu, sigma } = d;
  if (lo <= 0 && hi === Number.POSITIVE_INFINITY) {
    // exp gives +0 … +Infinity or NaN, which Math.min(Infinity, Math.max(lo ≤ 0, v)) returns unchanged (even
    // lo = -0 against v = +0 gives +0), so the clamp is skipped: the same doubles, a third less time.
    for (let i = 0; i < n; i++) out[i] = Math.exp(mu + sigma * z[i]!);
    return out;
  }
  for (let i = 0; i < n; i++) out[i] = Math.min(hi, Math.max(lo, Math.exp(mu + sigma * z[i]!)));
  return out;
}
