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

  it("never changes the licence answer by itself (ownership is not an input)", () => {
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
