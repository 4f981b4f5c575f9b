import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/rules/evaluate.js";
import { ruleset, spec } from "./helpers.js";

// Dense specs from the research notes (export-controls.md, "Chips" table) and vendor datasheets.
// io = NVLink aggregate bidirectional GB/s; PCIe 4.0 x16 cards carry 64 GB/s (32 each way).
const A100 = spec({
  id: "a100",
  fp16Tflops: 312,
  int8Tops: 624,
  dieAreaMm2: 826,
  ioBandwidthGBps: 600,
  memoryBandwidthGBps: 2039,
});
const A800 = spec({
  id: "a800",
  fp16Tflops: 312,
  int8Tops: 624,
  dieAreaMm2: 826,
  ioBandwidthGBps: 400,
  memoryBandwidthGBps: 2039,
});
const H100 = spec({
  id: "h100",
  fp8Tflops: 1979,
  dieAreaMm2: 814,
  ioBandwidthGBps: 900,
  memoryBandwidthGBps: 3350,
});
const H800 = spec({
  id: "h800",
  fp8Tflops: 1979,
  dieAreaMm2: 814,
  ioBandwidthGBps: 400,
  memoryBandwidthGBps: 3350,
});
const H20 = spec({
  id: "h20",
  fp8Tflops: 296,
  fp16Tflops: 148,
  dieAreaMm2: 814,
  ioBandwidthGBps: 900,
  memoryBandwidthGBps: 4000,
});
const H200 = spec({
  id: "h200",
  fp8Tflops: 1979,
  dieAreaMm2: 814,
  ioBandwidthGBps: 900,
  memoryBandwidthGBps: 4800,
});
const L20 = spec({
  id: "l20",
  fp8Tflops: 239,
  dieAreaMm2: 609,
  ioBandwidthGBps: 64,
  memoryBandwidthGBps: 864,
});
const L40S = spec({
  id: "l40s",
  fp8Tflops: 733,
  dieAreaMm2: 609,
  ioBandwidthGBps: 64,
  memoryBandwidthGBps: 864,
});
// RTX 4090: 660.6 dense FP8 TFLOPS → TPP 5,284.8; RTX 4090D: 588.4 → 4,707.2 (notes: ~5,286 / ~4,707).
const RTX4090 = spec({
  id: "rtx4090",
  datacenter: false,
  fp8Tflops: 660.6,
  dieAreaMm2: 609,
  ioBandwidthGBps: 64,
  memoryBandwidthGBps: 1008,
});
const RTX4090D = spec({
  id: "rtx4090d",
  datacenter: false,
  fp8Tflops: 588.4,
  dieAreaMm2: 609,
  ioBandwidthGBps: 64,
  memoryBandwidthGBps: 1008,
});
const B200 = spec({
  id: "b200",
  fp8Tflops: 4500,
  dieAreaMm2: null,
  ioBandwidthGBps: 1800,
  memoryBandwidthGBps: 8000,
});

const chips = { A100, A800, H100, H800, H20, H200, L20, L40S, RTX4090, RTX4090D };
type Name = keyof typeof chips;
type Expect = [classification: string, licenseRequired: boolean | null, reviewPolicy?: string | null];

function check(date: string, table: Record<Name, Expect>) {
  for (const [name, [cls, lic, policy]] of Object.entries(table) as [Name, Expect][]) {
    it(`${name} on ${date} to CN → ${cls}, licence ${lic}`, () => {
      const r = evaluate(chips[name], { date, destination: "CN" }, ruleset);
      expect(r.classification).toBe(cls);
      expect(r.licenseRequired).toBe(lic);
      if (policy !== undefined) expect(r.reviewPolicy).toBe(policy);
    });
  }
}

describe("metrics", () => {
  it("computes TPP as max over precisions and PD from the die area", () => {
    const r = evaluate(A100, { date: "2024-01-01", destination: "CN" }, ruleset);
    expect(r.metrics.tpp).toBe(4992); // 624 INT8 × 8 = 312 FP16 × 16 = 4,992
    expect(r.metrics.pd).toBeCloseTo(4992 / 826, 12); // 6.04
    expect(r.metrics.h100e).toBeCloseTo(4992 / 15832, 12);
    const h20 = evaluate(H20, { date: "2024-01-01", destination: "CN" }, ruleset);
    expect(h20.metrics.tpp).toBe(2368); // 296 × 8
    expect(h20.metrics.how.tpp).toContain("= 2368"); // FP8 and FP16 tie at 2,368
  });
});

