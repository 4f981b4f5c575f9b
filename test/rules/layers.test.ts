import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/rules/evaluate.js";
import { byTpp, ruleset, spec } from "./helpers.js";

// Cases worked from the regulation text (15 CFR parts 734, 740, 742, 744, 746) and the rule files' citations.
// A100: 312 dense FP16 TFLOPS × 16 = 4,992 TPP, 826 mm² → PD 6.04 (3A090.a under the 2023 rule; 3A090 in 2022
// with NVLink 600 GB/s).
const A100 = spec({
  fp16Tflops: 312,
  int8Tops: 624,
  dieAreaMm2: 826,
  ioBandwidthGBps: 600,
  memoryBandwidthGBps: 2039,
  datacenter: true,
});
// H200: 1,979 FP8 × 8 = 15,832 TPP; 4,800 GB/s HBM3e — inside the 2026 case-by-case limits (< 21,000, < 6,500).
const H200 = spec({ fp8Tflops: 1979, dieAreaMm2: 814, memoryBandwidthGBps: 4800, ioBandwidthGBps: 900 });
// H20: 296 FP8 × 8 = 2,368 TPP, 4,000 GB/s: below 3A090 but caught by the 2025-04 bandwidth letters.
const H20 = spec({ fp8Tflops: 296, dieAreaMm2: 814, memoryBandwidthGBps: 4000, ioBandwidthGBps: 900 });
// A 3A090.b part: TPP 3,200 (200 × 16), 800 mm² → PD 4.0: .b.1 (2400 ≤ TPP < 4800, 1.6 ≤ PD < 5.92), datacenter.
const B_PART = byTpp(3200, 800, { datacenter: true });
const stack = (bw: number, area: number) =>
  spec({ type: "other", hbm: true, hbmStack: { bandwidthGBps: bw, areaMm2: area } } as never);

