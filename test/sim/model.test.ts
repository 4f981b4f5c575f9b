import { describe, expect, it } from "vitest";
import type { SimInputs } from "../../src/engine/sim/inputs.js";
import { allocOutputs, CHANNELS, type Outputs, runModel, VARIABLES } from "../../src/engine/sim/model.js";
import { PARAM_NAMES, PARAMS } from "../../src/engine/sim/params.js";
import { makePlan, type Plan } from "../../src/engine/sim/plan.js";
import { backwardGap, referenceDraw } from "../../src/engine/sim/reference.js";
import { makeSampler } from "../../src/engine/sim/sample.js";
import type { Scenario } from "../../src/engine/sim/scenario.js";
import { fixtureInputs, historyParams, pointParams, scenario } from "./fixtures.js";

function plan(s: Scenario, inputs: SimInputs): Plan {
  const r = makePlan(s, inputs);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}

/** Runs the kernel and returns outputs with a getter by (variable, draw, quarter). */
function run(s: Scenario, inputs: SimInputs, D: number, seed = 11) {
  const p = plan(s, inputs);
  const cols = makeSampler(s, seed).next(D);
  const out = runModel(p, cols, D, allocOutputs(D, p.Q));
  return { p, cols, out, at: (v: keyof Outputs, d: number, q: number) => out[v][q * D + d]! };
}

// ── A hand-worked single draw ──────────────────────────────────────────────────────────────────────────────────
const handInputs: SimInputs = {
  legal: [
    { quarter: "2022Q3", chipId: "free", h100e: 1, freeH100e: 1 },
    { quarter: "2022Q4", chipId: "half", h100e: 0.5, freeH100e: 1 },
    { quarter: "2023Q1", chipId: "half", h100e: 0.5, freeH100e: 1 },
  ],
  chipH100e: { lic: 1 },
  usHistory: [{ quarter: "2022Q2", flop: 1e20 }],
  world: [
    { quarter: "2022Q3", median: 1000, p5: 500, p95: 2000 },
    { quarter: "2022Q4", median: 2000, p5: 1000, p95: 4000 },
  ],
  eci: {
    us: { mean: [0, 10, 0], chol: [0, 0, 0, 0, 0, 0, 0, 0, 0] },
    cn: { mean: [-10, 0], chol: [0, 0, 0, 0], tEnd: 2026 },
    t0: 2023,
  },
};
const handParams = {
  worldOutputShock: 0,
  worldGrowthPerYear: 16,
  cnDemandShare: 0.2,
  usShareExCn: 0.5,
  stockpileMultiplier: 1,
  smuggleShareOfUnmet: 0.1,
  smuggleCapacityH100e: 1000,
  smuggleCapacityGrowthPerYear: 1,
  remoteShareOfRow: 0.1,
  domesticCapacityChipsPerQuarter: 40,
  domesticGrowthPerYear: 16,
  domesticYield: 0.5,
  domesticH100ePerChip: 0.5,
  dieBankChips: 0,
  dieBankDrawPerQuarter: 0,
  hbmStockpileStacks: 0,
  domesticHbmStacksPerQuarter: 0,
  domesticHbmGrowthPerYear: 1,
  hbmStacksPerChip: 8,
  usInitialStockH100e: 1000,
  cnInitialStockH100e: 100,
  rowInitialStockH100e: 500,
  chipLifetimeYears: 2.5,
  usConcentration: 0.1,
  cnConcentration: 0.1,
  concentrationGrowthPerYear: 1,
  utilisation: 0.5,
  trainingDays: 1,
  peakFlopPerH100e: 1e15,
  catchUpPersistenceYears: 0,
  eciFitShock1: 0,
  eciFitShock2: 0,
  eciFitShock3: 0,
  cnFitShock1: 0,
  cnFitShock2: 0,
};

