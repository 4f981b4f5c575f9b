// Issue 13, item 4: a misspelled, unknown or missing column in a batch file (CSV header or JSON keys) is exit 2
// naming the column and the nearest known name, and no row is classified. H100 SXM: 1,979 dense FP8 TFLOPS
// (NVIDIA datasheet) → TPP 1,979 × 8 = 15,832 ≥ 4,800 → 3A090.a, licence required for China on 2024-06-01.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkBatchNames, nearestName } from "../../src/engine/chips/spec.js";
import { captureCli } from "../support/cli.js";

const dir = mkdtempSync(join(tmpdir(), "chokepoint-batchcols-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const put = (name: string, text: string) => {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
};
const classify = (f: string) => captureCli(["classify", "--file", f, "--date", "2024-06-01", "--json"]);

describe("batch columns", () => {
  it("spelled right, the H100 row is 3A090.a with a licence required", async () => {
    const r = await classify(put("ok.csv", "id,fp8_tflops,datacenter\nh100,1979,true\n"));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)[0].result).toMatchObject({
      classification: "3A090.a",
      licenseRequired: true,
    });
  });
  it("fp8_tflop (typo) is exit 2 naming it and fp8_tflops; nothing classified", async () => {
    const r = await classify(put("typo.csv", "id,fp8_tflop,datacenter\nh100,1979,true\n"));
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout);
    expect(out.error.message).toContain('unknown column "fp8_tflop" (did you mean fp8_tflops?)');
    expect(out.error.field).toBe("fp8_tflop");
    expect(out).not.toHaveProperty("0");
  });
  it("JSON: an unknown key, an array row and a null row are each exit 2 naming the row", async () => {
    const a = await classify(put("k.json", JSON.stringify([{ id: "x", fp8Tflop: 1979, datacenter: true }])));
    expect(a.code).toBe(2);
    expect(JSON.parse(a.stdout).error.message).toContain(
      'row 1: unknown key "fp8Tflop" (did you mean fp8Tflops?)',
    );
    const b = await classify(put("a.json", JSON.stringify([{ tpp: 4800 }, [1979, true]])));
    expect(b.code).toBe(2);
    expect(JSON.parse(b.stdout).error.message).toContain("row 2 is an array");
    const c = await classify(put("n.json", JSON.stringify([null])));
    expect(c.code).toBe(2);
    expect(JSON.parse(c.stdout).error.message).toContain("row 1 is null");
  });
  it("a file with no figure column at all is exit 2 listing the figure columns", async () => {
    const r = await classify(put("none.csv", "id,name\nx,H100\n"));
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error.message).toMatch(/no chip figure column \(missing one of .*fp8_tflops/);
  });
  it("catalogue and context columns are known; nearest ignores case and separators", () => {
    expect(
      checkBatchNames(["id", "notes", "sources", "date", "destination", "buyer_hq", "tpp"], "column"),
    ).toBe(null);
    expect(nearestName("FP8-TFLOPS", ["fp16_tflops", "fp8_tflops"])).toBe("fp8_tflops");
    expect(nearestName("die_area", ["tdp_w", "die_area_mm2", "memory_gb"])).toBe("die_area_mm2");
  });
});
