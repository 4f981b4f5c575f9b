import { describe, expect, it } from "vitest";
import { loadChips } from "../../src/data/chips.js";
import { evaluate } from "../../src/engine/rules/evaluate.js";
import { ruleset, spec } from "./helpers.js";

// The 3A090 tests cite the rule that printed them; where the page inside that rule could not be read from any
// source, the reason says so ("not confirmed") instead of leaving the first page to pass for a pin.
const H100 = spec({ fp8Tflops: 1979, dieAreaMm2: 814, ioBandwidthGBps: 900, datacenter: true });
const A100 = spec({ fp16Tflops: 312, int8Tops: 624, dieAreaMm2: 826, ioBandwidthGBps: 600 });

const PAGE = /^\d+ FR \d+(–\d+)?( \(.+\))?$/;

describe("pin cites of the 3A090 tests", () => {
  it("2023 rule: 3A090.a.1/.a.2/.b.1/.b.2 cite 88 FR 73458 with the page marked not confirmed", () => {
    const r = evaluate(H100, { date: "2024-06-01", destination: "CN" }, ruleset);
    for (const p of ["a.1", "a.2", "b.1", "b.2"]) {
      const x = r.reasons.find((y) => y.paragraph === `Supp. No. 1 to part 774, ECCN 3A090.${p}`)!;
      expect(x.citation).toMatch(/^88 FR 73458/);
      expect(x.pin).toMatch(/^not confirmed — the rule begins at 88 FR 73458/);
    }
  });

  it("2022 rule: the TPP test (3A090.a.1) and the I/O test (3A090.a lead-in) cite 87 FR 62186, page not confirmed", () => {
    const r = evaluate(A100, { date: "2023-06-01", destination: "CN" }, ruleset);
    const perf = r.reasons.find((y) => y.paragraph === "Supp. No. 1 to part 774, ECCN 3A090.a.1")!;
    const io = r.reasons.find((y) => y.paragraph === "Supp. No. 1 to part 774, ECCN 3A090.a (lead-in)")!;
    for (const x of [perf, io]) {
      expect(x.citation).toMatch(/^87 FR 62186/);
      expect(x.pin).toMatch(/^not confirmed — the rule begins at 87 FR 62186/);
    }
  });

  it("Note 2 carries the same marking when it is tested (a non-datacenter part below TPP 4800)", () => {
    const gaming = spec({ fp16Tflops: 4000 / 16, dieAreaMm2: 300, datacenter: false });
    const r = evaluate(gaming, { date: "2024-06-01", destination: "CN" }, ruleset);
    const n2 = r.reasons.find((y) => y.paragraph === "Supp. No. 1 to part 774, Note 2 to 3A090")!;
    expect(n2.passed).toBe(true);
    expect(n2.pin).toMatch(/^not confirmed/);
  });

  it("every pin on the catalogue's reasons is either an FR page (range) or marked not confirmed", () => {
    const seen = new Set<string>();
    for (const chip of loadChips())
      for (const date of ["2023-06-01", "2024-06-01", "2025-02-01", "2026-03-01"])
        for (const r of evaluate(chip, { date, destination: "CN" }, ruleset).reasons)
          if (r.pin !== undefined) seen.add(r.pin);
    expect(seen.size).toBeGreaterThan(1);
    for (const pin of seen) expect(PAGE.test(pin) || pin.startsWith("not confirmed"), pin).toBe(true);
  });
});
