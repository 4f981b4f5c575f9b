import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { evaluate, evaluateUnder, regimeWith } from "../../src/engine/rules/evaluate.js";
import { byTpp, ruleset, spec } from "./helpers.js";

// Each threshold on both sides, exactly as the text reads. PD values are made exact by choosing the die
// area so that TPP / area is the decimal threshold (IEEE division rounds to the same double as the literal).
const cls = (chip: ReturnType<typeof spec>, date: string, destination = "CN") =>
  evaluate(chip, { date, destination }, ruleset).classification;

describe("2022-10-07: TPP ≥ 4800 AND I/O ≥ 600 GB/s", () => {
  const d = "2023-06-01";
  it("TPP 4800.0 with I/O 600 is 3A090.a", () =>
    expect(cls(byTpp(4800, null, { ioBandwidthGBps: 600 }), d)).toBe("3A090.a"));
  it("TPP 4799.5 is not", () =>
    expect(cls(byTpp(4799.5, null, { ioBandwidthGBps: 600 }), d)).toBe("not-3A090"));
  it("I/O 599.99 is not", () =>
    expect(cls(byTpp(4800, null, { ioBandwidthGBps: 599.99 }), d)).toBe("not-3A090"));
  it("missing I/O with TPP ≥ 4800 is indeterminate, naming io_bw_gbps", () => {
    const r = evaluate(byTpp(4800, null), { date: d, destination: "CN" }, ruleset);
    expect(r.classification).toBe("indeterminate");
    expect(r.licenseRequired).toBeNull();
    expect(r.reasons.some((x) => x.note?.includes("io_bw_gbps"))).toBe(true);
  });
  it("missing I/O does not matter when TPP is below 4800", () =>
    expect(cls(byTpp(4000, null), d)).toBe("not-3A090"));
});

describe("2023-10-17: 3A090.a / .b prongs and Note 2", () => {
  const d = "2024-06-01";
  it(".a.1: TPP 4800 at negligible PD is .a; 4799.5 is not", () => {
    expect(cls(byTpp(4800, 10000), d)).toBe("3A090.a"); // PD 0.48
    expect(cls(byTpp(4799.5, 10000), d)).toBe("not-3A090");
  });
  it(".a.2: PD 5.92 with TPP ≥ 1600 is .a; just below 5.92 falls to .b", () => {
    expect(cls(byTpp(2960, 500), d)).toBe("3A090.a"); // PD = 5.92 exactly
    expect(cls(byTpp(2960, 500.01), d)).toBe("3A090.b"); // PD 5.9199: .b.1
  });
  it(".a.2 needs TPP ≥ 1600: TPP 1600 at PD 8 is .a, 1599.5 is not controlled", () => {
    expect(cls(byTpp(1600, 200), d)).toBe("3A090.a");
    expect(cls(byTpp(1599.5, 200), d)).toBe("not-3A090");
  });
  it(".b.1: TPP 2400 at PD 1.6 is .b; TPP 2399.5 or PD just under 1.6 is not", () => {
    expect(cls(byTpp(2400, 1500), d)).toBe("3A090.b"); // PD 1.6 exactly
    expect(cls(byTpp(2399.5, 1500), d)).toBe("not-3A090");
    expect(cls(byTpp(2400, 1500.01), d)).toBe("not-3A090");
  });
  it(".b.2: TPP 1600 at PD 3.2 is .b; PD just under 3.2 is not", () => {
    expect(cls(byTpp(1600, 500), d)).toBe("3A090.b");
    expect(cls(byTpp(1600, 500.01), d)).toBe("not-3A090");
  });
  it("Note 2: a non-datacenter part below TPP 4800 is out whatever its PD; at 4800 it is .a", () => {
    expect(cls(byTpp(4799.5, 100, { datacenter: false }), d)).toBe("not-3A090"); // PD 48
    expect(cls(byTpp(4800, 100, { datacenter: false }), d)).toBe("3A090.a");
  });
  it("unknown datacenter flag below 4800 with a controlled PD is indeterminate", () => {
    const r = evaluate(byTpp(3000, 100, { datacenter: null }), { date: d, destination: "CN" }, ruleset);
    expect(r.classification).toBe("indeterminate");
    expect(r.reasons.some((x) => x.note?.includes("datacenter"))).toBe(true);
  });
  it("missing die area when PD matters: indeterminate, field named, licence null for CN but false for DE", () => {
    const chip = byTpp(2000, null);
    const cn = evaluate(chip, { date: d, destination: "CN" }, ruleset);
    expect(cn.classification).toBe("indeterminate");
    expect(cn.licenseRequired).toBeNull();
    expect(cn.reviewPolicy).toBeNull();
    expect(cn.reasons.some((x) => x.passed === null && x.note?.includes("die_area_mm2"))).toBe(true);
    expect(evaluate(chip, { date: d, destination: "DE" }, ruleset).licenseRequired).toBe(false);
  });
  it("missing die area does not matter at TPP ≥ 4800 or < 1600", () => {
    expect(cls(byTpp(4800, null), d)).toBe("3A090.a");
    expect(cls(byTpp(1599, null), d)).toBe("not-3A090");
  });
  it("the rule starts on its effective date 2023-11-17", () => {
    const a800 = byTpp(4992, 826, { ioBandwidthGBps: 400 });
    expect(cls(a800, "2023-11-16")).toBe("not-3A090");
    expect(cls(a800, "2023-11-17")).toBe("3A090.a");
  });
});

