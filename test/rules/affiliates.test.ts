import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { affiliatesStatusAt } from "../../src/engine/rules/affiliates.js";
import { evaluate } from "../../src/engine/rules/evaluate.js";
import { buildRuleset } from "../../src/engine/rules/ruleset.js";
import { readRuleFiles } from "../../src/data/rules.js";
import { ruleset, spec } from "./helpers.js";

// 90 FR 47201: effective 2025-09-29; suspended 2025-11-10 through 2026-11-09 (BIS final rule of 10 Nov 2025, as
// summarised by Skadden and Squire Patton Boggs); reimposed 2026-11-10 by the suspension's own terms.
const H100 = spec({ fp8Tflops: 1979, dieAreaMm2: 814, ioBandwidthGBps: 900, datacenter: true });
const aff = (date: string, buyer?: string) =>
  evaluate(H100, { date, destination: "DE", ...(buyer ? { buyer } : {}) }, ruleset).reasons.find(
    (r) => r.ruleId === "affiliates-rule",
  );

describe("the Affiliates rule (50 % owned by listed parties)", () => {
  it("is loaded with its dates", () => {
    const rule = ruleset.affiliates!;
    expect(rule.citation).toMatch(/^90 FR 47201/);
    expect(rule.paragraph).toBe("15 CFR 744.11(a)(1)");
    expect(rule.ownershipAtLeastPercent).toBe(50);
    expect(affiliatesStatusAt(rule, "2025-09-28")).toBeNull();
    expect(affiliatesStatusAt(rule, "2025-09-29")!.status).toBe("in-force");
    expect(affiliatesStatusAt(rule, "2025-11-09")!.status).toBe("in-force");
    expect(affiliatesStatusAt(rule, "2025-11-10")!.status).toBe("suspended");
    expect(affiliatesStatusAt(rule, "2026-11-09")!.status).toBe("suspended");
    expect(affiliatesStatusAt(rule, "2026-11-10")!.status).toBe("in-force");
  });

  it("says nothing before 2025-09-29 and nothing when no party is named", () => {
    expect(aff("2025-09-28", "Acme Compute GmbH")).toBeUndefined();
    expect(aff("2025-10-15")).toBeUndefined();
  });

  it("binds from 2025-09-29 to 2025-11-09: ownership must be checked (unknown to the engine)", () => {
    for (const d of ["2025-09-29", "2025-11-09"]) {
      const r = aff(d, "Acme Compute GmbH")!;
      expect(r.passed).toBeNull();
      expect(r.standing).toBeUndefined(); // codified rule text
      expect(r.pin).toBe("90 FR 47201–47214");
      expect(r.note).toMatch(/establish who owns the buyer and consignee/);
    }
  });

  it("is suspended from 2025-11-10 through 2026-11-09: marked not enforced, not applied", () => {
    for (const d of ["2025-11-10", "2026-06-01", "2026-11-09"]) {
      const r = aff(d, "Acme Compute GmbH")!;
      expect(r.passed).toBe(false);
      expect(r.standing).toBe("not-enforced");
      expect(r.note).toMatch(/not applied — suspended from 10 November 2025 through 9 November 2026/);
    }
  });

  it("from 2026-11-10 binds again by the suspension's terms, marked as a reading (no extension found)", () => {
    const r = aff("2026-11-10", "Acme Compute GmbH")!;
    expect(r.passed).toBeNull();
    expect(r.standing).toBe("secondary-source");
    expect(r.pin).toBeUndefined();
    expect(r.note).toMatch(/no extension was found/);
  });

  it("never changes the licence answer when no ownership is given", () => {
    for (const d of ["2025-10-01", "2026-01-01"]) {
      const a = evaluate(H100, { date: d, destination: "DE", buyer: "Acme Compute GmbH" }, ruleset);
      const b = evaluate(H100, { date: d, destination: "DE" }, ruleset);
      expect(a.licenseRequired).toBe(b.licenseRequired);
    }
  });

  it("a rule file with dates out of order is refused naming the file", () => {
    const json = JSON.parse(readFileSync("data/affiliates-rule.json", "utf8"));
    json.status.reverse();
    const groups = {
      file: "data/country-groups.json",
      json: JSON.parse(readFileSync("data/country-groups.json", "utf8")),
    };
    expect(() =>
      buildRuleset(readRuleFiles(), groups, { affiliates: { file: "data/affiliates-rule.json", json } }),
    ).toThrow(/data\/affiliates-rule.json/);
  });
});