/**
 * Worked by hand (docs/model.md's equations), 2022Q3–2023Q1. δ = 1/(4 × 2.5) = 0.1, so stocks keep 0.9.
 * FLOP per H100e of stock in the largest run = 0.1 × 0.5 × 86,400 s × 1e15 = 4.32e18. ECI = 10·log10(FLOP).
 * q0: W 1000; demand 0.2 × 1000 = 200, units 200 at 1.0 → legal 200; open 800 → US 400, RoW 400; unmet 0;
 *     domestic 40 × 0.5 = 20 chips × 0.5 = 10. K_US 1000·0.9 + 400 = 1300; K_RoW 500·0.9 + 400 = 850;
 *     K_CN 100·0.9 + 200 + 10 = 300; remote 0.1 × 850 = 85; A_CN 385.
 * q1: W 2000; demand 400, units 400 at 0.5 → legal 200; open 1800 → 900 / 900; unmet 200 → smuggled 20;
 *     domestic 40 × 16^¼ = 80 × 0.5 = 40 chips → 20. K_US 2070; K_RoW 765 + 900 − 20 = 1645; K_CN 270 + 200 + 20 + 20 = 510;
 *     remote 164.5; A_CN 674.5.
 * q2: W 2000 × 16^¼ = 4000 (past the data); demand 800, units 800: licence (cap 10) takes 10 at 1.0, 790 at 0.5 →
 *     legal 405; open 3595 → 1797.5 / 1797.5; unmet 395 → smuggled 39.5; domestic 160 × 0.5 = 80 chips → 40.
 *     K_US 3660.5; K_RoW 1480.5 + 1797.5 − 39.5 = 3238.5; K_CN 459 + 405 + 39.5 + 40 = 943.5; remote 323.85;
 *     A_CN 1267.35.
 */
describe("hand-worked 3-quarter single draw", () => {
  const s = scenario({
    start: "2022Q3",
    horizon: "2023Q1",
    params: pointParams(handParams),
    events: [
      { type: "rule", rule: "r", effective: "2022-10-01", citation: "fixture" },
      { type: "licence", chip: "lic", from: "2023-01-01", volumeCapUnitsPerQuarter: 10, citation: "fixture" },
    ],
  });
  const expected = {
    worldOutputH100e: [1000, 2000, 4000],
    legalH100e: [200, 200, 405],
    usInflowH100e: [400, 900, 1797.5],
    rowInflowH100e: [400, 900, 1797.5],
    smugglingH100e: [0, 20, 39.5],
    domesticH100e: [10, 20, 40],
    usStockH100e: [1300, 2070, 3660.5],
    rowStockH100e: [850, 1645, 3238.5],
    cnStockH100e: [300, 510, 943.5],
    remoteH100e: [85, 164.5, 323.85],
    cnAccessibleH100e: [385, 674.5, 1267.35],
  };
  const { at, p, cols } = run(s, handInputs, 1);
  const ref = referenceDraw(p, cols, 0);

  it("matches the hand calculation in the kernel and the reference", () => {
    for (const [v, xs] of Object.entries(expected))
      for (const [q, x] of xs.entries()) {
        expect(at(v as keyof Outputs, 0, q)).toBeCloseTo(x, 9);
        expect(ref[q]![v as keyof (typeof ref)[0]]).toBeCloseTo(x, 9);
      }
  });

  it("maps frontier compute to ECI and measures the gap backward from the US history", () => {
    const flop = (k: number) => k * 4.32e18;
    expect(at("usFrontierFlop", 0, 2) / flop(3660.5)).toBeCloseTo(1, 12);
    const usEci = [1300, 2070, 3660.5].map((k) => 10 * Math.log10(flop(k)));
    const cnEci = [385, 674.5, 1267.35].map((k) => 10 * Math.log10(flop(k)) - 10);
    for (const [q, e] of usEci.entries()) expect(at("usEci", 0, q)).toBeCloseTo(e, 9);
    for (const [q, e] of cnEci.entries()) expect(at("cnEci", 0, q)).toBeCloseTo(e, 9);
    // q0: the US history point is ECI 200 at 2022.375 (1e20 FLOP in 2022Q2), the US q0 point 217.49 at 2022.625;
    // China's 202.21 is reached at 2022.375 + 0.25 × (202.21 − 200) / (217.49 − 200).
    const s0 = 2022.375 + (0.25 * (cnEci[0]! - 200)) / (usEci[0]! - 200);
    expect(at("gapMonths", 0, 0)).toBeCloseTo((2022.625 - s0) * 12, 9);
    expect(at("gapCensored", 0, 0)).toBe(0);
    for (let q = 0; q < 3; q++) expect(ref[q]!.gapMonths).toBeCloseTo(at("gapMonths", 0, q), 9);
  });
});

