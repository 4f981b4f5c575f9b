import { describe, expect, it } from "vitest";
import {
  DAYS_PER_MONTH,
  dayNumber,
  frontierPair,
  gapAt,
  lagSeriesDays,
  measureGap,
  observedFrontierByQuarter,
  observedGapByQuarter,
  summarizeLag,
} from "../../src/engine/gap/index.js";
import type { Observation } from "../../src/engine/gap/types.js";

const o = (
  name: string,
  bloc: "US" | "CN" | "joint",
  date: string,
  value: number,
  openWeights: boolean | null = null,
  organization = name,
): Observation => ({
  name,
  organization,
  bloc,
  date,
  value,
  openWeights,
});

const months = (days: number) => days / DAYS_PER_MONTH;

// US A=100 on 2023-01-01, US B=120 on 2023-07-01; CN C=100 on 2023-04-01 (a tie with A); CN X=130 on 2023-08-01.
const fixture = [
  o("A", "US", "2023-01-01", 100),
  o("B", "US", "2023-07-01", 120),
  o("C", "CN", "2023-04-01", 100),
  o("X", "CN", "2023-08-01", 130),
];

describe("lag by hand", () => {
  it("a tie counts as reached: on 2023-05-01 both frontiers are 100, the US got there on 2023-01-01", () => {
    const p = gapAt(frontierPair(fixture), "2023-05-01");
    // 2023-01-01 → 2023-05-01 = 31 + 28 + 31 + 30 = 120 days
    expect(p.lagMonths).toBeCloseTo(120 / 30.44, 10);
    expect(p.us).toEqual({ value: 100, model: "A", date: "2023-01-01" });
    expect(p.cn).toEqual({ value: 100, model: "C", date: "2023-04-01" });
    expect(p.reachedBy?.model).toBe("A");
  });

  it("US ahead: on 2023-07-15 the US is at 120, China at 100 → still measured from A (2023-01-01)", () => {
    // 2023-01-01 → 2023-07-15 = 31+28+31+30+31+30 + 14 = 195 days
    expect(gapAt(frontierPair(fixture), "2023-07-15").lagMonths).toBeCloseTo(195 / 30.44, 10);
  });

  it("China leads: on 2023-09-01 China is at 130 and reached the US's 120 on 2023-08-01 → −31 days", () => {
    const p = gapAt(frontierPair(fixture), "2023-09-01");
    expect(p.lagMonths).toBeCloseTo(-31 / 30.44, 10);
    expect(p.reachedBy).toEqual({ value: 130, model: "X", date: "2023-08-01", bloc: "CN" });
  });

  it("undefined before either bloc has a model", () => {
    expect(gapAt(frontierPair(fixture), "2023-03-31").lagMonths).toBeNull();
    expect(gapAt(frontierPair(fixture), "2023-03-31").cn).toBeNull();
  });

  it("a metric where China never catches up: the lag grows one day per day", () => {
    const obs = [
      o("U", "US", "2020-01-01", 200),
      o("P", "CN", "2021-01-01", 100),
      o("Q", "CN", "2022-01-01", 150),
    ];
    const pair = frontierPair(obs);
    // 2020-01-01 → 2022-01-01 = 366 (2020 is a leap year) + 365 = 731 days
    expect(gapAt(pair, "2022-01-01").lagMonths).toBeCloseTo(731 / 30.44, 10);
    const s = lagSeriesDays(pair, dayNumber("2022-01-01"), dayNumber("2022-01-10"));
    expect(Array.from(s)).toEqual([731, 732, 733, 734, 735, 736, 737, 738, 739, 740]);
  });

  it("same-day releases: two US models and a Chinese one on one day give lag 0, set by the better US model", () => {
    const obs = [
      o("U1", "US", "2024-03-01", 90),
      o("U2", "US", "2024-03-01", 110),
      o("K", "CN", "2024-03-01", 100),
    ];
    const p = gapAt(frontierPair(obs), "2024-03-01");
    expect(p.lagMonths).toBe(0);
    expect(p.us?.model).toBe("U2");
    expect(p.reachedBy?.model).toBe("U2");
  });

  it("same-day equal values: the alphabetically first name sets the step whatever the input order", () => {
    const a = [
      o("Zeta", "US", "2024-01-01", 5),
      o("Alpha", "US", "2024-01-01", 5),
      o("K", "CN", "2024-01-01", 1),
    ];
    expect(gapAt(frontierPair(a), "2024-01-02").us?.model).toBe("Alpha");
    expect(gapAt(frontierPair([...a].reverse()), "2024-01-02").us?.model).toBe("Alpha");
  });

  it("joint models count for neither bloc", () => {
    const obs = [...fixture, o("J", "joint", "2023-02-01", 999)];
    expect(gapAt(frontierPair(obs), "2023-05-01").lagMonths).toBeCloseTo(120 / 30.44, 10);
  });

  it("open-weights filter drops closed and unknown models", () => {
    const obs = [
      o("closed", "US", "2023-01-01", 200, false),
      o("open", "US", "2023-06-01", 100, true),
      o("unknown", "US", "2022-01-01", 300, null),
      o("cn", "CN", "2023-03-01", 100, true),
    ];
    // Open only: CN reached 100 on 2023-03-01 before the US open model → China leads until 2023-06-01,
    // then a tie: the US reached 100 on 2023-06-01. On 2023-07-01 that is 30 days.
    const pair = frontierPair(obs, { openWeightsOnly: true });
    expect(gapAt(pair, "2023-05-01").lagMonths).toBeNull();
    expect(gapAt(pair, "2023-07-01").lagMonths).toBeCloseTo(30 / 30.44, 10);
    // All models: the US reached 300 on 2022-01-01; 2022-01-01 → 2023-07-01 = 365 + 181 = 546 days
    expect(gapAt(frontierPair(obs), "2023-07-01").lagMonths).toBeCloseTo(546 / 30.44, 10);
  });

  it("excluding an organisation matches any of a model's organisations, case-insensitively", () => {
    const obs = [
      o("big", "US", "2023-01-01", 200, null, "Lab One,University"),
      o("small", "US", "2023-02-01", 100, null, "Lab Two"),
      o("cn", "CN", "2023-03-01", 100),
    ];
    const pair = frontierPair(obs, { excludeOrganizations: ["lab one"] });
    expect(gapAt(pair, "2023-03-01").us?.model).toBe("small");
    expect(gapAt(pair, "2023-03-01").lagMonths).toBeCloseTo(28 / 30.44, 10);
  });
});

