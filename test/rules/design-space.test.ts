import { describe, expect, it } from "vitest";
import { diff, maxUncontrolledTpp, regions } from "../../src/engine/rules/design-space.js";
import { evaluate } from "../../src/engine/rules/evaluate.js";
import { bestLegalChip, legalChipSchedule } from "../../src/engine/rules/legal.js";
import { findRule } from "../../src/engine/rules/ruleset.js";
import { byTpp, ruleset, spec } from "./helpers.js";

const r2022 = findRule(ruleset, "2022-10-07")!;
const r2023 = findRule(ruleset, "2023-10-17")!;

describe("maxUncontrolledTpp", () => {
  it("814 mm² datacenter under the 2023 rule tops out just under 2,400 (.b.1) — the H20 design point", () => {
    const m = maxUncontrolledTpp(r2023, { dieArea: 814, datacenter: true });
    // min(4800, max(1600, 3.2 × 814 = 2604.8), max(2400, 1.6 × 814 = 1302.4)) = 2400
    expect(m).toEqual({ tpp: 2400, inclusive: false, binding: expect.stringContaining("3A090.b.1") });
    expect(2368).toBeLessThan(m.tpp); // H20: 296 FP8 TFLOPS × 8
  });
  it("a small die is bound by PD: 300 mm² → 3.2 × 300 = 960 < 1600, so 1600 (.b.2)", () => {
    const m = maxUncontrolledTpp(r2023, { dieArea: 300, datacenter: true });
    expect(m.tpp).toBe(1600);
    expect(m.binding).toContain("3A090.b.2");
  });
  it("a 609 mm² die (L20) → max(1600, 3.2 × 609 = 1948.8) = 1948.8", () => {
    expect(maxUncontrolledTpp(r2023, { dieArea: 609, datacenter: true }).tpp).toBeCloseTo(1948.8, 9);
  });
  it("non-datacenter parts are bound by Note 2 at 4800", () => {
    expect(maxUncontrolledTpp(r2023, { dieArea: 609, datacenter: false })).toMatchObject({
      tpp: 4800,
      inclusive: false,
    });
  });
  it("the 2022 rule: 4800 unless the I/O is under 600 GB/s", () => {
    expect(maxUncontrolledTpp(r2022, { dieArea: 814, datacenter: true }).tpp).toBe(4800);
    expect(maxUncontrolledTpp(r2022, { dieArea: 814, datacenter: true, ioBandwidthGBps: 400 }).tpp).toBe(
      Infinity,
    );
  });
});

describe("regions", () => {
  it("every cell's class agrees with evaluate() at its centre", () => {
    const rs = regions(r2023, { datacenter: true, tppMax: 8000, pdMax: 12 });
    expect(rs.map((r) => r.classification)).toEqual(["3A090.a", "3A090.b", "uncontrolled"]);
    for (const r of rs)
      for (const poly of r.polygons) {
        expect(poly[0]).toEqual(poly[poly.length - 1]);
        const xs = poly.map((p) => p[0]);
        const ys = poly.map((p) => p[1]);
        const t = (Math.min(...xs) + Math.max(...xs)) / 2;
        const pd = (Math.min(...ys) + Math.max(...ys)) / 2;
        const c = evaluate(
          byTpp(t, t / pd),
          { date: "2024-06-01", destination: "CN" },
          ruleset,
        ).classification;
        expect(c === "not-3A090" ? "uncontrolled" : c).toBe(r.classification);
      }
  });
  it("non-datacenter: everything below TPP 4800 is uncontrolled", () => {
    const rs = regions(r2023, { datacenter: false });
    const b = rs.find((r) => r.classification === "3A090.b")!;
    expect(b.polygons).toEqual([]);
  });
});

