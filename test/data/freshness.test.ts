// The freshness report on fixture files with known dates (test/fixtures/freshness/data), then on the bundled data.
// Ages worked by hand: 2025-07-01 → 2025-12-31 is 183 days; 2025-09-30 → 92; 2025-05-01 → 244; 2025-04-01 → 274;
// 2025-02-03 → 331; on 2026-11-30 the models file's source date 2026-04-10 is 234 days back.
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freshnessReport, isDataFile, parseSourcesCsv, sourceFor } from "../../src/data/freshness.js";
import { bundledFreshness } from "../../src/data/freshness-node.js";
import { dataPath, packageRoot } from "../../src/data/paths.js";
import { expectError, jsonOf, testApp } from "../server/helpers.js";
import { captureCli } from "../support/cli.js";

const root = join(import.meta.dirname, "../fixtures/freshness");
const TODAY = "2025-12-31";

describe("freshness on fixture files", () => {
  const r = bundledFreshness(TODAY, join(root, "data"), root);
  const by = new Map(r.files.map((f) => [f.file, f]));

  it("lists every data file but editor schemas, in path order", () => {
    expect(r.files.map((f) => f.file)).toEqual([
      "data/a.csv",
      "data/n.csv",
      "data/q.csv",
      "data/r/one.json",
      "data/s.yaml",
      "data/sources.csv",
      "data/x.json",
    ]);
  });

  it("a manifest source date counts the age; rows after today are ignored", () => {
    expect(by.get("data/a.csv")).toMatchObject({
      newestRow: "2025-06-30",
      sourceDate: "2025-07-01",
      basis: "manifest",
      ageDays: 183,
      staleAfterDays: 90,
      stale: true,
      source: "fixture source A",
    });
  });

  it("quarters count at their last day; without a manifest entry the newest row stands in (default 365 days)", () => {
    expect(by.get("data/q.csv")).toMatchObject({
      newestRow: "2025-09-30",
      sourceDate: null,
      basis: "newest row",
      ageDays: 92,
      staleAfterDays: 365,
      stale: false,
    });
  });

  it("a JSON file's own asOf is its source date; a pattern entry sets the threshold", () => {
    expect(by.get("data/x.json")).toMatchObject({ newestRow: "2025-05-01", basis: "asOf", ageDays: 244 });
    expect(by.get("data/r/one.json")).toMatchObject({
      newestRow: "2025-04-01",
      basis: "newest row",
      ageDays: 274,
      staleAfterDays: 30,
      stale: true,
    });
    expect(by.get("data/s.yaml")).toMatchObject({ newestRow: "2025-02-03", ageDays: 331, stale: false });
  });

  it("an undated file is reported, never stale; 'never' turns staleness off", () => {
    expect(by.get("data/n.csv")).toMatchObject({
      newestRow: null,
      basis: "none",
      ageDays: null,
      stale: false,
    });
    expect(by.get("data/sources.csv")).toMatchObject({ ageDays: 30, staleAfterDays: null, stale: false });
    expect(r.stale).toEqual(["data/a.csv", "data/r/one.json"]);
  });

  it("patterns match one directory level; bad manifest rows name the field", () => {
    const m = parseSourcesCsv("file,source,source_date,stale_after_days,note\ndata/r/*.json,x,,10,\n");
    expect(sourceFor(m, "data/r/a.json")?.staleAfterDays).toBe(10);
    expect(sourceFor(m, "data/r/deep/a.json")).toBeNull();
    expect(() =>
      parseSourcesCsv("file,source,source_date,stale_after_days,note\ndata/a.csv,x,,soon,\n"),
    ).toThrow(
      /data\/sources\.csv row 2 \(data\/a\.csv\), field stale_after_days: "soon" is not a whole number of days/,
    );
    expect(() => freshnessReport([], [], "2025-02-30x")).toThrow(/invalid today/);
  });
});

describe("freshness of the bundled data", () => {
  const dir = dataPath();
  const expected: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const full = join(d, n);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(csv|json|ya?ml)$/.test(n) && !n.endsWith(".schema.json"))
        expected.push(relative(packageRoot(), full).split("\\").join("/"));
    }
  };
  walk(dir);
  expected.sort();
  const t = testApp();
  afterAll(() => t.close());

  it("data freshness --json lists every bundled data file with its dates", async () => {
    const r = await captureCli(["data", "freshness", "--json", "--date", "2026-11-30"], {
      env: {},
      cwd: root,
    });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.files.map((f: { file: string }) => f.file)).toEqual(expected);
    expect(expected.every(isDataFile)).toBe(true);
    const models = out.files.find((f: { file: string }) => f.file === "data/models.csv");
    expect(models).toMatchObject({
      newestRow: "2026-04-08",
      sourceDate: "2026-04-10",
      ageDays: 234,
      staleAfterDays: 180,
      stale: true,
    });
    expect(out.stale).toContain("data/models.csv");
  });

  it("the human report answers in words first and warns about stale files", async () => {
    const r = await captureCli(["data", "freshness", "--date", "2026-11-30"], { env: {}, cwd: root });
    expect(r.stdout.split("\n")[0]).toMatch(
      /^\d+ bundled data files on 2026-11-30: \d+ past their threshold; oldest /,
    );
    expect(r.stdout).toContain(
      "warning: data/models.csv is 234 days old on 2026-11-30 (source 2026-04-10; threshold 180 days)",
    );
    const bad = await captureCli(["data", "freshness", "--date", "2026-13-01"], { env: {}, cwd: root });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('invalid --date: "2026-13-01"');
  });

  it("data validate carries the stale-file warnings without failing", async () => {
    const r = await captureCli(["data", "validate", "--json"], { env: {}, cwd: root });
    const out = JSON.parse(r.stdout);
    expect(Array.isArray(out.warnings)).toBe(true);
    for (const w of out.warnings) expect(w).toMatch(/^data\/\S+ is \d+ days old on \d{4}-\d{2}-\d{2} \(/);
  });

  it("GET /datasets/freshness answers the same report; a bad date is a 400 naming the field", async () => {
    const body = await jsonOf<{ files: { file: string; ageDays: number | null }[]; today: string }>(
      await t.app.request("/api/v1/datasets/freshness?date=2026-11-30"),
    );
    expect(body.today).toBe("2026-11-30");
    expect(body.files.map((f) => f.file)).toEqual(expected);
    expect(body.files.find((f) => f.file === "data/models.csv")?.ageDays).toBe(234);
    await expectError(
      await t.app.request("/api/v1/datasets/freshness?date=yesterday"),
      400,
      "bad_input",
      "date",
    );
  });
});
