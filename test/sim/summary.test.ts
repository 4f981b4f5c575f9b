import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  accumulateSummary,
  bracketQuantiles,
  emptySummary,
  quantilesInPlace,
  SUMMARY_PROBS,
  sortedQuantile,
} from "../../src/engine/sim/summary.js";

/**
 * Reference: sort a copy (Float64Array.prototype.sort puts NaN last, as the summaries rank it) and read type 7
 * straight off it: h = (n − 1) p, k = floor(h); the k-th value if h is whole or the two neighbours are equal, else
 * v + (h − k)(next − v).
 */
function reference(xs: Float64Array, probs: readonly number[]): number[] {
  const s = Float64Array.from(xs).sort();
  const n = s.length;
  return probs.map((p) => {
    if (n === 0) return Number.NaN;
    const h = (n - 1) * p;
    const k = Math.floor(h);
    const v = s[k]!;
    if (h === k) return v;
    const next = s[k + 1]!;
    return next === v ? v : v + (h - k) * (next - v);
  });
}

/** The mean the summaries promise: the sum in index order over n, to the bit. */
function indexOrderMean(xs: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < xs.length; i++) sum += xs[i]!;
  return sum / xs.length;
}

/** Same number, or both NaN; −0 and +0 are the same quantile (selection may order tied zeros either way). */
function same(a: number, b: number): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

function expectQuantiles(got: ArrayLike<number>, want: readonly number[], what: string): void {
  for (let j = 0; j < want.length; j++)
    expect(same(got[j]!, want[j]!), `${what} p${j}: got ${got[j]}, want ${want[j]}`).toBe(true);
}

const SHAPES = [
  "uniform",
  "zeros", // a channel closed in most draws
  "few", // three distinct values
  "sorted",
  "reversed",
  "constant",
  "lognormal", // heavy tail, positive: the log-scale cells
  "signed", // crosses zero, with −0 and +0
  "atoms", // atoms at both ends with values between
  "nan", // a few NaN
  "inf", // ±Infinity among finite values
  "ulps", // values one unit in the last place apart: the same high word
  "wide", // magnitudes from 1e-300 to 1e300, both signs
  "subnormal",
  "outlier", // one huge value stretching the range
] as const;

/** A column of n values of the given shape from a seeded Lehmer generator (deterministic per seed). */
function column(n: number, shape: (typeof SHAPES)[number], seed: number): Float64Array {
  let s = seed;
  const rnd = () => (s = (s * 48271) % 2147483647) / 2147483647;
  const normal = () => Math.sqrt(-2 * Math.log(rnd())) * Math.cos(2 * Math.PI * rnd());
  const c = 1 + Math.floor(rnd() * 100);
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = rnd();
    switch (shape) {
      case "uniform":
        a[i] = u * 1e6;
        break;
      case "zeros":
        a[i] = u < 0.8 ? 0 : rnd();
        break;
      case "few":
        a[i] = Math.floor(u * 3);
        break;
      case "sorted":
        a[i] = i;
        break;
      case "reversed":
        a[i] = n - i;
        break;
      case "constant":
        a[i] = c;
        break;
      case "lognormal":
        a[i] = Math.exp(3 * normal());
        break;
      case "signed":
        a[i] = u < 0.1 ? 0 : u < 0.2 ? -0 : 12 * normal();
        break;
      case "atoms":
        a[i] = u < 0.3 ? -1 : u < 0.6 ? 5 : -1 + 6 * rnd();
        break;
      case "nan":
        a[i] = u < 0.02 ? Number.NaN : normal();
        break;
      case "inf":
        a[i] = u < 0.03 ? Number.POSITIVE_INFINITY : u < 0.06 ? Number.NEGATIVE_INFINITY : normal();
        break;
      case "ulps":
        a[i] = 1 + Math.floor(u * 50) * Number.EPSILON;
        break;
      case "wide":
        a[i] = (u < 0.5 ? -1 : 1) * 10 ** (600 * rnd() - 300);
        break;
      case "subnormal":
        a[i] = Math.floor(u * 1000) * 5e-324;
        break;
      case "outlier":
        a[i] = i === 7 ? 1e300 : normal();
        break;
    }
  }
  return a;
}

