import { describe, expect, it } from "vitest";
import {
  baselinesFor,
  constantMean,
  linearTrend,
  persistence,
} from "../../src/engine/calibrate/baselines.js";

const h = (ys: number[], from = 2023 * 4) =>
  ys.map((y, i) => ({ quarter: `${Math.floor((from + i) / 4)}Q${((from + i) % 4) + 1}`, y }));

describe("naive baselines", () => {
  it("constant: the mean so far with the sample sd", () => {
    // mean of 2, 4, 6 is 4; sample variance ((−2)² + 0 + 2²)/2 = 4
    expect(constantMean(h([2, 4, 6]), "2024Q1")).toEqual({ mu: 4, sigma: 2 });
  });
  it("persistence: the last value, random-walk σ growing with √h", () => {
    // steps +1, −1 → rms 1; 4 quarters ahead → σ = 2
    const f = persistence(h([5, 6, 5]), "2024Q3")!;
    expect(f.mu).toBe(5);
    expect(f.sigma).toBeCloseTo(2, 12);
  });
  it("linear trend: exact on a line (zero residual), extrapolated", () => {
    const f = linearTrend(h([1, 3, 5, 7]), "2024Q2")!; // 2023Q1..Q4 → 1, 3, 5, 7; 2024Q2 is 2 steps on → 11
    expect(f.mu).toBeCloseTo(11, 9);
    expect(f.sigma).toBeCloseTo(0, 9);
  });
  it("linear trend's σ follows the OLS prediction interval", () => {
    // x = 0,1,2,3 (shifted), y = 0,1,0,1: b = 0.2, a = 0.2, residuals −0.2, 0.6, −0.6, 0.2 → RSS 0.8, s² = 0.4
    const f = linearTrend(h([0, 1, 0, 1]), "2024Q1")!; // x = 4: ŷ = 1.0
    expect(f.mu).toBeCloseTo(1.0, 9);
    // Sxx = 5, x̄ = 1.5: σ = √0.4 · √(1 + 1/4 + 2.5²/5)
    expect(f.sigma).toBeCloseTo(Math.sqrt(0.4) * Math.sqrt(1 + 0.25 + 6.25 / 5), 9);
  });
  it("too little history gives no forecast", () => {
    expect(constantMean(h([1]), "2024Q1")).toBeNull();
    expect(linearTrend(h([1, 2]), "2024Q1")).toBeNull();
  });
  it("the published ~7 months is a baseline for the gap only", () => {
    expect(Object.keys(baselinesFor("eciGap"))).toEqual([
      "constant",
      "persistence",
      "linearTrend",
      "published7",
    ]);
    expect(Object.keys(baselinesFor("usFrontierFlop"))).toEqual(["constant", "persistence", "linearTrend"]);
    expect(baselinesFor("eciGap").published7!([], "2025Q1")).toEqual({ mu: 7, sigma: 0 });
  });
});
