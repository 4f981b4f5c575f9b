// Issue 13, item 1: an imported row outside the import bounds refuses the whole file (CLI and API alike), naming
// line, column and value, and stores nothing. Bounds worked out from src/data/import-bounds.ts's stated limits.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseEpochCsv } from "../../src/data/epoch.js";
import { MAX_CELL_CHARS, MAX_IMPORT_ROWS, maxImportDate } from "../../src/data/import-bounds.js";
import { listVersions, openStore } from "../../src/store/index.js";
import { captureCli } from "../support/cli.js";
import { expectError, testApp } from "../server/helpers.js";

const dir = mkdtempSync(join(tmpdir(), "chokepoint-bounds-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEADER =
  "Model version,ECI Score,Release date,Organization,Country,Model accessibility,Training compute (FLOP),Confidence,Model name";
const row = (name: string, eci: string, date: string, flop = "") =>
  `${name},${eci},${date},Lab,United States of America,API access,${flop},Likely,${name}`;
const file = (...rows: string[]) => [HEADER, ...rows].join("\n");

describe("import bounds (parser shared by CLI and API)", () => {
  const today = "2026-11-30";
  it("a release date 9999-01-01 is refused naming line, column and value", () => {
    const p = parseEpochCsv(file(row("ok", "120", "2025-01-01"), row("far", "120", "9999-01-01")), "f.csv", {
      today,
    });
    expect(p.errors).toHaveLength(1);
    expect(p.errors[0]).toMatchObject({ line: 3, field: "Release date" });
    expect(p.errors[0]!.message).toContain("9999-01-01");
    expect(p.errors[0]!.message).toContain("2027-11-30");
  });
  it("date bounds: 1950-01-01 and today + 1 year pass, one day outside either fails", () => {
    expect(maxImportDate(today)).toBe("2027-11-30");
    expect(maxImportDate("2028-02-29")).toBe("2029-02-28");
    const ok = parseEpochCsv(file(row("a", "100", "1950-01-01"), row("b", "100", "2027-11-30")), "f", {
      today,
    });
    expect(ok.errors).toEqual([]);
    const bad = parseEpochCsv(file(row("a", "100", "1949-12-31"), row("b", "100", "2027-12-01")), "f", {
      today,
    });
    expect(bad.errors.map((e) => e.line)).toEqual([2, 3]);
  });
  it("ECI 1e308 and training compute 1e40 FLOP are refused; 1000 and 1e31 pass", () => {
    const bad = parseEpochCsv(
      file(row("a", "1e308", "2025-01-01"), row("b", "100", "2025-01-01", "1e40")),
      "f",
      { today },
    );
    expect(bad.errors.map((e) => [e.line, e.field])).toEqual([
      [2, "ECI Score"],
      [3, "Training compute (FLOP)"],
    ]);
    expect(bad.errors[0]!.message).toContain("1e+308");
    const ok = parseEpochCsv(
      file(row("a", "1000", "2025-01-01"), row("b", "100", "2025-01-01", "1e31")),
      "f",
      {
        today,
      },
    );
    expect(ok.errors).toEqual([]);
  });
  it("a cell longer than the limit is refused; one at the limit passes", () => {
    const at = "x".repeat(MAX_CELL_CHARS);
    expect(parseEpochCsv(file(row(at, "100", "2025-01-01")), "f", { today }).errors).toEqual([]);
    const p = parseEpochCsv(file(row(`${at}y`, "100", "2025-01-01")), "f", { today });
    expect(p.errors[0]).toMatchObject({ line: 2, field: "Model version" });
    expect(p.errors[0]!.message).toContain(`${MAX_CELL_CHARS + 1} characters`);
  });
  it("more rows than the limit are refused before any row is read", () => {
    const many = Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => row(`m${i}`, "100", "2025-01-01"));
    const p = parseEpochCsv(file(...many), "f", { today });
    expect(p.models).toEqual([]);
    expect(p.errors[0]!.message).toContain(`${MAX_IMPORT_ROWS + 1} data rows exceed the limit`);
  });
});

describe("the same file is refused whole by the CLI and the API", () => {
  const poisoned = file(row("good", "130", "2025-02-01"), row("poison", "130", "9999-01-01"));
  it("CLI: exit 2 naming the row, nothing stored", async () => {
    const f = join(dir, "poison.csv");
    writeFileSync(f, poisoned);
    const db = join(dir, "cli.db");
    const r = await captureCli(["data", "import-epoch", f, "--db", db, "--json"], { env: { HOME: dir } });
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout);
    expect(out.rows[0]).toMatchObject({ line: 3, field: "Release date" });
    const store = openStore(db);
    try {
      expect(listVersions(store).filter((v) => v.kind === "import")).toEqual([]);
    } finally {
      store.close();
    }
  });
  it("API: 422 naming the row, nothing stored", async () => {
    const t = testApp();
    try {
      const res = await t.app.request("/api/v1/datasets/import", {
        method: "POST",
        headers: { "content-type": "text/csv" },
        body: poisoned,
      });
      const err = await expectError(res, 422, "bad_rows");
      expect(err.message).toContain("upload:3: Release date");
      expect(err.message).toContain("9999-01-01");
      expect(listVersions(t.store)).toHaveLength(1);
    } finally {
      t.close();
    }
  });
});

describe("input files: size cap and strict UTF-8, as the API", () => {
  it("--file /dev/zero stops at the limit with exit 2", async () => {
    const r = await captureCli(["classify", "--file", "/dev/zero", "--json"]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error.message).toContain("larger than the limit of 16777216 bytes");
  });
  it("a Latin-1 file is refused naming the byte in the CLI; the API refuses the same bytes", async () => {
    const latin1 = Buffer.from(`${HEADER}\n${row("Caf\u00e9", "100", "2025-01-01")}\n`, "latin1");
    const f = join(dir, "latin1.csv");
    writeFileSync(f, latin1);
    const at = latin1.indexOf(0xe9);
    const r = await captureCli(["data", "import-epoch", f, "--db", join(dir, "l.db"), "--json"]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error.message).toContain(`0xe9 at offset ${at}`);
    const t = testApp();
    try {
      const res = await t.app.request("/api/v1/datasets/import", {
        method: "POST",
        headers: { "content-type": "text/csv" },
        body: readFileSync(f),
      });
      await expectError(res, 400, "bad_encoding");
    } finally {
      t.close();
    }
  });
});