describe("backwardGap", () => {
  it("is the time since the leader first reached the follower's level, interpolated, signed", () => {
    // US 100, 110, 120 at 2020, 2021, 2022; China 105 in 2022: the US reached 105 in mid-2020 → 18 months.
    expect(backwardGap([100, 110, 120], [2020, 2021, 2022], [95, 105], [2021, 2022], 1)).toEqual({
      months: 18,
      censored: false,
    });
    // China ahead: China 100 then 130 at 2021, 2022; US at 120 in 2022 → China reached 120 at 2021 + 2/3 → −4 months.
    const lead = backwardGap([100, 120], [2021, 2022], [100, 130], [2021, 2022], 1);
    expect(lead.months).toBeCloseTo(-4, 9);
    // Ties count as reached.
    expect(backwardGap([100, 120], [2021, 2022], [100, 120], [2021, 2022], 1).months).toBe(0);
  });
  it("reports a lag that runs off the start of history as censored, with the bound", () => {
    expect(backwardGap([100, 120], [2021, 2022], [90, 95], [2021, 2022], 1)).toEqual({
      months: 12,
      censored: true,
    });
  });
});

// ── The kernel against the reference model, on sampled draws of real scenarios ─────────────────────────────────
const history = historyParams();
const events = [
  { type: "rule", rule: "r", announced: "2023-10-17", effective: "2023-11-17", citation: "fixture" },
  { type: "equipment", date: "2024-12-02", multiplier: 0.75, citation: "fixture" },
  { type: "hbm", date: "2024-12-02", multiplier: 1, citation: "fixture" },
  { type: "licence", chip: "h20", from: "2025-08-01", citation: "fixture" },
  {
    type: "licence",
    chip: "h200",
    from: "2026-01-15",
    volumeCapUnitsPerQuarter: 110000,
    citation: "fixture",
  },
  { type: "demand", date: "2025-08-01", multiplier: 0.3, citation: "fixture" },
  { type: "enforcement", date: "2027-01-01", multiplier: 0.5, citation: "fixture" },
] as const;
const full = scenario({ start: "2022Q3", horizon: "2030Q4", params: history, events: [...events] });
const fullInputs = fixtureInputs("2022Q3", "2030Q4", "2023Q4");

describe("fast kernel = reference model", () => {
  // The second case lets China's catch-up continue past the fit's newest model (the branch the defaults leave off).
  const fading = scenario({
    start: "2022Q3",
    horizon: "2030Q4",
    params: { ...history, catchUpPersistenceYears: { dist: "lognormal", median: 1.5, p5: 0.3, p95: 6 } },
    events: [...events],
  });
  it.each([
    ["history priors", full],
    ["with a fading catch-up", fading],
  ])("agrees on every variable, draw and quarter to 1e-9 (relative): %s", (_, sc) => {
    const D = 400;
    const { p, cols, out } = run(sc, fullInputs, D, 3);
    let worst = 0;
    for (let d = 0; d < D; d++) {
      const ref = referenceDraw(p, cols, d);
      for (let q = 0; q < p.Q; q++)
        for (const v of VARIABLES) {
          const a = out[v][q * D + d]!;
          const b = ref[q]![v];
          const err = Math.abs(a - b) / Math.max(1, Math.abs(b));
          if (err > worst) worst = err;
          if (!(err <= 1e-9))
            throw new Error(`${v} draw ${d} quarter ${p.quarters[q]}: kernel ${a}, reference ${b}`);
        }
    }
    expect(worst).toBeLessThanOrEqual(1e-9);
  });
});