describe("bracketQuantiles", () => {
  it("equals the sorted type-7 quantiles and the index-order mean on every shape of data (property)", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: 1, max: 12_000 }),
          fc.integer({ min: 1, max: 20 }),
          fc.integer({ min: 250, max: 600 }),
          fc.constant(10_000),
        ),
        fc.constantFrom(...SHAPES),
        fc.integer({ min: 1, max: 2 ** 31 - 2 }),
        (n, shape, seed) => {
          const a = column(n, shape, seed);
          const copy = new Float64Array(a);
          const out = new Float64Array(SUMMARY_PROBS.length);
          const mean = bracketQuantiles(a, SUMMARY_PROBS, new Float64Array(n), out);
          expectQuantiles(out, reference(copy, SUMMARY_PROBS), `${shape} n=${n}`);
          expect(Object.is(mean, indexOrderMean(copy))).toBe(true);
          let touched = 0;
          for (let i = 0; i < n; i++) if (!Object.is(a[i], copy[i])) touched++;
          expect(touched).toBe(0); // input untouched
        },
      ),
      { numRuns: 400 },
    );
  });

  it("equals the sorted quantiles on arbitrary doubles, NaN, ±Infinity, −0 and subnormals included (property)", () => {
    const value = fc.oneof(
      fc.double(),
      fc.constantFrom(0, -0, 1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 5e-324),
    );
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 1, maxLength: 900 }),
        fc.integer({ min: 1, max: 40 }),
        (xs, reps) => {
          // Repeating the drawn values makes ties and atoms; a rotation per copy keeps them out of order.
          const a = new Float64Array(xs.length * reps);
          for (let r = 0; r < reps; r++)
            for (let i = 0; i < xs.length; i++) a[r * xs.length + i] = xs[(i + r) % xs.length]!;
          const out = new Float64Array(5);
          const mean = bracketQuantiles(a, SUMMARY_PROBS, new Float64Array(a.length), out);
          expectQuantiles(out, reference(a, SUMMARY_PROBS), `n=${a.length}`);
          expect(Object.is(mean, indexOrderMean(a))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("takes any probabilities, unsorted or repeated, through the quickselect path", () => {
    const a = column(5000, "lognormal", 99);
    for (const probs of [[0.9, 0.1], [0.5, 0.5, 0.5], [0, 1], [0.3]]) {
      const out = new Float64Array(probs.length);
      bracketQuantiles(a, probs, new Float64Array(a.length), out);
      expectQuantiles(out, reference(a, probs), `probs ${probs.join(",")}`);
    }
  });

  it("keeps values above the sample's max out of the cell of the max atom, however far above", () => {
    // Positive values over a factor of 16 (log-scale cells) with atoms at both ends of the sample (1 and 1,000), and
    // 9% of the values at some X > 1,000 outside the sampled stretches (the first 128 of each quarter of the input):
    // ranks 9,499 and 9,500 are then X, so p95 = X. X sweeps 1,001 to 1e12 in steps of 0.2% (finer than a cell),
    // so some X lands in the cell just below the max atom's, which once passed for the atom itself.
    const n = 10_000;
    const a = new Float64Array(n);
    const atX: number[] = [];
    for (let i = 0; i < n; i++) {
      const sampled = i % 2500 < 128;
      a[i] = sampled && i % 4 === 0 ? 1 : sampled && i % 4 === 1 ? 1000 : 2 * 495 ** ((i * 0.618034) % 1);
      if (!sampled && i % 100 < 9) atX.push(i);
    }
    const out = new Float64Array(5);
    const scratch = new Float64Array(n);
    let wrong = 0;
    for (let X = 1001; X < 1e12; X *= 1.002) {
      for (const i of atX) a[i] = X;
      bracketQuantiles(a, SUMMARY_PROBS, scratch, out);
      if (out[4] !== X) wrong++;
    }
    expect(wrong).toBe(0);
  });

  it("gives the hand-computed quantiles of 0..10,000", () => {
    // Type 7 on 0..10000 (n = 10,001): h = 10000 p, so p5 = 500, p25 = 2500, p50 = 5000, p75 = 7500, p95 = 9500.
    const a = Float64Array.from({ length: 10_001 }, (_, i) => 10_000 - i);
    const out = new Float64Array(5);
    expect(bracketQuantiles(a, SUMMARY_PROBS, new Float64Array(a.length), out)).toBe(5000);
    expect(Array.from(out)).toEqual([500, 2500, 5000, 7500, 9500]);
  });

  it("ranks NaN last: hand-computed quantiles of 1..1000 with 100 NaN", () => {
    // Sorted: 1..1000 then 100 NaN, n = 1100, h = 1099 p. p5: h = 54.95 → 55 + 0.95 × 1 = 55.95 (as doubles:
    // 55 + (54.95 − 54) × 1). p50: h = 549.5 → 550.5. p75: h = 824.25 → 825.25. p95: h = 1044.05, k = 1044 is
    // past the 1000 numbers → NaN. The mean is NaN.
    const a = new Float64Array(1100);
    for (let i = 0; i < 1000; i++) a[i] = 1000 - i;
    a.fill(Number.NaN, 1000);
    // Interleave the NaNs so that they are not all at the end.
    for (let i = 0; i < 100; i++) {
      const t = a[i * 11]!;
      a[i * 11] = a[1000 + i]!;
      a[1000 + i] = t;
    }
    const out = new Float64Array(5);
    expect(bracketQuantiles(a, SUMMARY_PROBS, new Float64Array(a.length), out)).toBeNaN();
    const h5 = 1099 * 0.05;
    const h25 = 1099 * 0.25;
    expect(out[0]).toBe(55 + (h5 - 54) * 1);
    expect(out[1]).toBe(275 + (h25 - 274) * 1);
    expect(out[2]).toBe(550.5);
    expect(out[3]).toBe(825.25);
    expect(out[4]).toBeNaN();
  });

  it("keeps a tie of infinities infinite and a one-value column exact", () => {
    const inf = new Float64Array(3000).fill(Number.POSITIVE_INFINITY);
    const out = new Float64Array(5);
    bracketQuantiles(inf, SUMMARY_PROBS, new Float64Array(3000), out);
    expect(Array.from(out)).toEqual([Infinity, Infinity, Infinity, Infinity, Infinity]);
    const k = new Float64Array(10_000).fill(0.1);
    expect(bracketQuantiles(k, SUMMARY_PROBS, new Float64Array(10_000), out)).toBe(indexOrderMean(k));
    expect(Array.from(out)).toEqual([0.1, 0.1, 0.1, 0.1, 0.1]);
  });
});