describe("sanctions and embargoes (15 CFR part 746) override the country-group answer", () => {
  it("Russia: A100-class chip on 2022-12-01 needs a licence under §746.8(a)(1), policy of denial", () => {
    const r = evaluate(A100, { date: "2022-12-01", destination: "RU" }, ruleset);
    // The 2022 3A090 rule named only China (and Macau from 2023-01-17): without Part 746 this was "no licence".
    expect(r.classification).toBe("3A090.a");
    expect(r.licenseRequired).toBe(true);
    expect(r.reviewPolicy).toBe("presumption-of-denial");
    expect(r.sanctions).toEqual(["russia"]);
    const why = r.reasons.find((x) => x.layer === "sanctions" && x.paragraph === "15 CFR 746.8(a)(1)");
    expect(why?.citation).toMatch(/87 FR 12226/);
  });
  it("Russia: not before 2022-02-24 (the Russia rule's effective date)", () => {
    expect(evaluate(A100, { date: "2022-02-23", destination: "RU" }, ruleset).licenseRequired).toBe(false);
    expect(evaluate(A100, { date: "2022-02-24", destination: "RU" }, ruleset).licenseRequired).toBe(true);
  });
  it("Russia: a chip below every 3A090 line still needs the licence (every CCL item)", () => {
    const small = byTpp(800, 600, { datacenter: true });
    const r = evaluate(small, { date: "2024-06-01", destination: "RU" }, ruleset);
    expect(r.classification).toBe("not-3A090");
    expect(r.licenseRequired).toBe(true);
  });
  it("Russia: NAC is not offered for a 3A090.b part — §746.8(c) lists the only exceptions", () => {
    const cn = evaluate(B_PART, { date: "2024-06-01", destination: "CN" }, ruleset);
    expect(cn.classification).toBe("3A090.b");
    expect(cn.exceptions).toEqual(["NAC"]);
    const ru = evaluate(B_PART, { date: "2024-06-01", destination: "RU" }, ruleset);
    expect(ru.classification).toBe("3A090.b");
    expect(ru.exceptions).toEqual([]);
    expect(ru.exceptionDetails).toEqual([]);
    expect(ru.reasons.some((x) => x.paragraph === "15 CFR 746.8(c)" && x.passed === false)).toBe(true);
  });
  it("Iran (§746.7) and North Korea (§746.4): licence, denial, no NAC", () => {
    for (const dest of ["IR", "KP"]) {
      const r = evaluate(B_PART, { date: "2024-06-01", destination: dest }, ruleset);
      expect(r.licenseRequired).toBe(true);
      expect(r.reviewPolicy).toBe("presumption-of-denial");
      expect(r.exceptions).toEqual([]);
    }
  });
  it("Syria: §746.9 review policy moves from denial to case-by-case on 2025-09-02 (90 FR 42315)", () => {
    const small = byTpp(800, 600, { datacenter: true }); // not 3A090, so only Part 746 speaks
    const before = evaluate(small, { date: "2025-09-01", destination: "SY" }, ruleset);
    const after = evaluate(small, { date: "2025-09-02", destination: "SY" }, ruleset);
    expect(before.licenseRequired).toBe(true);
    expect(before.reviewPolicy).toBe("presumption-of-denial");
    expect(after.licenseRequired).toBe(true);
    expect(after.reviewPolicy).toBe("case-by-case");
    // A 3A090 chip to Syria (D:5) keeps the §742.6(b)(10) denial: the strictest policy wins.
    expect(evaluate(H200, { date: "2026-02-01", destination: "SY" }, ruleset).reviewPolicy).toBe(
      "presumption-of-denial",
    );
  });
  it("covered regions of Ukraine: Crimea and Donetsk need a licence, the rest of Ukraine does not", () => {
    const small = byTpp(800, 600, { datacenter: true });
    const ctx = { date: "2024-06-01", destination: "UA" };
    expect(evaluate(small, ctx, ruleset).licenseRequired).toBe(false);
    expect(evaluate(small, { ...ctx, region: "crimea" }, ruleset).licenseRequired).toBe(true);
    expect(evaluate(small, { ...ctx, region: "donetsk" }, ruleset).sanctions).toEqual([
      "ukraine-covered-regions",
    ]);
    // Donetsk/Luhansk from 2022-02-24 only
    expect(
      evaluate(small, { date: "2022-02-23", destination: "UA", region: "luhansk" }, ruleset).licenseRequired,
    ).toBe(false);
  });
  it("an unknown region is an input error naming the field", () => {
    expect(() => evaluate(A100, { date: "2024-06-01", destination: "UA", region: "kyiv" }, ruleset)).toThrow(
      /invalid region: "kyiv" \(regions of UA: crimea, sevastopol, donetsk, luhansk\)/,
    );
    expect(() =>
      evaluate(A100, { date: "2024-06-01", destination: "CN", region: "crimea" }, ruleset),
    ).toThrow(/invalid region/);
  });
});

