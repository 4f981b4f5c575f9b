/**
 * runScenario: the one entry point the CLI, the HTTP server and the browser worker share. Samples parameters,
 * runs the model in chunks of CHUNK draws, and summarises every variable per quarter, the probabilities of named
 * conditions, and (optionally) the ratio to a counterfactual run with common random numbers.
 */
import type { SimInputs } from "./inputs.js";
import {
  allocOutputs,
  allocWorkspace,
  type Outputs,
  runModel,
  VARIABLES,
  type Variable,
  type Workspace,
} from "./model.js";
import { makePlan, type Plan } from "./plan.js";
import { makeSampler, type PosteriorParticles, uncoveredParams } from "./sample.js";
import {
  type Condition,
  parseCondition,
  type Result,
  type Scenario,
  type ScenarioEvent,
} from "./scenario.js";
import { accumulateSummary, emptySummary, type Summary } from "./summary.js";

/** Draws per chunk: up to this many, quantiles are exact; beyond it, draw-weighted means of chunk quantiles. */
export const CHUNK = 10_000;
/** Default ceiling on draws per run (documented in the CLI help); callers may lower it. */
export const DEFAULT_MAX_DRAWS = 1_000_000;

export const RATIO_VARIABLES = ["cnStockH100e", "cnAccessibleH100e", "cnFrontierFlop"] as const;

export interface RunOptions {
  draws?: number;
  seed?: number;
  maxDraws?: number;
  /** Extra conditions beyond the scenario's own, e.g. "gapMonths@2028Q4<6". */
  conditions?: string[];
  /** The counterfactual: same parameters and random numbers, these events and inputs (normally `no-controls`). */
  counterfactual?: { name: string; events: ScenarioEvent[]; inputs: SimInputs };
  onProgress?: (fraction: number) => void;
  /** Variables to summarise (default: all). The summaries dominate run time, so a dashboard asks for few. */
  variables?: readonly Variable[];
  /**
   * Variables to hand over before the others are summarised: `onReady` receives a result holding only these
   * series (and the probabilities; no counterfactual ratio) as soon as they are final — after the model when the
   * run is one chunk (draws ≤ CHUNK), else at the end. Its numbers are those of the full result. A dashboard draws
   * its headline chart from it while the rest is summarised.
   */
  early?: { variables: readonly Variable[]; onReady: (partial: SimResult) => void };
  /**
   * Called after the model has run each chunk, with its raw outputs (quarter-major, [q·D + d]) and the index of its
   * first draw: for writing every draw-quarter (simulate --export-draws). The buffers are reused by the next chunk.
   */
  onChunk?: (out: Readonly<Outputs>, D: number, firstDraw: number) => void;
  /** Draw the parameters the posterior covers from its particles (see makeSampler); the rest from the scenario. */
  posterior?: PosteriorParticles;
}

export interface SimResult {
  scenario: string;
  seed: number;
  draws: number;
  quarters: string[];
  /** Every variable unless `variables` narrowed the run. */
  series: Record<Variable, Summary>;
  probabilities: Record<string, number>;
  /** Scenario ÷ counterfactual per draw, summarised; gapMonths is the difference (scenario − counterfactual). */
  counterfactualRatio:
    | null
    | ({ against: string } & Record<(typeof RATIO_VARIABLES)[number] | "gapMonthsDifference", Summary>);
}

/**
 * Output buffers kept between runs, by slot (0: the scenario, 1: its counterfactual) and size. Fresh 40 MB buffers
 * cost more in page faults than the model itself, and a dashboard alternates sizes (a 1,000-draw preview, then the
 * full run), so a few sizes are kept. runScenario is synchronous and summarises before returning, so nothing that
 * escapes refers to them.
 */
const pool = new Map<string, { out: Outputs; ws: Workspace }>();
const POOL_MAX = 4;

