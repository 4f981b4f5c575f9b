import { test } from "vitest";
import { loadScenario, loadSimData, buildInputs } from "../../src/data/scenarios.js";
import { runScenario } from "../../src/engine/sim/run.js";
import { makePlan } from "../../src/engine/sim/plan.js";
import { makeSampler } from "../../src/engine/sim/sample.js";
import { runModel, allocOutputs } from "../../src/engine/sim/model.js";
test("perf", () => {
  const s = loadScenario("status-quo"); if (!s.ok) throw 0;
  const data = loadSimData();
  const inp = buildInputs(s.value, s.value.events, data); if (!inp.ok) throw 0;
  const plan = makePlan(s.value, inp.value); if (!plan.ok) throw 0;
  const D = 10000;
  const out = allocOutputs(D, plan.value.Q);
  for (let k = 0; k < 5; k++) {
    let t = performance.now();
    const cols = makeSampler(s.value, 1).next(D);
    const ts = performance.now() - t; t = performance.now();
    runModel(plan.value, cols, D, out);
    const tm = performance.now() - t; t = performance.now();
    runScenario(s.value, inp.value, { draws: D });
    const tr = performance.now() - t;
    console.log("Q", plan.value.Q, "sample", ts.toFixed(1), "model", tm.toFixed(1), "full", tr.toFixed(1));
  }
});
