import { describe, expect, it } from "vitest";
import { allocOutputs, CHANNELS, runModel, type VARIABLES } from "../../src/engine/sim/model.js";
import { makePlan } from "../../src/engine/sim/plan.js";
import { makeSampler } from "../../src/engine/sim/sample.js";
import { runScenario } from "../../src/engine/sim/run.js";
import { fixtureInputs, historyParams, pointParams, scenario } from "./fixtures.js";

/**
 * Hand-worked single draw over 3 quarters (2022Q3–2023Q1). Growth rates of 16×/yr are 2× a quarter.
 * δ = 1/(4 × 2.5) = 0.1; FLOP per H100e-run = utilisation 0.5 × 1e15 FLOP/s × 1 day (86,400 s) = 4.32e19;
 * concentration 0.1 in both blocs, so C = A × 4.32e18. E_US = 2^q; E_CN = 16^(q/4 − 0.25) = 2^(q − 1).
 * Legal chip: 1.0 H100e in q0, then 0.5 (a rule effective 2022-10-01); the no-rules chip stays 1.0.
 *
 * q0: prod 400, units 100, legal = 100 × 1 = 100, room = 100 × 1 − 100 = 0, smuggling 0 (no rule yet),
 *     domestic = 40 × 0.5 yield × 0.5 H100e = 10.
 *     K_US = 1000 × 0.9 + 0.5 × 400 = 1100; K_CN = 100 × 0.9 + 100 + 10 = 200;
 *     remote = 0.1 × 0.5 × 1100 = 55; A_CN = 255.
 *     C_US = 1100 × 4.32e18 = 4.752e21 (EC 4.752e21); C_CN = 255 × 4.32e18 = 1.1016e21 (EC × 0.5 = 5.508e20).
 * q1: prod 800, legal = 100 × 0.5 = 50, room 50, smuggling = 0.1 × 800 × 0.5 = 40, domestic = 80 × 0.25 = 20.
 *     K_US = 1100 × 0.9 + 400 = 1390; K_CN = 200 × 0.9 + 50 + 40 + 20 = 290; remote = 0.05 × 1390 = 69.5;
 *     A_CN = 359.5; C_US = 6.0048e21 (EC × 2 = 1.20096e22); C_CN = 1.55304e21 (EC × 1).
 * q2: prod 1600, legal 50, smuggling = 0.1 × 1600 × 0.5 = 80 capped at room 50, domestic = 160 × 0.25 = 40.
 *     K_US = 1390 × 0.9 + 800 = 2051; K_CN = 290 × 0.9 + 50 + 50 + 40 = 401; remote = 102.55; A_CN = 503.55;
 *     C_US = 8.86032e21 (EC × 4 = 3.544128e22); C_CN = 2.175336e21 (EC × 2 = 4.350672e21).
 * Gap: US history 1e21 FLOP in 2022Q2 is 1e21 × 16^(−1/4) = 5e20 effective at t = −0.25 years. China's EC in
 * each quarter lies between that and the US q0 value 4.752e21, so s = −0.25 + 0.25 × ln(EC_CN/5e20)/ln(9.504):
 *   q0: s = −0.2392567 → gap (0 − s) × 12 = 2.871080 months
 *   q1: s = −0.1241667 → gap (0.25 − s) × 12 = 4.490001
 *   q2: s = −0.0097965 → gap (0.5 − s) × 12 = 6.117558
 */