describe("2024-12-02: 3A090.c HBM stacks, bandwidth density > 2 GB/s/mm²", () => {
  const d = "2025-01-01";
  const stack = (bw: number, area: number) =>
    spec({ type: "other", hbm: true, hbmStack: { bandwidthGBps: bw, areaMm2: area } } as never);
  it("exactly 2 GB/s/mm² is not controlled; above is 3A090.c with a licence to China", () => {
    expect(cls(stack(200, 100), d)).toBe("not-3A090");
    const r = evaluate(stack(201, 100), { date: d, destination: "CN" }, ruleset);
    expect(r.classification).toBe("3A090.c");
    expect(r.licenseRequired).toBe(true);
    expect(r.exceptions).toEqual(["HBM"]);
  });
  it("not before 2024-12-02", () => expect(cls(stack(201, 100), "2024-12-01")).toBe("not-3A090"));
  it("co-packaged HBM on an accelerator is not 3A090.c", () => {
    const r = evaluate(byTpp(1000, 800, { hbm: true }), { date: d, destination: "CN" }, ruleset);
    expect(r.classification).toBe("not-3A090");
    expect(r.reasons.find((x) => x.paragraph === "Supp. No. 1 to part 774, ECCN 3A090.c")?.passed).toBe(
      false,
    );
  });
});

describe("2025-04 bandwidth trigger: memory ≥ 1400, I/O ≥ 1100, or sum ≥ 1700 GB/s", () => {
  const d = "2025-06-01";
  const lic = (mem: number | null, io: number | null) =>
    evaluate(
      byTpp(1000, 800, { memoryBandwidthGBps: mem, ioBandwidthGBps: io }),
      { date: d, destination: "CN" },
      ruleset,
    ).licenseRequired;
  it("memory 1400 triggers, 1399.99 does not", () => {
    expect(lic(1400, 0)).toBe(true);
    expect(lic(1399.99, 0)).toBe(false);
  });
  it("I/O 1100 triggers, 1099.99 does not", () => {
    expect(lic(0, 1100)).toBe(true);
    expect(lic(0, 1099.99)).toBe(false);
  });
  it("sum 1700 triggers, 1699.99 does not", () => {
    expect(lic(1000, 700)).toBe(true);
    expect(lic(1000, 699.99)).toBe(false);
  });
  it("a missing bandwidth leaves the answer open unless the known one already triggers", () => {
    expect(lic(1000, null)).toBeNull();
    expect(lic(1400, null)).toBe(true);
  });
  it("scope: D:5 (Russia) and China-headquartered buyers abroad; not Germany", () => {
    const h20 = byTpp(2368, 814, { memoryBandwidthGBps: 4000, ioBandwidthGBps: 900 });
    expect(evaluate(h20, { date: d, destination: "RU" }, ruleset).licenseRequired).toBe(true);
    expect(evaluate(h20, { date: d, destination: "SG", buyerHq: "CN" }, ruleset).licenseRequired).toBe(true);
    expect(evaluate(h20, { date: d, destination: "DE" }, ruleset).licenseRequired).toBe(false);
  });
});

