import { describe, expect, it } from "vitest";
import { loadEntityList } from "../../src/data/rules.js";
import { evaluate } from "../../src/engine/rules/evaluate.js";
import { indexParties, type PartyList, screenName } from "../../src/engine/rules/parties.js";
import { byTpp, ruleset, spec } from "../rules/helpers.js";

const curated = [indexParties(loadEntityList())];
const top = (name: string, date?: string) => {
  const r = screenName(name, curated, date ? { date } : {});
  return { hit: r.hits[0], near: r.nearMisses[0], r };
};

describe("screening names against the curated Entity List entries (data/entity-list.csv)", () => {
  it("the listed name, in any case and with or without its legal suffix, is a hit scoring 1", () => {
    for (const n of ["Huawei Technologies Co., Ltd.", "HUAWEI TECHNOLOGIES CO LTD", "huawei technologies"]) {
      const { hit } = top(n);
      expect(hit?.entryId).toBe("huawei");
      expect(hit?.score).toBe(1);
      expect(hit?.verdict).toBe("hit");
    }
  });
  it("word splits do not matter: 'Hua Wei Technologies' is Huawei Technologies", () => {
    expect(top("Hua Wei Technologies").hit?.entryId).toBe("huawei");
  });
  it("Chinese names match the Chinese entry, with or without 有限公司", () => {
    expect(top("华为技术有限公司").hit?.entryId).toBe("huawei");
    expect(top("华为技术").hit?.entryId).toBe("huawei");
    expect(top("中芯国际集成电路制造有限公司").hit?.entryId).toBe("smic");
  });
  it("pinyin of the Chinese name matches too (transliteration), with the pinyin suffix dropped", () => {
    expect(top("Hua Wei Ji Shu You Xian Gong Si").hit?.entryId).toBe("huawei");
    expect(top("Suan Neng Ke Ji").hit?.entryId).toBe("sophgo");
  });
  it("accents and full-width forms are folded", () => {
    expect(top("ＳＯＰＨＧＯ Technologies Ltd").hit?.entryId).toBe("sophgo");
    expect(top("Sóphgo").hit?.entryId).toBe("sophgo");
  });
  it("a listed name inside a longer one is a hit for a two-word name, a near miss for a one-word alias", () => {
    expect(top("Huawei Technologies Co., Ltd. Shenzhen Branch").hit?.entryId).toBe("huawei");
    const r = top("Moore Threads Research Institute");
    expect(r.hit?.entryId).toBe("moore-threads");
  });
  it("a misspelling is a near miss, shown with its score, not hidden", () => {
    // 'sofgotechnologies' vs 'sophgotechnologies': 14 shared bigrams of 16 and 17 → Dice 28/33 = 0.848
    const { hit, near } = top("Sofgo Technologies");
    expect(hit).toBeUndefined();
    expect(near?.entryId).toBe("sophgo");
    expect(near?.score).toBeCloseTo(28 / 33, 3);
    expect(near?.meaning).toMatch(/possible match/);
  });
  it("an unrelated name has no hit and the result says which lists were checked and that it is not clearance", () => {
    const { r } = top("Acme Widgets Inc.");
    expect(r.hits).toEqual([]);
    expect(r.checked[0]?.entries).toBe(13);
    expect(r.checked[0]?.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(r.caveat).toMatch(/No match is not clearance/);
  });
  it("a listing counts only from its effective date (Sophgo: 2025-01-16, 90 FR 4621)", () => {
    expect(top("Sophgo", "2025-01-15").hit).toBeUndefined();
    expect(top("Sophgo", "2025-01-16").hit?.citation).toMatch(/90 FR 4621/);
  });
  it("a 10,000-character name is refused naming the field", () => {
    expect(() => screenName("x".repeat(10_000), curated, { field: "buyer" })).toThrow(
      /invalid buyer: 10000 characters \(at most 300/,
    );
    expect(() => screenName("   ", curated)).toThrow(/invalid name: must not be empty/);
  });
});

describe("parties in a classification", () => {
  // not 3A090 and below the 2025-04 bandwidth lines: no licence to China on its own
  const small = byTpp(800, 600, { datacenter: true, memoryBandwidthGBps: 500, ioBandwidthGBps: 64 });
  it("a listed buyer makes a licence necessary for any item subject to the EAR, no exceptions", () => {
    const ctx = { date: "2025-06-01", destination: "CN" };
    expect(evaluate(small, ctx, ruleset).licenseRequired).toBe(false);
    const r = evaluate(small, { ...ctx, buyer: "Sophgo Technologies Ltd." }, ruleset);
    expect(r.licenseRequired).toBe(true);
    expect(r.reviewPolicy).toBe("presumption-of-denial");
    expect(r.screening?.[0]?.result.hits[0]?.entryId).toBe("sophgo");
    expect(r.reasons.some((x) => x.layer === "parties" && x.paragraph.startsWith("15 CFR 744.11"))).toBe(
      true,
    );
  });
  it("SMIC's listing: case-by-case for items not uniquely required for 10 nm production", () => {
    const r = evaluate(small, { date: "2024-06-01", destination: "CN", consignee: "SMIC" }, ruleset);
    expect(r.licenseRequired).toBe(true);
    expect(r.reviewPolicy).toBe("case-by-case");
  });
  it("a listed buyer removes NAC from a 3A090.b export", () => {
    const b = byTpp(3200, 800, { datacenter: true });
    const ctx = { date: "2024-06-01", destination: "CN" };
    expect(evaluate(b, ctx, ruleset).exceptions).toEqual(["NAC"]);
    expect(evaluate(b, { ...ctx, buyer: "Biren Technology" }, ruleset).exceptions).toEqual([]);
  });
  it("a sale delivered inside the US to a listed party is still not an export (and the hit is reported)", () => {
    const r = evaluate(small, { date: "2025-06-01", destination: "US", buyer: "Huawei" }, ruleset);
    expect(r.licenseRequired).toBe(false);
    expect(r.screening?.[0]?.result.hits[0]?.entryId).toBe("huawei");
  });
  it("a 10,000-character buyer name is an input error naming buyer", () => {
    expect(() =>
      evaluate(small, { date: "2025-06-01", destination: "CN", buyer: "a".repeat(10_000) }, ruleset),
    ).toThrow(/invalid buyer: 10000 characters/);
  });
});

describe("a 20,000-entry list (timing: bench/screen.bench.js)", () => {
  it("finds the one listed name among 20,000 similar ones, and misspelt it is a near miss", () => {
    const syll = ["zhong", "hua", "xin", "tian", "guang", "ke", "ji", "dian", "long", "feng", "an", "da"];
    const words = ["Technology", "Electronics", "Trading", "Industrial", "Semiconductor", "Logistics"];
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pick = <T>(a: T[]) => a[Math.floor(rnd() * a.length)]!;
    const entry = (id: string, name: string) => ({
      id,
      name,
      aliases: [],
      country: "CN",
      licenceRequirement: "",
      policy: null,
      policyText: "",
      citation: "synthetic",
      effective: null,
      source: "test",
      notes: "",
    });
    const entries = Array.from({ length: 19_999 }, (_, i) =>
      entry(`e${i}`, `${pick(syll)}${pick(syll)} ${pick(syll)}${pick(syll)} ${pick(words)} Co., Ltd.`),
    );
    entries.push(entry("target", "Qilin Quantum Devices Co., Ltd."));
    const list: PartyList = {
      id: "big",
      title: "synthetic",
      asOf: "2026-11-30",
      source: "test",
      licensing: "screen-only",
      entries,
    };
    const idx = [indexParties(list)];
    const r = screenName("QILIN QUANTUM DEVICES CO LTD", idx);
    expect(r.hits.map((h) => h.entryId)).toEqual(["target"]);
    const near = screenName("Qilin Quantam Devises", idx);
    expect(near.hits).toEqual([]);
    expect(near.nearMisses.map((h) => h.entryId)).toContain("target");
    expect(r.checked[0]?.entries).toBe(20_000);
  });
});

describe("an Entity List policy outranks the 2026 case-by-case path", () => {
  it("H200 to China on 2026-02-01: case-by-case for an unlisted buyer, denial for Biren", () => {
    const h200 = spec({ fp8Tflops: 1979, dieAreaMm2: 814, memoryBandwidthGBps: 4800, ioBandwidthGBps: 900 });
    const ctx = { date: "2026-02-01", destination: "CN" };
    expect(evaluate(h200, ctx, ruleset).reviewPolicy).toBe("case-by-case");
    expect(evaluate(h200, { ...ctx, buyer: "Biren Technology" }, ruleset).reviewPolicy).toBe(
      "presumption-of-denial",
    );
  });
});