function buffers(slot: 0 | 1, D: number, Q: number, H: number): { out: Outputs; ws: Workspace } {
  const key = `${slot}:${D}:${Q}:${H}`;
  const have = pool.get(key);
  if (have) {
    // Most recently used last, so the oldest entry is the one dropped.
    pool.delete(key);
    pool.set(key, have);
    return have;
  }
  const fresh = { out: allocOutputs(D, Q), ws: allocWorkspace(D, Q, H) };
  pool.set(key, fresh);
  if (pool.size > POOL_MAX) pool.delete(pool.keys().next().value!);
  return fresh;
}

export function runScenario(scenario: Scenario, inputs: SimInputs, opts: RunOptions = {}): Result<SimResult> {
  const draws = opts.draws ?? scenario.draws;
  const seed = opts.seed ?? scenario.seed;
  const maxDraws = opts.maxDraws ?? DEFAULT_MAX_DRAWS;
  if (!Number.isInteger(draws) || draws < 1 || draws > maxDraws)
    return {
      ok: false,
      issues: [{ path: "draws", message: `${draws} (must be an integer from 1 to ${maxDraws})` }],
    };
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    return {
      ok: false,
      issues: [{ path: "seed", message: `${seed} (must be an integer from 0 to 4294967295)` }],
    };
  if (opts.posterior) {
    const missing = uncoveredParams(scenario, opts.posterior);
    if (missing.length)
      return {
        ok: false,
        issues: [
          {
            path: "posterior",
            message: `does not cover the scenario's parameters ${missing.join(", ")} (calibrate again with this model)`,
          },
        ],
      };
  }
  const planR = makePlan(scenario, inputs);
  if (!planR.ok) return planR;
  const plan = planR.value;
  let cfPlan: Plan | null = null;
  if (opts.counterfactual) {
    const r = makePlan({ ...scenario, events: opts.counterfactual.events }, opts.counterfactual.inputs);
    if (!r.ok)
      return { ok: false, issues: r.issues.map((i) => ({ ...i, path: `counterfactual.${i.path}` })) };
    cfPlan = r.value;
  }
  const conditions: Condition[] = [...scenario.conditions];
  for (const [k, text] of (opts.conditions ?? []).entries()) {
    const c = parseCondition(text);
    if (!c)
      return {
        ok: false,
        issues: [
          { path: `conditions.${k}`, message: `${JSON.stringify(text)} (must look like gapMonths@2028Q4<6)` },
        ],
      };
    conditions.push(c);
  }
  for (const c of conditions) {
    if (!(VARIABLES as readonly string[]).includes(c.variable))
      return {
        ok: false,
        issues: [
          {
            path: "conditions",
            message: `${c.text}: unknown variable ${c.variable} (known: ${VARIABLES.join(", ")})`,
          },
        ],
      };
    if (!plan.quarters.includes(c.quarter))
      return {
        ok: false,
        issues: [
          {
            path: "conditions",
            message: `${c.text}: ${c.quarter} is outside ${scenario.start}–${scenario.horizon}`,
          },
        ],
      };
  }

  const Q = plan.Q;
  const asked = opts.variables ?? VARIABLES;
  for (const [path, list] of [
    ["variables", asked],
    ["early.variables", opts.early?.variables ?? []],
  ] as const)
    for (const v of list)
      if (!(VARIABLES as readonly string[]).includes(v))
        return { ok: false, issues: [{ path, message: `${v} (known: ${VARIABLES.join(", ")})` }] };
  // Early variables first (they are summarised before the others), then the rest in the order asked.
  const early = opts.early?.variables ?? [];
  const wanted = [...new Set([...early, ...asked])];
  // The model writes only what is summarised, tested by a condition, or compared with the counterfactual.
  const cfNeed = new Set<Variable>([...RATIO_VARIABLES, "gapMonths"]);
  const need = new Set<Variable>([
    ...wanted,
    ...conditions.map((c) => c.variable as Variable),
    ...(cfPlan ? cfNeed : []),
  ]);
  const series = Object.fromEntries(wanted.map((v) => [v, emptySummary(Q)])) as Record<Variable, Summary>;
  const ratio = cfPlan
    ? (Object.fromEntries(
        [...RATIO_VARIABLES, "gapMonthsDifference"].map((v) => [v, emptySummary(Q)]),
      ) as Record<(typeof RATIO_VARIABLES)[number] | "gapMonthsDifference", Summary>)
    : null;
  const hits = new Array<number>(conditions.length).fill(0);
  const result = (
    ser: Record<Variable, Summary>,
    counterfactualRatio: SimResult["counterfactualRatio"],
  ): SimResult => {
    const probabilities: Record<string, number> = {};
    conditions.forEach((c, k) => {
      probabilities[c.text] = hits[k]! / draws;
    });
    return {
      scenario: scenario.name,
      seed,
      draws,
      quarters: plan.quarters,
      series: ser,
      probabilities,
      counterfactualRatio,
    };
  };
  const sendEarly = () => {
    const ser = Object.fromEntries(early.map((v) => [v, series[v]])) as Record<Variable, Summary>;
    opts.early?.onReady(result(ser, null));
  };
  const sampler = makeSampler(scenario, seed, opts.posterior);
  const size = Math.min(CHUNK, draws);
  const H = plan.histTime.length;
  let { out, ws } = buffers(0, size, Q, H);
  let cf = cfPlan ? buffers(1, size, Q, cfPlan.histTime.length) : null;
  const scratch = new Float64Array(size);
  const tmp = cfPlan ? new Float64Array(size * Q) : null;
  for (let done = 0; done < draws; ) {
    const D = Math.min(CHUNK, draws - done);
    if (D !== size) {
      ({ out, ws } = buffers(0, D, Q, H));
      if (cfPlan) cf = buffers(1, D, Q, cfPlan.histTime.length);
    }
    const cols = sampler.next(D);
    runModel(plan, cols, D, out, ws, opts.onChunk ? undefined : need);
    opts.onChunk?.(out, D, done);
    const w = D / draws;
    conditions.forEach((c, k) => {
      const q = plan.quarters.indexOf(c.quarter);
      const col = out[c.variable as Variable];
      let n = 0;
      for (let d = 0; d < D; d++) {
        const x = col[q * D + d]!;
        if (
          c.op === "<"
            ? x < c.value
            : c.op === "<="
              ? x <= c.value
              : c.op === ">"
                ? x > c.value
                : x >= c.value
        )
          n++;
      }
      hits[k]! += n;
    });
    // In the last chunk, the early series and the probabilities are final once the early variables are summarised.
    const last = done + D === draws;
    const sendAfter = last && opts.early ? early.length - 1 : Number.NaN;
    if (sendAfter === -1) sendEarly();
    wanted.forEach((v, i) => {
      accumulateSummary(series[v], out[v], D, Q, w, scratch);
      if (i === sendAfter) sendEarly();
    });
    if (cfPlan && cf && tmp && ratio) {
      const cfOut = cf.out;
      runModel(cfPlan, cols, D, cfOut, cf.ws, cfNeed);
      const t = tmp.subarray(0, D * Q);
      for (const v of RATIO_VARIABLES) {
        const a = out[v];
        const b = cfOut[v];
        for (let i = 0; i < D * Q; i++) t[i] = a[i]! / b[i]!;
        accumulateSummary(ratio[v], t, D, Q, w, scratch);
      }
      const a = out.gapMonths;
      const b = cfOut.gapMonths;
      for (let i = 0; i < D * Q; i++) t[i] = a[i]! - b[i]!;
      accumulateSummary(ratio.gapMonthsDifference, t, D, Q, w, scratch);
    }
    done += D;
    opts.onProgress?.(done / draws);
  }
  return {
    ok: true,
    value: result(
      series,
      ratio && opts.counterfactual ? { against: opts.counterfactual.name, ...ratio } : null,
    ),
  };
}