describe("kernel outputs", () => {
  it("writes only the variables asked for, identical to a full run, and leaves the others untouched", () => {
    const D = 300;
    const { p, cols, out: fullOut } = run(full, fullInputs, D, 5);
    const part = allocOutputs(D, p.Q);
    for (const v of VARIABLES) part[v].fill(-7);
    runModel(p, cols, D, part, undefined, new Set(["gapMonths", "legalH100e", "computeRatio"] as const));
    for (const v of VARIABLES) {
      if (v === "gapMonths" || v === "legalH100e" || v === "computeRatio")
        expect(part[v]).toEqual(fullOut[v]);
      else expect(part[v].every((x) => x === -7)).toBe(true);
    }
  });

  it("gives the same values into separately allocated arrays and for blocks of one draw", () => {
    const D = 300;
    const { p, cols, out: fullOut } = run(full, fullInputs, D, 5);
    const loose = Object.fromEntries(VARIABLES.map((v) => [v, new Float64Array(D * p.Q)])) as Outputs;
    runModel(p, cols, D, loose);
    for (const v of VARIABLES) expect(loose[v]).toEqual(fullOut[v]);
    // D = 1 runs one-draw blocks; draw 0 of the same sample must agree.
    const one = makeSampler(full, 5).next(1);
    const single = runModel(p, one, 1);
    for (const v of VARIABLES) for (let q = 0; q < p.Q; q++) expect(single[v][q]).toBe(fullOut[v][q * D]!);
  });
});

// ── Behaviour the v1 model got wrong ───────────────────────────────────────────────────────────────────────────
describe("conservation", () => {
  it("world output = US + RoW + legal + stockpile in every draw and quarter; smuggling comes out of RoW", () => {
    const D = 2000;
    const { p, at } = run(full, fullInputs, D, 5);
    const bad: string[] = [];
    for (let d = 0; d < D; d++)
      for (let q = 0; q < p.Q; q++) {
        const w = at("worldOutputH100e", d, q);
        const sum =
          at("usInflowH100e", d, q) +
          at("rowInflowH100e", d, q) +
          at("legalH100e", d, q) +
          at("stockpileH100e", d, q);
        if (!(Math.abs(sum - w) / w < 1e-12)) bad.push(`draw ${d} q ${q}: ${sum} ≠ ${w}`);
        if (!(at("smugglingH100e", d, q) <= at("rowInflowH100e", d, q)))
          bad.push(`smuggling > RoW, draw ${d} q ${q}`);
        if (!(at("remoteH100e", d, q) <= at("rowStockH100e", d, q)))
          bad.push(`remote > RoW stock, draw ${d} q ${q}`);
        for (const c of CHANNELS) if (!(at(c, d, q) >= 0)) bad.push(`${c} < 0, draw ${d} q ${q}`);
        if (!(at("rowStockH100e", d, q) >= 0)) bad.push(`RoW stock < 0, draw ${d} q ${q}`);
      }
    expect(bad.slice(0, 5)).toEqual([]);
  });
});

describe("policy levers only act in their direction", () => {
  const D = 2000;
  const without = scenario({
    start: "2022Q3",
    horizon: "2030Q4",
    params: history,
    events: events.slice(0, 4),
  });
  const withCap = scenario({
    start: "2022Q3",
    horizon: "2030Q4",
    params: history,
    events: [
      ...events.slice(0, 4),
      {
        type: "licence",
        chip: "h200",
        from: "2026-01-15",
        volumeCapUnitsPerQuarter: 50000,
        citation: "fixture",
      },
    ],
  });
  const withOpen = scenario({
    start: "2022Q3",
    horizon: "2030Q4",
    params: history,
    events: [...withCap.events, { type: "licence", chip: "h200", from: "2027-01-01", citation: "fixture" }],
  });
  it("stacking licences never lowers China's legal imports, and an uncapped licence adds to a capped one", () => {
    const a = run(without, fullInputs, D, 8);
    const b = run(withCap, fullInputs, D, 8);
    const c = run(withOpen, fullInputs, D, 8);
    let raised = 0;
    let lowered = 0;
    for (let d = 0; d < D; d++)
      for (let q = 0; q < a.p.Q; q++) {
        if (b.at("legalH100e", d, q) < a.at("legalH100e", d, q) * (1 - 1e-12)) lowered++;
        if (c.at("legalH100e", d, q) < b.at("legalH100e", d, q) * (1 - 1e-12)) lowered++;
        if (c.at("legalH100e", d, q) > b.at("legalH100e", d, q) * 1.01) raised++;
      }
    expect(lowered).toBe(0);
    expect(raised).toBeGreaterThan(D); // the uncapped licence matters after 2027 in most draws
  });
  it("equipment controls never raise domestic output, even with a multiplier above 1", () => {
    const up = scenario({
      start: "2022Q3",
      horizon: "2030Q4",
      params: history,
      events: [{ type: "equipment", date: "2023-01-01", multiplier: 1.5, citation: "fixture" }],
    });
    const none = scenario({ start: "2022Q3", horizon: "2030Q4", params: history, events: [] });
    const down = scenario({
      start: "2022Q3",
      horizon: "2030Q4",
      params: history,
      events: [{ type: "equipment", date: "2023-01-01", multiplier: 0.5, citation: "fixture" }],
    });
    const [u, n, w] = [up, none, down].map((x) => run(x, fullInputs, D, 4));
    let wrong = 0;
    let cut = 0;
    for (let d = 0; d < D; d++)
      for (let q = 0; q < n!.p.Q; q++) {
        if (u!.at("domesticH100e", d, q) !== n!.at("domesticH100e", d, q)) wrong++;
        if (w!.at("domesticH100e", d, q) > n!.at("domesticH100e", d, q) * (1 + 1e-12)) wrong++;
        if (w!.at("domesticH100e", d, q) < n!.at("domesticH100e", d, q) * 0.99) cut++;
      }
    expect(wrong).toBe(0);
    expect(cut).toBeGreaterThan(D);
  });
});

