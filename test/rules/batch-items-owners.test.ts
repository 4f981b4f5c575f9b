import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseOwnedByCell } from "../../src/cli/commands/classify.js";
import { captureCli } from "../support/cli.js";

// `classify --file` rows carry software_tech, also_eccn and owned_by like the API's batch rows (softwareTech,
// alsoEccn, ownedBy). Expected answers, from the rules as data/ records them:
// - 3E001 technology for an H100 (3A090.a) takes the chip's licence answer: China on 2025-02-01 → licence
//   (§742.6(a)(6)(iii)), listed as 3E001;
// - a Malaysian buyer owned 60 % by Huawei (Entity List, 84 FR 22961) on 2025-10-15, while the Affiliates rule
//   (90 FR 47201, §744.11(a)(1)) was in force, is restricted as Huawei is: licence, presumption of denial, although
//   Malaysia is outside the 3A090 scope; the same row with 40 % is not reached and needs no licence.
const H100 = "1979,814,true,3350,900";

describe("classify --file: software_tech, also_eccn and owned_by columns", () => {
  const dir = mkdtempSync(join(tmpdir(), "chokepoint-batch-items-"));
  const csv = join(dir, "rows.csv");
  writeFileSync(
    csv,
    [
      "id,fp8_tflops,die_area_mm2,datacenter,memory_bw_gbps,io_bw_gbps,destination,buyer,software_tech,also_eccn,owned_by",
      `tech-cn,${H100},CN,,3e001,,`,
      `owned-60,${H100},MY,Acme Compute Sdn Bhd,,,"Huawei Technologies Co., Ltd.:60; Jane Doe Holdings:40"`,
      `owned-40,${H100},MY,Acme Compute Sdn Bhd,,,"Huawei Technologies Co., Ltd.:40; Jane Doe Holdings:60"`,
      `bad-owner,${H100},MY,Acme Compute Sdn Bhd,,,Huawei Technologies 60`,
      `bad-share,${H100},MY,Acme Compute Sdn Bhd,,,"Huawei Technologies Co., Ltd.:160"`,
      `bad-tech,${H100},CN,,3A090,,`,
      `z-tech,${H100},CN,,5E992,5A992,`,
    ].join("\n"),
  );

  it("classifies each row with its own item and owners; bad cells name the line and the column", async () => {
    const r = await captureCli(["classify", "--file", csv, "--date", "2025-10-15", "--format", "json"]);
    expect(r.code).toBe(2);
    const rows = JSON.parse(r.stdout) as {
      row: number;
      id: string;
      result?: Record<string, never> & {
        item: { kind: string; eccn: string };
        licenseRequired: boolean;
        reviewPolicy: string | null;
        requirements: { kind: string }[];
        ownership?: { listedPercent: number; applied: boolean };
      };
      error?: { field: string; message: string };
    }[];
    const by = new Map(rows.map((x) => [x.id, x]));
    const tech = by.get("tech-cn")!.result!;
    expect(tech.item).toMatchObject({ kind: "technology", eccn: "3E001" });
    expect(tech.licenseRequired).toBe(true);
    const on = by.get("owned-60")!.result!;
    expect(on.ownership).toMatchObject({ listedPercent: 60, applied: true });
    expect(on.licenseRequired).toBe(true);
    expect(on.reviewPolicy).toBe("presumption-of-denial");
    expect(on.requirements.map((x) => x.kind)).toEqual(["affiliates-rule"]);
    const below = by.get("owned-40")!.result!;
    expect(below.ownership).toMatchObject({ listedPercent: 40, applied: false });
    expect(below.licenseRequired).toBe(false);
    const z = by.get("z-tech")!.result!;
    expect(z.item).toMatchObject({ kind: "technology", eccn: "5E992" });
    // Errors: CSV line numbers (the header is line 1) and the column as the file spells it.
    expect(by.get("bad-owner")!.error).toEqual({
      field: "owned_by",
      message:
        'row 5: invalid owned_by entry 1: "Huawei Technologies 60" (must be NAME:PERCENT, entries separated by ";", e.g. "Huawei Technologies Co., Ltd.:60; Jane Doe Holdings:40")',
    });
    expect(by.get("bad-share")!.error!.field).toBe("owned_by entry 1 percent");
    expect(by.get("bad-share")!.error!.message).toMatch(/^row 6: invalid owned_by entry 1 percent: 160/);
    expect(by.get("bad-tech")!.error!.field).toBe("software_tech");
    expect(by.get("bad-tech")!.error!.message).toMatch(/^row 7: invalid software_tech: "3A090"/);
  });

  it("JSON rows: ownedBy as an array of { name, percent } or as the string form; errors in the keys' spelling", async () => {
    const f = join(dir, "rows.json");
    const chip = {
      fp8Tflops: 1979,
      dieAreaMm2: 814,
      datacenter: true,
      memoryBandwidthGBps: 3350,
      ioBandwidthGBps: 900,
    };
    writeFileSync(
      f,
      JSON.stringify([
        {
          id: "a",
          ...chip,
          destination: "MY",
          buyer: "Acme",
          ownedBy: [{ name: "Huawei Technologies", percent: 55 }],
        },
        { id: "b", ...chip, destination: "MY", buyer: "Acme", ownedBy: "Huawei Technologies:55" },
        {
          id: "c",
          ...chip,
          destination: "MY",
          buyer: "Acme",
          ownedBy: [{ name: "Huawei Technologies", percent: -1 }],
        },
      ]),
    );
    const r = await captureCli(["classify", "--file", f, "--date", "2025-10-15", "--json"]);
    expect(r.code).toBe(2);
    const rows = JSON.parse(r.stdout);
    expect(rows[0].result.ownership).toMatchObject({ listedPercent: 55, applied: true });
    expect(rows[1].result.ownership).toMatchObject({ listedPercent: 55, applied: true });
    expect(rows[2].error.field).toBe("ownedBy entry 1 percent");
    expect(rows[2].error.message).toMatch(/^row 3: invalid ownedBy entry 1 percent: -1/);
  });

  it("the table and CSV formats read the columns too (summary detail)", async () => {
    const r = await captureCli(["classify", "--file", csv, "--date", "2025-10-15", "--format", "csv"]);
    const lines = r.stdout.trim().split("\n");
    const owned = lines.find((l) => l.startsWith("3,owned-60,"))!;
    expect(owned).toMatch(/^3,owned-60,3A090\.a,true,presumption-of-denial,/);
    const below = lines.find((l) => l.startsWith("4,owned-40,"))!;
    expect(below).toMatch(/^4,owned-40,3A090\.a,false,,/);
  });

  it("--owned-by with --file points to the column", async () => {
    const r = await captureCli(["classify", "--file", csv, "--owned-by", "Huawei Technologies:60"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "--owned-by applies to one item, not to a --file batch (give a owned_by column per row instead)",
    );
  });

  it("parseOwnedByCell splits entries at ';' and takes the share after each entry's last colon", () => {
    expect(parseOwnedByCell("A: B Ltd.:30; C:20", "owned_by")).toEqual({
      ok: true,
      owners: [
        { name: "A: B Ltd.", percent: 30 },
        { name: "C", percent: 20 },
      ],
    });
    expect(parseOwnedByCell("C:x", "owned_by")).toMatchObject({ ok: false });
  });
});
