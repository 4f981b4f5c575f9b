import { describe, expect, test } from "vitest";
import { findChip, loadChips, parseChipsCsv } from "../../src/data/chips.js";
import { DataFileError } from "../../src/data/table.js";
import { CHIP_COLUMNS, type Chip, PRECISIONS } from "../../src/engine/chips/types.js";

// ---- helpers: a small CSV built in the test ----------------------------------------------------------------

const header = CHIP_COLUMNS.join(",");
const good: Record<string, string> = {
  id: "test-chip",
  name: "Test Chip",
  vendor: "TestCo",
  type: "gpu",
  release_date: "2023-11-09",
  datacenter: "true",
  fp64_tflops: "",
  tf32_tflops: "74",
  fp16_tflops: "148",
  fp8_tflops: "296",
  int8_tops: "296",
  fp4_tflops: "",
  memory_gb: "96",
  memory_bw_gbps: "4000",
  io_bw_gbps: "900",
  die_area_mm2: "814",
  transistors_billion: "80",
  tdp_w: "400",
  hbm: "true",
  origin: "US",
  country: "US",
  notes: "a note, with a comma",
  sources: "Datasheet A | https://example.org/b",
  provenance: "primary; fp8_tflops=estimate",
};
const line = (over: Record<string, string> = {}) =>
  CHIP_COLUMNS.map((c) => {
    const v = over[c] ?? good[c]!;
    return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  }).join(",");
const csv = (...rows: string[]) => `${[header, ...rows].join("\n")}\n`;

function problemsOf(text: string): string[] {
  try {
    parseChipsCsv(text);
  } catch (e) {
    expect(e).toBeInstanceOf(DataFileError);
    return (e as DataFileError).problems;
  }
  throw new Error("expected parseChipsCsv to throw");
}

