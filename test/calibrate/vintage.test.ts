import { describe, expect, it } from "vitest";
import { historyFromChipCounts, log10SigmaFromBand } from "../../src/engine/calibrate/history.js";
import { isHalfYearEnd, observationPoints, SERIES } from "../../src/engine/calibrate/observations.js";
import {
  eventsKnownBy,
  isIsoDate,
  lastQuarterEndedBy,
  quarterEnd,
} from "../../src/engine/calibrate/vintage.js";
import { simDataAsOf } from "../../src/engine/calibrate/prepare.js";
import type { ScenarioEvent } from "../../src/engine/sim/scenario.js";

describe("vintage", () => {
  it("quarter ends and the last quarter ended by a date", () => {
    expect(quarterEnd("2025Q2")).toBe("2025-06-30");
    expect(lastQuarterEndedBy("2025-06-30")).toBe("2025Q2");
    expect(lastQuarterEndedBy("2025-06-29")).toBe("2025Q1");
    expect(lastQuarterEndedBy("2025-01-01")).toBe("2024Q4");
    expect(isIsoDate("2025-02-29")).toBe(false);
    expect(isIsoDate("2024-02-29")).toBe(true);
  });
  it("events known by T: a rule counts from its announcement, else its effective date", () => {
    const c = "test";
    const ev: ScenarioEvent[] = [
      { type: "rule", rule: "a", announced: "2023-10-17", effective: "2023-11-17", citation: c },
      { type: "rule", rule: "b", effective: "2025-01-15", citation: c },
      { type: "enforcement", date: "2024-06-01", multiplier: 2, citation: c },
    ];
    expect(eventsKnownBy(ev, "2023-10-31").map((e) => ("rule" in e ? e.rule : e.type))).toEqual(["a"]);
    expect(eventsKnownBy(ev, "2024-12-31").length).toBe(2);
  });
  it("simDataAsOf drops rows dated after T, keeps undated chips, drops a precomputed ECI fit", () => {
    const d = simDataAsOf(
      {
        chips: [{ releaseDate: "2024-01-01" }, { releaseDate: "2026-01-01" }, { releaseDate: null }],
        models: [{ releaseDate: "2025-06-30" }, { releaseDate: "2025-07-01" }],
        worldOutput: [{ quarter: "2025Q2" }, { quarter: "2025Q3" }],
        ruleset: { rules: [] },
        eciFit: { us: 1 },
      } as never,
      "2025-06-30",
    ) as unknown as Record<string, unknown[]>;
    expect(d.chips!.length).toBe(2);
    expect(d.models!.length).toBe(1);
    expect(d.worldOutput).toEqual([{ quarter: "2025Q2" }]);
    expect("eciFit" in d).toBe(false);
  });
});

describe("observations", () => {
  it("thins to half-year ends and converts log series to log10", () => {
    expect(["2024Q1", "2024Q2", "2024Q3", "2024Q4"].map(isHalfYearEnd)).toEqual([false, true, false, true]);
    const { points, skipped } = observationPoints(
      {
        usFrontierFlop: [
          { quarter: "2024Q1", value: 1e25 },
          { quarter: "2024Q2", value: 1e26 },
          { quarter: "2024Q4", value: 0 },
        ],
        eciGap: [{ quarter: "2024Q2", value: 5 }],
        worldOutputH100e: [{ quarter: "2024Q2", value: 1e6, sigma: 0.1 }],
      },
      SERIES,
      ["usFrontierFlop", "gapMonths"],
      "2022Q3",
      "2025Q2",
    );
    expect(points).toEqual([
      { series: "eciGap", variable: "gapMonths", quarter: "2024Q2", y: 5, sigma: 3, space: "linear" },
      {
        series: "usFrontierFlop",
        variable: "usFrontierFlop",
        quarter: "2024Q2",
        y: 26,
        sigma: 0.3,
        space: "log10",
      },
    ]);
    expect(skipped).toEqual(["worldOutputH100e: the model has no variable worldOutputH100e"]);
  });
  it("chip counts: σ of log10 from the 5–95% band; only complete quarters ended by T", () => {
    // band ×10 wide (p95/p5 = 10): σ = 1 / 3.2897 decades
    expect(log10SigmaFromBand(1, 10)).toBeCloseTo(1 / (2 * 1.6448536269514722), 12);
    const row = (quarter: string, complete = true) => ({
      quarter,
      vendor: "nvidia",
      h100eP5: 50,
      h100eMedian: 100,
      h100eP95: 200,
      unitsMedian: 1,
      complete,
      method: "sum-of-chip-types",
      source: "x",
    });
    const h = historyFromChipCounts(
      [row("2024Q4"), row("2025Q1"), row("2025Q2", false), row("2025Q3")] as never,
      [],
      "2022Q3",
      "2025-06-30",
    );
    expect(h.worldOutputH100e!.map((p) => p.quarter)).toEqual(["2024Q4", "2025Q1"]);
    expect(h.worldOutputH100e![0]!.sigma).toBeCloseTo(Math.log10(4) / (2 * 1.6448536269514722), 12);
  });
});
