import { describe, expect, it } from "vitest";
import { fastLog10 } from "../../src/engine/sim/fastmath.js";
import { makeRng } from "../../src/engine/sim/prng.js";

describe("fastLog10", () => {
  it("is exact at powers of ten and at 1 (the model's floor)", () => {
    expect(fastLog10(1)).toBe(0);
    for (let e = 1; e <= 30; e++) expect(Math.abs(fastLog10(10 ** e) - e)).toBeLessThan(4e-15 * e);
  });

  it("matches Math.log10 within a few ulp over 1 … 1e300 (the model's FLOP range is 1e20 … 1e32)", () => {
    const rng = makeRng(20221007);
    let worst = 0;
    for (let i = 0; i < 200_000; i++) {
      const x = 10 ** (rng.next() * 300);
      const want = Math.log10(x);
      const err = Math.abs(fastLog10(x) - want) / Math.max(1, Math.abs(want));
      if (err > worst) worst = err;
    }
    // 2^-52 ≈ 2.2e-16 is one ulp at 1; a few ulp of the result, relative to max(1, |log10 x|).
    expect(worst).toBeLessThan(1e-15);
  });

  it("falls back to Math.log10 outside its fast range", () => {
    expect(fastLog10(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(fastLog10(-1)).toBeNaN();
    expect(fastLog10(Number.NaN)).toBeNaN();
    expect(fastLog10(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(fastLog10(5e-324)).toBe(Math.log10(5e-324));
  });

  it("has no step where its 1,024-cell table changes cell", () => {
    // The last double of one cell and the first of the next differ by 2^-52 in x, so by about 1e-16 in log10 x:
    // a wrong table entry would show as a jump of its whole error.
    for (let i = 1; i < 1024; i++) {
      const edge = 1 + i / 1024;
      const below = edge - 2 ** -52;
      expect(Math.abs(fastLog10(edge) - fastLog10(below))).toBeLessThan(5e-16);
      expect(Math.abs(fastLog10(edge) - Math.log10(edge))).toBeLessThan(2e-16);
    }
  });
});