describe("series and summary", () => {
  it("daily series over a window with the hand-computed summary", () => {
    // Window 2023-08-30 … 2023-09-02: China leads (130 vs 120), China reached 120 on 2023-08-01.
    // Days: 08-30 → −29, 08-31 → −30, 09-01 → −31, 09-02 → −32.
    const g = measureGap(fixture, { from: "2023-08-30", to: "2023-09-02" });
    expect(g.series.map((s) => Math.round(s.lagMonths * 30.44))).toEqual([-29, -30, -31, -32]);
    expect(g.summary.mean).toBeCloseTo(months(-30.5), 10);
    expect(g.summary.median).toBeCloseTo(months(-30.5), 10);
    expect(g.summary.min).toBeCloseTo(months(-32), 10);
    expect(g.summary.max).toBeCloseTo(months(-29), 10);
    expect(g.summary.latest).toBeCloseTo(months(-32), 10);
    expect(g.points.map((p) => p.at)).toEqual(["2023-09-02"]);
  });

  it("undefined days are left out of the series and the summary", () => {
    const g = measureGap(fixture, { from: "2023-03-30", to: "2023-04-02" });
    // CN has no model until 2023-04-01: only 04-01 (90 days after 2023-01-01) and 04-02 (91) count.
    expect(g.series.map((s) => s.date)).toEqual(["2023-04-01", "2023-04-02"]);
    expect(g.summary.median).toBeCloseTo(months(90.5), 10);
  });

  it("summary of an empty series is all null", () => {
    expect(summarizeLag(new Float64Array([Number.NaN]))).toEqual({
      mean: null,
      median: null,
      min: null,
      max: null,
      latest: null,
    });
  });
});

describe("quarterly helpers for the backtest", () => {
  it("frontier and gap at quarter ends", () => {
    const q = ["2022Q4", "2023Q1", "2023Q2", "2023Q3"];
    expect(observedFrontierByQuarter(fixture, "US", q)).toEqual([null, 100, 100, 120]);
    expect(observedFrontierByQuarter(fixture, "CN", q)).toEqual([null, null, 100, 130]);
    const g = observedGapByQuarter(fixture, q);
    expect(g[0]).toBeNull();
    expect(g[1]).toBeNull();
    // 2023-06-30: tie at 100 vs US's 2023-01-01 → 180 days; 2023-09-30: China leads since 2023-08-01 → −60 days
    expect(g[2]).toBeCloseTo(180 / 30.44, 10);
    expect(g[3]).toBeCloseTo(-60 / 30.44, 10);
  });
});
