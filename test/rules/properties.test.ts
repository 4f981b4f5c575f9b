import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { maxUncontrolledTpp } from "../../src/engine/rules/design-space.js";
import { evaluate } from "../../src/engine/rules/evaluate.js";
import { findRule } from "../../src/engine/rules/ruleset.js";
import { byTpp, ruleset } from "./helpers.js";

const date = "2024-06-01"; // 2023 rule in force, before the 2025 bandwidth trigger
const controlled = (t: number, area: number, datacenter: boolean) => {
  const c = evaluate(byTpp(t, area, { datacenter }), { date, destination: "CN" }, ruleset).classification;
  expect(c).not.toBe("indeterminate");
  return c === "3A090.a" || c === "3A090.b";
};
const tppArb = fc.double({ min: 0, max: 20000, noNaN: true });
const areaArb = fc.double({ min: 1, max: 3000, noNaN: true });

describe("2023 rule monotonicity (fast-check)", () => {
  it("never goes from controlled to uncontrolled as TPP rises at a fixed die area", () => {
    fc.assert(
      fc.property(tppArb, tppArb, areaArb, fc.boolean(), (t1, t2, area, dc) => {
        const [lo, hi] = t1 <= t2 ? [t1, t2] : [t2, t1];
        if (controlled(lo, area, dc)) expect(controlled(hi, area, dc)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
  it("never goes from controlled to uncontrolled as the die area shrinks at a fixed TPP", () => {
    fc.assert(
      fc.property(tppArb, areaArb, areaArb, fc.boolean(), (t, a1, a2, dc) => {
        const [small, big] = a1 <= a2 ? [a1, a2] : [a2, a1];
        if (controlled(t, big, dc)) expect(controlled(t, small, dc)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
  it("maxUncontrolledTpp is the exact edge: controlled at the bound, uncontrolled just below", () => {
    const rule = findRule(ruleset, "2023-10-17")!;
    fc.assert(
      fc.property(areaArb, fc.boolean(), (area, dc) => {
        const m = maxUncontrolledTpp(rule, { dieArea: area, datacenter: dc });
        expect(m.inclusive).toBe(false);
        // the bound may be a product like 3.2 × area; evaluate a hair above and below it
        expect(controlled(m.tpp * (1 + 1e-12), area, dc)).toBe(true);
        expect(controlled(m.tpp * (1 - 1e-9), area, dc)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
