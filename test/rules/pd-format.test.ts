import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatNumber } from "../../src/engine/format/number.js";
import { formatPd } from "../../src/engine/rules/evaluate.js";

// classify's "how" writes PD with a formatter held by the engine; it must read exactly as the project's formatter.
describe("formatPd", () => {
  it("writes what formatNumber(pd, { digits: 4 }) writes", () => {
    // Hand-checked en-US readings at 4 significant digits, and both sides of the formatter's range limits.
    expect(formatPd(2.431203931203931)).toBe("2.431");
    expect(formatPd(5.92)).toBe("5.92");
    expect(formatPd(1234.56)).toBe("1,235");
    expect(formatPd(12345.6)).toBe("12,346");
    for (const v of [0, 1e-3, 9.999e-4, 9999.4, 9999.5, 1e4, 1e9, 0.00123456, 5.91999, 5.92001, 3.2, 1.6])
      expect(formatPd(v), String(v)).toBe(formatNumber(v, { digits: 4 }));
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e6, noNaN: true }), (v) => {
        expect(formatPd(v)).toBe(formatNumber(v, { digits: 4 }));
      }),
      { numRuns: 5000 },
    );
    // TPP / die area as the engine computes it (whole TPP over whole mm²).
    for (let tpp = 0; tpp <= 40_000; tpp += 997)
      for (let area = 50; area <= 1000; area += 37)
        expect(formatPd(tpp / area)).toBe(formatNumber(tpp / area, { digits: 4 }));
  });
});
