import { describe, expect, it } from "vitest";
import { loadScenario } from "../../src/data/scenarios.js";
import { makeSampler, type PosteriorParticles, uncoveredParams } from "../../src/engine/sim/sample.js";
import type { Scenario } from "../../src/engine/sim/scenario.js";

function scenario(name: string): Scenario {
  const r = loadScenario(name);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}

/** A posterior of `size` particles over every parameter of s: particle k of parameter j, segment g = j·1000 + g·100 + k. */
function fakePosterior(s: Scenario, size: number, skip: string[] = []): PosteriorParticles {
  const params: PosteriorParticles["params"] = {};
  Object.keys(s.params).forEach((name, j) => {
    if (skip.includes(name)) return;
    params[name] = s.params[name as keyof Scenario["params"]].segments.map((g, k) => ({
      from: g.from,
      dist: g.dist,
      values: Float64Array.from({ length: size }, (_, i) => j * 1000 + k * 100 + i),
    }));
  });
  return { size, params };
}

describe("makeSampler with a posterior", () => {
  const s = scenario("history");
  const names = Object.keys(s.params);
  it("every draw takes one particle index for all parameters (the joint posterior is kept)", () => {
    const cols = makeSampler(s, 7, fakePosterior(s, 5)).next(300) as Record<string, Float64Array[]>;
    const seen = new Set<number>();
    for (let d = 0; d < 300; d++) {
      const i = cols[names[0]!]![0]![d]!; // parameter 0, segment 0: the particle index itself
      seen.add(i);
      names.forEach((n, j) => {
        for (const [k, col] of cols[n]!.entries()) expect(col[d]).toBe(j * 1000 + k * 100 + i);
      });
    }
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4]); // all particles used, uniformly enough to hit each
  });
  it("the same seed picks the same particles in another scenario (common random numbers)", () => {
    const t = scenario("status-quo");
    const a = makeSampler(s, 11, fakePosterior(s, 50)).next(200) as Record<string, Float64Array[]>;
    const b = makeSampler(t, 11, fakePosterior(s, 50)).next(200) as Record<string, Float64Array[]>;
    // Parameter 0's first segment holds the particle index in both runs.
    expect(Array.from(b[names[0]!]![0]!)).toEqual(Array.from(a[names[0]!]![0]!));
    const c = makeSampler(s, 12, fakePosterior(s, 50)).next(200) as Record<string, Float64Array[]>;
    expect(Array.from(c[names[0]!]![0]!)).not.toEqual(Array.from(a[names[0]!]![0]!));
  });
  it("a segment the scenario defines differently is drawn from the scenario, as without a posterior", () => {
    const name = names[1]!;
    const post = fakePosterior(s, 5);
    post.params[name] = post.params[name]!.map((g) => ({
      ...g,
      dist: { dist: "point", value: -1 } as never,
    }));
    const withPost = makeSampler(s, 3, post).next(100) as Record<string, Float64Array[]>;
    const prior = makeSampler(s, 3).next(100) as Record<string, Float64Array[]>;
    expect(Array.from(withPost[name]![0]!)).toEqual(Array.from(prior[name]![0]!));
  });
  it("names the uncertain parameters a posterior lacks", () => {
    const uncertain = names.filter((n) =>
      s.params[n as keyof Scenario["params"]].segments.some((g) => g.dist.dist !== "point"),
    );
    expect(uncoveredParams(s, fakePosterior(s, 3, [uncertain[0]!]))).toEqual([uncertain[0]]);
    expect(uncoveredParams(s, fakePosterior(s, 3))).toEqual([]);
  });
});