describe("2022 rule (87 FR 62186): TPP ≥ 4800 and I/O ≥ 600 GB/s", () => {
  check("2023-06-01", {
    A100: ["3A090.a", true, "presumption-of-denial"],
    A800: ["not-3A090", false], // NVLink 400 < 600: the design point of the A800
    H100: ["3A090.a", true],
    H800: ["not-3A090", false],
    H20: ["not-3A090", false],
    H200: ["3A090.a", true],
    L20: ["not-3A090", false],
    L40S: ["not-3A090", false], // TPP 5,864 but PCIe only
    RTX4090: ["not-3A090", false],
    RTX4090D: ["not-3A090", false],
  });
});

describe("2023 rule (88 FR 73458): TPP / PD", () => {
  check("2024-06-01", {
    A100: ["3A090.a", true, "presumption-of-denial"],
    A800: ["3A090.a", true],
    H100: ["3A090.a", true],
    H800: ["3A090.a", true],
    H20: ["not-3A090", false], // 2,368 < 2,400 and PD 2.91 < 3.2
    H200: ["3A090.a", true],
    L20: ["not-3A090", false], // PD 3.14 < 3.2
    L40S: ["3A090.a", true],
    RTX4090: ["3A090.a", true], // non-datacenter but TPP ≥ 4800
    RTX4090D: ["not-3A090", false], // Note 2: consumer part with TPP < 4800
  });
  it("RTX 4090 may use NAC after the 2024-04-04 split (China is D:5); datacenter .a chips may not", () => {
    expect(evaluate(RTX4090, { date: "2024-06-01", destination: "CN" }, ruleset).exceptions).toEqual(["NAC"]);
    expect(evaluate(H100, { date: "2024-06-01", destination: "CN" }, ruleset).exceptions).toEqual([]);
    // ACA for a D:1/D:4 destination that is not D:5 (Saudi Arabia, D:4)
    expect(evaluate(RTX4090, { date: "2024-06-01", destination: "SA" }, ruleset).exceptions).toEqual(["ACA"]);
    expect(evaluate(RTX4090, { date: "2024-01-01", destination: "SA" }, ruleset).exceptions).toEqual(["NAC"]);
  });
});

describe("2025-04 bandwidth trigger (is-informed letters)", () => {
  check("2025-06-01", {
    A100: ["3A090.a", true],
    A800: ["3A090.a", true],
    H100: ["3A090.a", true],
    H800: ["3A090.a", true],
    H20: ["not-3A090", true, null], // 4,000 GB/s ≥ 1,400; review policy unpublished
    H200: ["3A090.a", true],
    L20: ["not-3A090", false], // 864 + 64 = 928 < 1,700
    L40S: ["3A090.a", true],
    RTX4090: ["3A090.a", true],
    RTX4090D: ["not-3A090", false], // 1,008 + 64 = 1,072
  });
  it("the trigger is cited as uncertain", () => {
    const r = evaluate(H20, { date: "2025-06-01", destination: "CN" }, ruleset);
    const reason = r.reasons.find((x) => x.ruleId === "2025-04-bandwidth" && x.test.startsWith("DRAM"));
    expect(reason?.passed).toBe(true);
    expect(reason?.note).toMatch(/uncertain/);
  });
  it("does not apply before 2025-04-09", () => {
    expect(evaluate(H20, { date: "2025-04-08", destination: "CN" }, ruleset).licenseRequired).toBe(false);
    expect(evaluate(H20, { date: "2025-04-09", destination: "CN" }, ruleset).licenseRequired).toBe(true);
  });
});

describe("2026-01 case-by-case (91 FR 1684)", () => {
  check("2026-03-01", {
    A100: ["3A090.a", true, "case-by-case"],
    A800: ["3A090.a", true, "case-by-case"],
    H100: ["3A090.a", true, "case-by-case"],
    H800: ["3A090.a", true, "case-by-case"],
    H20: ["not-3A090", true, "case-by-case"],
    H200: ["3A090.a", true, "case-by-case"], // 15,832 < 21,000 and 4,800 < 6,500 GB/s
    L20: ["not-3A090", false, null],
    L40S: ["3A090.a", true, "case-by-case"],
    RTX4090: ["3A090.a", true, "case-by-case"],
    RTX4090D: ["not-3A090", false, null],
  });
  it("B200 (TPP 36,000, 8 TB/s) keeps the presumption of denial; its missing die area does not matter", () => {
    const r = evaluate(B200, { date: "2026-03-01", destination: "CN" }, ruleset);
    expect(r.classification).toBe("3A090.a");
    expect(r.reviewPolicy).toBe("presumption-of-denial");
  });
  it("H200 before 2026-01-15 is presumption of denial", () => {
    expect(evaluate(H200, { date: "2026-01-14", destination: "CN" }, ruleset).reviewPolicy).toBe(
      "presumption-of-denial",
    );
  });
  it("D:5-headquartered buyers outside China/Macau stay at denial", () => {
    const r = evaluate(H200, { date: "2026-03-01", destination: "MY", buyerHq: "CN" }, ruleset);
    expect(r.licenseRequired).toBe(true);
    expect(r.reviewPolicy).toBe("presumption-of-denial");
    const ru = evaluate(H200, { date: "2026-03-01", destination: "CN", buyerHq: "RU" }, ruleset);
    expect(ru.reviewPolicy).toBe("presumption-of-denial");
  });
});