describe("the transaction layer (15 CFR part 734)", () => {
  it("a delivery inside the US to a China-headquartered buyer is not an export (§734.13(a))", () => {
    const r = evaluate(H200, { date: "2026-06-01", destination: "US", buyerHq: "CN" }, ruleset);
    expect(r.classification).toBe("3A090.a");
    expect(r.licenseRequired).toBe(false);
    expect(r.reviewPolicy).toBeNull();
    expect(r.transaction.kind).toBe("not-an-export");
    expect(r.reasons.find((x) => x.layer === "transaction")?.paragraph).toBe("15 CFR 734.13(a)");
    // The same buyer abroad: the headquarters rule applies (destination outside the US).
    expect(
      evaluate(H200, { date: "2026-06-01", destination: "DE", buyerHq: "CN" }, ruleset).licenseRequired,
    ).toBe(true);
  });
  it("the 2025-04 bandwidth trigger does not reach an in-US sale either", () => {
    const r = evaluate(H20, { date: "2025-06-01", destination: "US", buyerHq: "CN" }, ruleset);
    expect(r.licenseRequired).toBe(false);
  });
  it("kind is derived from ship-from and destination, and a contradiction is refused", () => {
    expect(evaluate(H200, { date: "2026-02-01", destination: "CN" }, ruleset).transaction.kind).toBe(
      "export",
    );
    expect(
      evaluate(H200, { date: "2026-02-01", destination: "CN", shipFrom: "SG" }, ruleset).transaction.kind,
    ).toBe("reexport");
    expect(
      evaluate(H200, { date: "2026-02-01", destination: "CN", shipFrom: "CN" }, ruleset).transaction.kind,
    ).toBe("in-country-transfer");
    expect(() =>
      evaluate(H200, { date: "2026-02-01", destination: "CN", shipFrom: "SG", kind: "export" }, ruleset),
    ).toThrow(/invalid kind: "export" \(shipping from SG to CN is a reexport\)/);
    expect(() => evaluate(H200, { date: "2026-02-01", destination: "CN", shipFrom: "XX" }, ruleset)).toThrow(
      /invalid shipFrom: "XX"/,
    );
  });
  it("2026 case-by-case only for exports from the US: a reexport from Singapore keeps denial", () => {
    const ex = evaluate(H200, { date: "2026-02-01", destination: "CN" }, ruleset);
    expect(ex.reviewPolicy).toBe("case-by-case");
    const re = evaluate(H200, { date: "2026-02-01", destination: "CN", shipFrom: "SG" }, ruleset);
    expect(re.licenseRequired).toBe(true);
    expect(re.reviewPolicy).toBe("presumption-of-denial");
    const tr = evaluate(H200, { date: "2026-02-01", destination: "CN", shipFrom: "CN" }, ruleset);
    expect(tr.reviewPolicy).toBe("presumption-of-denial");
  });
  it("the 50% volume cap is shown as a secondary-source reading, not rule text", () => {
    const ex = evaluate(H200, { date: "2026-02-01", destination: "CN" }, ruleset);
    const cbc = ex.reasons.find((x) => x.ruleId === "2026-01-15")!;
    expect(cbc.note).toMatch(/secondary-source readings, not rule text: shipments to China\/Macau ≤ 50%/);
    expect(cbc.pin).toBe("91 FR 1684–1689");
  });
  it("foreign-made items: FDP or de minimis decide whether the EAR applies (§734.9(h), §734.4)", () => {
    const ascend = spec({ fp16Tflops: 320, dieAreaMm2: 665.61, origin: "foreign", datacenter: true });
    const base = { date: "2024-06-01", destination: "CN", shipFrom: "CN" };
    const unknown = evaluate(ascend, base, ruleset);
    expect(unknown.transaction.subjectToEar).toBeNull();
    expect(unknown.licenseRequired).toBe(true); // assumed subject, and said so
    const fdp = evaluate(ascend, { ...base, foreignDirectProduct: true }, ruleset);
    expect(fdp.transaction.subjectToEar).toBe(true);
    // not a direct product, 20% US content: below the 25% level → outside the EAR, no licence
    const low = evaluate(ascend, { ...base, foreignDirectProduct: false, usContentPercent: 20 }, ruleset);
    expect(low.transaction.subjectToEar).toBe(false);
    expect(low.licenseRequired).toBe(false);
    // exactly 25% is not above the level; 25.5% is
    expect(
      evaluate(ascend, { ...base, foreignDirectProduct: false, usContentPercent: 25 }, ruleset)
        .licenseRequired,
    ).toBe(false);
    expect(
      evaluate(ascend, { ...base, foreignDirectProduct: false, usContentPercent: 25.5 }, ruleset)
        .licenseRequired,
    ).toBe(true);
    // Iran is E:1: the level is 10%, so 15% US content brings the item under the EAR (and §746.7)
    const ir = evaluate(
      ascend,
      {
        date: "2024-06-01",
        destination: "IR",
        shipFrom: "CN",
        foreignDirectProduct: false,
        usContentPercent: 15,
      },
      ruleset,
    );
    expect(ir.transaction.subjectToEar).toBe(true);
    expect(ir.sanctions).toEqual(["iran"]);
  });
  it("a bad percentage names the field", () => {
    expect(() =>
      evaluate(A100, { date: "2024-06-01", destination: "CN", usContentPercent: 140 }, ruleset),
    ).toThrow(/invalid usContentPercent: 140 \(must be a number from 0 to 100\)/);
  });
});

