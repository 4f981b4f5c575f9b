import { describe, expect, it } from "vitest";
import { type EvalChip, evaluate } from "../../src/engine/rules/evaluate.js";
import { byTpp, ruleset, spec } from "./helpers.js";

// Software and technology for 3A090-level items (data/items.json softwareTechnology). Worked from the CCL text read
// (eCFR part 774 as of 2026-09-01): 3A090's Related Controls point to 3D001, 3E001, 5D002.z and 5D992.z; 4A090's
// to 4D090, 5D002.z, 5D992.z (software) and 4E001 (technology); 5E002's RS rows cover technology for 5A002.z items.
// The .z paragraphs and their software/technology date from 88 FR 73458 (effective 2023-11-17); 3A090's own
// software and technology from 87 FR 62186 (2022-10-07). The licence answer is the hardware's (§742.6(a)(6)(iii)).

// H100 SXM: 1,979 dense FP8 TFLOPS × 8 = 15,832 TPP, 814 mm² → PD 19.4: 3A090.a from 2023-11-17.
const H100 = spec({
  fp8Tflops: 1979,
  dieAreaMm2: 814,
  ioBandwidthGBps: 900,
  memoryBandwidthGBps: 3350,
  datacenter: true,
});
// A100: 312 FP16 × 16 = 4,992 TPP with 600 GB/s NVLink: 3A090(.a) under the 2022 rule (TPP ≥ 4,800 and I/O ≥ 600).
const A100 = spec({
  fp16Tflops: 312,
  dieAreaMm2: 826,
  ioBandwidthGBps: 600,
  memoryBandwidthGBps: 2039,
  datacenter: true,
});
// L20-class: 239 FP8 × 8 = 1,912 TPP < 2,400 and PD 3.14 < 3.2 → not 3A090.
const L20 = spec({
  fp8Tflops: 239,
  dieAreaMm2: 609,
  datacenter: true,
  memoryBandwidthGBps: 864,
  ioBandwidthGBps: 64,
});
const st = (chip: EvalChip, softwareTech: string, alsoEccn?: string): EvalChip => ({
  ...chip,
  softwareTech,
  ...(alsoEccn ? { alsoEccn } : {}),
});

