import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fillUniform, hashString, makeRng, paramRng } from "../../src/engine/sim/prng.js";

describe("seeded PRNG", () => {
  it("gives the same stream for the same seed and different streams for different seeds", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer({ min: 0, max: 0xffffffff }),
        (a, b) => {
          const xa = fillUniform(makeRng(a), new Float64Array(16));
          const xa2 = fillUniform(makeRng(a), new Float64Array(16));
          expect(Array.from(xa)).toEqual(Array.from(xa2));
          if (a !== b)
            expect(Array.from(fillUniform(makeRng(b), new Float64Array(16)))).not.toEqual(Array.from(xa));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("stays strictly inside (0, 1) and is uniform to within sampling error", () => {
    const n = 200_000;
    const x = fillUniform(makeRng(7), new Float64Array(n));
    let sum = 0;
    let min = 1;
    let max = 0;
    const bins = new Array(10).fill(0);
    for (const v of x) {
      sum += v;
      min = Math.min(min, v);
      max = Math.max(max, v);
      bins[Math.floor(v * 10)]++;
    }
    expect(min).toBeGreaterThan(0);
    expect(max).toBeLessThan(1);
    // Mean of U(0,1) is 1/2 with standard error sqrt(1/12/n) ≈ 6.5e-4; allow 5 SE.
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    // χ² with 9 degrees of freedom: 99.9th percentile is 27.9.
    const chi2 = bins.reduce((s, b) => s + (b - n / 10) ** 2 / (n / 10), 0);
    expect(chi2).toBeLessThan(27.9);
  });

  it("derives parameter streams from the name, independent of other parameters", () => {
    expect(hashString("leakRate")).toBe(hashString("leakRate"));
    expect(hashString("leakRate")).not.toBe(hashString("cloudShare"));
    expect(paramRng(1, "leakRate").next()).toBe(paramRng(1, "leakRate").next());
    expect(paramRng(1, "leakRate").next()).not.toBe(paramRng(1, "cloudShare").next());
  });
});