describe("China's catch-up after the fit", () => {
  it("τ = 0 stops it at tEnd; τ > 0 adds at most κ·τ ECI points, only after tEnd", () => {
    const D = 300;
    const at = (tau: number) =>
      run(
        scenario({
          start: "2022Q3",
          horizon: "2030Q4",
          params: { ...history, catchUpPersistenceYears: tau },
          events: [...events],
        }),
        fullInputs,
        D,
        9,
      );
    const off = at(0);
    const on = at(2);
    const end = off.p.quarters.indexOf("2026Q1"); // FIXTURE_ECI: tEnd = 2026.0, κ = 6 ± 0.5 per year
    let before = 0;
    let within = 0;
    for (let d = 0; d < D; d++) {
      for (let q = 0; q < end; q++) if (on.at("cnEci", d, q) !== off.at("cnEci", d, q)) before++;
      const last = off.p.Q - 1;
      const lift = on.at("cnEci", d, last) - off.at("cnEci", d, last);
      if (lift >= 0 && lift <= 6 * 2 * 2) within++;
    }
    expect(before).toBe(0);
    expect(within).toBe(D);
  });
});

describe("horizon independence", () => {
  it("extending the horizon changes no earlier quarter of any variable, draw by draw", () => {
    const short = scenario({ start: "2022Q3", horizon: "2026Q4", params: history, events: [...events] });
    const D = 1000;
    const a = run(short, fixtureInputs("2022Q3", "2026Q4", "2023Q4"), D, 21);
    const b = run(full, fullInputs, D, 21);
    let differ = 0;
    for (const v of VARIABLES)
      for (let q = 0; q < a.p.Q; q++)
        for (let d = 0; d < D; d++) if (!Object.is(b.at(v, d, q), a.at(v, d, q))) differ++;
    expect(differ).toBe(0);
  });
});

describe("extreme but valid parameters", () => {
  it("give finite, non-negative flows and stocks at every domain edge", () => {
    for (const edge of ["min", "max"] as const) {
      const values: Record<string, number> = {};
      for (const n of PARAM_NAMES) {
        const spec = PARAMS[n];
        values[n] = edge === "min" ? spec.min : spec.max;
      }
      // A lifetime at its minimum empties stocks each quarter; keep concentration shares valid fractions.
      const s = scenario({
        start: "2022Q3",
        horizon: "2030Q4",
        params: pointParams(values),
        events: [...events],
      });
      const { p, out } = run(s, fullInputs, 1);
      for (const v of VARIABLES)
        for (let q = 0; q < p.Q; q++) {
          const x = out[v][q]!;
          if (v === "gapMonths" || v === "usEci" || v === "cnEci") expect(Number.isNaN(x)).toBe(false);
          else if (v === "computeRatio") expect(x >= 0 || Number.isNaN(x)).toBe(true);
          else {
            expect(Number.isFinite(x), `${edge} ${v} ${p.quarters[q]} = ${x}`).toBe(true);
            expect(x).toBeGreaterThanOrEqual(0);
          }
        }
    }
  });
});