describe("software and technology for 3A090-level items", () => {
  it("each entry is listed under its ECCN and takes the hardware's licence answer (H100 to China, 2024-06-01)", () => {
    const ctx = { date: "2024-06-01", destination: "CN" };
    const hw = evaluate(H100, ctx, ruleset);
    expect(hw.classification).toBe("3A090.a");
    expect(hw.licenseRequired).toBe(true);
    const cases: [string, string | undefined, string, "software" | "technology"][] = [
      ["3D001", undefined, "3D001", "software"],
      ["3D001", "3A001", "3D001", "software"],
      ["3E001", undefined, "3E001", "technology"],
      ["3E001", "3A001", "3E001", "technology"],
      ["4D090", undefined, "4D090", "software"],
      ["4E001", undefined, "4E001", "technology"],
      ["4E001", "4A004", "4E001", "technology"],
      ["4D001", "4A003", "4D001", "software"],
      ["4D001", "4A005", "4D001", "software"],
      ["5D002", undefined, "5D002.z", "software"],
      ["5D002", "5A002", "5D002.z", "software"],
      ["5D992", "5A992", "5D992.z", "software"],
      ["5E002", "5A002", "5E002", "technology"],
      ["5E992", "5A992", "5E992", "technology"],
    ];
    for (const [eccn, also, listed, kind] of cases) {
      const r = evaluate(st(H100, eccn, also), ctx, ruleset);
      expect(r.item, `${eccn} ${also ?? ""}`).toMatchObject({
        kind,
        eccn: listed,
        standing: "secondary-source",
      });
      expect(r.classification).toBe("3A090.a");
      expect(r.licenseRequired).toBe(hw.licenseRequired);
      expect(r.reviewPolicy).toBe(hw.reviewPolicy);
      const why = r.reasons.find((x) => x.ruleId === "items" && x.test.startsWith(`${kind} ${listed}`));
      expect(why?.passed).toBe(true);
      expect(why?.note).toMatch(/§742\.6\(a\)\(6\)\(iii\)/);
    }
  });

  it("3E001 for the A100 exists from 2022-10-07 (87 FR 62186), not the day before", () => {
    const before = evaluate(st(A100, "3E001"), { date: "2022-10-06", destination: "CN" }, ruleset);
    expect(before.item.eccn).toBe("not-3A090"); // no 3A090 rule yet: nothing to be technology for
    expect(before.licenseRequired).toBe(false);
    const after = evaluate(st(A100, "3E001"), { date: "2022-10-07", destination: "CN" }, ruleset);
    expect(after.item).toMatchObject({ kind: "technology", eccn: "3E001" });
    expect(after.licenseRequired).toBe(true);
  });

  it("the .z software and technology begin on 2023-11-17 (88 FR 73458): the day before, the answer is left open", () => {
    // The A100 is 3A090 under the 2022 rule on 2023-11-16, so the chip itself needs a licence to China then;
    // 5E002 did not yet cover technology for a 5A002.z item, so the engine does not borrow the chip's answer.
    const chip = evaluate(A100, { date: "2023-11-16", destination: "CN" }, ruleset);
    expect(chip.licenseRequired).toBe(true);
    const before = evaluate(st(A100, "5E002", "5A002"), { date: "2023-11-16", destination: "CN" }, ruleset);
    expect(before.item).toMatchObject({ kind: "technology", eccn: "indeterminate" });
    expect(before.licenseRequired).toBeNull();
    expect(before.reviewPolicy).toBeNull();
    const note = before.reasons.find((x) => x.ruleId === "items" && x.test.startsWith("technology 5E002"));
    expect(note?.passed).toBe(false);
    expect(note?.note).toMatch(/did not cover technology for 5A002\.z items before 2023-11-17/);
    const after = evaluate(st(A100, "5E002", "5A002"), { date: "2023-11-17", destination: "CN" }, ruleset);
    expect(after.classification).toBe("3A090.a");
    expect(after.item.eccn).toBe("5E002");
    expect(after.licenseRequired).toBe(true);
    // 3E001 for the plain 3A090 IC was already covered on 2023-11-16.
    expect(evaluate(st(A100, "3E001"), { date: "2023-11-16", destination: "CN" }, ruleset).item.eccn).toBe(
      "3E001",
    );
  });

  it("an embargoed destination still needs a licence through Part 746, whatever the item's listing", () => {
    // L20-class technology is not 3E001-for-3A090, but §746.8(a)(1) reaches every CCL item to Russia.
    const r = evaluate(st(L20, "3E001"), { date: "2024-06-01", destination: "RU" }, ruleset);
    expect(r.item.eccn).toBe("not-3A090");
    expect(r.licenseRequired).toBe(true);
    expect(r.reviewPolicy).toBe("presumption-of-denial");
    expect(r.sanctions).toEqual(["russia"]);
    // Before the .z technology existed the answer was left open — but the embargo still requires a licence.
    const early = evaluate(st(A100, "5E992", "5A992"), { date: "2023-06-01", destination: "RU" }, ruleset);
    expect(early.item.eccn).toBe("indeterminate");
    expect(early.licenseRequired).toBe(true);
    expect(early.reviewPolicy).toBe("presumption-of-denial");
  });

  it("a chip below 3A090 or released by Note 2 is not the entry's 3A090-level item", () => {
    const l20 = evaluate(st(L20, "3E001"), { date: "2024-06-01", destination: "CN" }, ruleset);
    expect(l20.item).toMatchObject({ kind: "technology", eccn: "not-3A090" });
    expect(l20.licenseRequired).toBe(false);
    // RTX 4090D-class: 4,707 TPP < 4,800, not for data centres → Note 2; Note 4 to 3A090: not a .z item either.
    const d = evaluate(
      st(byTpp(4707, 609, { datacenter: false }), "5D992", "5A992"),
      { date: "2024-06-01", destination: "CN" },
      ruleset,
    );
    expect(d.item.eccn).toBe("not-3A090");
    expect(d.licenseRequired).toBe(false);
  });

  it("inside the United States a release to a foreign person (deemed export) is not decided: answer left open", () => {
    const hw = evaluate(H100, { date: "2025-06-01", destination: "US", buyerHq: "CN" }, ruleset);
    expect(hw.licenseRequired).toBe(false); // hardware delivered in the US is not an export
    const t = evaluate(st(H100, "3E001"), { date: "2025-06-01", destination: "US", buyerHq: "CN" }, ruleset);
    expect(t.licenseRequired).toBeNull();
    const why = t.reasons.find((x) => x.paragraph === "15 CFR 734.13(b)");
    expect(why?.passed).toBeNull();
    expect(why?.note).toMatch(/deemed export/);
  });

  it("exceptions the hardware has are not offered for its technology (not modelled), and it says so", () => {
    // A 3A090.b part (TPP 3,200, PD 4.0, .b.1) to Vietnam (D:1/D:4, not D:5 or Macau) on 2024-06-01: the chip has
    // License Exception ACA (NAC is the D:5/Macau variant, §740.8).
    const b = byTpp(3200, 800, { datacenter: true });
    const ctx = { date: "2024-06-01", destination: "VN" };
    const hw = evaluate(b, ctx, ruleset);
    expect(hw.classification).toBe("3A090.b");
    expect(hw.exceptions).toEqual(["ACA"]);
    const t = evaluate(st(b, "3E001"), ctx, ruleset);
    expect(t.licenseRequired).toBe(true);
    expect(t.exceptions).toEqual([]);
    expect(t.exceptionDetails).toEqual([]);
    const why = t.reasons.find((x) => x.layer === "exceptions" && x.test.includes("for technology"));
    expect(why?.note).toMatch(/not modelled/);
  });

  it("the hardware .z paragraphs are dated too: 5A992.z from 2023-11-17", () => {
    const card = { ...byTpp(5286, 609, { datacenter: false }), alsoEccn: "5A992" };
    // RTX 4090-class card: 3A090.a under the 2023 rule (TPP 5,286 ≥ 4,800, Note 2 needs TPP < 4,800).
    expect(evaluate(card, { date: "2023-11-17", destination: "CN" }, ruleset).item.eccn).toBe("5A992.z");
    const before = evaluate(A100AsCard(), { date: "2023-11-16", destination: "CN" }, ruleset);
    expect(before.item.eccn).toBe("3A090.a");
    const why = before.reasons.find((x) => x.test === "5A992 item meeting the 3A090/4A090 parameters");
    expect(why?.passed).toBe(false);
    expect(why?.note).toMatch(/entered the CCL on 2023-11-17/);
  });

  it("bad input names the field and the value", () => {
    const ctx = { date: "2025-06-01", destination: "CN" };
    expect(() => evaluate(st(H100, "3E999"), ctx, ruleset)).toThrow(/invalid softwareTech: "3E999"/);
    expect(() => evaluate(st(H100, "5E002"), ctx, ruleset)).toThrow(
      /invalid softwareTech: "5E002" without alsoEccn .*give alsoEccn 5A002/,
    );
    expect(() => evaluate(st(H100, "5E002", "5A992"), ctx, ruleset)).toThrow(
      /invalid alsoEccn: "5A992" with softwareTech 5E002/,
    );
    expect(() => evaluate(st(H100, "4D090", "4A003"), ctx, ruleset)).toThrow(/invalid alsoEccn: "4A003"/);
    const stack = spec({ type: "other", hbm: true, hbmStack: { bandwidthGBps: 819, areaMm2: 121 } } as never);
    expect(() => evaluate(st(stack, "3E001"), ctx, ruleset)).toThrow(
      /HBM stacks, 3A090\.c, are not modelled/,
    );
  });
});