describe("quantilesInPlace and sortedQuantile", () => {
  it("agree with the sorted reference, NaN included (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.double(), { minLength: 1, maxLength: 400 }), (xs) => {
        const a = Float64Array.from(xs);
        const want = reference(a, SUMMARY_PROBS);
        expectQuantiles(quantilesInPlace(Float64Array.from(xs), SUMMARY_PROBS), want, "quickselect");
        const sorted = Float64Array.from(xs).sort();
        expectQuantiles(
          SUMMARY_PROBS.map((p) => sortedQuantile(sorted, p)),
          want,
          "sortedQuantile",
        );
      }),
      { numRuns: 300 },
    );
  });
});

describe("accumulateSummary", () => {
  it("adds each quarter's quantiles and mean, weighted, into the running summary", () => {
    // Two chunks of a 3-quarter column (quarter-major): the result is the draw-weighted mean of chunk summaries.
    const D = 4000;
    const Q = 3;
    const chunks = [1, 2].map((seed) => {
      const col = new Float64Array(D * Q);
      for (let q = 0; q < Q; q++) col.set(column(D, q === 1 ? "zeros" : "lognormal", seed * 10 + q), q * D);
      return col;
    });
    const acc = emptySummary(Q);
    const scratch = new Float64Array(D);
    for (const col of chunks) accumulateSummary(acc, col, D, Q, 0.5, scratch);
    for (let q = 0; q < Q; q++) {
      const per = chunks.map((col) => col.subarray(q * D, q * D + D));
      const want = SUMMARY_PROBS.map((_, j) =>
        per.reduce((s, c) => s + 0.5 * reference(c, SUMMARY_PROBS)[j]!, 0),
      );
      expect([acc.p5[q], acc.p25[q], acc.p50[q], acc.p75[q], acc.p95[q]]).toEqual(want);
      expect(acc.mean[q]).toBe(per.reduce((s, c) => s + 0.5 * indexOrderMean(c), 0));
    }
  });
});
