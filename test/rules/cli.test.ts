import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { captureCli } from "../support/cli.js";

function run(...argv: string[]) {
  return captureCli(argv);
}

describe("chokepoint classify from specs", () => {
  it("--json has exactly the DESIGN §3 fields", async () => {
    const r = await run(
      "classify",
      "--fp8-tflops",
      "296",
      "--die-area",
      "814",
      "--datacenter",
      "--memory-bw",
      "4000",
      "--io-bw",
      "900",
      "--date",
      "2025-06-01",
      "--json",
    );
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j).sort()).toEqual(
      [
        "buyerHq",
        "classification",
        "date",
        "destination",
        "exceptionDetails",
        "exceptions",
        "item",
        "licenseRequired",
        "metrics",
        "reasons",
        "requirements",
        "reviewPolicy",
        "rules",
        "sanctions",
        "screening",
        "transaction",
      ].sort(),
    );
    expect(j.metrics.tpp).toBe(2368);
    expect(j.metrics.pd).toBeCloseTo(2368 / 814, 12);
    expect(j.classification).toBe("not-3A090");
    expect(j.licenseRequired).toBe(true);
    expect(j.reasons[0]).toHaveProperty("citation");
  });
  it("--tpp with --no-datacenter applies Note 2; human output cites the paragraph", async () => {
    const r = await run(
      "classify",
      "--tpp",
      "4707",
      "--die-area",
      "609",
      "--no-datacenter",
      "--date",
      "2024-06-01",
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("not-3A090");
    expect(r.stdout).toContain("Note 2 to 3A090");
    expect(r.stdout).toContain("88 FR 73458");
  });
  it("--dest defaults to CN and --hq to the destination; HQ rule for a Chinese buyer in Malaysia", async () => {
    const mk = (...x: string[]) =>
      run(
        "classify",
        "--fp8-tflops",
        "1979",
        "--die-area",
        "814",
        "--datacenter",
        "--date",
        "2024-06-01",
        "--json",
        ...x,
      );
    expect(JSON.parse((await mk("--dest", "MY")).stdout).licenseRequired).toBe(false);
    const hq = JSON.parse((await mk("--dest", "my", "--hq", "CN")).stdout);
    expect(hq.licenseRequired).toBe(true);
    expect(hq.buyerHq).toBe("CN");
  });
});

describe("chokepoint classify bad input → exit 2 naming the field", () => {
  it.each([
    [["--tpp=-5"], /invalid --tpp: "-5"/],
    [["--fp8-tflops", "NaN"], /invalid --fp8-tflops: "NaN"/],
    [["--tpp", "3000", "--die-area", "0"], /invalid --die-area/],
    [["--tpp", "3000", "--dest", "XX"], /invalid --dest: "XX"/],
    [["--tpp", "3000", "--hq", "UK"], /invalid --hq: "UK".*GB/],
    [["--tpp", "3000", "--date", "2024-13-01"], /invalid --date/],
    [["--chip", "h100", "--tpp", "3"], /exactly one of/],
    [["--chip", "definitely-not-a-chip-xyz"], /unknown chip/],
  ])("%j", async (args, msg) => {
    const r = await run("classify", ...(args as string[]));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(msg);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
  it("--json errors are JSON with the field", async () => {
    const r = await run("classify", "--tpp=-1", "--json");
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error).toMatchObject({ code: "bad_input", field: "tpp" });
  });
});

describe("chokepoint classify --file", () => {
  const dir = mkdtempSync(join(tmpdir(), "chokepoint-classify-"));
  const csv = join(dir, "chips.csv");
  writeFileSync(
    csv,
    [
      "id,fp8_tflops,die_area_mm2,datacenter,memory_bw_gbps,io_bw_gbps,destination",
      "h20,296,814,true,4000,900,",
      "bad,abc,814,true,,,",
      "h100-my,1979,814,true,3350,900,MY",
      "neg,100,-5,true,,,",
    ].join("\n"),
  );
  it("reports bad rows by row number and still classifies the rest", async () => {
    const r = await run("classify", "--file", csv, "--date", "2024-06-01", "--format", "json");
    expect(r.code).toBe(2);
    const rows = JSON.parse(r.stdout);
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatchObject({
      row: 2,
      id: "h20",
      result: { classification: "not-3A090", licenseRequired: false },
    });
    expect(rows[1].error).toEqual({
      field: "fp8_tflops",
      message: 'row 3: invalid fp8_tflops: "abc" (must be a finite number)',
    });
    expect(rows[2].result).toMatchObject({
      destination: "MY",
      classification: "3A090.a",
      licenseRequired: false,
    });
    expect(rows[3].error.message).toBe("row 5: invalid die_area_mm2: -5 (must be > 0)");
  });
  it("--format csv", async () => {
    const r = await run("classify", "--file", csv, "--date", "2024-06-01", "--format", "csv");
    const lines = r.stdout.trim().split("\n");
    expect(lines[0]).toBe("row,id,classification,license_required,review_policy,exceptions,tpp,pd,error");
    expect(lines[1]).toMatch(/^2,h20,not-3A090,false,,,2368,2\.909/);
  });
  it("a JSON array works too", async () => {
    const f = join(dir, "chips.json");
    writeFileSync(f, JSON.stringify([{ id: "x", tpp: 4800, datacenter: true }]));
    const r = await run("classify", "--file", f, "--date", "2024-06-01", "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)[0].result.classification).toBe("3A090.a");
  });
});

describe("chokepoint rules", () => {
  it("max-tpp reproduces the H20 design point", async () => {
    const r = await run("rules", "max-tpp", "2023-10-17", "--die-area", "814", "--datacenter", "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ tpp: 2400, inclusive: false });
  });
  it("list, show and regions", async () => {
    expect((await run("rules", "list", "--date", "2025-06-01")).stdout).toContain("not-enforced");
    expect((await run("rules", "show", "2026-01-15")).stdout).toContain("91 FR 1684");
    const g = JSON.parse((await run("rules", "regions", "2023-10-17", "--json")).stdout);
    expect(g.regions.map((x: { classification: string }) => x.classification)).toEqual([
      "3A090.a",
      "3A090.b",
      "uncontrolled",
    ]);
  });
  it("unknown rule id and sub-command → exit 2", async () => {
    const r = await run("rules", "show", "1999-01-01");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown rule "1999-01-01"/);
    expect((await run("rules", "frobnicate")).code).toBe(2);
    expect((await run("rules", "max-tpp", "2023-10-17")).stderr).toMatch(/--die-area/);
  });
});

describe("over the catalogue", () => {
  it("classify --chip finds a chip by name and suggests close matches", async () => {
    const ok = await run("classify", "--chip", "H20", "--date", "2025-06-01", "--json");
    if (ok.code === 1) return; // catalogue not present in this checkout
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).licenseRequired).toBe(true);
    const typo = await run("classify", "--chip", "H2O0");
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/did you mean/);
  });
  it("chips --json and rules diff run", async () => {
    const c = await run("chips", "--json", "--date", "2024-06-01");
    if (c.code === 1) return;
    expect(JSON.parse(c.stdout).length).toBeGreaterThan(10);
    const d = await run("rules", "diff", "2022-10-07", "2023-10-17", "--json");
    expect(d.code).toBe(0);
    expect(JSON.parse(d.stdout).changed.some((x: { chipId: string }) => x.chipId.includes("a800"))).toBe(
      true,
    );
  });
});