describe("hand-worked 3-quarter single draw", () => {
  const s = scenario({
    start: "2022Q3",
    horizon: "2023Q1",
    params: pointParams({
      usInitialStockH100e: 1000,
      cnInitialStockH100e: 100,
      globalProductionH100e: 400,
      productionGrowthPerYear: 16,
      usShare: 0.5,
      cnLegalUnitsPerQuarter: 100,
      legalUnitsGrowthPerYear: 1,
      stockpileMultiplier: 1,
      leakRate: 0.1,
      controlledShare: 0.5,
      cloudShare: 0.1,
      offshoreCapacityShare: 0.5,
      domesticCapacityChipsPerQuarter: 40,
      domesticGrowthPerYear: 16,
      domesticYield: 0.5,
      domesticH100ePerChip: 0.5,
      hbmCapChipsPerQuarter: 1000,
      hbmCapGrowthPerYear: 1,
      chipLifetimeYears: 2.5,
      usConcentration: 0.1,
      cnConcentration: 0.1,
      concentrationGrowthPerYear: 1,
      utilisation: 0.5,
      trainingDays: 1,
      peakFlopPerH100e: 1e15,
      algoProgressPerYear: 16,
      diffusionLagYears: 0.25,
      cnEfficiencyFactor: 1,
    }),
    events: [{ type: "rule", rule: "r", effective: "2022-10-01", citation: "fixture" }],
  });
  const inputs = {
    legal: [
      { quarter: "2022Q3", chipId: "a", h100e: 1, freeH100e: 1 },
      { quarter: "2022Q4", chipId: "b", h100e: 0.5, freeH100e: 1 },
      { quarter: "2023Q1", chipId: "b", h100e: 0.5, freeH100e: 1 },
    ],
    chipH100e: {},
    usHistory: [{ quarter: "2022Q2", flop: 1e21 }],
  };
  const plan = makePlan(s, inputs);
  if (!plan.ok) throw new Error(JSON.stringify(plan.issues));
  const out = runModel(plan.value, makeSampler(s, 1).next(1), 1);
  const col = (v: keyof typeof out) => Array.from(out[v]);

  it("flows by channel", () => {
    expect(col("legalH100e")).toEqual([100, 50, 50]);
    expect(col("stockpileH100e")).toEqual([0, 0, 0]);
    expect(col("smugglingH100e")).toEqual([0, 40, 50]);
    expect(col("domesticH100e")).toEqual([10, 20, 40]);
    const rem = col("remoteH100e");
    [55, 69.5, 102.55].forEach((v, i) => {
      expect(rem[i]).toBeCloseTo(v, 9);
    });
  });

  it("stocks and frontier compute", () => {
    [1100, 1390, 2051].forEach((v, i) => {
      expect(out.usStockH100e[i]).toBeCloseTo(v, 9);
    });
    [200, 290, 401].forEach((v, i) => {
      expect(out.cnStockH100e[i]).toBeCloseTo(v, 9);
    });
    [255, 359.5, 503.55].forEach((v, i) => {
      expect(out.cnAccessibleH100e[i]).toBeCloseTo(v, 9);
    });
    [4.752e21, 6.0048e21, 8.86032e21].forEach((v, i) => {
      expect(out.usFrontierFlop[i]! / v).toBeCloseTo(1, 12);
    });
    [1.1016e21, 1.55304e21, 2.175336e21].forEach((v, i) => {
      expect(out.cnFrontierFlop[i]! / v).toBeCloseTo(1, 12);
    });
    [4.752e21, 1.20096e22, 3.544128e22].forEach((v, i) => {
      expect(out.usEffectiveFlop[i]! / v).toBeCloseTo(1, 12);
    });
    [5.508e20, 1.55304e21, 4.350672e21].forEach((v, i) => {
      expect(out.cnEffectiveFlop[i]! / v).toBeCloseTo(1, 12);
    });
  });

  it("gap in months with log-linear interpolation into the observed US history", () => {
    [2.87108, 4.490001, 6.117558].forEach((v, i) => {
      expect(out.gapMonths[i]).toBeCloseTo(v, 5);
    });
  });
});

describe("stock accounting per draw", () => {
  it("K(q) = K(q − 1)·(1 − δ) + inflows(q) for China and the US, in every draw", () => {
    const s = scenario({ start: "2022Q3", horizon: "2027Q4", params: historyParams(), events: [] });
    const inputs = fixtureInputs("2022Q3", "2027Q4", "2023Q4");
    const plan = makePlan(s, inputs);
    if (!plan.ok) throw new Error("plan");
    const D = 500;
    const cols = makeSampler(s, 42).next(D);
    const out = runModel(plan.value, cols, D, allocOutputs(D, plan.value.Q));
    const Q = plan.value.Q;
    for (let d = 0; d < D; d++) {
      const delta = 1 / (4 * cols.chipLifetimeYears[0]![d]!);
      let kCn = cols.cnInitialStockH100e[0]![d]!;
      for (let q = 0; q < Q; q++) {
        const i = q * D + d;
        const inflow = CHANNELS.filter((c) => c !== "remoteH100e").reduce((sum, c) => sum + out[c][i]!, 0);
        kCn = kCn * (1 - delta) + inflow;
        expect(out.cnStockH100e[i]! / kCn).toBeCloseTo(1, 10);
        expect(out.cnAccessibleH100e[i]! - out.cnStockH100e[i]!).toBeCloseTo(out.remoteH100e[i]!, 6);
        if (q > 0) {
          expect(out.cnFrontierFlop[i]!).toBeGreaterThanOrEqual(out.cnFrontierFlop[i - D]!);
          expect(out.usEffectiveFlop[i]!).toBeGreaterThanOrEqual(out.usEffectiveFlop[i - D]!);
        }
      }
    }
  });
});

