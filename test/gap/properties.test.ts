import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  dayNumber,
  frontierPair,
  frontierValue,
  isoDay,
  lagDaysAt,
  lagSeriesDays,
} from "../../src/engine/gap/index.js";
import type { Observation } from "../../src/engine/gap/types.js";

const START = dayNumber("2020-01-01");
const SPAN = 1500;

const obsArb = (bloc?: "US" | "CN") =>
  fc.record({
    name: fc.string({ minLength: 1, maxLength: 4 }),
    bloc: bloc ? fc.constant(bloc) : fc.constantFrom<"US" | "CN">("US", "CN"),
    day: fc.integer({ min: 0, max: SPAN }),
    value: fc.integer({ min: 0, max: 40 }), // small range so ties are common
  });

type Raw = { name: string; bloc: "US" | "CN"; day: number; value: number };
const toObs = (r: Raw): Observation => ({
  name: r.name,
  organization: r.name,
  bloc: r.bloc,
  date: isoDay(START + r.day),
  value: r.value,
  openWeights: null,
});

/** Brute force straight from the definition, for comparison. */
function naiveLag(raws: Raw[], t: number): number {
  const best = (b: string, day: number) =>
    raws
      .filter((r) => r.bloc === b && r.day <= day)
      .reduce((m, r) => Math.max(m, r.value), Number.NEGATIVE_INFINITY);
  const us = best("US", t);
  const cn = best("CN", t);
  if (us === Number.NEGATIVE_INFINITY || cn === Number.NEGATIVE_INFINITY) return Number.NaN;
  const firstDay = (b: string, v: number) =>
    Math.min(...raws.filter((r) => r.bloc === b && r.value >= v).map((r) => r.day));
  return us >= cn ? t - firstDay("US", cn) : -(t - firstDay("CN", us));
}

const lagOf = (raws: Raw[], t: number) => lagDaysAt(frontierPair(raws.map(toObs)), START + t);
const same = (a: number, b: number) => (Number.isNaN(a) ? Number.isNaN(b) : a === b);

describe("gap properties", () => {
  it("matches the definition computed by brute force", () => {
    fc.assert(
      fc.property(
        fc.array(obsArb(), { maxLength: 30 }),
        fc.integer({ min: 0, max: SPAN + 30 }),
        (raws, t) => {
          expect(same(lagOf(raws, t), naiveLag(raws, t))).toBe(true);
        },
      ),
    );
  });

  it("a positive lag never exceeds the time since the US first passed China's current value", () => {
    fc.assert(
      fc.property(fc.array(obsArb(), { maxLength: 30 }), fc.integer({ min: 0, max: SPAN }), (raws, t) => {
        const lag = lagOf(raws, t);
        if (Number.isNaN(lag) || lag < 0) return;
        const cn = Math.max(...raws.filter((r) => r.bloc === "CN" && r.day <= t).map((r) => r.value));
        // The property is about the US leading or tied at t. A Chinese lead that began on day t also gives lag 0
        // (−(t − t)), with no US model at China's level to bound it, so that case is left to the other tests.
        if (!raws.some((r) => r.bloc === "US" && r.day <= t && r.value >= cn)) return;
        // …and it is at least the time since any US model at China's level came out (it is the earliest one).
        for (const r of raws)
          if (r.bloc === "US" && r.value >= cn && r.day <= t) expect(lag).toBeGreaterThanOrEqual(t - r.day);
        const passed = Math.min(...raws.filter((r) => r.bloc === "US" && r.value >= cn).map((r) => r.day));
        expect(lag).toBeLessThanOrEqual(t - passed);
      }),
    );
  });

  // Lag = how far China is behind. A new US model can only make the US reach China's level sooner (or, when
  // China leads, shrink China's lead), so it can only raise the lag or leave it; it never lowers it. (The issue's
  // wording "never raises" reads lag as the US's position; with DESIGN §4's sign it is this.)
  it("adding a US model never lowers the lag", () => {
    fc.assert(
      fc.property(
        fc.array(obsArb(), { maxLength: 25 }),
        obsArb("US"),
        fc.integer({ min: 0, max: SPAN }),
        (raws, extra, t) => {
          const before = lagOf(raws, t);
          const after = lagOf([...raws, extra], t);
          if (Number.isNaN(before)) return;
          expect(after).toBeGreaterThanOrEqual(before);
        },
      ),
    );
  });

  it("adding a Chinese model never raises the lag", () => {
    fc.assert(
      fc.property(
        fc.array(obsArb(), { maxLength: 25 }),
        obsArb("CN"),
        fc.integer({ min: 0, max: SPAN }),
        (raws, extra, t) => {
          const before = lagOf(raws, t);
          const after = lagOf([...raws, extra], t);
          if (Number.isNaN(before)) return;
          expect(after).toBeLessThanOrEqual(before);
        },
      ),
    );
  });

  it("a Chinese model with a new high never lowers the China frontier, and sets it from its release", () => {
    fc.assert(
      fc.property(fc.array(obsArb(), { maxLength: 25 }), fc.integer({ min: 0, max: SPAN }), (raws, day) => {
        const high = Math.max(0, ...raws.map((r) => r.value)) + 1;
        const before = frontierPair(raws.map(toObs)).cn;
        const after = frontierPair(
          [...raws, { name: "new", bloc: "CN" as const, day, value: high }].map(toObs),
        ).cn;
        for (let t = 0; t <= SPAN; t += 37) {
          const b = frontierValue(before, START + t);
          const a = frontierValue(after, START + t);
          if (b !== null) expect(a).not.toBeNull();
          if (b !== null && a !== null) expect(a).toBeGreaterThanOrEqual(b);
          if (t >= day) expect(a).toBe(high);
        }
      }),
    );
  });

  it("the daily walk agrees with the per-day search", () => {
    fc.assert(
      fc.property(fc.array(obsArb(), { maxLength: 30 }), (raws) => {
        const pair = frontierPair(raws.map(toObs));
        const s = lagSeriesDays(pair, START - 5, START + SPAN + 5);
        for (let i = 0; i < s.length; i += 11) expect(same(s[i]!, lagDaysAt(pair, START - 5 + i))).toBe(true);
      }),
    );
  });
});
