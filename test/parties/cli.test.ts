import { closeSync, mkdtempSync, openSync, writeFileSync, ftruncateSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { captureCli } from "../support/cli.js";

const dir = mkdtempSync(join(tmpdir(), "chokepoint-csl-"));
const db = join(dir, "store.db");
const env = { HOME: dir };
const run = (...argv: string[]) => captureCli(argv, { env, cwd: dir });

// A few rows in the published Consolidated Screening List layout (trade.gov consolidated.csv column names).
const CSL_HEADER =
  "_id,source,entity_number,type,programs,name,title,addresses,federal_register_notice,start_date,end_date,standard_order,license_requirement,license_policy,call_sign,vessel_type,gross_tonnage,gross_registered_tonnage,vessel_flag,vessel_owner,remarks,source_list_url,alt_names,citizenships,dates_of_birth,nationalities,places_of_birth,source_information_url,ids";
const row = (
  id: string,
  source: string,
  name: string,
  fr: string,
  start: string,
  req: string,
  pol: string,
  alt: string,
) =>
  `${id},"${source}",,Entity,,"${name}",,"Somewhere, CN","${fr}",${start},,,"${req}","${pol}",,,,,,,,https://example.gov/list,"${alt}",,,,,,`;

describe("chokepoint data import-csl and screen", () => {
  it("refuses a file with the wrong columns, naming them, and stores nothing", async () => {
    const f = join(dir, "wrong.csv");
    writeFileSync(f, "company,country\nAcme,CN\n");
    const r = await run("data", "import-csl", f, "--db", db);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/wrong\.csv line 1: missing column\(s\) name, source/);
    expect(r.stderr).toMatch(/nothing stored/);
  });
  it("refuses a 500 MB file before reading it", async () => {
    const f = join(dir, "huge.csv");
    const fd = openSync(f, "w");
    ftruncateSync(fd, 500 * 1024 * 1024); // sparse: no disk used
    closeSync(fd);
    const r = await run("data", "import-csl", f, "--db", db);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/huge\.csv is 500 MB \(at most 200 MB/);
  });
  it("a bad row (empty name) stops the import, naming its line; nothing half-imported", async () => {
    const f = join(dir, "badrow.csv");
    writeFileSync(
      f,
      [
        CSL_HEADER,
        row(
          "a1",
          "Entity List (EL) - Bureau of Industry and Security",
          "Qilin Quantum Devices Co., Ltd.",
          "90 FR 1234",
          "2025-02-01",
          "For all items subject to the EAR.",
          "Presumption of denial.",
          "",
        ),
        row("a2", "Specially Designated Nationals (SDN) - Treasury Department", "", "", "", "", "", ""),
      ].join("\n"),
    );
    const r = await run("data", "import-csl", f, "--db", db);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/badrow\.csv line 3: invalid name: empty; nothing stored/);
    const s = await run("screen", "Qilin Quantum Devices", "--db", db, "--json");
    expect(JSON.parse(s.stdout).results[0].hits).toEqual([]);
  });
  it("imports a good file as a version; screen and classify --buyer then check it and say so", async () => {
    const f = join(dir, "consolidated.csv");
    writeFileSync(
      f,
      [
        CSL_HEADER,
        row(
          "a1",
          "Entity List (EL) - Bureau of Industry and Security",
          "Qilin Quantum Devices Co., Ltd.",
          "90 FR 1234",
          "2025-02-01",
          "For all items subject to the EAR.",
          "Presumption of denial.",
          "Qilin QD; 麒麟量子器件有限公司",
        ),
        row(
          "a2",
          "Specially Designated Nationals (SDN) - Treasury Department",
          "Northwind Shipping LLC",
          "",
          "2024-01-01",
          "",
          "",
          "",
        ),
      ].join("\n"),
    );
    const r = await run("data", "import-csl", f, "--db", db, "--as-of", "2026-11-01", "--json");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({
      version: 1,
      existed: false,
      entries: 2,
      entityListEntries: 1,
      asOf: "2026-11-01",
    });
    // same content again: same version
    expect(
      JSON.parse((await run("data", "import-csl", f, "--db", db, "--as-of", "2026-11-01", "--json")).stdout),
    ).toMatchObject({ version: 1, existed: true });

    const s = await run("screen", "QILIN QUANTUM DEVICES CO LTD", "Northwind Shipping", "--db", db, "--json");
    const res = JSON.parse(s.stdout).results;
    expect(res[0].hits[0]).toMatchObject({
      name: "Qilin Quantum Devices Co., Ltd.",
      score: 1,
      citation: "90 FR 1234",
    });
    expect(res[1].hits[0].listTitle).toMatch(/other lists/);
    expect(res[0].checked.map((c: { asOf: string }) => c.asOf)).toContain("2026-11-01");

    // An Entity List entry from the CSL adds the licence requirement in classify; an SDN hit is reported only.
    const c = await run(
      "classify",
      "--tpp",
      "500",
      "--die-area",
      "600",
      "--datacenter",
      "--memory-bw",
      "300",
      "--io-bw",
      "64",
      "--date",
      "2025-06-01",
      "--dest",
      "CN",
      "--buyer",
      "Qilin Quantum Devices",
      "--db",
      db,
      "--json",
    );
    const cj = JSON.parse(c.stdout);
    expect(cj.classification).toBe("not-3A090");
    expect(cj.licenseRequired).toBe(true);
    expect(cj.reviewPolicy).toBe("presumption-of-denial");
  });
  it("screen refuses an empty or 10,000-character name with exit 2", async () => {
    const r = await run("screen", "x".repeat(10_000));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/invalid name: 10000 characters/);
    expect((await run("screen")).code).toBe(2);
  });
});

