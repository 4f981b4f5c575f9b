import { afterAll, describe, expect, it } from "vitest";
import { type EvalContext, evaluate } from "../../src/engine/rules/evaluate.js";
import { oneLineReason } from "../../src/engine/format/verdict.js";
import { tinyCatalogue } from "../server/fixtures.js";
import { jsonOf, post, testApp } from "../server/helpers.js";
import { captureCli } from "../support/cli.js";
import { ruleset, spec } from "./helpers.js";

// Which requirement imposes the licence, worked from the rule text and the data/ entries:
// - 15 CFR 744.11 / Supp. No. 4 to part 744: a listed party needs a licence for every item subject to the EAR,
//   whatever the destination (Huawei: 84 FR 22961, presumption of denial).
// - 15 CFR 742.6(a)(6): the 3A090 licence reaches only the destinations (and, from 2023-11-17, headquarters) in its
//   scope — China and Macau under 87 FR 62186 (2022); D:1, D:4, D:5 less A:5/A:6 and D:5/Macau-headquartered buyers
//   under 88 FR 73458 (2023). Germany is outside both.
// - 15 CFR 746.8(a)(1): Russia needs a licence for every CCL item from 2022-02-24 (87 FR 12226).
// - 15 CFR 744.23(b): the 2025-04 bandwidth letters bind the exporters BIS informed.
// - 15 CFR 734.13(a): a delivery inside the United States is not an export.

// Dense figures from the vendors' datasheets (as in known-chips.test.ts).
const H100 = spec({
  id: "h100",
  fp8Tflops: 1979, // TPP = 1979 × 8 = 15,832
  dieAreaMm2: 814,
  memoryBandwidthGBps: 3350,
  ioBandwidthGBps: 900,
  datacenter: true,
});
const A100 = spec({
  id: "a100",
  fp16Tflops: 312,
  int8Tops: 624, // TPP = 624 × 8 = 4,992 ≥ 4,800; NVLink 600 GB/s ≥ 600 (the 2022 I/O test)
  dieAreaMm2: 826,
  memoryBandwidthGBps: 2039,
  ioBandwidthGBps: 600,
  datacenter: true,
});
const H20 = spec({
  id: "h20",
  fp8Tflops: 296, // TPP = 2,368: below every 3A090 prong
  dieAreaMm2: 814,
  memoryBandwidthGBps: 4000, // ≥ 1,400 GB/s: the 2025-04 letters' DRAM test
  ioBandwidthGBps: 900,
  datacenter: true,
});
const HUAWEI = "Huawei Technologies";

const ev = (chip: typeof H100, ctx: EvalContext) => evaluate(chip, ctx, ruleset);

