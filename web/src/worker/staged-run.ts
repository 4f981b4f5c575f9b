/**
 * runScenario with the per-quarter summaries done here, in stages, so the page can draw each chart as soon as its
 * variables are summarised instead of after all of them. The engine runs the model (sampling, chunks, conditions);
 * its `onChunk` hands over each chunk's raw outputs, which are summarised with the engine's own accumulateSummary,
 * the same weights (draws of the chunk ÷ draws) and a scratch buffer of the same size as runScenario's — so every
 * number equals what runScenario({ variables }) returns (test/e2e/web-logic.test.ts compares them).
 * After the last chunk, `onStage` is called as each stage's variables are final (with every series so far).
 */
import type { SimInputs } from "../../../src/engine/sim/inputs.js";
import type { Variable } from "../../../src/engine/sim/model.js";
import type { PosteriorParticles } from "../../../src/engine/sim/sample.js";
import { quarterRange } from "../../../src/engine/sim/quarters.js";
import { CHUNK, runScenario } from "../../../src/engine/sim/run.js";
import type { Result, Scenario } from "../../../src/engine/sim/scenario.js";
import { accumulateSummary, emptySummary, type Summary } from "../../../src/engine/sim/summary.js";

export interface StagedResult {
  quarters: string[];
  series: Record<string, Summary>;
  probabilities: Record<string, number>;
}

export interface StagedOptions {
  draws: number;
  seed: number;
  /** Every variable to summarise. */
  variables: readonly Variable[];
  /** Groups summarised first, in this order; `onStage(k, …)` follows group k (the rest follows the last). */
  stages: readonly (readonly Variable[])[];
  /** Called with the stage, its quarters (the plan's: start … horizon) and every series summarised so far. */
  onStage?: (stage: number, quarters: string[], series: Record<string, Summary>) => void;
  posterior?: PosteriorParticles;
}

export function runStaged(scenario: Scenario, inputs: SimInputs, o: StagedOptions): Result<StagedResult> {
  const order = [...new Set([...o.stages.flat(), ...o.variables])];
  // Index in `order` after which each stage is complete.
  const ends = new Map<number, number>();
  let at = -1;
  const seen = new Set<Variable>();
  o.stages.forEach((stage, k) => {
    for (const v of stage) {
      if (seen.has(v)) continue;
      seen.add(v);
      at++;
    }
    if (stage.length) ends.set(at, k);
  });
  const series: Record<string, Summary> = {};
  const quarters = quarterRange(scenario.start, scenario.horizon);
  const scratch = new Float64Array(Math.min(CHUNK, Math.max(1, o.draws)));
  const r = runScenario(scenario, inputs, {
    draws: o.draws,
    seed: o.seed,
    // Nothing summarised by the engine: the model writes every output when onChunk is given, and the chunks are
    // summarised below. The probabilities of the scenario's conditions are still counted by the engine.
    variables: [],
    ...(o.posterior ? { posterior: o.posterior } : {}),
    onChunk: (out, D, first) => {
      const Q = out.gapMonths.length / D;
      const w = D / o.draws;
      const last = first + D === o.draws;
      order.forEach((v, i) => {
        series[v] ??= emptySummary(Q);
        accumulateSummary(series[v]!, out[v], D, Q, w, scratch);
        const k = ends.get(i);
        // Only the variables summarised so far: with several chunks, later ones hold the earlier chunks' share.
        if (last && k !== undefined)
          o.onStage?.(k, quarters, Object.fromEntries(order.slice(0, i + 1).map((x) => [x, series[x]!])));
      });
    },
  });
  if (!r.ok) return r;
  return { ok: true, value: { quarters: r.value.quarters, series, probabilities: r.value.probabilities } };
}
