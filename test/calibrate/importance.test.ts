import { describe, expect, it } from "vitest";
import {
  essWarning,
  normaliseLogWeights,
  systematicResample,
} from "../../src/engine/calibrate/importance.js";
import { makeRng } from "../../src/engine/sim/prng.js";

describe("importance weights", () => {
  it("normalise log-likelihoods near −10⁴ without underflow: likelihood ratio 3 → weights ¾, ¼, ESS 1.6", () => {
    const w = normaliseLogWeights(Float64Array.of(-10_000, -10_000 - Math.log(3)));
    expect(w.w[0]).toBeCloseTo(0.75, 12);
    expect(w.w[1]).toBeCloseTo(0.25, 12);
    // (Σw)²/Σw² = 1 / (0.5625 + 0.0625)
    expect(w.ess).toBeCloseTo(1.6, 12);
    // log mean likelihood = −10⁴ + log((1 + 1/3) / 2)
    expect(w.logEvidence).toBeCloseTo(-10_000 + Math.log(2 / 3), 9);
  });
  it("equal weights give ESS = n; −∞ and NaN give weight 0", () => {
    expect(normaliseLogWeights(new Float64Array(50).fill(-3)).ess).toBeCloseTo(50, 9);
    const w = normaliseLogWeights(Float64Array.of(0, Number.NEGATIVE_INFINITY, Number.NaN, 0));
    expect(Array.from(w.w)).toEqual([0.5, 0, 0, 0.5]);
    expect(w.finite).toBe(2);
  });
  it("all −∞: no finite draw, ESS 0", () => {
    expect(normaliseLogWeights(Float64Array.of(Number.NEGATIVE_INFINITY)).finite).toBe(0);
  });
  it("systematic resampling gives each draw ⌊Mw⌋ or ⌈Mw⌉ copies, never a zero-weight draw", () => {
    const w = Float64Array.of(0.5, 0, 0.3, 0.15, 0.05);
    for (let seed = 0; seed < 20; seed++) {
      const idx = systematicResample(w, 40, makeRng(seed));
      const counts = new Array(5).fill(0);
      for (const i of idx) counts[i]++;
      w.forEach((wi, i) => {
        expect(counts[i]).toBeGreaterThanOrEqual(Math.floor(40 * wi));
        expect(counts[i]).toBeLessThanOrEqual(Math.ceil(40 * wi));
      });
      expect(counts[1]).toBe(0);
    }
  });
  it("warns below 200 effective draws or below 1% of the draws", () => {
    expect(essWarning(150, 1000)).toMatch(/150\.0 of 1000/);
    expect(essWarning(500, 100_000)).toMatch(/below 200 or 1%/);
    expect(essWarning(1500, 100_000)).toBeNull();
    expect(essWarning(250, 10_000)).toBeNull();
  });
});
