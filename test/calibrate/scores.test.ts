import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  crpsNormal,
  crpsSorted,
  pitSorted,
  poolScores,
  quantileSorted,
  scoreNormal,
  scoreSample,
  sortedSample,
} from "../../src/engine/calibrate/scores.js";
import { makeRng } from "../../src/engine/sim/prng.js";
import { normalQuantile } from "../../src/engine/sim/distributions.js";

/** CRPS of an empirical distribution by its definition: E|X − y| − ½ E|X − X'| over all ordered pairs. */
function crpsBrute(xs: number[], y: number): number {
  const n = xs.length;
  let a = 0;
  let b = 0;
  for (const x of xs) a += Math.abs(x - y);
  for (const x of xs) for (const z of xs) b += Math.abs(x - z);
  return a / n - b / (2 * n * n);
}

describe("CRPS", () => {
  it("of the two-point sample {0, 1} at 0.5 is 0.5 − ¼ = 0.25 (by hand)", () => {
    expect(crpsSorted(Float64Array.of(0, 1), 0.5)).toBeCloseTo(0.25, 12);
  });
  it("of a point forecast is the absolute error", () => {
    expect(crpsSorted(Float64Array.of(3), 7)).toBe(4);
    expect(crpsNormal(3, 0, 7)).toBe(4);
  });
  it("sorted-sample identity equals the double-sum definition", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 40 }),
        fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        (xs, y) => {
          const got = crpsSorted(sortedSample(xs), y);
          const want = crpsBrute(xs, y);
          expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(want)));
        },
      ),
    );
  });
  it("of N(0,1) at 0 is 2φ(0) − 1/√π = 0.2336950 (Gneiting & Raftery eq. 5)", () => {
    expect(crpsNormal(0, 1, 0)).toBeCloseTo(2 / Math.sqrt(2 * Math.PI) - 1 / Math.sqrt(Math.PI), 12);
    expect(crpsNormal(0, 1, 0)).toBeCloseTo(0.233695, 6);
  });
  it("of 20,000 normal quantiles approaches the closed form", () => {
    const n = 20_000;
    const xs = Float64Array.from({ length: n }, (_, i) => 2 + 3 * normalQuantile((i + 0.5) / n));
    expect(crpsSorted(xs, 4)).toBeCloseTo(crpsNormal(2, 3, 4), 3);
  });
});

describe("coverage, PIT, bias and width", () => {
  const xs = Float64Array.from({ length: 101 }, (_, i) => i); // 0..100: p5 = 5, p25 = 25, p75 = 75, p95 = 95
  it("quantiles by linear interpolation", () => {
    expect(quantileSorted(xs, 0.05)).toBe(5);
    expect(quantileSorted(xs, 0.5)).toBe(50);
    expect(quantileSorted(Float64Array.of(0, 10), 0.25)).toBe(2.5);
  });
  it("bands, PIT (mid-rank), error = median − observed, width = p95 − p5", () => {
    const s = scoreSample(xs, 80);
    expect(s).toMatchObject({ in50: false, in90: true, error: -30, width90: 90 });
    expect(s.pit).toBeCloseTo(80.5 / 101, 12);
    expect(scoreSample(xs, 96)).toMatchObject({ in50: false, in90: false });
    expect(scoreSample(xs, 25)).toMatchObject({ in50: true, in90: true });
    expect(pitSorted(xs, -1)).toBe(0);
    expect(pitSorted(xs, 1000)).toBe(1);
  });
  it("normal forecast: 50% band is μ ± 0.6745σ, 90% μ ± 1.6449σ", () => {
    expect(scoreNormal(0, 1, 0.67)).toMatchObject({ in50: true, in90: true });
    expect(scoreNormal(0, 1, 0.68)).toMatchObject({ in50: false, in90: true });
    expect(scoreNormal(0, 1, 1.65)).toMatchObject({ in50: false, in90: false });
    expect(scoreNormal(0, 1, 0).pit).toBeCloseTo(0.5, 7); // normalCdf is accurate to ~1e-8
    expect(scoreNormal(0, 1, 0).width90).toBeCloseTo(2 * 1.6448536, 6);
  });
  it("a point forecast has no band: its coverage is NaN, not 0", () => {
    const p = poolScores([scoreNormal(7, 0, 5), scoreNormal(7, 0, 9)]);
    expect(p.crps).toBe(2);
    expect(p.bias).toBe(0);
    expect(p.coverage50).toBeNaN();
    expect(p.pit).toEqual(new Array(10).fill(0));
  });
  it("a calibrated forecast's PIT is flat and its coverage near nominal", () => {
    const rng = makeRng(5);
    const pts = Array.from({ length: 4000 }, () => scoreNormal(0, 1, normalQuantile(rng.next())));
    const p = poolScores(pts);
    expect(p.coverage50).toBeGreaterThan(0.47);
    expect(p.coverage50).toBeLessThan(0.53);
    expect(p.coverage90).toBeGreaterThan(0.88);
    expect(p.coverage90).toBeLessThan(0.92);
    for (const c of p.pit) expect(Math.abs(c - 400)).toBeLessThan(60);
  });
});