describe("parseChipsCsv", () => {
  test("maps a valid row to a Chip: numbers, nulls for empty cells, booleans, split sources", () => {
    const [chip] = parseChipsCsv(csv(line()));
    expect(chip).toEqual<Chip>({
      id: "test-chip",
      name: "Test Chip",
      vendor: "TestCo",
      type: "gpu",
      releaseDate: "2023-11-09",
      datacenter: true,
      fp64Tflops: null,
      tf32Tflops: 74,
      fp16Tflops: 148,
      fp8Tflops: 296,
      int8Tops: 296,
      fp4Tflops: null,
      memoryGB: 96,
      memoryBandwidthGBps: 4000,
      ioBandwidthGBps: 900,
      dieAreaMm2: 814,
      transistorsBillion: 80,
      tdpW: 400,
      hbm: true,
      origin: "US",
      country: "US",
      notes: "a note, with a comma",
      sources: ["Datasheet A", "https://example.org/b"],
      provenance: { grade: "primary", fields: { fp8_tflops: "estimate" } },
    });
  });

  test("provenance: a grade is required; exceptions name a column and a known grade", () => {
    expect(problemsOf(csv(line({ provenance: "" })))).toEqual([
      "data/chips.csv row 2 (id test-chip), field provenance: is required but empty",
    ]);
    expect(problemsOf(csv(line({ provenance: "official" })))).toEqual([
      'data/chips.csv row 2 (id test-chip), field provenance: "official" is not a grade (must be primary, dataset, secondary, estimate, roadmap, unverified)',
    ]);
    expect(problemsOf(csv(line({ provenance: "dataset; fp9_tflops=roadmap" })))).toEqual([
      'data/chips.csv row 2 (id test-chip), field provenance: "fp9_tflops" is not a column of this file',
    ]);
    expect(problemsOf(csv(line({ provenance: "dataset; fp8_tflops=guess" })))).toEqual([
      'data/chips.csv row 2 (id test-chip), field provenance: "guess" (for fp8_tflops) is not a grade (must be primary, dataset, secondary, estimate, roadmap, unverified)',
    ]);
  });

  test("empty datacenter/hbm/country/date become null, not false or empty string", () => {
    const [chip] = parseChipsCsv(csv(line({ datacenter: "", hbm: "", country: "", release_date: "" })));
    expect(chip!.datacenter).toBeNull();
    expect(chip!.hbm).toBeNull();
    expect(chip!.country).toBeNull();
    expect(chip!.releaseDate).toBeNull();
  });

  test("a non-number names file, row (line in the file), id and field", () => {
    // header is line 1, so the second data row is line 3
    const p = problemsOf(csv(line(), line({ id: "nvidia-h20", fp8_tflops: "abc" })));
    expect(p).toEqual(['data/chips.csv row 3 (id nvidia-h20), field fp8_tflops: "abc" is not a number']);
  });

  test("negative numbers, bad booleans, impossible dates and bad enums are each reported", () => {
    const p = problemsOf(
      csv(
        line({ id: "a", die_area_mm2: "-3" }),
        line({ id: "b", datacenter: "yes" }),
        line({ id: "c", release_date: "2023-02-30" }),
        line({ id: "d", type: "tpu" }),
        line({ id: "e", origin: "china" }),
        line({ id: "f", country: "usa" }),
        line({ id: "g", memory_bw_gbps: "1e999" }),
      ),
    );
    expect(p).toEqual([
      "data/chips.csv row 2 (id a), field die_area_mm2: -3 is negative (must be ≥ 0)",
      'data/chips.csv row 3 (id b), field datacenter: "yes" is not a boolean (use true, false or leave empty)',
      'data/chips.csv row 4 (id c), field release_date: "2023-02-30" is not a valid date (YYYY-MM-DD)',
      'data/chips.csv row 5 (id d), field type: "tpu" is not one of gpu, asic, fpga, other',
      'data/chips.csv row 6 (id e), field origin: "china" is not one of US, foreign',
      'data/chips.csv row 7 (id f), field country: "usa" is not an ISO 3166 alpha-2 code (e.g. US, CN)',
      'data/chips.csv row 8 (id g), field memory_bw_gbps: "1e999" is not a finite number',
    ]);
  });

  test("required fields: empty id, name, vendor and sources are errors", () => {
    const p = problemsOf(csv(line({ id: "", name: " ", vendor: "", sources: "" })));
    expect(p).toEqual([
      "data/chips.csv row 2, field id: is required but empty",
      "data/chips.csv row 2, field name: is required but empty",
      "data/chips.csv row 2, field vendor: is required but empty",
      "data/chips.csv row 2, field sources: is required but empty (name at least one source)",
    ]);
  });

  test("an empty entry between source separators is an error", () => {
    const p = problemsOf(csv(line({ sources: "A |  | B" })));
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(/^data\/chips\.csv row 2 \(id test-chip\), field sources: .*empty entry/);
  });

  test("ids must be kebab-case and unique; a duplicate names the first row", () => {
    const p = problemsOf(csv(line({ id: "x-1" }), line({ id: "Bad_Id" }), line({ id: "x-1" })));
    expect(p).toEqual([
      'data/chips.csv row 3 (id Bad_Id), field id: "Bad_Id" is not kebab-case (a-z, 0-9, single hyphens)',
    ]);
    // after fixing the bad id, the duplicate surfaces
    const p2 = problemsOf(csv(line({ id: "x-1" }), line({ id: "y-2" }), line({ id: "x-1" })));
    expect(p2).toEqual(["data/chips.csv row 4 (id x-1), field id: duplicate of row 2"]);
  });

  test("header: missing and unknown columns are named", () => {
    const bad = `${header.replace(",tdp_w", "").replace("notes", "note")}\n`;
    const p = problemsOf(bad);
    expect(p).toEqual([
      "data/chips.csv header: missing column(s) tdp_w, notes",
      "data/chips.csv header: unknown column(s) note",
    ]);
  });

  test("a row with the wrong number of fields is reported with its line, and the file name", () => {
    const p = problemsOf(csv(line(), "a,b,c"));
    expect(p).toEqual([`data/chips.csv line 3: expected ${CHIP_COLUMNS.length} fields, found 3`]);
  });

  test("the thrown message lists every problem in one error", () => {
    expect(() =>
      parseChipsCsv(csv(line({ id: "a", tdp_w: "x" }), line({ id: "b", hbm: "1" })), "my.csv"),
    ).toThrow(
      /my\.csv: 2 problems\n {2}my\.csv row 2 \(id a\), field tdp_w: "x" is not a number\n {2}my\.csv row 3 \(id b\), field hbm: "1"/,
    );
  });
});

// ---- the real catalogue ----------------------------------------------------------------------------------

const chips = loadChips();
const byId = new Map(chips.map((c) => [c.id, c]));
const get = (id: string): Chip => {
  const c = byId.get(id);
  if (!c) throw new Error(`catalogue lacks ${id}`);
  return c;
};
/** TPP as the EAR defines it: max over precisions of dense TOPS × bit length. */
const tpp = (c: Chip) => Math.max(...PRECISIONS.map((p) => ((c[p.field] as number | null) ?? 0) * p.bits));

