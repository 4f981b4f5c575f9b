import { describe, expect, it } from "vitest";
import { prepareRun } from "../../src/data/scenarios.js";
import { makePlan } from "../../src/engine/sim/plan.js";
import { makeSampler, type PosteriorParticles } from "../../src/engine/sim/sample.js";
import { parseOutputRef, sobol, tornado } from "../../src/engine/sim/sensitivity.js";

describe("sensitivity on a posterior", () => {
  const prep = prepareRun("status-quo", { counterfactual: false });
  if (!prep.ok) throw new Error(JSON.stringify(prep.issues));
  const { scenario: s, inputs } = prep.value;
  const plan = makePlan(s, inputs);
  if (!plan.ok) throw new Error("plan");
  const out = parseOutputRef("gapMonths@2028Q4", plan.value);
  if (!out.ok) throw new Error("out");
  const prior = tornado(plan.value, s, out.value);
  const top = prior.bars[0]!;

  // A "posterior" of 500 prior draws, except that the most influential parameter is pinned at one value.
  const M = 500;
  const cols = makeSampler(s, 17).next(M) as unknown as Record<string, Float64Array[]>;
  const params: PosteriorParticles["params"] = {};
  for (const [name, def] of Object.entries(s.params))
    params[name] = def.segments.map((g, k) => ({
      from: g.from,
      dist: g.dist,
      values:
        name === top.param
          ? new Float64Array(M).fill(cols[name]![k]![0]!)
          : Float64Array.from(cols[name]![k]!),
    }));
  const posterior: PosteriorParticles = { size: M, params };

  it("a parameter the data pinned has no tornado swing, and its p10 = p90 is the pinned value", () => {
    expect(top.swing).toBeGreaterThan(0);
    const t = tornado(plan.value, s, out.value, undefined, posterior);
    const bar = t.bars.find((b) => b.param === top.param)!;
    expect(bar.swing).toBe(0);
    expect(bar.low).toBe(cols[top.param]![0]![0]);
    expect(bar.high).toBe(bar.low);
  });
  it("and a Sobol total index of zero", () => {
    const r = sobol(plan.value, s, out.value, { N: 64, seed: 1, bootstrap: 0, posterior });
    const i = r.indices.find((x) => x.param === top.param)!;
    expect(i.total).toBe(0);
    const p = sobol(plan.value, s, out.value, { N: 64, seed: 1, bootstrap: 0 });
    expect(p.indices.find((x) => x.param === top.param)!.total).toBeGreaterThan(0);
  });
});
