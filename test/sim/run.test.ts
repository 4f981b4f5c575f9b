import { describe, expect, it } from "vitest";
import { CHUNK, runScenario } from "../../src/engine/sim/run.js";
import { fixtureInputs, historyParams, scenario } from "./fixtures.js";

const s = scenario({
  start: "2022Q3",
  horizon: "2026Q4",
  params: historyParams(),
  events: [{ type: "rule", rule: "r", effective: "2023-11-17", citation: "fixture" }],
});
const inputs = fixtureInputs("2022Q3", "2026Q4", "2023Q4");

describe("runScenario", () => {
  it("same seed → identical output; different seed → different output", () => {
    const a = runScenario(s, inputs, { draws: 3000, seed: 5, conditions: ["gapMonths@2026Q4<6"] });
    const b = runScenario(s, inputs, { draws: 3000, seed: 5, conditions: ["gapMonths@2026Q4<6"] });
    const c = runScenario(s, inputs, { draws: 3000, seed: 6, conditions: ["gapMonths@2026Q4<6"] });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
  });

  it("refuses draws above the cap with a message naming the cap", () => {
    const r = runScenario(s, inputs, { draws: 2_000_000 });
    expect(r).toEqual({
      ok: false,
      issues: [{ path: "draws", message: "2000000 (must be an integer from 1 to 1000000)" }],
    });
    expect(runScenario(s, inputs, { draws: 50, maxDraws: 10 }).ok).toBe(false);
  });

  it("chunks long runs: the mean is exact, probabilities count every draw", () => {
    const n = CHUNK + 3000;
    const big = runScenario(s, inputs, { draws: n, seed: 3, conditions: ["cnStockH100e@2026Q4>0"] });
    if (!big.ok) throw new Error("run");
    expect(big.value.probabilities["cnStockH100e@2026Q4>0"]).toBe(1);
    // The first CHUNK draws of the long run are the CHUNK-draw run (streams continue across chunks).
    const head = runScenario(s, inputs, { draws: CHUNK, seed: 3 });
    const tail = runScenario(s, inputs, { draws: n, seed: 3 });
    if (!head.ok || !tail.ok) throw new Error("run");
    const m = big.value.series.cnStockH100e.mean.at(-1)!;
    expect(m).toBe(tail.value.series.cnStockH100e.mean.at(-1));
    expect(Math.abs(m / head.value.series.cnStockH100e.mean.at(-1)! - 1)).toBeLessThan(0.05);
  });

  it("hands over the early variables before summarising the rest, with the full result's numbers", () => {
    const cond = ["gapMonths@2026Q4<6"];
    for (const draws of [3000, CHUNK + 500]) {
      const seen: { series: string[]; probabilities: Record<string, number>; gap: unknown }[] = [];
      let summariesAfter = 0;
      const r = runScenario(s, inputs, {
        draws,
        seed: 9,
        conditions: cond,
        variables: ["cnStockH100e", "legalH100e"],
        early: {
          variables: ["gapMonths"],
          onReady: (p) =>
            seen.push({
              series: Object.keys(p.series),
              probabilities: p.probabilities,
              gap: JSON.parse(JSON.stringify(p.series.gapMonths)),
            }),
        },
        onProgress: () => {
          summariesAfter = seen.length;
        },
      });
      if (!r.ok) throw new Error("run");
      expect(seen).toHaveLength(1);
      expect(seen[0]!.series).toEqual(["gapMonths"]);
      // Handed over once, inside the last chunk (before its progress report), already final.
      expect(summariesAfter).toBe(1);
      expect(seen[0]!.gap).toEqual(JSON.parse(JSON.stringify(r.value.series.gapMonths)));
      expect(seen[0]!.probabilities).toEqual(r.value.probabilities);
      expect(Object.keys(r.value.series)).toEqual(["gapMonths", "cnStockH100e", "legalH100e"]);
      // Same numbers as a run that never asked for an early hand-over.
      const plain = runScenario(s, inputs, { draws, seed: 9, conditions: cond, variables: ["gapMonths"] });
      if (!plain.ok) throw new Error("run");
      expect(r.value.series.gapMonths).toEqual(plain.value.series.gapMonths);
    }
    expect(
      runScenario(s, inputs, { draws: 10, early: { variables: ["gap" as "gapMonths"], onReady: () => {} } }),
    ).toEqual({
      ok: false,
      issues: [{ path: "early.variables", message: expect.stringContaining("gap (known:") }],
    });
  });

  it("reports unknown condition variables and quarters outside the run", () => {
    expect(runScenario(s, inputs, { draws: 10, conditions: ["gap@2026Q4<6"] }).ok).toBe(false);
    expect(runScenario(s, inputs, { draws: 10, conditions: ["gapMonths@2031Q4<6"] }).ok).toBe(false);
  });

  it("counterfactual ratio is ≤ 1 for China's compute when the only difference is a rule", () => {
    const r = runScenario(s, inputs, {
      draws: 2000,
      seed: 1,
      counterfactual: { name: "no-controls", events: [], inputs: fixtureInputs("2022Q3", "2026Q4", null) },
    });
    if (!r.ok) throw new Error("run");
    const c = r.value.counterfactualRatio!;
    expect(c.against).toBe("no-controls");
    for (const v of c.cnAccessibleH100e.p95) expect(v).toBeLessThanOrEqual(1 + 1e-12);
    // Before the rule (2022Q3–2023Q3) nothing differs: the ratio is exactly 1 in every draw.
    expect(c.cnAccessibleH100e.p5[0]).toBe(1);
    expect(c.gapMonthsDifference.p50.at(-1)!).toBeGreaterThan(0);
  });
});
