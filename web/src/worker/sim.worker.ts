/// <reference lib="webworker" />
/**
 * The simulation worker: holds the built-in scenarios, builds their inputs with the CLI's adapter, and on each
 * request applies the page's controls and calls the very runScenario (and tornado) the CLI and the server use.
 */
import { makePlan } from "../../../src/engine/sim/plan.js";
import type { Variable } from "../../../src/engine/sim/model.js";
import { runScenario, type SimResult } from "../../../src/engine/sim/run.js";
import { parseScenario, type Scenario } from "../../../src/engine/sim/scenario.js";
import { parseOutputRef, tornado } from "../../../src/engine/sim/sensitivity.js";
import { applyControls, SLIDER_PARAMS } from "./controls.js";
import type { FromWorker, ToWorker } from "./protocol.js";
import { frontierModels, InputsBuilder } from "./sim-inputs.js";
import type { SimInit, SimRequest, SimResponse, SimRunResult, TornadoBar } from "./sim-types.js";

const scope = self as unknown as DedicatedWorkerGlobalScope;
const scenarios = new Map<string, Scenario>();
let builder: InputsBuilder | null = null;
let posterior: SimInit["posterior"] | null = null;

// Recent runs by their full settings: the same scenario, controls, draws and seed give the same numbers, so a run
// repeated while another scenario's parameter moves (the backtest's history, compared scenarios) is not redone.
const recent = new Map<string, SimRunResult>();
const RECENT_MAX = 40;

function post(msg: FromWorker<SimResponse>) {
  scope.postMessage(msg);
}

function fail(issues: { path: string; message: string }[]): never {
  throw new Error(issues.map((i) => `invalid ${i.path}: ${i.message}`).join("; "));
}

function prepared(name: string, controls: SimRequest["runs"][number]["controls"]) {
  const base = scenarios.get(name);
  if (!base) throw new Error(`unknown scenario ${JSON.stringify(name)}`);
  if (!builder) throw new Error("the worker has no chip catalogue yet");
  const scenario = applyControls(base, controls);
  return { scenario, inputs: builder.inputs(scenario, scenario.events) };
}

function tornadoOf(req: SimRequest): TornadoBar[] | null {
  const first = req.runs[0];
  if (!req.tornado || !first) return null;
  const { scenario, inputs } = prepared(first.name, first.controls);
  const plan = makePlan(scenario, inputs);
  if (!plan.ok) fail(plan.issues);
  const out = parseOutputRef(`${req.tornado.variable}@${req.tornado.quarter}`, plan.value);
  if (!out.ok) fail(out.issues);
  const t = tornado(plan.value, scenario, out.value);
  return t.bars.map((b) => ({
    param: b.param,
    low: b.outputAtLow,
    high: b.outputAtHigh,
    base: t.base,
    p10: b.low,
    p90: b.high,
  }));
}

function runKey(req: SimRequest, { name, controls }: SimRequest["runs"][number]): string {
  return JSON.stringify([
    name,
    controls.mults,
    [...controls.off].sort(),
    req.draws,
    req.seed,
    req.variables ?? null,
    req.posteriorId ?? null,
  ]);
}

/** A cached run, refreshed as most recently used (the backtest's `history` run is asked for on every move). */
function cached(key: string): SimRunResult | undefined {
  const hit = recent.get(key);
  if (hit) {
    recent.delete(key);
    recent.set(key, hit);
  }
  return hit;
}

function run(req: SimRequest, id: number, started: number, cold: boolean): SimResponse {
  const runs: SimRunResult[] = [];
  const runMs: number[] = [];
  const variables = req.variables as Variable[] | undefined;
  const keys = req.runs.map((r) => runKey(req, r));
  const hits = keys.map(cached);
  // The last run that has to be computed hands over its early variables first; the runs after it are cached.
  const lastFresh = hits.lastIndexOf(undefined);
  for (const [i, { name, controls }] of req.runs.entries()) {
    const key = keys[i]!;
    const t0 = performance.now();
    let result = hits[i];
    if (!result) {
      const { scenario, inputs } = prepared(name, controls);
      const early =
        i === lastFresh && req.early?.length
          ? {
              variables: req.early as Variable[],
              onReady: (p: SimResult) => {
                const partial: SimResponse = {
                  runs: [
                    ...runs,
                    { name, key, quarters: p.quarters, series: p.series, probabilities: p.probabilities },
                    ...(hits.slice(i + 1) as SimRunResult[]),
                  ],
                  tornado: null,
                  runMs: [...runMs, performance.now() - t0],
                  draws: req.draws,
                  cold,
                };
                post({ type: "partial", id, result: partial, ms: performance.now() - started });
              },
            }
          : undefined;
      if (req.posteriorId && posterior?.id !== req.posteriorId)
        throw new Error(`the worker has no posterior ${req.posteriorId} loaded`);
      const r = runScenario(scenario, inputs, {
        draws: req.draws,
        seed: req.seed,
        variables,
        early,
        ...(req.posteriorId && posterior ? { posterior: posterior.particles } : {}),
      });
      if (!r.ok) fail(r.issues);
      result = {
        name,
        key,
        quarters: r.value.quarters,
        series: r.value.series,
        probabilities: r.value.probabilities,
      };
      recent.set(key, result);
      if (recent.size > RECENT_MAX) recent.delete(recent.keys().next().value!);
    }
    runMs.push(performance.now() - t0);
    runs.push(result);
  }
  return { runs, tornado: tornadoOf(req), runMs, draws: req.draws, cold };
}