describe("diff and the best legal chip", () => {
  const A800 = spec({
    id: "a800",
    name: "A800",
    fp16Tflops: 312,
    dieAreaMm2: 826,
    ioBandwidthGBps: 400,
    releaseDate: "2022-11-01",
  });
  const H20 = spec({
    id: "h20",
    name: "H20",
    fp8Tflops: 296,
    dieAreaMm2: 814,
    ioBandwidthGBps: 900,
    memoryBandwidthGBps: 4000,
    releaseDate: "2024-01-01",
  });
  const L20 = spec({
    id: "l20",
    name: "L20",
    fp8Tflops: 239,
    dieAreaMm2: 609,
    ioBandwidthGBps: 64,
    memoryBandwidthGBps: 864,
    releaseDate: "2023-11-16",
  });
  const H100 = spec({
    id: "h100",
    name: "H100",
    fp8Tflops: 1979,
    dieAreaMm2: 814,
    ioBandwidthGBps: 900,
    memoryBandwidthGBps: 3350,
    releaseDate: "2022-09-01",
  });
  const ascend = spec({
    id: "ascend",
    name: "Ascend 910B",
    origin: "foreign",
    fp16Tflops: 320,
    dieAreaMm2: 665.6,
    releaseDate: "2023-01-01",
  });
  const catalogue = [A800, H20, L20, H100, ascend];

  it("2022 → 2023 catches the A800 (and the foreign Ascend), not the H20 or L20", () => {
    for (const mode of ["regime", "alone"] as const) {
      const rows = diff(r2022, r2023, catalogue, ruleset, { destination: "CN" }, mode);
      expect(rows.map((r) => r.chipId).sort()).toEqual(["a800", "ascend"]);
      expect(rows.find((r) => r.chipId === "a800")!.after).toEqual({
        classification: "3A090.a",
        licenseRequired: true,
        reviewPolicy: "presumption-of-denial",
      });
    }
  });
  it("2025-04 → 2026-01 as regimes: the review policy opens for H20 and H100, not for the unchanged L20", () => {
    const rows = diff(
      findRule(ruleset, "2025-04-bandwidth")!,
      findRule(ruleset, "2026-01-15")!,
      catalogue,
      ruleset,
      {
        destination: "CN",
      },
    );
    const byId = Object.fromEntries(rows.map((r) => [r.chipId, r]));
    expect(byId.h20!.before.reviewPolicy).toBeNull(); // the is-informed letters published no policy
    expect(byId.h20!.after.reviewPolicy).toBe("case-by-case");
    expect(byId.h100!.before.reviewPolicy).toBe("presumption-of-denial");
    expect(byId.h100!.after.reviewPolicy).toBe("case-by-case");
    expect(byId.l20).toBeUndefined();
  });
  it("best legal chip for a Chinese buyer moves A800 → none → L20 → H20 → L20", () => {
    const at = (date: string) => bestLegalChip(catalogue, ruleset, { date })?.chipId ?? null;
    expect(at("2023-06-01")).toBe("a800"); // H100 is licensed; the Ascend is not a US import
    expect(at("2023-11-17")).toBe("l20");
    expect(at("2024-06-01")).toBe("h20");
    expect(at("2025-06-01")).toBe("l20"); // bandwidth trigger catches the H20
    expect(bestLegalChip(catalogue, ruleset, { date: "2025-06-01", allowLicensed: ["h20"] })).toMatchObject({
      chipId: "h20",
      licensed: true,
      h100e: 2368 / 15832,
    });
  });
  it("legalChipSchedule gives one row per quarter", () => {
    const s = legalChipSchedule(catalogue, ruleset, ["2022Q3", "2023Q2", "2024Q2"]);
    expect(s).toEqual([
      { quarter: "2022Q3", chipId: "h100", h100e: 1 }, // before the first rule nothing needed a licence
      { quarter: "2023Q2", chipId: "a800", h100e: (312 * 16) / 15832 },
      { quarter: "2024Q2", chipId: "h20", h100e: 2368 / 15832 },
    ]);
  });
});
