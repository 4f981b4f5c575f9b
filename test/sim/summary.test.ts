import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bracketQuantiles, quantilesInPlace, SUMMARY_PROBS } from "../../src/engine/sim/summary.js";

// The bracketed one-pass quantiles must equal the exact type-7 quantiles of a full quickselect, whatever the data:
// continuous, mostly zeros (a channel closed in most draws), few distinct values, sorted or reversed.
describe("bracketQuantiles", () => {
  it("matches exact type-7 quantiles on every shape of data", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12_000 }),
        fc.constantFrom("uniform", "zeros", "few", "sorted", "reversed"),
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        (n, shape, seed) => {
          let s = seed;
          const rnd = () => (s = (s * 48271) % 2147483647) / 2147483647;
          const a = new Float64Array(n);
          for (let i = 0; i < n; i++)
            a[i] =
              shape === "uniform"
                ? rnd() * 1e6
                : shape === "zeros"
                  ? rnd() < 0.8
                    ? 0
                    : rnd()
                  : shape === "few"
                    ? Math.floor(rnd() * 3)
                    : shape === "sorted"
                      ? i
                      : n - i;
          const copy = new Float64Array(a);
          const out = new Float64Array(SUMMARY_PROBS.length);
          const mean = bracketQuantiles(a, SUMMARY_PROBS, new Float64Array(n), out);
          expect(Array.from(out)).toEqual(quantilesInPlace(new Float64Array(a), SUMMARY_PROBS));
          expect(a).toEqual(copy); // input untouched
          expect(mean).toBeCloseTo(copy.reduce((x, y) => x + y, 0) / n, 6);
        },
      ),
      { numRuns: 120 },
    );
  });

  it("gives the hand-computed quantiles of 0..10,000", () => {
    // Type 7 on 0..10000 (n = 10,001): h = 10000 p, so p5 = 500, p25 = 2500, p50 = 5000, p75 = 7500, p95 = 9500.
    const a = Float64Array.from({ length: 10_001 }, (_, i) => 10_000 - i);
    const out = new Float64Array(5);
    expect(bracketQuantiles(a, SUMMARY_PROBS, new Float64Array(a.length), out)).toBe(5000);
    expect(Array.from(out)).toEqual([500, 2500, 5000, 7500, 9500]);
  });
});
