import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { captureCli } from "../support/cli.js";

const db = join(mkdtempSync(join(tmpdir(), "chokepoint-cal-")), "t.db");
const env = { CHOKEPOINT_DB: db };
const cli = (argv: string[]) => captureCli(argv, { env });

describe("chokepoint calibrate", () => {
  it("--json: { id, asOf, seed, priorDraws, ess, ... }, the same bytes for the same inputs and seed", async () => {
    const args = [
      "calibrate",
      "--as-of",
      "2025-06-30",
      "--draws",
      "800",
      "--seed",
      "5",
      "--particles",
      "200",
      "--json",
    ];
    const a = await cli(args);
    expect(a.stderr).toBe("");
    expect(a.code).toBe(0);
    const b = await cli(args);
    expect(b.stdout).toBe(a.stdout);
    const r = JSON.parse(a.stdout);
    expect(Object.keys(r).slice(0, 5)).toEqual(["id", "asOf", "scenario", "seed", "priorDraws"]);
    expect(r).toMatchObject({ asOf: "2025-06-30", seed: 5, priorDraws: 800, particles: 200 });
    expect(r.id).toMatch(/^[0-9a-f]{64}$/);
    expect(r.ess).toBeGreaterThan(0);
    expect(r.ess).toBeLessThanOrEqual(800);
    // Every observation is dated by a quarter that ended by the vintage date, thinned to half-years.
    for (const o of r.observations) {
      expect(o.quarter <= "2025Q2").toBe(true);
      expect(/Q[24]$/.test(o.quarter)).toBe(true);
    }
    const c = await cli([
      "calibrate",
      "--as-of",
      "2025-06-30",
      "--draws",
      "800",
      "--seed",
      "6",
      "--particles",
      "200",
      "--json",
    ]);
    expect(JSON.parse(c.stdout).id).not.toBe(r.id);
  });

  it("human output answers first: the ESS and the posterior id", async () => {
    const a = await cli(["calibrate", "--as-of", "2024-12-31", "--draws", "500", "--seed", "1"]);
    expect(a.code).toBe(0);
    expect(a.stdout).toMatch(
      /^Calibrated history on \d+ observations dated ≤ 2024-12-31: effective sample size/,
    );
    expect(a.stdout).toMatch(/Posterior [0-9a-f]{64}/);
  });

  it("bad input exits 2 naming the value", async () => {
    const cases: [string[], RegExp][] = [
      [["--as-of", "2099-01-01"], /invalid --as-of: 2099-01-01 is after the newest observation/],
      [["--as-of", "2021-06-30"], /invalid --as-of: 2021-06-30 is before the first observation/],
      [
        ["--as-of", "2022-12-31"],
        /invalid --as-of: 2022-12-31 leaves (too little data|\d half-year observations)/,
      ],
      [["--as-of", "30/06/2025"], /invalid --as-of: "30\/06\/2025"/],
      [[], /missing --as-of/],
      [["--as-of", "2025-06-30", "--draws", "5"], /invalid --draws: "5"/],
    ];
    for (const [argv, re] of cases) {
      const r = await cli(["calibrate", ...argv]);
      expect({ argv, code: r.code }).toEqual({ argv, code: 2 });
      expect(r.stderr).toMatch(re);
      expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
    }
  });
});

describe("chokepoint simulate --posterior", () => {
  it("runs any scenario from the latest posterior, deterministically, and names it", async () => {
    const cal = await cli(["calibrate", "--as-of", "2025-06-30", "--draws", "600", "--seed", "2", "--json"]);
    const id = JSON.parse(cal.stdout).id as string;
    const args = [
      "simulate",
      "--scenario",
      "status-quo",
      "--draws",
      "300",
      "--seed",
      "4",
      "--json",
      "--no-counterfactual",
    ];
    const a = await cli([...args, "--posterior", "latest"]);
    expect(a.code).toBe(0);
    const b = await cli([...args, "--posterior", id]);
    expect(b.stdout).toBe(a.stdout);
    expect(JSON.parse(a.stdout).posterior).toEqual({ id, asOf: "2025-06-30" });
    const prior = await cli(args);
    expect(JSON.parse(prior.stdout).series).not.toEqual(JSON.parse(a.stdout).series);
  });
  it("an unknown or malformed posterior id is exit 2 naming it", async () => {
    const r = await cli([
      "simulate",
      "--scenario",
      "history",
      "--draws",
      "100",
      "--posterior",
      "f".repeat(64),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/invalid --posterior: f{64} \(no such posterior/);
    const m = await cli(["simulate", "--scenario", "history", "--draws", "100", "--posterior", "abc"]);
    expect(m.code).toBe(2);
    expect(m.stderr).toMatch(/invalid --posterior: "abc"/);
  });
  it("latest with an empty store says to calibrate first", async () => {
    const empty = join(mkdtempSync(join(tmpdir(), "chokepoint-cal-")), "e.db");
    const r = await captureCli(["simulate", "--scenario", "history", "--posterior", "latest"], {
      env: { CHOKEPOINT_DB: empty },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no posterior saved yet/);
  });
});

describe("chokepoint backtest --rolling", () => {
  it("--json has a pooled { model, baselines } per series", async () => {
    const r = await cli(["backtest", "--rolling", "--draws", "400", "--seed", "3", "--json"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    for (const s of ["eciGap", "usFrontierFlop", "cnFrontierFlop"]) {
      const p = j.series[s].pooled;
      expect(Object.keys(p.model)).toEqual([
        "n",
        "crps",
        "coverage50",
        "coverage90",
        "bias",
        "width90",
        "pit",
      ]);
      expect(Object.keys(p.baselines)).toEqual(
        expect.arrayContaining(["constant", "persistence", "linearTrend"]),
      );
    }
    expect(Object.keys(j.series.eciGap.pooled.baselines)).toContain("published7");
    expect(j.origins[0].origin).toBe("2024Q2");
  });
  it("a malformed origin is exit 2", async () => {
    const r = await cli(["backtest", "--rolling", "--first-origin", "2024-06"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/invalid --first-origin: "2024-06"/);
  });
});
