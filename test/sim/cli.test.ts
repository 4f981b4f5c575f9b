import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { captureCli } from "../support/cli.js";

function cli(argv: string[], cwd = process.cwd()) {
  return captureCli(argv, { cwd });
}

describe("chokepoint simulate", () => {
  it("refuses a parameter value that would overflow the model, naming it (exit 2)", async () => {
    const r = await cli([
      "simulate",
      "--scenario",
      "history",
      "--draws",
      "10",
      "--set",
      "dieBankChips=1e308",
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/params\.dieBankChips.*1e\+308.*must be ≤ 1000000000000/);
  });

  it("--export-draws writes every draw-quarter, conserving world output, byte-identical for the same seed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cp-draws-"));
    const vars = "worldOutputH100e,usInflowH100e,rowInflowH100e,legalH100e,stockpileH100e,gapMonths";
    const args = ["simulate", "--scenario", "history", "--draws", "50", "--seed", "7", "--no-counterfactual"];
    const a = await cli([...args, "--export-draws", "a.csv", "--vars", vars, "--json"], dir);
    const b = await cli([...args, "--export-draws", "b.csv", "--vars", vars, "--json"], dir);
    expect(b.stdout).toBe(a.stdout);
    expect(a.code).toBe(0);
    const text = readFileSync(join(dir, "a.csv"), "utf8");
    expect(text).toBe(readFileSync(join(dir, "b.csv"), "utf8"));
    const lines = text.trim().split("\n");
    expect(lines[0]).toBe(`draw,quarter,${vars}`);
    // history runs 2022Q3–2026Q4: 18 quarters × 50 draws.
    expect(lines.length - 1).toBe(18 * 50);
    expect(lines[1]!.startsWith("0,2022Q3,")).toBe(true);
    for (const line of lines.slice(1)) {
      const [, , w, us, row, legal, stock] = line.split(",").map(Number);
      // Six significant digits per cell: the identity holds to that rounding.
      expect(Math.abs(us! + row! + legal! + stock! - w!) / w!).toBeLessThan(2e-5);
    }
    const bad = await cli([...args, "--export-draws", "c.csv", "--vars", "gapMonths,leakRate"], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/invalid --vars: "leakRate"/);
  });

  it("prints the documented JSON, byte-identical for the same seed", async () => {
    const a = await cli(["simulate", "--scenario", "status-quo", "--draws", "300", "--seed", "4", "--json"]);
    expect(a.code).toBe(0);
    const b = await cli(["simulate", "--scenario", "status-quo", "--draws", "300", "--seed", "4", "--json"]);
    expect(b.stdout).toBe(a.stdout);
    const r = JSON.parse(a.stdout);
    expect(Object.keys(r)).toEqual([
      "scenario",
      "seed",
      "draws",
      "quarters",
      "series",
      "probabilities",
      "counterfactualRatio",
    ]);
    expect(r.quarters.length).toBe(34);
    for (const v of [
      "cnStockH100e",
      "usStockH100e",
      "cnFrontierFlop",
      "usFrontierFlop",
      "gapMonths",
      "legalH100e",
      "stockpileH100e",
      "smugglingH100e",
      "remoteH100e",
      "domesticH100e",
    ])
      expect(Object.keys(r.series[v])).toEqual(["p5", "p25", "p50", "p75", "p95", "mean"]);
    expect(r.probabilities).toHaveProperty(["gapMonths@2028Q4<6"]);
    expect(r.counterfactualRatio.against).toBe("no-controls");
  });

  it("takes --set, --horizon and a user file that extends a built-in", async () => {
    const dir = mkdtempSync(join(tmpdir(), "chk-"));
    writeFileSync(
      join(dir, "mine.yaml"),
      "name: mine\nextends: status-quo\ndescription: my test scenario\nparams:\n  smuggleShareOfUnmet: 0\n",
    );
    const r = await cli(
      [
        "simulate",
        "--scenario",
        "mine.yaml",
        "--draws",
        "200",
        "--horizon",
        "2031Q4",
        "--set",
        "remoteShareOfRow=0",
        "--no-counterfactual",
        "--json",
        "--csv",
        "out",
      ],
      dir,
    );
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.scenario).toBe("mine");
    expect(j.quarters.at(-1)).toBe("2031Q4");
    expect(j.series.smugglingH100e.p95.every((x: number) => x === 0)).toBe(true);
    expect(j.series.remoteH100e.p95.every((x: number) => x === 0)).toBe(true);
    expect(readFileSync(join(dir, "out", "series.csv"), "utf8").split("\n")[0]).toBe(
      "variable,quarter,p5,p25,p50,p75,p95,mean",
    );
  });

  it("exits 2 with a clear error for bad input", async () => {
    const cap = await cli(["simulate", "--scenario", "status-quo", "--draws", "2000000"]);
    expect(cap.code).toBe(2);
    expect(cap.stderr).toMatch(/invalid --draws: 2000000 \(must be ≤ 1000000, the draw cap/);
    const bad = await cli([
      "simulate",
      "--scenario",
      "status-quo",
      "--set",
      "smuggleShareOfUnmet={dist: lognormal, median: 0.03, p95: 0.01}",
      "--json",
    ]);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stdout).error).toMatchObject({
      code: "bad_input",
      field: "params.smuggleShareOfUnmet.p95",
    });
    const none = await cli(["simulate", "--scenario", "nope"]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/neither a built-in/);
  });
});

describe("chokepoint backtest and sensitivity", () => {
  it("backtest scores history against the observed series", async () => {
    const r = await cli(["backtest", "--draws", "500", "--json"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.scores.map((s: { variable: string }) => s.variable)).toEqual([
      "usFrontierFlop",
      "cnFrontierFlop",
      "gapMonths",
    ]);
    for (const s of j.scores) {
      expect(s.n).toBeGreaterThan(5);
      expect(s.coverage90).toBeGreaterThanOrEqual(s.coverage50);
    }
  });

  it("sensitivity returns a tornado and Sobol indices for the chosen output", async () => {
    const r = await cli([
      "sensitivity",
      "--scenario",
      "status-quo",
      "--output",
      "cnStockH100e@2027Q4",
      "--n",
      "64",
      "--bootstrap",
      "20",
      "--json",
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.output).toBe("cnStockH100e@2027Q4");
    expect(j.tornado.bars.length).toBe(j.sobol.indices.length);
    // China's stock does not depend on US concentration or on the ECI fit at all.
    const bar = j.tornado.bars.find((b: { param: string }) => b.param === "usConcentration");
    expect(bar.swing).toBe(0);
    const idx = j.sobol.indices.find((b: { param: string }) => b.param === "eciFitShock1");
    expect(idx.total).toBe(0);
    const bad = await cli(["sensitivity", "--scenario", "status-quo", "--output", "gap@2028Q4"]);
    expect(bad.code).toBe(2);
  });
});