describe("2026-01-15: case-by-case when TPP < 21,000 and DRAM bandwidth < 6,500 GB/s", () => {
  const d = "2026-03-01";
  const policy = (t: number, mem: number | null) =>
    evaluate(
      byTpp(t, 800, { memoryBandwidthGBps: mem, ioBandwidthGBps: 900 }),
      { date: d, destination: "CN" },
      ruleset,
    ).reviewPolicy;
  it("TPP 21,000 is denial, 20,999.5 case-by-case", () => {
    expect(policy(21000, 4000)).toBe("presumption-of-denial");
    expect(policy(20999.5, 4000)).toBe("case-by-case");
  });
  it("DRAM 6,500 GB/s is denial, 6,499.9 case-by-case", () => {
    expect(policy(16000, 6500)).toBe("presumption-of-denial");
    expect(policy(16000, 6499.9)).toBe("case-by-case");
  });
  it("missing DRAM bandwidth leaves the policy unknown, licence still required", () => {
    const r = evaluate(byTpp(16000, 800), { date: d, destination: "CN" }, ruleset);
    expect(r.licenseRequired).toBe(true);
    expect(r.reviewPolicy).toBeNull();
    expect(r.reasons.some((x) => x.ruleId === "2026-01-15" && x.note?.includes("memory_bw_gbps"))).toBe(true);
  });
  it("Macau is covered too", () =>
    expect(
      evaluate(byTpp(16000, 800, { memoryBandwidthGBps: 4800 }), { date: d, destination: "MO" }, ruleset)
        .reviewPolicy,
    ).toBe("case-by-case"));
});

describe("input validation names the field", () => {
  const d = { date: "2024-06-01", destination: "CN" };
  it.each([
    [spec({ dieAreaMm2: -3 }), d, /invalid die_area_mm2: -3 \(must be > 0\)/],
    [spec({ fp8Tflops: Number.NaN }), d, /invalid fp8_tflops: NaN/],
    [spec({ memoryBandwidthGBps: -1 }), d, /invalid memory_bw_gbps/],
    [spec({}), { date: "2024-02-30", destination: "CN" }, /invalid date/],
    [spec({}), { date: "2024-06-01", destination: "XX" }, /invalid destination: "XX"/],
    [spec({}), { date: "2024-06-01", destination: "CN", buyerHq: "UK" }, /invalid buyerHq/],
  ])("%#", (chip, ctx, msg) => {
    expect(() => evaluate(chip, ctx, ruleset)).toThrow(msg);
  });
});

describe("2025-01-15 Diffusion tiers, applied hypothetically (the rule was never enforced)", () => {
  const diffusion = ruleset.rules.find((r) => r.id === "2025-01-15-diffusion")!;
  const regime = regimeWith(ruleset, diffusion, "2025-06-01");
  const h100 = byTpp(15832, 814, { memoryBandwidthGBps: 3350, ioBandwidthGBps: 900 });
  const at = (destination: string) =>
    evaluateUnder(h100, { date: "2025-06-01", destination }, ruleset, regime);
  it("Tier 2 (Brazil) needs a licence with LPP; Tier 1 (Germany) does not; Tier 3 (China) stays denied", () => {
    expect(regime.map((r) => r.id)).toContain("2023-10-17");
    expect(at("BR")).toMatchObject({ licenseRequired: true, exceptions: ["LPP"] });
    expect(at("DE").licenseRequired).toBe(false);
    expect(at("CN")).toMatchObject({ licenseRequired: true, reviewPolicy: "presumption-of-denial" });
  });
  it("3A090.b parts are outside the tier licence (eccns lists 3A090.a only)", () => {
    const b = byTpp(2400, 1500); // PD 1.6 → 3A090.b
    expect(evaluateUnder(b, { date: "2025-06-01", destination: "BR" }, ruleset, regime).licenseRequired).toBe(
      false,
    );
  });
});

describe("missing die area under the 2023 rule (fast-check)", () => {
  it("is indeterminate exactly when 1600 ≤ TPP < 4800 for a datacenter part", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 10000, noNaN: true }), (t) => {
        const c = evaluate(byTpp(t, null), { date: "2024-06-01", destination: "DE" }, ruleset).classification;
        // TPP < 1600: no prong can hold; TPP ≥ 4800: .a.1 holds without PD; in between every verdict needs PD.
        const expected = t < 1600 ? "not-3A090" : t >= 4800 ? "3A090.a" : "indeterminate";
        expect(c).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });
});