describe("is-informed letters bind only the exporters BIS informed (§744.23(b))", () => {
  it("H20 to China on 2025-06-01: applied as if informed by default, marked is-informed-only", () => {
    const r = evaluate(H20, { date: "2025-06-01", destination: "CN" }, ruleset);
    expect(r.licenseRequired).toBe(true);
    const why = r.reasons.find((x) => x.ruleId === "2025-04-bandwidth" && x.layer === "item")!;
    expect(why.standing).toBe("is-informed-only");
    expect(why.paragraph).toMatch(/744\.23\(b\)/);
  });
  it("an exporter BIS did not inform needs no licence from the letters", () => {
    const r = evaluate(H20, { date: "2025-06-01", destination: "CN", informed: false }, ruleset);
    expect(r.licenseRequired).toBe(false);
  });
});

describe("License Exception HBM only below 3.3 GB/s per mm² (§740.25)", () => {
  // 3A090.c: density > 2 GB/s/mm². Stack area 100 mm²: 320 GB/s → 3.2, 330 → 3.3, 340 → 3.4.
  const ctx = { date: "2025-06-01", destination: "CN" };
  it("3.2 GB/s/mm²: 3A090.c, licence, HBM offered with its conditions", () => {
    const r = evaluate(stack(320, 100), ctx, ruleset);
    expect(r.classification).toBe("3A090.c");
    expect(r.licenseRequired).toBe(true);
    expect(r.exceptions).toEqual(["HBM"]);
    expect(r.exceptionDetails[0]?.conditions.join(" ")).toMatch(/below 3\.3 GB\/s per mm²/);
  });
  it("3.3 and 3.4 GB/s/mm²: 3A090.c without License Exception HBM", () => {
    for (const bw of [330, 340]) {
      const r = evaluate(stack(bw, 100), ctx, ruleset);
      expect(r.classification).toBe("3A090.c");
      expect(r.exceptions).toEqual([]);
    }
  });
  it("2.0 GB/s/mm² is not 3A090.c (the test is 'greater than 2')", () => {
    expect(evaluate(stack(200, 100), ctx, ruleset).classification).toBe("not-3A090");
  });
});

describe("reasons: pin cites, paragraphs that move with the date, standing marks", () => {
  it("the headquarters paragraph is §744.23(a)(3) before 2025-01-13 and §742.6(a)(6)(iii)(A) from then", () => {
    const para = (date: string) =>
      evaluate(A100, { date, destination: "DE", buyerHq: "CN" }, ruleset).reasons.find(
        (x) => x.layer === "destination" && x.note?.startsWith("buyer headquartered"),
      )?.paragraph;
    expect(para("2025-01-12")).toBe("15 CFR 744.23(a)(3)");
    expect(para("2025-01-13")).toBe("15 CFR 742.6(a)(6)(iii)(A)");
  });
  it("the review policy carries its paragraph, §742.6(b)(10)", () => {
    const r = evaluate(A100, { date: "2024-06-01", destination: "CN" }, ruleset);
    const p = r.reasons.find((x) => x.test.startsWith("licence review policy"));
    expect(p?.paragraph).toBe("15 CFR 742.6(b)(10)");
    expect(p?.test).toMatch(/presumption-of-denial/);
  });
  it("the Diffusion rule after 2025-05-13 is said to be not enforced, not silently skipped", () => {
    const r = evaluate(A100, { date: "2025-06-01", destination: "IN" }, ruleset);
    const d = r.reasons.find((x) => x.ruleId === "2025-01-15-diffusion");
    expect(d?.standing).toBe("not-enforced");
    expect(d?.note).toMatch(/not enforced since 2025-05-13/);
    expect(
      evaluate(A100, { date: "2025-05-12", destination: "IN" }, ruleset).reasons.some(
        (x) => x.standing === "not-enforced",
      ),
    ).toBe(false);
  });
  it("the 2022 I/O test cites 3A090.a's lead-in", () => {
    const r = evaluate(A100, { date: "2022-12-01", destination: "CN" }, ruleset);
    expect(r.reasons.find((x) => x.test.startsWith("aggregate bidirectional I/O"))?.paragraph).toBe(
      "Supp. No. 1 to part 774, ECCN 3A090.a (lead-in)",
    );
  });
  it("NAC lists its mechanics: notification and the 25-day wait", () => {
    const r = evaluate(B_PART, { date: "2024-06-01", destination: "CN" }, ruleset);
    const nac = r.exceptionDetails.find((e) => e.id === "NAC")!;
    expect(nac.mechanics.join(" ")).toMatch(/25 days/);
    expect(nac.standing).toBe("secondary-source");
  });
});

