import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  betaQuantile,
  type Dist,
  distMean,
  incompleteBeta,
  lognormalFromQuantiles,
  normalCdf,
  normalQuantile,
  quantile,
  sampleInto,
} from "../../src/engine/sim/distributions.js";
import { fillUniform, makeRng } from "../../src/engine/sim/prng.js";
import { quantilesInPlace, sortedQuantile } from "../../src/engine/sim/summary.js";

const N = 40_000;

function sample(d: Dist, seed: number): Float64Array {
  const u = fillUniform(makeRng(seed), new Float64Array(N));
  return sampleInto(d, u, new Float64Array(N));
}

const mean = (x: Float64Array) => x.reduce((s, v) => s + v, 0) / x.length;
const sd = (x: Float64Array) => {
  const m = mean(x);
  return Math.sqrt(x.reduce((s, v) => s + (v - m) ** 2, 0) / (x.length - 1));
};

const finite = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

const distArb: fc.Arbitrary<Dist> = fc.oneof(
  fc
    .tuple(finite(-100, 100), finite(0.01, 50))
    .map(([a, w]): Dist => ({ dist: "uniform", min: a, max: a + w })),
  fc.tuple(finite(-100, 100), finite(0.01, 20)).map(([m, s]): Dist => ({ dist: "normal", mean: m, sd: s })),
  fc.tuple(finite(-3, 3), finite(0.01, 1)).map(([mu, s]): Dist => ({ dist: "lognormal", mu, sigma: s })),
  fc
    .tuple(finite(0.01, 10), finite(1.01, 100))
    .map(([a, r]): Dist => ({ dist: "loguniform", min: a, max: a * r })),
  fc
    .tuple(finite(-10, 10), finite(0, 1), finite(0.1, 20))
    .map(([a, f, w]): Dist => ({ dist: "triangular", min: a, mode: a + f * w, max: a + w })),
  fc
    .tuple(finite(-10, 10), finite(0, 1), finite(0.1, 20))
    .map(([a, f, w]): Dist => ({ dist: "pert", min: a, mode: a + f * w, max: a + w, lambda: 4 })),
);

describe("distributions", () => {
  it("normal quantile matches known values and inverts the CDF", () => {
    // Φ⁻¹(0.975) = 1.959963985, Φ⁻¹(0.95) = 1.644853627, Φ⁻¹(0.5) = 0 (standard tables).
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963985, 7);
    expect(normalQuantile(0.95)).toBeCloseTo(1.644853627, 7);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 12);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306, 6);
    for (const p of [0.001, 0.02, 0.3, 0.7, 0.99]) expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 6);
  });

  it("lognormal by median and p95 reproduces both", () => {
    const d: Dist = { dist: "lognormal", ...lognormalFromQuantiles(0.03, undefined, 0.12) };
    expect(quantile(d, 0.5)).toBeCloseTo(0.03, 12);
    expect(quantile(d, 0.95)).toBeCloseTo(0.12, 9);
    // With both p5 and p95 the spread sets σ: ln(12/0.5)/(2·1.6449) = 0.96605.
    expect(lognormalFromQuantiles(1, 0.5, 12).sigma).toBeCloseTo(Math.log(24) / (2 * 1.6448536269514722), 12);
  });

  it("incomplete beta and its inverse agree with closed forms", () => {
    // I_x(1, 1) = x; I_x(2, 1) = x²; I_x(1, 2) = 1 − (1 − x)².
    expect(incompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 10);
    expect(incompleteBeta(0.3, 2, 1)).toBeCloseTo(0.09, 10);
    expect(incompleteBeta(0.3, 1, 2)).toBeCloseTo(0.51, 10);
    expect(betaQuantile(0.25, 2, 1)).toBeCloseTo(0.5, 8);
  });

  it("triangular and PERT quantiles match hand calculations", () => {
    // Triangular(0, 1, 2): F(x) = x²/2 on [0, 1], so the 0.125 quantile is 0.5; median is the mode, 1.
    const t: Dist = { dist: "triangular", min: 0, mode: 1, max: 2 };
    expect(quantile(t, 0.125)).toBeCloseTo(0.5, 12);
    expect(quantile(t, 0.5)).toBeCloseTo(1, 12);
    // A symmetric PERT has its median at the mode; PERT(0, 0, 1) is Beta(1, 5): F(x) = 1 − (1 − x)^5.
    expect(quantile({ dist: "pert", min: 2, mode: 5, max: 8, lambda: 4 }, 0.5)).toBeCloseTo(5, 4);
    const p = 1 - 0.5 ** 5;
    expect(quantile({ dist: "pert", min: 0, mode: 0, max: 1, lambda: 4 }, p)).toBeCloseTo(0.5, 4);
  });

  it("sample means converge on the distribution mean (property)", () => {
    fc.assert(
      fc.property(distArb, fc.integer({ min: 0, max: 1e6 }), (d, seed) => {
        const x = sample(d, seed);
        // 6 standard errors of the mean.
        const tol = (6 * sd(x)) / Math.sqrt(N) + 1e-9;
        expect(Math.abs(mean(x) - distMean(d))).toBeLessThan(tol);
      }),
      { numRuns: 40 },
    );
  });

  it("empirical quantiles match the quantile function, and quantiles rise with p (property)", () => {
    fc.assert(
      fc.property(distArb, fc.integer({ min: 0, max: 1e6 }), (d, seed) => {
        const x = sample(d, seed).sort();
        for (const p of [0.1, 0.5, 0.9]) {
          // The sample p-quantile lies between the true (p ± 0.01)-quantiles with overwhelming probability at n = 40,000.
          const q = sortedQuantile(x, p);
          expect(q).toBeGreaterThanOrEqual(quantile(d, p - 0.01) - 1e-9);
          expect(q).toBeLessThanOrEqual(quantile(d, p + 0.01) + 1e-9);
        }
        expect(quantile(d, 0.2)).toBeLessThanOrEqual(quantile(d, 0.8));
      }),
      { numRuns: 40 },
    );
  });

  it("quickselect quantiles equal sorted quantiles (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 300 }),
        (xs) => {
          const a = Float64Array.from(xs);
          const sorted = Float64Array.from(xs).sort();
          const probs = [0.05, 0.25, 0.5, 0.75, 0.95];
          const got = quantilesInPlace(a, probs);
          probs.forEach((p, i) => {
            // Numeric equality: −0 and +0 are the same quantile even if selection and sort order them differently.
            expect(
              got[i] === sortedQuantile(sorted, p),
              `p=${p}: ${got[i]} vs ${sortedQuantile(sorted, p)}`,
            ).toBe(true);
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