describe("the verdict names the requirements that impose the licence", () => {
  it("H100 to Germany for Huawei on 2026-06-01: the Entity List decides, not 3A090", () => {
    const r = ev(H100, { date: "2026-06-01", destination: "DE", buyer: HUAWEI });
    expect(r.classification).toBe("3A090.a");
    expect(r.licenseRequired).toBe(true);
    expect(r.reviewPolicy).toBe("presumption-of-denial");
    expect(r.requirements.map((x) => [x.kind, x.ruleId, x.policy])).toEqual([
      ["entity-list", "entity-list:huawei", "presumption-of-denial"],
    ]);
    expect(r.requirements[0]!.paragraph).toBe("15 CFR 744.11; Supp. No. 4 to part 744");
    const line = oneLineReason(r, "en");
    expect(line).toMatch(
      /^Licence required by the Entity List, 15 CFR 744\.11; Supp\. No\. 4 to part 744 \(84 FR 22961 /,
    );
    expect(line).toContain('buyer "Huawei Technologies" matches Huawei Technologies Co., Ltd.');
    expect(line).toMatch(/Review policy: presumption of denial\.$/);
    // The classification is not a reason by itself: Germany is outside the 3A090 scope.
    expect(line).not.toContain("3A090");
    // Without the buyer the same shipment needs no licence.
    const plain = ev(H100, { date: "2026-06-01", destination: "DE" });
    expect(plain.licenseRequired).toBe(false);
    expect(plain.requirements).toEqual([]);
    expect(oneLineReason(plain, "en")).toBe(
      "No licence required: 3A090.a, but DE is outside every licence requirement in force.",
    );
  });

  it("H100 to China with no buyer on 2024-01-01: the 3A090 destination scope decides (88 FR 73458)", () => {
    const r = ev(H100, { date: "2024-01-01", destination: "CN" });
    expect(r.requirements).toHaveLength(1);
    const q = r.requirements[0]!;
    expect(q).toMatchObject({
      kind: "item-scope",
      ruleId: "2023-10-17",
      paragraph: "15 CFR 742.6(a)(6)(iii)",
      policy: "presumption-of-denial",
      policyParagraph: "15 CFR 742.6(b)(10)",
    });
    expect(q.test).toMatch(/^3A090\.a item; destination CN in D:/);
    expect(oneLineReason(r, "en")).toBe(
      `Licence required by the 3A090/4A090 licence, 15 CFR 742.6(a)(6)(iii) (88 FR 73458): ${q.test}; review policy presumption of denial (15 CFR 742.6(b)(10)). Review policy: presumption of denial.`,
    );
  });

  it("a buyer headquartered in China: the headquarters paragraph follows the date (§744.23(a)(3), then §742.6(a)(6)(iii)(A))", () => {
    const before = ev(H100, { date: "2024-06-01", destination: "MY", buyerHq: "CN" });
    // (2025-02-01: after 90 FR 4544 moved the paragraph, before the 2025-04 letters, which also reach the buyer)
    const after = ev(H100, { date: "2025-02-01", destination: "MY", buyerHq: "CN" });
    expect(before.requirements.map((x) => x.paragraph)).toEqual(["15 CFR 744.23(a)(3)"]);
    expect(after.requirements.map((x) => x.paragraph)).toEqual(["15 CFR 742.6(a)(6)(iii)(A)"]);
    expect(oneLineReason(after, "en")).toContain("buyer headquartered in CN");
  });

  it("H20 to China on 2025-06-01: the is-informed letter decides (below 3A090), and not for an exporter not informed", () => {
    const r = ev(H20, { date: "2025-06-01", destination: "CN" });
    expect(r.classification).toBe("not-3A090");
    expect(r.requirements.map((x) => [x.kind, x.ruleId, x.standing, x.policy])).toEqual([
      ["is-informed", "2025-04-bandwidth", "is-informed-only", null],
    ]);
    const line = oneLineReason(r, "en");
    expect(line).toMatch(/^Licence required by an is-informed letter, 15 CFR 744\.23\(b\)/);
    expect(line).toContain(
      "(met: DRAM bandwidth ≥ 1400 GB/s, sum ≥ 1700 GB/s; applied as if the exporter was informed)",
    );
    expect(line).toMatch(/Review policy: unknown/);
    const notInformed = ev(H20, { date: "2025-06-01", destination: "CN", informed: false });
    expect(notInformed.licenseRequired).toBe(false);
    expect(notInformed.requirements).toEqual([]);
  });

  it("A100 to Russia: Part 746 alone on 2022-12-01 (the 2022 3A090 scope is China and Macau); both on 2024-01-01, Part 746 first", () => {
    const r22 = ev(A100, { date: "2022-12-01", destination: "RU" });
    expect(r22.classification).toBe("3A090.a");
    expect(r22.requirements.map((x) => x.ruleId)).toEqual(["part-746:russia"]);
    expect(r22.requirements[0]).toMatchObject({
      kind: "sanctions",
      paragraph: "15 CFR 746.8(a)(1)",
      pin: "87 FR 12226",
      policy: "presumption-of-denial",
      policyParagraph: "15 CFR 746.8(b)(1)",
    });
    expect(oneLineReason(r22, "en")).toMatch(
      /^Licence required by Part 746 sanctions, 15 CFR 746\.8\(a\)\(1\) \(87 FR 12226\): Russia/,
    );
    const r24 = ev(A100, { date: "2024-01-01", destination: "RU" });
    // Both presume denial: the fixed order puts Part 746 before the 3A090 scope.
    expect(r24.requirements.map((x) => [x.kind, x.policy])).toEqual([
      ["sanctions", "presumption-of-denial"],
      ["item-scope", "presumption-of-denial"],
    ]);
    const line = oneLineReason(r24, "en");
    expect(line).toMatch(
      /^Licence required by 2 requirements: \(1\) Part 746 sanctions, 15 CFR 746\.8\(a\)\(1\) .*; \(2\) the 3A090\/4A090 licence, 15 CFR 742\.6\(a\)\(6\)\(iii\) \(88 FR 73458\): 3A090\.a item; destination RU in D:/,
    );
    expect(line).toMatch(/Review policy in force: presumption of denial\.$/);
  });

  it("the strictest policy comes first: 3A090 (denial) before SMIC's listing (case-by-case)", () => {
    const r = ev(H100, {
      date: "2024-01-01",
      destination: "CN",
      buyer: "Semiconductor Manufacturing International Corporation",
    });
    // (the name also scores as a hit on SMIC Beijing's entry, listed with the same policy)
    const kinds = r.requirements.map((x) => [x.kind, x.policy]);
    expect(kinds[0]).toEqual(["item-scope", "presumption-of-denial"]);
    expect(r.requirements[1]!.ruleId).toBe("entity-list:smic");
    expect(kinds.slice(1).every(([k, p]) => k === "entity-list" && p === "case-by-case")).toBe(true);
  });

  it("H100 to China for Huawei on 2026-06-01: the listing's denial first; the 2026 case-by-case path relaxes only the 3A090 requirement (§742.6(b)(10))", () => {
    const r = ev(H100, { date: "2026-06-01", destination: "CN", buyer: HUAWEI });
    expect(r.reviewPolicy).toBe("presumption-of-denial");
    expect(r.requirements.map((x) => [x.kind, x.policy])).toEqual([
      ["entity-list", "presumption-of-denial"],
      ["item-scope", "case-by-case"],
      ["is-informed", null],
    ]);
    expect(r.requirements[1]!.policyParagraph).toMatch(/^15 CFR 742\.6\(b\)\(10\) as revised/);
  });

  it("a buyer owned 60 % by Huawei: the Affiliates rule decides while in force (2025-10-15), not while suspended (2026-06-01)", () => {
    const ctx = {
      destination: "MY",
      buyer: "Acme Compute Sdn Bhd",
      ownedBy: [
        { name: HUAWEI, percent: 60 },
        { name: "Jane Doe Holdings", percent: 40 },
      ],
    };
    const on = ev(H100, { ...ctx, date: "2025-10-15" });
    expect(on.licenseRequired).toBe(true);
    expect(on.requirements.map((x) => [x.kind, x.paragraph, x.policy])).toEqual([
      ["affiliates-rule", "15 CFR 744.11(a)(1)", "presumption-of-denial"],
    ]);
    expect(on.requirements[0]!.pin).toBe("90 FR 47201–47214");
    const line = oneLineReason(on, "en");
    expect(line).toMatch(
      /^Licence required by the Affiliates rule, 15 CFR 744\.11\(a\)\(1\) \(90 FR 47201–47214\)/,
    );
    expect(line).toContain(
      "buyer owned 60 % (≥ 50 %) by Entity List parties: Huawei Technologies 60 % (huawei)",
    );
    const off = ev(H100, { ...ctx, date: "2026-06-01" });
    expect(off.licenseRequired).toBe(false);
    expect(off.requirements).toEqual([]);
    expect(oneLineReason(off, "en")).toMatch(/^No licence required/);
  });

  it("an in-US delivery to a China-headquartered listed buyer: no licence, and the verdict says why", () => {
    const r = ev(H100, { date: "2025-06-01", destination: "US", buyerHq: "CN", buyer: HUAWEI });
    expect(r.licenseRequired).toBe(false);
    expect(r.requirements).toEqual([]);
    expect(oneLineReason(r, "en")).toBe(
      "No licence required: a delivery inside the United States is not an export (15 CFR 734.13(a)), whoever the buyer is or where it is headquartered; a later export by the buyer needs its own answer.",
    );
    expect(oneLineReason(r, "zh-CN")).toMatch(/^无需许可证：在美国境内交付不构成出口（15 CFR 734\.13\(a\)）/);
  });

  it("summary detail lists the same requirements", () => {
    const ctx = { date: "2024-01-01", destination: "RU" };
    const full = evaluate(A100, ctx, ruleset);
    const summary = evaluate(A100, ctx, ruleset, { detail: "summary" });
    expect(summary.requirements).toEqual(full.requirements);
  });
});

describe("the screening caveat with the buyer's owners", () => {
  const ctx = {
    destination: "MY",
    buyer: "Acme Compute Sdn Bhd",
    ownedBy: [
      { name: HUAWEI, percent: 60 },
      { name: "Jane Doe Holdings", percent: 40 },
    ],
  };
  const caveatOf = (r: ReturnType<typeof ev>) => r.screening!.find((s) => s.role === "buyer")!.result.caveat;

  it("says the owners were screened and their shares added, and what was still not checked", () => {
    const on = ev(H100, { ...ctx, date: "2025-10-15" });
    const c = caveatOf(on);
    expect(c).toContain("the buyer's 2 owners as given");
    expect(c).toContain("Entity List owners hold 60 % in aggregate");
    expect(c).toContain("the Affiliates rule (≥ 50 %) applied");
    expect(c).not.toContain("the Entity List affiliates rule");
    expect(c).toContain("Not checked: any list not named here");
    expect(c).toContain("OFAC's 50% rule, owners on the MEU List or SDNs");
    // The buyer's "lists checked" reason says the same.
    expect(on.reasons.find((x) => x.ruleId === "screening" && x.test === "buyer screened")!.note).toBe(c);
    const off = ev(H100, { ...ctx, date: "2026-06-01" });
    expect(caveatOf(off)).toContain("the Affiliates rule (≥ 50 %) is suspended on this date: not applied");
    const below = ev(H100, {
      ...ctx,
      date: "2025-10-15",
      ownedBy: [
        { name: HUAWEI, percent: 49.9 },
        { name: "Jane Doe Holdings", percent: 50.1 },
      ],
    });
    expect(caveatOf(below)).toContain("below the Affiliates rule's 50 %: it does not reach the buyer");
  });

  it("without owners the caveat still says the affiliates rule was not checked", () => {
    const r = ev(H100, { destination: "MY", buyer: "Acme Compute Sdn Bhd", date: "2025-10-15" });
    expect(caveatOf(r)).toContain("OFAC's 50% rule and the Entity List affiliates rule");
  });
});

describe("the 3A090 entry's citation follows the date", () => {
  // 87 FR 62186 created ECCN 3A090, effective 2022-10-07 (data/rules/2022-10-07.json); 88 FR 73458 replaced its
  // parameters from 2023-11-17 (data/rules/2023-10-17.json).
  it.each([
    [
      "2022-10-06",
      "not-3A090",
      "no ECCN 3A090 on this date: the entry was added by 87 FR 62186, effective 2022-10-07",
    ],
    ["2022-10-07", "3A090.a", "87 FR 62186"],
    ["2023-11-16", "3A090.a", "87 FR 62186"],
    ["2023-11-17", "3A090.a", "88 FR 73458"],
    ["2025-06-01", "3A090.a", "88 FR 73458"],
  ])("on %s the A100 is %s under %s", (date, cls, citation) => {
    const r = ev(A100, { date, destination: "CN" });
    expect(r.classification).toBe(cls);
    expect(r.item).toMatchObject({ kind: "integrated-circuit", eccn: cls, citation });
  });
});

describe("the requirements in --json, the human answer and the API", () => {
  const t = testApp({ chips: tinyCatalogue });
  afterAll(() => t.close());
  const args = ["--chip", "nvidia-h100-sxm", "--dest", "DE", "--date", "2026-06-01", "--buyer", HUAWEI];

  it("CLI: the answer line names the Entity List listing; --json lists it under requirements", async () => {
    const h = await captureCli(["classify", ...args]);
    expect(h.code).toBe(0);
    expect(h.stdout.split("\n")[1]).toMatch(
      /^Licence required by the Entity List, 15 CFR 744\.11; Supp\. No\. 4 to part 744 \(84 FR 22961 /,
    );
    expect(h.stdout).toMatch(/^ {2}Classification {3}3A090\.a$/m);
    const j = await captureCli(["classify", ...args, "--json"]);
    const r = JSON.parse(j.stdout);
    expect(r.requirements.map((x: { ruleId: string }) => x.ruleId)).toEqual(["entity-list:huawei"]);
    const zh = await captureCli(["classify", ...args, "--lang", "zh-CN"]);
    expect(zh.stdout.split("\n")[1]).toMatch(
      /^需要许可证，依据：实体清单，15 CFR 744\.11; Supp\. No\. 4 to part 744（84 FR 22961 /,
    );
  });

  it("API: POST /classify answers the same requirements", async () => {
    const res = await post(t.app, "/classify", {
      chip: "nvidia-h100-sxm",
      destination: "DE",
      date: "2026-06-01",
      buyer: HUAWEI,
    });
    expect(res.status).toBe(200);
    const body = await jsonOf<{ requirements: { kind: string; ruleId: string; policy: string }[] }>(res);
    expect(body.requirements.map((x) => [x.kind, x.ruleId, x.policy])).toEqual([
      ["entity-list", "entity-list:huawei", "presumption-of-denial"],
    ]);
  });
});