describe("data/chips.csv", () => {
  test("loads, has at least 40 rows, unique ids, and every row names a source", () => {
    expect(chips.length).toBeGreaterThanOrEqual(40);
    expect(new Set(chips.map((c) => c.id)).size).toBe(chips.length);
    for (const c of chips) expect(c.sources.length, c.id).toBeGreaterThan(0);
  });

  test("holds every chip of the research notes' table", () => {
    for (const id of [
      "nvidia-a100-sxm4-80gb",
      "nvidia-a800-sxm4-80gb",
      "nvidia-h100-sxm",
      "nvidia-h100-pcie",
      "nvidia-h800-sxm",
      "nvidia-h20",
      "nvidia-h200-sxm",
      "nvidia-l20",
      "nvidia-l2",
      "nvidia-l40s",
      "nvidia-rtx-4090",
      "nvidia-rtx-4090d",
      "nvidia-b200",
      "amd-mi300x",
      "huawei-ascend-910b",
      "huawei-ascend-910c",
    ])
      get(id);
  });

  test("origin and country agree: US-designed rows are US, foreign rows are not", () => {
    for (const c of chips) {
      if (c.origin === "US") expect(c.country, c.id).toBe("US");
      else expect(c.country, c.id).not.toBe("US");
    }
    expect(chips.filter((c) => c.country === "CN").length).toBeGreaterThanOrEqual(20);
  });

  test("no sparse FP8 paired with dense FP16: fp8 stays near 2× fp16 at most (a sparse figure would be ~4×)", () => {
    // 2.05 allows datasheet rounding: the L40S sheet gives FP16 362.05 and FP8 733 (ratio 2.025).
    // Known exception: Trainium3's MXFP8 units run 3.75× its BF16 rate (AWS Neuron docs: 2,517 vs 671, dense).
    const exceptions = new Set(["aws-trainium3"]);
    for (const c of chips)
      if (c.fp8Tflops !== null && c.fp16Tflops !== null && !exceptions.has(c.id))
        expect(c.fp8Tflops, c.id).toBeLessThanOrEqual(2.05 * c.fp16Tflops);
  });

  test("H100 SXM: FP8 1,979 dense (datasheet 3,958 with sparsity ÷ 2), die 814 mm², NVLink 900 GB/s", () => {
    const c = get("nvidia-h100-sxm");
    expect(c.fp8Tflops).toBe(1979);
    expect(c.dieAreaMm2).toBe(814);
    expect(c.ioBandwidthGBps).toBe(900);
    expect(tpp(c)).toBe(15832); // 1979 × 8
  });

  test("H20: FP8 296, FP16 148, HBM3 4,000 GB/s, NVLink 900 → TPP 2,368 just under 2,400; PD 2368/814 ≈ 2.91", () => {
    const c = get("nvidia-h20");
    expect(c.fp8Tflops).toBe(296);
    expect(c.fp16Tflops).toBe(148);
    expect(c.memoryBandwidthGBps).toBe(4000);
    expect(c.ioBandwidthGBps).toBe(900);
    expect(c.memoryGB).toBe(96);
    expect(tpp(c)).toBe(2368);
    expect(tpp(c) / c.dieAreaMm2!).toBeCloseTo(2.909, 3);
  });

  test("A100: FP16 312, INT8 624, die 826 → TPP 4,992 (624 × 8), NVLink 600 GB/s", () => {
    const c = get("nvidia-a100-sxm4-80gb");
    expect(c.fp16Tflops).toBe(312);
    expect(c.int8Tops).toBe(624);
    expect(c.dieAreaMm2).toBe(826);
    expect(c.ioBandwidthGBps).toBe(600);
    expect(tpp(c)).toBe(4992);
  });

  test("A800 and H800: full compute but NVLink 400 GB/s, below the 2022 600 GB/s test", () => {
    expect(get("nvidia-a800-sxm4-80gb").ioBandwidthGBps).toBe(400);
    expect(tpp(get("nvidia-a800-sxm4-80gb"))).toBe(4992);
    expect(get("nvidia-h800-sxm").ioBandwidthGBps).toBe(400);
    expect(tpp(get("nvidia-h800-sxm"))).toBe(15832);
  });

  test("L40S: FP8 733 dense (datasheet 1,466 with sparsity) → TPP 5,864", () => {
    const c = get("nvidia-l40s");
    expect(c.fp8Tflops).toBe(733);
    expect(tpp(c)).toBe(5864);
    expect(c.datacenter).toBe(true);
  });

  test("L20: 239 FP8 on AD102 (608.5 mm²) → 239 × 8 = 1,912, PD 1912/608.5 ≈ 3.142 (under 3.2)", () => {
    const c = get("nvidia-l20");
    expect(c.fp8Tflops! * 8).toBe(1912);
    expect((c.fp8Tflops! * 8) / c.dieAreaMm2!).toBeCloseTo(3.1422, 4);
    // TF32 is listed as 59.8 (rounded): 59.8 × 32 = 1,913.6 edges past FP8 in a max over precisions; still < 2400
    expect(tpp(c)).toBeCloseTo(1913.6, 6);
  });

  test("RTX 4090 and 4090 D are gaming cards; 660.6 × 8 = 5,284.8 ≥ 4800, while the 4090 D stays under 4800", () => {
    const a = get("nvidia-rtx-4090");
    const d = get("nvidia-rtx-4090d");
    expect(a.datacenter).toBe(false);
    expect(d.datacenter).toBe(false);
    expect(a.fp8Tflops! * 8).toBeCloseTo(5284.8, 6);
    // 114 SMs × 2,048 FP8 ops/clock × 2.52 GHz = 588.35 TFLOPS → × 8 = 4,706.8; FP16 294.17 × 16 = 4,706.7
    expect(d.fp8Tflops).toBeCloseTo((114 * 2048 * 2.52e9) / 1e12, 2);
    expect(tpp(d)).toBeGreaterThan(4700);
    expect(tpp(d)).toBeLessThan(4800);
  });

  test("H200: FP8 1,979, 4,800 GB/s → TPP 15,832 < 21,000 and DRAM < 6,500 (2026 case-by-case band)", () => {
    const c = get("nvidia-h200-sxm");
    expect(tpp(c)).toBe(15832);
    expect(c.memoryBandwidthGBps).toBe(4800);
  });

  test("MI300X: FP8 2,614.9 dense → TPP 20,919.2 (just under 21,000); B200: 4,500 FP8 → 36,000", () => {
    expect(tpp(get("amd-mi300x"))).toBeCloseTo(20919.2, 6);
    expect(tpp(get("nvidia-b200"))).toBe(36000);
  });

  test("Ascend 910B is foreign (CN), HBM, die 665.61 mm²", () => {
    const c = get("huawei-ascend-910b");
    expect(c.origin).toBe("foreign");
    expect(c.country).toBe("CN");
    expect(c.hbm).toBe(true);
    expect(c.dieAreaMm2).toBe(665.61);
  });

  test("Epoch-derived rows name their Epoch row", () => {
    expect(get("google-tpu-v5p").sources).toContain("Epoch AI ML hardware: Google TPU v5p");
  });
});