/** Asserts a ≤ b at every summary statistic of every quarter (a small relative tolerance for rounding). */
function expectDominated(a: ReturnType<typeof run>, b: ReturnType<typeof run>, variables: string[]) {
  for (const v of variables)
    for (const k of ["p5", "p25", "p50", "p75", "p95", "mean"] as const) {
      const x = a.series[v as (typeof VARIABLES)[number]][k];
      const y = b.series[v as (typeof VARIABLES)[number]][k];
      x.forEach((xv, i) => {
        expect(xv, `${v} ${k} q${i}`).toBeLessThanOrEqual(y[i]! * (1 + 1e-12));
      });
    }
}

function run(raw: Record<string, unknown>, ruleFrom: string | null) {
  const s = scenario({ start: "2022Q3", horizon: "2028Q4", params: historyParams(), ...raw });
  const r = runScenario(s, fixtureInputs("2022Q3", "2028Q4", ruleFrom), { draws: 2000, seed: 9 });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}

const RULE = (effective: string) => ({ type: "rule", rule: "r", effective, citation: "fixture" });
const LICENCE = {
  type: "licence",
  chip: "h200",
  from: "2026-01-15",
  volumeCapUnitsPerQuarter: 110000,
  citation: "fixture",
};
const TIGHT = ["cnStockH100e", "cnAccessibleH100e", "cnFrontierFlop", "cnEffectiveFlop"];

describe("monotone policy effects with common random numbers", () => {
  const base = run({ events: [RULE("2023-11-17"), LICENCE] }, "2023Q4");

  it("a lower leak rate never raises China's stock or frontier at any quantile", () => {
    const p = historyParams();
    const lower = run(
      {
        params: { ...p, leakRate: { dist: "lognormal", median: 0.01, p5: 0.001, p95: 0.04 } },
        events: [RULE("2023-11-17"), LICENCE],
      },
      "2023Q4",
    );
    expectDominated(lower, base, TIGHT);
    // …and it does lower them once smuggling matters.
    expect(lower.series.cnStockH100e.p50.at(-1)!).toBeLessThan(base.series.cnStockH100e.p50.at(-1)!);
  });

  it("withdrawing a licence never raises them", () => {
    const noLicence = run({ events: [RULE("2023-11-17")] }, "2023Q4");
    expectDominated(noLicence, base, TIGHT);
    expect(noLicence.series.legalH100e.mean.at(-1)!).toBeLessThan(base.series.legalH100e.mean.at(-1)!);
  });

  it("an earlier rule never raises them", () => {
    const earlier = run({ events: [RULE("2022-10-07"), LICENCE] }, "2022Q4");
    expectDominated(earlier, base, TIGHT);
    expect(earlier.series.cnStockH100e.p50[6]!).toBeLessThan(base.series.cnStockH100e.p50[6]!);
  });

  it("no-controls is never below status-quo", () => {
    const statusQuo = run(
      {
        events: [
          { ...RULE("2023-11-17"), announced: "2023-10-17" },
          LICENCE,
          { type: "equipment", date: "2022-10-07", multiplier: 0.8, citation: "fixture" },
          { type: "hbm", date: "2024-12-02", multiplier: 1, citation: "fixture" },
          { type: "demand", date: "2025-08-01", multiplier: 0.3, citation: "fixture" },
          { type: "enforcement", date: "2027-01-01", multiplier: 0.5, citation: "fixture" },
        ],
      },
      "2023Q4",
    );
    const noControls = run({ events: [] }, null);
    expectDominated(statusQuo, noControls, TIGHT);
  });
});