// Ownership as an input (ownedBy): the buyer's owners are screened against the curated Entity List (Huawei: licence for
// all items subject to the EAR, presumption of denial, 84 FR 22961; SMIC: case-by-case, 85 FR 83416). Under
// §744.11(a)(1) as 90 FR 47201 wrote it, listed owners holding 50 % or more in aggregate make the buyer restricted as
// they are (the most restrictive of them); the rule is suspended 2025-11-10 to 2026-11-09.
describe("ownership of the buyer under the Affiliates rule (ownedBy)", () => {
  const HUAWEI = "Huawei Technologies Co., Ltd.";
  const SMIC = "Semiconductor Manufacturing International Corporation";
  const own = (date: string, ownedBy: { name: string; percent: number }[], destination = "DE") =>
    evaluate(H100, { date, destination, buyer: "Acme Compute GmbH", ownedBy }, ruleset);

  it("without owners, an H100 to Germany needs no licence (the baseline the owners change)", () => {
    expect(evaluate(H100, { date: "2025-10-01", destination: "DE" }, ruleset).licenseRequired).toBe(false);
  });

  it("in force (2025-10-01): a listed owner with 50 % makes the buyer restricted; 49.9 % does not", () => {
    const at = own("2025-10-01", [{ name: HUAWEI, percent: 50 }]);
    expect(at.licenseRequired).toBe(true);
    expect(at.reviewPolicy).toBe("presumption-of-denial");
    expect(at.exceptions).toEqual([]);
    expect(at.ownership).toMatchObject({
      listedPercent: 50,
      thresholdPercent: 50,
      status: "in-force",
      applied: true,
    });
    expect(at.ownership!.owners[0]).toMatchObject({ listed: true, entries: ["huawei"] });
    const why = at.reasons.find((r) => r.ruleId === "affiliates-rule" && r.test.startsWith("buyer owned"))!;
    expect(why.passed).toBe(true);
    expect(why.pin).toBe("90 FR 47201–47214");
    expect(why.paragraph).toBe("15 CFR 744.11(a)(1)");
    const below = own("2025-10-01", [
      { name: HUAWEI, percent: 49.9 },
      { name: "Jane Doe Holdings", percent: 50.1 },
    ]);
    expect(below.licenseRequired).toBe(false);
    expect(below.ownership).toMatchObject({ listedPercent: 49.9, applied: false });
  });

  it("shares of several listed owners add up, and the strictest review policy applies", () => {
    const r = own("2025-10-01", [
      { name: SMIC, percent: 30 },
      { name: HUAWEI, percent: 20 },
    ]);
    expect(r.ownership!.listedPercent).toBe(50);
    expect(r.licenseRequired).toBe(true);
    expect(r.reviewPolicy).toBe("presumption-of-denial"); // Huawei's denial outranks SMIC's case-by-case
    const smicOnly = own("2025-10-01", [{ name: SMIC, percent: 75 }]);
    expect(smicOnly.reviewPolicy).toBe("case-by-case");
  });

  it("an unlisted owner's share does not count, whatever its size", () => {
    const r = own("2025-10-01", [{ name: "Jane Doe Holdings", percent: 100 }]);
    expect(r.licenseRequired).toBe(false);
    expect(r.ownership).toMatchObject({ listedPercent: 0, applied: false });
  });

  it("before 2025-09-29 the rule was not in effect: listed owners do not extend the listing", () => {
    const r = own("2025-09-28", [{ name: HUAWEI, percent: 100 }]);
    expect(r.licenseRequired).toBe(false);
    expect(r.ownership).toMatchObject({ status: null, applied: false });
    const why = r.reasons.find((x) => x.test.startsWith("buyer owned"))!;
    expect(why.passed).toBe(false);
    expect(why.note).toMatch(/took effect on 2025-09-29/);
    expect(own("2025-09-29", [{ name: HUAWEI, percent: 100 }]).licenseRequired).toBe(true);
  });

  it("suspended from 2025-11-10 through 2026-11-09: said and not applied; back on 2026-11-10 (marked a reading)", () => {
    expect(own("2025-11-09", [{ name: HUAWEI, percent: 60 }]).licenseRequired).toBe(true);
    for (const d of ["2025-11-10", "2026-11-09"]) {
      const r = own(d, [{ name: HUAWEI, percent: 60 }]);
      expect(r.licenseRequired).toBe(false);
      expect(r.ownership).toMatchObject({ status: "suspended", listedPercent: 60, applied: false });
      const why = r.reasons.find((x) => x.test.startsWith("buyer owned"))!;
      expect(why.standing).toBe("not-enforced");
      expect(why.note).toMatch(/not applied — suspended/);
    }
    const back = own("2026-11-10", [{ name: HUAWEI, percent: 60 }]);
    expect(back.licenseRequired).toBe(true);
    expect(back.reasons.find((x) => x.test.startsWith("buyer owned"))!.standing).toBe("secondary-source");
  });

  it("a delivery inside the United States needs no licence even to a listed party's affiliate", () => {
    const r = own("2025-10-01", [{ name: HUAWEI, percent: 100 }], "US");
    expect(r.licenseRequired).toBe(false);
    expect(r.ownership!.applied).toBe(false);
  });

  it("bad ownership input names the field and the value", () => {
    const ctx = (ownedBy: unknown) =>
      ({ date: "2025-10-01", destination: "DE", ownedBy }) as unknown as Parameters<typeof evaluate>[1];
    expect(() => evaluate(H100, ctx([{ name: HUAWEI, percent: 101 }]), ruleset)).toThrow(
      /invalid ownedBy\[0\]\.percent: 101 \(must be a share of the buyer from 0 to 100 %\)/,
    );
    expect(() =>
      evaluate(
        H100,
        ctx([
          { name: "A", percent: 10 },
          { name: "B", percent: -1 },
        ]),
        ruleset,
      ),
    ).toThrow(/invalid ownedBy\[1\]\.percent: -1/);
    expect(() =>
      evaluate(
        H100,
        ctx([
          { name: "A", percent: 70 },
          { name: "B", percent: 50 },
        ]),
        ruleset,
      ),
    ).toThrow(/invalid ownedBy: the shares add up to 120 %/);
    expect(() => evaluate(H100, ctx([{ name: "x".repeat(301), percent: 10 }]), ruleset)).toThrow(
      /invalid ownedBy\[0\]\.name: 301 characters/,
    );
    expect(() => evaluate(H100, ctx([]), ruleset)).toThrow(/invalid ownedBy: 0 owners/);
    const many = Array.from({ length: 21 }, (_, i) => ({ name: `Owner ${i}`, percent: 1 }));
    expect(() => evaluate(H100, ctx(many), ruleset)).toThrow(
      /invalid ownedBy: 21 owners \(must list 1 to 20/,
    );
  });
});