describe("findChip", () => {
  test("by id, and by name ignoring case", () => {
    expect(findChip(chips, "nvidia-h20")).toEqual({ chip: get("nvidia-h20") });
    expect(findChip(chips, "geforce rtx 4090 d")).toEqual({ chip: get("nvidia-rtx-4090d") });
  });

  test("loose forms: without vendor, spaces or punctuation", () => {
    expect(findChip(chips, "H20")).toEqual({ chip: get("nvidia-h20") });
    expect(findChip(chips, "NVIDIA H20")).toEqual({ chip: get("nvidia-h20") });
    expect(findChip(chips, "ascend 910b")).toEqual({ chip: get("huawei-ascend-910b") });
  });

  test("an ambiguous family name returns its variants as suggestions", () => {
    const r = findChip(chips, "H100");
    expect("suggestions" in r).toBe(true);
    if ("suggestions" in r)
      expect(r.suggestions).toEqual(
        expect.arrayContaining(["nvidia-h100-sxm", "nvidia-h100-pcie", "nvidia-h100-nvl"]),
      );
  });

  test("a typo gets close matches by edit distance; nonsense gets none", () => {
    const r = findChip(chips, "nvidia-h2o");
    expect(r).toHaveProperty("suggestions");
    if ("suggestions" in r) expect(r.suggestions[0]).toBe("nvidia-h20");
    expect(findChip(chips, "qqqqqqqqqqqqqqqq")).toEqual({ suggestions: [] });
  });

  test("works on a hand-made catalogue too (no dependence on the real file)", () => {
    const mini = parseChipsCsv(csv(line({ id: "acme-x1", name: "X1" }), line({ id: "acme-x2", name: "X2" })));
    expect(findChip(mini, "x1")).toEqual({ chip: mini[0] });
    const r = findChip(mini, "x3");
    expect(r).toEqual({ suggestions: ["acme-x1", "acme-x2"] });
  });
});