/** The A100 described as a 5A992 item (the 2022 rule's 3A090 class on 2023-11-16). */
function A100AsCard(): EvalChip {
  return { ...A100, alsoEccn: "5A992" };
}

describe("software and technology for a chip caught below 3A090", () => {
  it("the 2025-04 bandwidth letters name chips (the H20): whether they reach its technology is left open", () => {
    // H20: 296 FP8 × 8 = 2,368 TPP < 2,400 (not 3A090), 4,000 GB/s DRAM ≥ 1,400: caught by the letters for the chip.
    const H20 = spec({ fp8Tflops: 296, dieAreaMm2: 814, memoryBandwidthGBps: 4000, ioBandwidthGBps: 900 });
    const ctx = { date: "2025-06-01", destination: "CN" };
    expect(evaluate(H20, ctx, ruleset).licenseRequired).toBe(true);
    const t = evaluate({ ...H20, softwareTech: "3E001" }, ctx, ruleset);
    expect(t.item.eccn).toBe("not-3A090");
    expect(t.licenseRequired).toBeNull();
    const why = t.reasons.find(
      (x) => x.test === "technology 3E001 for 3A090 ICs (and 4A090 computers holding them)",
    );
    expect(why?.note).toMatch(/caught by 2025-04-bandwidth, which names chips/);
    // Not informed: the letters do not bind, nothing catches the chip, and its technology needs no licence here.
    expect(
      evaluate({ ...H20, softwareTech: "3E001" }, { ...ctx, informed: false }, ruleset).licenseRequired,
    ).toBe(false);
  });
});
