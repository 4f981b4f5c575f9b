import { describe, expect, it } from "vitest";
import { loadCalibrationData } from "../../src/data/calibration.js";
import { loadScenario } from "../../src/data/scenarios.js";
import { calibrate } from "../../src/engine/calibrate/calibrate.js";
import { runCalibration, runRolling } from "../../src/engine/calibrate/driver.js";
import { quantileSorted, sortedSample } from "../../src/engine/calibrate/scores.js";
import { vintageRun } from "../../src/engine/calibrate/prepare.js";
import type { Scenario } from "../../src/engine/sim/scenario.js";

function history(): Scenario {
  const r = loadScenario("history");
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}

describe("calibrate (importance sampling)", () => {
  const s = history();
  const data = loadCalibrationData(s.start);
  const prep = vintageRun(s, data, "2025-06-30", "2026Q2");
  if (!prep.ok) throw new Error(JSON.stringify(prep.issues));
  const { scenario, inputs } = prep.value;
  const forecast = { variables: ["usFrontierFlop"], quarters: ["2024Q4"] };

  it("an uninformative observation (σ huge) leaves the weights flat: ESS ≈ draws, posterior ≈ prior", () => {
    const r = calibrate(
      scenario,
      inputs,
      [{ series: "x", variable: "usFrontierFlop", quarter: "2024Q4", y: 26, sigma: 1e6, space: "log10" }],
      { draws: 2000, seed: 1, particles: 2000, forecast },
    );
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.value.ess).toBeGreaterThan(1999);
    for (const p of r.value.summary) {
      const w = p.prior.p95 - p.prior.p5;
      expect(Math.abs(p.posterior.p50 - p.prior.p50)).toBeLessThanOrEqual(0.1 * w + 1e-12);
    }
  });

  it("a tight observation pulls the posterior predictive onto it and narrows it", () => {
    const prior = calibrate(
      scenario,
      inputs,
      [{ series: "x", variable: "usFrontierFlop", quarter: "2024Q4", y: 26, sigma: 1e6, space: "log10" }],
      { draws: 4000, seed: 2, particles: 4000, forecast },
    );
    if (!prior.ok) throw new Error("prior");
    const xs = sortedSample(prior.value.forecast.usFrontierFlop!["2024Q4"]!.map(Math.log10));
    // Observe the prior's 80th percentile with σ = 0.05 decades.
    const target = quantileSorted(xs, 0.8);
    const post = calibrate(
      scenario,
      inputs,
      [
        {
          series: "x",
          variable: "usFrontierFlop",
          quarter: "2024Q4",
          y: target,
          sigma: 0.05,
          space: "log10",
        },
      ],
      { draws: 4000, seed: 2, particles: 4000, forecast },
    );
    if (!post.ok) throw new Error("post");
    const ys = sortedSample(post.value.forecast.usFrontierFlop!["2024Q4"]!.map(Math.log10));
    expect(Math.abs(quantileSorted(ys, 0.5) - target)).toBeLessThan(0.05);
    expect(quantileSorted(ys, 0.95) - quantileSorted(ys, 0.05)).toBeLessThan(
      0.5 * (quantileSorted(xs, 0.95) - quantileSorted(xs, 0.05)),
    );
    expect(post.value.ess).toBeLessThan(prior.value.ess);
    expect(post.value.posterior.size).toBe(4000);
  });

  it("SMC agrees with importance sampling where IS works, and keeps many distinct particles", () => {
    const obs = [
      {
        series: "x",
        variable: "usFrontierFlop",
        quarter: "2024Q4",
        y: 26.3,
        sigma: 0.15,
        space: "log10" as const,
      },
    ];
    const is = calibrate(scenario, inputs, obs, { draws: 4000, seed: 4, particles: 4000, forecast });
    const smc = calibrate(scenario, inputs, obs, {
      draws: 1500,
      seed: 4,
      particles: 1500,
      forecast,
      method: "smc",
    });
    if (!is.ok || !smc.ok) throw new Error("calibrate");
    const med = (c: typeof is) =>
      quantileSorted(sortedSample(c.value.forecast.usFrontierFlop!["2024Q4"]!.map(Math.log10)), 0.5);
    // Both posteriors put the simulated value near the observation; the two estimates agree within 0.1 decades.
    expect(Math.abs(med(smc) - med(is))).toBeLessThan(0.1);
    // The log marginal likelihood is estimated by both; they agree within 0.5 nats on this one-point problem.
    expect(Math.abs(smc.value.logEvidence - is.value.logEvidence)).toBeLessThan(0.5);
    expect(smc.value.smc!.stages).toBeGreaterThanOrEqual(1);
    expect(smc.value.smc!.distinct).toBeGreaterThan(500);
    expect(smc.value.method).toMatch(/sequential Monte Carlo/);
  });

  it("refuses an observation of a variable the model does not write, or outside the run", () => {
    const bad = calibrate(
      scenario,
      inputs,
      [
        { series: "x", variable: "noSuchVariable", quarter: "2024Q4", y: 1, sigma: 1, space: "linear" },
        { series: "y", variable: "usFrontierFlop", quarter: "2031Q4", y: 1, sigma: 1, space: "linear" },
      ],
      { draws: 100, seed: 1 },
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues.map((i) => i.message).join(" ")).toMatch(/noSuchVariable.*2031Q4/);
  });
});

describe("runCalibration: bad vintage dates", () => {
  const s = history();
  const data = loadCalibrationData(s.start);
  const msg = (asOf: string) => {
    const r = runCalibration(s, data, { asOf, draws: 200, seed: 1 });
    return r.ok ? "ok" : r.issues[0]!.message;
  };
  it("names the value: after the newest row, before the first observation, too few, not a date", () => {
    expect(msg("2099-01-01")).toMatch(/2099-01-01 is after the newest observation/);
    expect(msg("2022-01-01")).toMatch(/2022-01-01 is before the first observation/);
    // Six months into the run: too little data (the ECI fit or the half-year points) — either way named.
    expect(msg("2022-12-31")).toMatch(
      /2022-12-31 leaves (too little data|\d half-year observations .*need at least 4)/,
    );
    expect(msg("2025-13-01")).toMatch(/"2025-13-01" \(must be a date/);
  });
});

describe("rolling backtest", () => {
  it("scores every series at origins every half-year from 2024Q2, model beside the baselines", () => {
    const s = history();
    const r = runRolling(s, loadCalibrationData(s.start), { draws: 600, seed: 3 });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const v = r.value;
    expect(v.origins[0]!.origin).toBe("2024Q2");
    for (let i = 1; i < v.origins.length; i++) expect(v.origins[i]!.asOf > v.origins[i - 1]!.asOf).toBe(true);
    const gap = v.pooled.find((p) => p.series === "eciGap")!;
    expect(Object.keys(gap.baselines).sort()).toEqual([
      "constant",
      "linearTrend",
      "persistence",
      "published7",
    ]);
    // Every scored point lies after its origin and within 8 quarters.
    for (const p of v.points) {
      expect(p.quarter > p.origin).toBe(true);
      expect(p.h).toBeGreaterThanOrEqual(1);
      expect(p.h).toBeLessThanOrEqual(8);
    }
    // Pooled model CRPS is the mean of the points' CRPS.
    const pts = v.points.filter((p) => p.series === "eciGap");
    expect(gap.model.crps).toBeCloseTo(pts.reduce((a, p) => a + p.model.crps, 0) / pts.length, 12);
    expect(gap.model.n).toBe(pts.length);
  });
});