describe("TF32 bit length (a documented reading: 32 bits)", () => {
  it("a chip whose TPP comes from TF32 counts 32 bits and says so in how (AWS Trainium1: 190 × 32 = 6,080)", () => {
    const trn1 = spec({ tf32Tflops: 190, datacenter: true });
    const r = evaluate(trn1, { date: "2026-03-01", destination: "CN" }, ruleset);
    expect(r.metrics.tpp).toBe(6080); // at 19 bits it would be 3,610, below 4,800
    expect(r.classification).toBe("3A090.a");
    expect(r.metrics.how.tpp).toMatch(/TF32 counted at 32 bits .*Epoch AI counts 19 bits/);
  });
});

describe("items: 4A090 computers and the .z paragraphs (data/items.json)", () => {
  const H100 = spec({ fp8Tflops: 1979, dieAreaMm2: 814, memoryBandwidthGBps: 3350, ioBandwidthGBps: 900 });
  it("a server of eight H100s is 4A090.a; its licence follows the 3A090.a chips inside", () => {
    const r = evaluate(
      { ...H100, computer: { units: 8 } },
      { date: "2025-06-01", destination: "CN" },
      ruleset,
    );
    expect(r.classification).toBe("3A090.a");
    expect(r.item).toMatchObject({ kind: "computer", eccn: "4A090.a", units: 8, aggregateTpp: 8 * 15832 });
    expect(r.item.aggregateH100e).toBeCloseTo(8, 12);
    expect(r.licenseRequired).toBe(true);
    expect(r.reviewPolicy).toBe("presumption-of-denial");
  });
  it("a computer of 3A090.b chips is 4A090.b; of uncontrolled chips, not 4A090", () => {
    const b = byTpp(3200, 800, { datacenter: true });
    expect(
      evaluate({ ...b, computer: { units: 4 } }, { date: "2024-06-01", destination: "CN" }, ruleset).item
        .eccn,
    ).toBe("4A090.b");
    // L20: 239 FP8 × 8 = 1,912 < 2,400 and PD 3.14 < 3.2 → not 3A090
    const l20 = spec({
      fp8Tflops: 239,
      dieAreaMm2: 609,
      datacenter: true,
      memoryBandwidthGBps: 864,
      ioBandwidthGBps: 64,
    });
    expect(
      evaluate({ ...l20, computer: { units: 8 } }, { date: "2024-06-01", destination: "CN" }, ruleset).item
        .eccn,
    ).toBe("not-4A090");
  });
  it("a consumer card above the 3A090 line that is a 5A992 item is 5A992.z; below Note 2's line it is not", () => {
    // RTX 4090-class: TPP 5,286 ≥ 4,800 → 3A090.a even when not for data centres; RTX 4090D-class 4,707 < 4,800 → Note 2
    const r = evaluate(
      { ...byTpp(5286, 609, { datacenter: false }), alsoEccn: "5A992" },
      { date: "2024-06-01", destination: "CN" },
      ruleset,
    );
    expect(r.item.eccn).toBe("5A992.z");
    expect(r.licenseRequired).toBe(true);
    const d = evaluate(
      { ...byTpp(4707, 609, { datacenter: false }), alsoEccn: "5A992" },
      { date: "2024-06-01", destination: "CN" },
      ruleset,
    );
    expect(d.item.eccn).toBe("not-3A090");
    expect(d.licenseRequired).toBe(false);
  });
  it("bad item input names the field", () => {
    expect(() =>
      evaluate({ ...H100, computer: { units: 0 } }, { date: "2025-06-01", destination: "CN" }, ruleset),
    ).toThrow(/invalid computer units: 0/);
    expect(() =>
      evaluate({ ...H100, alsoEccn: "9A001" }, { date: "2025-06-01", destination: "CN" }, ruleset),
    ).toThrow(/invalid alsoEccn: "9A001"/);
  });
});
