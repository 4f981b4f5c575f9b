/**
 * The worker's staged run (web/src/worker/staged-run.ts) summarises the model's chunks itself so it can hand the
 * gap and the frontiers over before the channels. It must give exactly runScenario's numbers — every quantile,
 * mean and probability, bit for bit — for one chunk and for several (where quantiles are draw-weighted means of
 * chunk quantiles), and hand each stage over once, in order, holding the series of the stages so far.
 */
import { describe, expect, it } from "vitest";
import { prepareRun } from "../../src/data/scenarios.js";
import type { Variable } from "../../src/engine/sim/model.js";
import { runScenario } from "../../src/engine/sim/run.js";
import { runStaged } from "../../web/src/worker/staged-run.js";

const SHOWN: Variable[] = [
  "gapMonths",
  "cnFrontierFlop",
  "usFrontierFlop",
  "legalH100e",
  "stockpileH100e",
  "smugglingH100e",
  "remoteH100e",
  "domesticH100e",
];
const STAGES: Variable[][] = [["gapMonths"], ["cnFrontierFlop", "usFrontierFlop"]];

describe("staged run (worker)", () => {
  const prep = prepareRun("status-quo", { counterfactual: false });
  if (!prep.ok) throw new Error(JSON.stringify(prep.issues));
  const { scenario, inputs } = prep.value;

  // 10,000 draws is one engine chunk; 23,000 is three (10,000 + 10,000 + 3,000) with unequal weights.
  for (const draws of [10_000, 23_000]) {
    it(`equals runScenario at ${draws.toLocaleString("en-US")} draws, stage by stage`, () => {
      const ref = runScenario(scenario, inputs, { draws, seed: 20221007, variables: SHOWN });
      if (!ref.ok) throw new Error(JSON.stringify(ref.issues));
      const stages: { k: number; quarters: string[]; keys: string[]; gap: number[] }[] = [];
      const got = runStaged(scenario, inputs, {
        draws,
        seed: 20221007,
        variables: SHOWN,
        stages: STAGES,
        onStage: (k, quarters, series) =>
          stages.push({ k, quarters, keys: Object.keys(series), gap: [...series.gapMonths!.p50] }),
      });
      if (!got.ok) throw new Error(JSON.stringify(got.issues));
      expect(got.value.quarters).toEqual(ref.value.quarters);
      expect(Object.keys(got.value.series).sort()).toEqual([...SHOWN].sort());
      for (const v of SHOWN) expect(got.value.series[v], v).toEqual(ref.value.series[v]);
      expect(got.value.probabilities).toEqual(ref.value.probabilities);
      expect(Object.keys(got.value.probabilities).length).toBeGreaterThan(0);
      // Each stage once, after the last chunk, with the groups so far (a stage's numbers are already final).
      expect(stages.map((s) => [s.k, s.keys])).toEqual([
        [0, ["gapMonths"]],
        [1, ["gapMonths", "cnFrontierFlop", "usFrontierFlop"]],
      ]);
      for (const s of stages) {
        expect(s.quarters).toEqual(ref.value.quarters);
        expect(s.gap).toEqual(ref.value.series.gapMonths.p50);
      }
    });
  }

  it("reports runScenario's problems unchanged", () => {
    const got = runStaged(scenario, inputs, { draws: 0, seed: 1, variables: SHOWN, stages: STAGES });
    expect(got.ok).toBe(false);
    if (!got.ok) expect(got.issues[0]?.path).toBe("draws");
  });
});