describe("destinations and the headquarters rule", () => {
  it("a China-headquartered buyer in Malaysia needs a licence under the 2023 rule but not the 2022 rule", () => {
    expect(
      evaluate(H100, { date: "2024-06-01", destination: "MY", buyerHq: "CN" }, ruleset).licenseRequired,
    ).toBe(true);
    expect(evaluate(H100, { date: "2024-06-01", destination: "MY" }, ruleset).licenseRequired).toBe(false);
    expect(
      evaluate(A100, { date: "2023-06-01", destination: "MY", buyerHq: "CN" }, ruleset).licenseRequired,
    ).toBe(false);
  });
  it("Hong Kong counts as China", () => {
    const r = evaluate(A100, { date: "2023-06-01", destination: "HK" }, ruleset);
    expect(r.licenseRequired).toBe(true);
    expect(r.destination).toBe("HK");
    expect(r.reasons[0]!.test).toBe("HK treated as CN");
  });
  it("Macau joins the 2022 controls on 2023-01-17 (88 FR 2821)", () => {
    expect(evaluate(A100, { date: "2023-01-16", destination: "MO" }, ruleset).licenseRequired).toBe(false);
    expect(evaluate(A100, { date: "2023-01-17", destination: "MO" }, ruleset).licenseRequired).toBe(true);
  });
  it("A:5/A:6 carve-out: Israel (D:4, A:6) needs no licence, Saudi Arabia (D:4) does, with approval", () => {
    expect(evaluate(H100, { date: "2024-06-01", destination: "IL" }, ruleset).licenseRequired).toBe(false);
    const sa = evaluate(H100, { date: "2024-06-01", destination: "SA" }, ruleset);
    expect(sa.licenseRequired).toBe(true);
    expect(sa.reviewPolicy).toBe("presumption-of-approval");
    // Cyprus was in D:5 and A:6 until 2024-05-29 (89 FR 40369, effective 2024-05-30, removed it from D:5): on a
    // date before that the destination test is carved out, so a US-headquartered buyer needs none.
    expect(
      evaluate(H100, { date: "2024-05-01", destination: "CY", buyerHq: "US" }, ruleset).licenseRequired,
    ).toBe(false);
  });
  it("nothing is controlled before 2022-10-07", () => {
    const r = evaluate(A100, { date: "2022-10-06", destination: "CN" }, ruleset);
    expect(r.classification).toBe("not-3A090");
    expect(r.licenseRequired).toBe(false);
    expect(r.rules).toEqual([]);
    expect(evaluate(A100, { date: "2022-10-07", destination: "CN" }, ruleset).licenseRequired).toBe(true);
  });
  it("the Diffusion rule is listed with its status but never applied", () => {
    const pending = evaluate(H100, { date: "2025-03-01", destination: "BR" }, ruleset);
    expect(pending.rules).toContainEqual({ id: "2025-01-15-diffusion", status: "pending-compliance" });
    expect(pending.licenseRequired).toBe(false); // Brazil: Tier 2, but compliance never became due
    const after = evaluate(H100, { date: "2025-06-01", destination: "BR" }, ruleset);
    expect(after.rules).toContainEqual({ id: "2025-01-15-diffusion", status: "not-enforced" });
    expect(after.licenseRequired).toBe(false);
  });
  it("a foreign-designed chip gets an explicit EAR-jurisdiction caveat, not a guess", () => {
    const ascend = spec({ origin: "foreign", country: "CN", fp16Tflops: 320, dieAreaMm2: 665.6 });
    const r = evaluate(ascend, { date: "2024-06-01", destination: "CN" }, ruleset);
    const j = r.reasons.find((x) => x.test === "item subject to the EAR");
    expect(j?.passed).toBeNull();
    expect(j?.note).toMatch(/foreign direct product/);
  });
});
