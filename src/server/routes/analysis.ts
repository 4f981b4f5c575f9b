import { observedSeries } from "../../data/scenarios.js";
import { BACKTEST_VARIABLES, scoreBacktest } from "../../engine/sim/backtest.js";
import { makePlan } from "../../engine/sim/plan.js";
import { parseOutputRef } from "../../engine/sim/sensitivity.js";
import type { ScenarioIssue } from "../../engine/sim/scenario.js";
import { ApiError } from "../errors.js";
import type { ApiLimits } from "../limits.js";
import { route } from "../route.js";
import { backtestBody, sensitivityBody } from "../schemas.js";
import { type ApiServices, resolveDataset } from "../services.js";
import { type InputsFor, requireScenario } from "../sim.js";
import { loadModels } from "../../data/models.js";

function issue(issues: ScenarioIssue[], own: RegExp): ApiError {
  const first = issues[0]!;
  const field = own.test(first.path) ? first.path : first.path ? `scenario.${first.path}` : "scenario";
  return new ApiError(400, "bad_input", `invalid ${field}: ${first.message}`, field);
}

export function analysisRoutes(services: ApiServices, limits: ApiLimits, inputs: InputsFor) {
  return [
    route({
      method: "post",
      path: "/sensitivity",
      operationId: "sensitivity",
      summary:
        "Which parameters drive an output: tornado (p10 → p90) and Sobol first-order and total indices",
      description:
        "Tornado: each uncertain parameter from its 10th to its 90th percentile, the others at their medians. Sobol: " +
        "first order (Saltelli 2010) and total (Jansen 1999) from N base rows, N·(k + 2) model runs, with 95% bootstrap intervals.",
      tag: "simulator",
      body: sensitivityBody(limits),
      errors: { 404: "unknown scenario or dataset", 422: "the run exceeded the request time limit" },
      handler: async ({ body, deadline }) => {
        const r = requireScenario(
          services,
          body.scenario,
          body.overrides,
          limits,
          body.horizon ? { horizon: body.horizon } : {},
        );
        const s = r.scenario;
        const plan = makePlan(s, inputs(s, s.events, body.dataset).inputs);
        if (!plan.ok) throw issue(plan.issues, /^$/);
        const out = parseOutputRef(body.output ?? `gapMonths@${s.horizon}`, plan.value);
        if (!out.ok) throw issue(out.issues, /^output/);
        const seed = body.seed ?? s.seed;
        const { tornado: t, sobol: sb } = await services.compute.sensitivity(
          {
            plan: plan.value,
            scenario: s,
            output: out.value,
            sobol:
              body.sobol === false ? null : { N: body.N ?? 1024, seed, bootstrap: body.bootstrap ?? 200 },
          },
          deadline,
        );
        return {
          scenario: { name: s.name, source: r.source, lineage: s.lineage },
          output: t.output,
          tornado: { base: t.base, bars: t.bars },
          sobol: sb
            ? { N: sb.N, bootstrap: sb.bootstrap, seed, variance: sb.variance, indices: sb.indices }
            : null,
        };
      },
    }),
    route({
      method: "post",
      path: "/backtest",
      operationId: "backtest",
      summary:
        "Score a scenario's simulated 2023–2026 bands against observed frontier compute and the observed ECI gap",
      description:
        "Coverage of the 50% and 90% bands and the median error per observed series; each scored point carries its " +
        "observation and the simulated p5–p95 band. Consecutive quarters of a step series are not independent.",
      tag: "simulator",
      body: backtestBody(limits),
      errors: { 404: "unknown scenario or dataset", 422: "the run exceeded the request time limit" },
      handler: async ({ body, deadline }) => {
        const from = body.from ?? "2023Q1";
        const to = body.to ?? "2026Q4";
        if (from > to)
          throw new ApiError(400, "bad_input", `invalid from: ${from} (must not be after to ${to})`, "from");
        const r = requireScenario(services, body.scenario ?? "history", body.overrides, limits);
        const s = r.scenario;
        const draws = body.draws ?? s.draws;
        if (draws > limits.maxDraws)
          throw new ApiError(
            400,
            "bad_input",
            `invalid draws: ${draws} (the API allows at most ${limits.maxDraws})`,
            "draws",
          );
        const main = inputs(s, s.events, body.dataset);
        const run = await services.compute.runScenario(
          s,
          main.inputs,
          { draws, seed: body.seed ?? s.seed, maxDraws: limits.maxDraws },
          deadline,
        );
        if (!run.ok) throw issue(run.issues, /^(draws|seed)\b/);
        const models = services.datasets ? resolveDataset(services, body.dataset).models : loadModels();
        const observed = observedSeries(models, run.value.quarters);
        const report = scoreBacktest(run.value, observed, from, to);
        return {
          scenario: { name: s.name, source: r.source, lineage: s.lineage },
          seed: run.value.seed,
          draws: run.value.draws,
          dataset: main.dataset,
          ...report,
          quarters: run.value.quarters,
          bands: Object.fromEntries(BACKTEST_VARIABLES.map((v) => [v, run.value.series[v]])),
          observed,
        };
      },
    }),
  ];
}
