import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatNumber } from "../../src/engine/format/number.js";
import { formatPd } from "../../src/engine/rules/evaluate.js";

// classify's "how" writes PD without Intl (the batch path's largest cost); it must read exactly as the project's
// formatter does.
const same = (v: number) => expect(formatPd(v), String(v)).toBe(formatNumber(v, { digits: 4 }));

describe("formatPd", () => {
  it("gives hand-checked en-US readings at 4 significant digits", () => {
    expect(formatPd(15832 / 814)).toBe("19.45"); // H100 SXM: 19.4496…
    expect(formatPd(2.431203931203931)).toBe("2.431");
    expect(formatPd(5.92)).toBe("5.92");
    expect(formatPd(1234.56)).toBe("1,235");
    expect(formatPd(9999.5)).toBe("10,000");
    expect(formatPd(9.9995)).toBe("10");
    expect(formatPd(0.0012345)).toBe("0.001235"); // shortest decimal 0.0012345, the tie rounds up
    expect(formatPd(1.00005)).toBe("1"); // four significant digits: 1.000 → "1"
    expect(formatPd(1.00049)).toBe("1");
    expect(formatPd(1.0005)).toBe("1.001");
  });

  it("writes what formatNumber(pd, { digits: 4 }) writes", () => {
    for (const v of [
      0, 1e-3, 9.999e-4, 0.00099995, 9999.4, 9999.5, 9999.49, 1e4, 1e9, 5.91999, 5.92001, 3.2, 1.6,
    ])
      same(v);
    // Ties in the fifth significant digit at every magnitude, as written in decimal (the double may lie below).
    for (const m of [1.0005, 1.2345, 2.0015, 4.4445, 6.6665, 9.9995, 3.1425, 7.0005])
      for (let e = -3; e <= 3; e++) same(m * 10 ** e);
    // The doubles either side of a decimal tie (one ulp away), where rounding the double and rounding its shortest
    // decimal could part ways.
    const step = (v: number, d: 1 | -1) => {
      const b = new Float64Array([v]);
      const i = new BigInt64Array(b.buffer);
      i[0] = i[0]! + BigInt(d);
      return b[0]!;
    };
    for (const t of [1.2345, 19.455, 2.4315, 5.9205, 123.45, 1234.5, 0.0045675, 9999.5, 9.9995])
      for (const v of [t, step(t, 1), step(t, -1), step(step(t, 1), 1), step(step(t, -1), -1)]) same(v);
    fc.assert(
      fc.property(fc.double({ min: 1e-4, max: 2e4, noNaN: true }), (v) => {
        same(v);
      }),
      { numRuns: 30_000 },
    );
    // TPP / die area as the engine computes it (whole TPP over whole mm², then halves and tenths).
    for (let tpp = 0; tpp <= 40_000; tpp += 97)
      for (let area = 50; area <= 1000; area += 13) {
        same(tpp / area);
        same((tpp + 0.5) / (area + 0.1));
      }
  });
});
