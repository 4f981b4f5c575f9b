/// <reference lib="webworker" />
/**
 * The simulation worker: holds the built-in scenarios and their inputs, and on each request applies the page's
 * controls and calls the very runScenario the CLI and the server use.
 */
import { quantile } from "../../../src/engine/sim/distributions.js";
import { PARAM_NAMES } from "../../../src/engine/sim/params.js";
import { runScenario } from "../../../src/engine/sim/run.js";
import type { Scenario } from "../../../src/engine/sim/scenario.js";
import { applyControls } from "./controls.js";
import type { FromWorker, ToWorker } from "./protocol.js";
import type { SimInit, SimRequest, SimResponse, SimRunResult, TornadoBar } from "./sim-types.js";

const scope = self as unknown as DedicatedWorkerGlobalScope;
let bases: SimInit["bases"] = {};

function post(msg: FromWorker<SimResponse>) {
  scope.postMessage(msg);
}

/** Every parameter fixed at its median (first segment's quantile per segment), optionally one at p. */
function pointScenario(s: Scenario, only?: { name: string; p: number }): Scenario {
  const params = { ...s.params };
  for (const name of PARAM_NAMES) {
    const p = only && only.name === name ? only.p : 0.5;
    params[name] = { ...params[name], segments: params[name].segments.map((seg) => ({ ...seg, dist: { dist: "point", value: quantile(seg.dist, p) } })) };
  }
  return { ...s, params, conditions: [] };
}

function tornado(s: Scenario, inputs: SimInit["bases"][string]["inputs"], variable: string, quarter: string): TornadoBar[] {
  const at = (sc: Scenario): number => {
    const r = runScenario(sc, inputs, { draws: 1, seed: 1 });
    if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join("; "));
    const q = r.value.quarters.indexOf(quarter);
    const summary = (r.value.series as Record<string, { p50: number[] }>)[variable];
    if (q < 0 || !summary) throw new Error(`unknown output ${variable}@${quarter}`);
    return summary.p50[q]!;
  };
  const base = at(pointScenario(s));
  const bars: TornadoBar[] = [];
  for (const name of PARAM_NAMES) {
    const d = s.params[name].segments[0]!.dist;
    if (d.dist === "point") continue;
    bars.push({
      param: name,
      low: at(pointScenario(s, { name, p: 0.1 })),
      high: at(pointScenario(s, { name, p: 0.9 })),
      base,
      p10: quantile(d, 0.1),
      p90: quantile(d, 0.9),
    });
  }
  return bars.sort((a, b) => Math.abs(b.high - b.low) - Math.abs(a.high - a.low));
}

// Recent runs by their full settings: same scenario, controls, draws and seed give the same numbers, so a run
// repeated while another parameter moves (the backtest's history, compared scenarios) is not recomputed.
const recent = new Map<string, SimRunResult>();
const RECENT_MAX = 12;

function run(req: SimRequest): SimResponse {
  const runs: SimResponse["runs"] = [];
  const runMs: number[] = [];
  for (const { name, controls } of req.runs) {
    const base = bases[name];
    if (!base) throw new Error(`unknown scenario ${JSON.stringify(name)}`);
    const key = JSON.stringify([name, controls.mults, [...controls.off].sort(), req.draws, req.seed]);
    const t0 = performance.now();
    let result = recent.get(key);
    if (!result) {
      const r = runScenario(applyControls(base.scenario, controls), base.inputs, { draws: req.draws, seed: req.seed });
      if (!r.ok) throw new Error(r.issues.map((i) => `invalid ${i.path}: ${i.message}`).join("; "));
      result = { name, quarters: r.value.quarters, series: r.value.series, probabilities: r.value.probabilities };
      recent.set(key, result);
      if (recent.size > RECENT_MAX) recent.delete(recent.keys().next().value!);
    }
    runMs.push(performance.now() - t0);
    runs.push(result);
  }
  let bars: TornadoBar[] | null = null;
  const first = req.runs[0];
  if (req.tornado && first && bases[first.name]) {
    const b = bases[first.name]!;
    bars = tornado(applyControls(b.scenario, first.controls), b.inputs, req.tornado.variable, req.tornado.quarter);
  }
  return { runs, tornado: bars, runMs };
}

scope.addEventListener("message", (e: MessageEvent<ToWorker<SimInit, SimRequest>>) => {
  const msg = e.data;
  if (msg.type === "init") {
    bases = { ...bases, ...msg.init.bases };
    recent.clear();
    post({ type: "ready" });
    return;
  }
  const t0 = performance.now();
  try {
    const result = run(msg.request);
    post({ type: "result", id: msg.id, result, ms: performance.now() - t0 });
  } catch (err) {
    post({ type: "error", id: msg.id, message: err instanceof Error ? err.message : String(err) });
  }
});