/**
 * A fresh worker runs its first full runs several times slower than later ones (~0.8 s cold against ~65 ms warm
 * for 10,000 draws) while V8 optimises the model and summary code, so the first slider moves after load were the
 * slow ones. Before answering its first request, the worker does a few throwaway runs of that request's first
 * scenario (same draws up to one engine chunk, same seed, one slider parameter moved each round, so the optimised
 * code has seen what slider moves produce). This delays the first chart by about those runs and makes the first
 * moves after it faster. (Doing them in idle time after the first answer instead was measured too: the page's
 * first moves then waited for a cold round in progress, which was worse.) Results are discarded, never cached.
 */
const WARM_ROUNDS = 2;
/** At most one engine chunk (10,000 draws), so larger runs reuse the buffers their chunks use. */
const WARM_MAX_DRAWS = 10_000;
/** Smaller first requests are cheap enough cold. */
const WARM_AFTER_DRAWS = 2_000;
let warmLeft = WARM_ROUNDS;
let answered = 0;

function warmRound(req: SimRequest): void {
  const first = req.runs[0];
  if (!first) return;
  const i = WARM_ROUNDS - warmLeft;
  const param = SLIDER_PARAMS[(i * 3) % SLIDER_PARAMS.length]!.name;
  const k = first.controls.mults[param] ?? 1;
  const controls = {
    mults: { ...first.controls.mults, [param]: k * (i % 2 ? 0.7 : 1.4) },
    off: first.controls.off,
  };
  try {
    const { scenario, inputs } = prepared(first.name, controls);
    runScenario(scenario, inputs, {
      draws: Math.min(req.draws, WARM_MAX_DRAWS),
      // The request's own seed: the engine keeps the random streams of the latest seed, and another seed here
      // would make the next real run regenerate them all.
      seed: req.seed,
      variables: req.variables as Variable[] | undefined,
    });
  } catch {
    // A throwaway run: a real request with these settings reports its own problems.
  }
}

function init(msg: SimInit) {
  for (const [name, raw] of Object.entries(msg.raws)) {
    const r = parseScenario(raw);
    if (!r.ok)
      throw new Error(
        `scenario ${name}: ${r.issues.map((i) => `invalid ${i.path}: ${i.message}`).join("; ")}`,
      );
    scenarios.set(name, r.value);
  }
  if (msg.posterior) posterior = msg.posterior;
  if (msg.chips && msg.usFrontier && msg.fit)
    builder = new InputsBuilder(msg.chips, frontierModels(msg.usFrontier), msg.fit);
  recent.clear();
}

scope.addEventListener("message", (e: MessageEvent<ToWorker<SimInit, SimRequest>>) => {
  const msg = e.data;
  if (msg.type === "init") {
    try {
      init(msg.init);
      post({ type: "ready" });
    } catch (err) {
      post({ type: "error", id: 0, message: err instanceof Error ? err.message : String(err) });
    }
    return;
  }
  const t0 = performance.now();
  try {
    const cold = answered++ === 0;
    if (cold)
      while (warmLeft > 0 && msg.request.draws >= WARM_AFTER_DRAWS) {
        warmRound(msg.request);
        warmLeft--;
      }
    const result = run(msg.request, msg.id, t0, cold);
    post({ type: "result", id: msg.id, result, ms: performance.now() - t0 });
  } catch (err) {
    post({ type: "error", id: msg.id, message: err instanceof Error ? err.message : String(err) });
  }
});
