import { loadScenario, loadSimData, buildInputs, observedSeries } from "../../src/data/scenarios.js";
import { runScenario } from "../../src/engine/sim/run.js";
const name = process.env.SC ?? "history";
const s = loadScenario(name);
if (!s.ok) { console.log(s.issues); throw new Error("x"); }
const data = loadSimData();
const t0 = performance.now();
const inp = buildInputs(s.value, s.value.events, data);
if (!inp.ok) { console.log(inp.issues); throw new Error("x"); }
console.log("inputs ms", performance.now() - t0);
console.log(inp.value.legal.map((l) => `${l.quarter} ${l.chipId} ${l.h100e.toFixed(3)}`).join("\n"));
console.log(inp.value.chipH100e, inp.value.usHistory.slice(-4));
const nc = loadScenario("no-controls"); if (!nc.ok) throw 0;
const cfIn = buildInputs(s.value, nc.value.events, data); if (!cfIn.ok) throw 0;
const t1 = performance.now();
const r = runScenario(s.value, inp.value, { counterfactual: { name: "no-controls", events: nc.value.events, inputs: cfIn.value } });
console.log("run ms", performance.now() - t1);
if (!r.ok) { console.log(r.issues); throw new Error("x"); }
const obs = observedSeries(data.models, r.value.quarters);
const f = (x: number) => x.toExponential(2);
for (const [i, q] of r.value.quarters.entries()) {
  const S = r.value.series;
  console.log(q, "usF", f(S.usFrontierFlop.p5[i]!), f(S.usFrontierFlop.p50[i]!), f(S.usFrontierFlop.p95[i]!), "obs", obs.usFrontierFlop[i]?.toExponential(2),
   "| cnF", f(S.cnFrontierFlop.p5[i]!), f(S.cnFrontierFlop.p50[i]!), f(S.cnFrontierFlop.p95[i]!), "obs", obs.cnFrontierFlop[i]?.toExponential(2),
   "| gap", S.gapMonths.p5[i]!.toFixed(1), S.gapMonths.p50[i]!.toFixed(1), S.gapMonths.p95[i]!.toFixed(1), "obs", obs.gapMonths[i]?.toFixed(1),
   "| cnK", f(S.cnStockH100e.p50[i]!), "usK", f(S.usStockH100e.p50[i]!), "leg", f(S.legalH100e.p50[i]!), "stk", f(S.stockpileH100e.p50[i]!), "smug", f(S.smugglingH100e.p50[i]!), "rem", f(S.remoteH100e.p50[i]!), "dom", f(S.domesticH100e.p50[i]!));
}
console.log(r.value.probabilities, r.value.counterfactualRatio?.cnAccessibleH100e.p50.slice(-1), r.value.counterfactualRatio?.gapMonthsDifference.p50.slice(-1));
import { test } from "vitest";
test("smoke", () => {});