describe("chokepoint classify: the shipment flags", () => {
  it("a delivery inside the US is not an export, in words first", async () => {
    const r = await run(
      "classify",
      "--chip",
      "nvidia-h200-sxm",
      "--date",
      "2026-06-01",
      "--dest",
      "US",
      "--hq",
      "CN",
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Transaction +not an export \(delivered inside the United States\)/);
    expect(r.stdout).toMatch(/Licence required no/);
  });
  it("an HBM stack from the CLI: 3A090.c, with License Exception HBM only below 3.3 GB/s per mm²", async () => {
    const lo = await run(
      "classify",
      "--hbm-stack-bw",
      "320",
      "--hbm-stack-area",
      "100",
      "--date",
      "2025-06-01",
      "--json",
    );
    expect(JSON.parse(lo.stdout)).toMatchObject({ classification: "3A090.c", exceptions: ["HBM"] });
    const hi = await run(
      "classify",
      "--hbm-stack-bw",
      "340",
      "--hbm-stack-area",
      "100",
      "--date",
      "2025-06-01",
      "--json",
    );
    expect(JSON.parse(hi.stdout)).toMatchObject({ classification: "3A090.c", exceptions: [] });
    const half = await run("classify", "--hbm-stack-bw", "340");
    expect(half.code).toBe(2);
    expect(half.stderr).toMatch(/give both --hbm-stack-bw and --hbm-stack-area/);
  });
  it("a reexport keeps the presumption of denial the 2026 rule lifts for exports", async () => {
    const r = await run(
      "classify",
      "--chip",
      "nvidia-h200-sxm",
      "--date",
      "2026-02-01",
      "--ship-from",
      "SG",
      "--json",
    );
    expect(JSON.parse(r.stdout)).toMatchObject({
      reviewPolicy: "presumption-of-denial",
      transaction: { kind: "reexport" },
    });
  });
  it("batch files carry the shipment per row (buyer, ship_from, destination)", async () => {
    const f = join(dir, "rows.csv");
    writeFileSync(
      f,
      [
        "id,tpp,die_area_mm2,datacenter,memory_bw_gbps,io_bw_gbps,destination,ship_from,buyer",
        "plain,500,600,true,300,64,CN,US,",
        "listed,500,600,true,300,64,CN,US,Sophgo Technologies Ltd.",
        "russia,500,600,true,300,64,RU,SG,",
      ].join("\n"),
    );
    const r = await run("classify", "--file", f, "--date", "2025-06-01", "--db", db, "--format", "json");
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout);
    expect(rows.map((x: { result: { licenseRequired: boolean } }) => x.result.licenseRequired)).toEqual([
      false,
      true,
      true,
    ]);
    expect(rows[2].result.transaction.kind).toBe("reexport");
  });
  it("bad shipment flags name the flag", async () => {
    const a = await run("classify", "--chip", "nvidia-h20", "--ship-from", "ZZ");
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/invalid --ship-from: "ZZ"/);
    const b = await run("classify", "--chip", "nvidia-h20", "--kind", "smuggle");
    expect(b.stderr).toMatch(/invalid --kind: "smuggle"/);
    const c = await run("classify", "--chip", "nvidia-h20", "--dest", "UA", "--region", "kyiv");
    expect(c.code).toBe(2);
    expect(c.stderr).toMatch(/invalid region: "kyiv"/);
    const d = await run("classify", "--chip", "nvidia-h20", "--buyer", "y".repeat(10_000));
    expect(d.code).toBe(2);
    expect(d.stderr).toMatch(/invalid buyer: 10000 characters/);
  });
});
