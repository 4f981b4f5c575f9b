import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { captureCli } from "../support/cli.js";

const dir = mkdtempSync(join(tmpdir(), "chokepoint-gap-cli-"));
const db = join(dir, "cp.db");
const fixtures = join(import.meta.dirname, "../fixtures/epoch");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(...argv: string[]) {
  return captureCli(argv, { env: { HOME: dir }, cwd: fixtures });
}

describe("chokepoint gap", () => {
  it("--json has exactly the documented shape and the golden value", async () => {
    const r = await run(
      "gap",
      "--db",
      db,
      "--json",
      "--from",
      "2025-09-01",
      "--to",
      "2025-09-30",
      "--at",
      "2025-09-30",
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual([
      "metric",
      "points",
      "series",
      "summary",
      "includeRestricted",
      "leftOut",
    ]);
    expect(out.metric).toBe("eci");
    expect(Object.keys(out.points[0])).toEqual(["at", "us", "cn", "lagMonths"]);
    // DeepSeek-V3.2-Exp carries no caveat, so its cell has no flags key; every model row carries its provenance.
    expect(Object.keys(out.points[0].cn)).toEqual(["value", "model", "date", "provenance"]);
    expect(out.points[0].cn.provenance).toEqual({ grade: "dataset", fields: {} });
    expect(out.points[0].cn.model).toBe("DeepSeek-V3.2-Exp");
    expect(out.points[0].lagMonths * 30.44).toBeCloseTo(167, 6); // see golden-eci.test.ts
    expect(out.series).toHaveLength(30);
    expect(Object.keys(out.summary)).toEqual(["mean", "median", "min", "max", "latest"]);
    expect(out.summary.latest).toBeCloseTo(out.points[0].lagMonths, 10);
  });

  it("--data measures an Epoch CSV directly", async () => {
    const r = await run("gap", "--data", "eci-small.csv", "--json", "--to", "2025-01-31");
    const out = JSON.parse(r.stdout);
    // o1 (142.97, 2024-12-17) vs DeepSeek-R1 (139.88, 2025-01-20): the US reached 139.88 on 2024-12-17 → 45 days
    expect(out.points[0].us.model).toBe("o1");
    expect(out.points[0].cn.model).toBe("DeepSeek-R1");
    expect(out.points[0].lagMonths * 30.44).toBeCloseTo(45, 6);
  });

  it("human output: table, summary and chart", async () => {
    const r = await run(
      "gap",
      "--db",
      db,
      "--metric",
      "compute",
      "--from",
      "2024-01-01",
      "--to",
      "2025-12-31",
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("US/CN ratio");
    expect(r.stdout).toContain("│");
    expect(r.stdout).toMatch(/mean [\d.]+, median/);
  });

  it("bad input exits 2 naming the flag", async () => {
    expect((await run("gap", "--db", db, "--metric", "iq")).code).toBe(2);
    const r = await run("gap", "--db", db, "--at", "2025-02-30", "--json");
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error.field).toBe("at");
    expect((await run("gap", "--db", db, "--dataset", "77")).stderr).toContain("invalid --dataset: 77");
    expect((await run("gap", "--data", "eci-bad-score.csv")).stderr).toContain(
      "eci-bad-score.csv:5: ECI Score",
    );
    expect((await run("gap", "--db", db, "--metric", "arena", "--open-weights")).code).toBe(2);
  });

  it("a metric with no values fails with a reason (exit 1)", async () => {
    const r = await run("gap", "--db", db, "--metric", "gpqa");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("GPQA");
  });
});

describe("chokepoint data", () => {
  it("validate checks the curated files", async () => {
    const r = await run("data", "validate", "--json");
    const out = JSON.parse(r.stdout);
    expect(r.code).toBe(0);
    expect(out.ok).toBe(true);
    expect(out.files.map((f: { file: string }) => f.file)).toContain("data/models.csv");
  });

  it("a malformed file stores nothing and lists each bad row", async () => {
    const before = JSON.parse((await run("data", "versions", "--db", db, "--json")).stdout).versions.length;
    const r = await run("data", "import-epoch", "eci-bad-date.csv", "--db", db);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("eci-bad-date.csv:4: Release date");
    const after = JSON.parse((await run("data", "versions", "--db", db, "--json")).stdout).versions.length;
    expect(after).toBe(before);
  });

  it("a newer file becomes a new version with what changed; --dataset reads either", async () => {
    const r = await run("data", "import-epoch", "eci-newer.csv", "--db", db, "--json");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    // Every row of the fixture is already in the bundled data except DeepSeek-R1's edited score (139.88 → 140.5).
    expect(out.added).toEqual([]);
    expect(out.revised).toEqual([
      { id: "deepseek-r1", field: "eci", before: expect.closeTo(139.877, 3), after: 140.5 },
    ]);
    expect(out.version).toBe(out.baseVersion + 1);
    const again = JSON.parse(
      (await run("data", "import-epoch", "eci-newer.csv", "--db", db, "--json")).stdout,
    );
    expect(again.alreadyStored).toBe(true); // merged onto the new latest nothing changes: same content, same version
    expect(again.version).toBe(out.version);
    expect(again.revised).toEqual([]);
    const v = await run("data", "versions", "--db", db);
    expect(v.stdout).toContain("import-epoch eci-newer.csv (eci)");
    const old = JSON.parse(
      (await run("gap", "--db", db, "--dataset", "1", "--json", "--to", "2025-01-31")).stdout,
    );
    const cur = JSON.parse((await run("gap", "--db", db, "--json", "--to", "2025-01-31")).stdout);
    expect(old.points[0].cn.value).toBeCloseTo(139.877, 3);
    expect(cur.points[0].cn.value).toBe(140.5);
  });

  it("hardware exports validate and store as a version", async () => {
    const r = await run("data", "import-epoch", "hardware-small.csv", "--db", db, "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ kind: "hardware", rowsRead: 2 });
  });
});
