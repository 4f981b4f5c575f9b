// data v2 corrections, new chips and provenance on the real catalogue. Expected values come from the sources cited
// in each row (hand-checked), and TPPs are worked by hand: dense TOPS × bit length.
import { describe, expect, test } from "vitest";
import { loadChips } from "../../src/data/chips.js";
import { tpp, tppIsLowerBound } from "../../src/engine/chips/metrics.js";
import { GRADES, gradeOf } from "../../src/engine/provenance.js";
import { captureCli } from "../support/cli.js";

const chips = loadChips();
const get = (id: string) => {
  const c = chips.find((x) => x.id === id);
  if (!c) throw new Error(`no chip ${id}`);
  return c;
};

describe("every row says how far to trust it", () => {
  test("each row has a provenance with a known grade; Epoch rows start from dataset", () => {
    for (const c of chips) {
      expect(GRADES).toContain(c.provenance!.grade);
      if (c.sources.some((s) => s.startsWith("Epoch AI ML hardware")) && c.provenance!.grade !== "roadmap")
        expect(c.provenance!.grade).toBe("dataset");
    }
  });
});

describe("audit corrections", () => {
  test("H800: FP64 1 TFLOPS (not Epoch's 29.65), TF32 494.7 as H100 — graded secondary and estimate", () => {
    const h = get("nvidia-h800-sxm");
    expect([h.fp64Tflops, h.tf32Tflops]).toEqual([1, 494.7]);
    expect(gradeOf(h.provenance!, "fp64_tflops")).toBe("secondary");
    expect(gradeOf(h.provenance!, "tf32_tflops")).toBe("estimate");
    expect(tpp(h).tpp).toBe(15832); // unchanged: FP8 1,979 × 8
  });
  test("A800 SXM released 2022-11-08, the date of the China launch report", () => {
    expect(get("nvidia-a800-sxm4-80gb").releaseDate).toBe("2022-11-08");
  });
  test("filled blanks: RTX Pro 6000D die 750, MLU290-M5 I/O 600, BI-V100 1,200 GB/s, 910B1/B2 die 665.61", () => {
    expect(get("nvidia-rtx-pro-6000d").dieAreaMm2).toBe(750);
    expect(get("cambricon-mlu290-m5").ioBandwidthGBps).toBe(600);
    expect(get("iluvatar-bi-v100").memoryBandwidthGBps).toBe(1200);
    expect(get("huawei-ascend-910b1").dieAreaMm2).toBe(665.61);
    expect(get("huawei-ascend-910b2").dieAreaMm2).toBe(665.61);
  });
  test("Ascend 950DT is a roadmap row: FP8 1,000 and I/O 2,000 graded roadmap", () => {
    const d = get("huawei-ascend-950dt");
    expect([d.fp8Tflops, d.ioBandwidthGBps, d.releaseDate]).toEqual([1000, 2000, null]);
    expect(gradeOf(d.provenance!, "fp8_tflops")).toBe("roadmap");
  });
  test("A10G's TPP 63 (0.985 FP64 × 64) is a lower bound; H100's is not; a row with no figure has no bound", () => {
    const a = get("nvidia-a10g");
    expect(tpp(a).tpp).toBeCloseTo(63.04, 10);
    expect(tppIsLowerBound(a)).toBe(true);
    expect(tppIsLowerBound(get("nvidia-h100-sxm"))).toBe(false);
    expect(tpp(get("intel-gaudi")).tpp).toBeNull();
    expect(tppIsLowerBound(get("intel-gaudi"))).toBe(false);
  });
});

describe("new shipped chips", () => {
  test("Ascend 950PR (Atlas 350): FP4 1,560 → TPP 6,240; 112 GB at 1,400 GB/s; secondary", () => {
    const c = get("huawei-ascend-950pr");
    expect(tpp(c)).toEqual({ tpp: 6240, precision: "fp4Tflops", bits: 4, tops: 1560 });
    expect([c.memoryGB, c.memoryBandwidthGBps, c.releaseDate, c.origin]).toEqual([
      112,
      1400,
      "2026-03-20",
      "foreign",
    ]);
    expect(c.provenance!.grade).toBe("secondary");
  });
  test("RTX 5090D V2: 2,375 sparse FP4 AI TOPS / 2 = 1,187.5 dense → TPP 4,750 < 4,800; 28 Gbps × 384 / 8 = 1,344 GB/s", () => {
    const c = get("nvidia-rtx-5090d-v2");
    expect(tpp(c).tpp).toBe(4750);
    expect(c.memoryBandwidthGBps).toBe(1344);
    expect(c.datacenter).toBe(false);
    expect(gradeOf(c.provenance!, "fp4_tflops")).toBe("estimate");
  });
  test("MTT S5000: FP8 1,000 → TPP 8,000; 80 GB at 1,600 GB/s; 784 GB/s card-to-card", () => {
    const c = get("moorethreads-mtt-s5000");
    expect(tpp(c).tpp).toBe(8000);
    expect([c.memoryGB, c.memoryBandwidthGBps, c.ioBandwidthGBps]).toEqual([80, 1600, 784]);
  });
});

describe("the caveat is said wherever the answer is shown", () => {
  test("classify --chip nvidia-a10g says its TPP is a lower bound; chips --json carries the flag and caveats", async () => {
    const c = await captureCli(["classify", "--chip", "nvidia-a10g", "--date", "2026-06-01"], {
      env: {},
      cwd: "/tmp",
    });
    expect(c.code).toBe(0);
    expect(c.stdout).toContain(
      "Caveat: TPP 63.04 is a lower bound: no 16-bit or narrower figure is known, so the classification is not settled.",
    );
    const j = await captureCli(["chips", "--json", "--date", "2026-06-01"], { env: {}, cwd: "/tmp" });
    const rows = JSON.parse(j.stdout) as {
      id: string;
      tppLowerBound: boolean;
      caveats: { field: string }[];
      provenance: unknown;
    }[];
    const a10g = rows.find((r) => r.id === "nvidia-a10g")!;
    expect(a10g.tppLowerBound).toBe(true);
    expect(a10g.caveats.map((x) => x.field)).toEqual(["tpp"]);
    expect(rows.find((r) => r.id === "huawei-ascend-950dt")!.caveats.map((x) => x.field)).toEqual([
      "fp8_tflops",
      "memory_bw_gbps",
      "io_bw_gbps",
    ]);
    expect(rows.every((r) => r.provenance !== undefined)).toBe(true);
  });
});
