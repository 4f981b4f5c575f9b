import { z } from "zod";
import type { Scenario } from "../../engine/sim/scenario.js";
import { contentHash, isContentId } from "../../store/saved.js";
import { ApiError } from "../errors.js";
import type { ApiLimits } from "../limits.js";
import { Reply, route } from "../route.js";
import { scenarioBody, simulateBody } from "../schemas.js";
import { type ApiServices, once } from "../services.js";
import { builtinNames, type InputsFor, issueList, requireScenario, resolveScenarioInput } from "../sim.js";
import { API_VERSION_TEXT } from "../version.js";

function summary(s: Scenario) {
  return {
    name: s.name,
    description: s.description,
    start: s.start,
    horizon: s.horizon,
    draws: s.draws,
    seed: s.seed,
    lineage: s.lineage,
    events: s.events.length,
    conditions: s.conditions.map((c) => c.text),
  };
}

function requireSaved(services: ApiServices) {
  if (!services.saved)
    throw new ApiError(503, "no_store", "this server runs without a store for saved scenarios and runs");
  return services.saved;
}

const idParam = z.object({ id: z.string().min(1).max(100) });

/**
 * Unsaved runs by their full settings: the same scenario, draws, seed, options and data give the same numbers, and
 * every dashboard that opens Scenarios asks for the same first runs (web/src/sim-first.ts). Summaries are small
 * (~5–70 KB whatever the draws), so a few are kept.
 */
const RUN_CACHE_MAX = 16;

export function scenarioRoutes(services: ApiServices, limits: ApiLimits, inputs: InputsFor) {
  const listing = once(() =>
    builtinNames().map((name) => {
      const r = resolveScenarioInput(services, name, undefined, limits);
      return r.ok ? summary(r.value.scenario) : { name, error: issueList(r.issues, name)[0]!.message };
    }),
  );
  // Chips and rule files decide the legal-import schedule, so a saved run's key names the data it used.
  const dataFingerprint = once(() =>
    contentHash({ chips: services.chips(), rules: services.ruleset().rules }),
  );
  const runCache = new Map<string, unknown>();

  return [
    route({
      method: "get",
      path: "/scenarios",
      operationId: "listScenarios",
      summary: "The built-in scenarios",
      tag: "scenarios",
      handler: () => ({ scenarios: listing() }),
    }),
    route({
      method: "post",
      path: "/scenarios/validate",
      operationId: "validateScenario",
      summary:
        "Check a scenario (inline object, built-in name or saved id, with overrides) and list every problem",
      tag: "scenarios",
      body: scenarioBody,
      handler: ({ body }) => {
        const r = resolveScenarioInput(services, body.scenario, body.overrides, limits);
        if (r.ok) return { valid: true, scenario: summary(r.value.scenario), resolved: r.value.raw };
        return { valid: false, issues: issueList(r.issues, "scenario") };
      },
    }),
    route({
      method: "post",
      path: "/scenarios",
      operationId: "saveScenario",
      summary:
        "Save a scenario; its id is the SHA-256 of its canonical JSON, so saving it again returns the same id",
      description:
        "Saved scenarios are immutable. The stored form has `extends` resolved and overrides applied.",
      tag: "scenarios",
      body: scenarioBody,
      errors: { 404: "unknown built-in or saved scenario", 503: "no store" },
      handler: ({ body }) => {
        const saved = requireSaved(services);
        const r = requireScenario(services, body.scenario, body.overrides, limits);
        const { scenario, created } = saved.saveScenario(r.raw, r.scenario.name);
        return new Reply(
          created ? 201 : 200,
          { id: scenario.id, created, createdAt: scenario.createdAt, scenario: summary(r.scenario) },
          { Location: `/api/v1/scenarios/${scenario.id}` },
        );
      },
    }),
    route({
      method: "get",
      path: "/scenarios/:id",
      operationId: "getScenario",
      summary: "A built-in scenario by name or a saved one by id, with `extends` resolved",
      tag: "scenarios",
      params: idParam,
      errors: { 404: "no such scenario" },
      handler: ({ params }) => {
        const r = requireScenario(services, params.id, undefined, limits, {}, "id");
        const saved = isContentId(params.id) ? services.saved?.getScenario(params.id) : null;
        return {
          id: params.id,
          source: r.source.kind,
          ...(saved ? { createdAt: saved.createdAt } : {}),
          summary: summary(r.scenario),
          scenario: r.raw,
        };
      },
    }),
    route({
      method: "post",
      path: "/simulate",
      operationId: "simulate",
      summary: "Run the Monte Carlo simulator: per-quarter p5/p25/p50/p75/p95/mean of every variable",
      description:
        "Same seed, same numbers. With `save: true` the scenario and run are stored; asking again for the same " +
        "scenario, seed, draws and options returns the stored run (same id, same result).",
      tag: "simulator",
      body: simulateBody(limits),
      errors: {
        404: "unknown scenario or dataset",
        422: "the run exceeded the request time limit",
        503: "save asked without a store",
      },
      handler: async ({ body, deadline }) => {
        const r = requireScenario(
          services,
          body.scenario,
          body.overrides,
          limits,
          body.horizon ? { horizon: body.horizon } : {},
        );
        const s = r.scenario;
        const draws = body.draws ?? s.draws;
        const seed = body.seed ?? s.seed;
        if (draws > limits.maxDraws)
          throw new ApiError(
            400,
            "bad_input",
            `invalid draws: ${draws} (the API allows at most ${limits.maxDraws}; the scenario's default is too high)`,
            "draws",
          );
        const main = inputs(s, s.events, body.dataset);
        const cf = body.counterfactual
          ? requireScenario(services, body.counterfactual, undefined, limits, {}, "counterfactual")
          : null;
        const compute = async () => {
          const out = await services.compute.runScenario(
            s,
            main.inputs,
            {
              draws,
              seed,
              maxDraws: limits.maxDraws,
              ...(body.conditions ? { conditions: body.conditions } : {}),
              ...(body.variables ? { variables: body.variables } : {}),
              ...(cf
                ? {
                    counterfactual: {
                      name: cf.scenario.name,
                      events: cf.scenario.events,
                      inputs: inputs(s, cf.scenario.events, body.dataset).inputs,
                    },
                  }
                : {}),
            },
            deadline,
          );
          if (!out.ok) {
            const first = out.issues[0]!;
            const own = /^(draws|seed|conditions)\b/.test(first.path);
            const field = own ? first.path : first.path ? `scenario.${first.path}` : "scenario";
            throw new ApiError(400, "bad_input", `invalid ${field}: ${first.message}`, field);
          }
          return {
            scenario: { ...summary(s), source: r.source },
            dataset: main.dataset,
            result: out.value,
          };
        };
        if (!body.save) {
          const key = JSON.stringify([
            r.source,
            r.raw,
            body.horizon ?? null,
            draws,
            seed,
            body.conditions ?? [],
            body.counterfactual ?? null,
            body.variables ?? null,
            main.dataset,
          ]);
          const hit = runCache.get(key);
          if (hit) return hit;
          const out = await compute();
          if (runCache.size >= RUN_CACHE_MAX) runCache.delete(runCache.keys().next().value!);
          runCache.set(key, out);
          return out;
        }
        const saved = requireSaved(services);
        const { scenario } = saved.saveScenario(r.raw, s.name);
        const key = {
          scenarioId: scenario.id,
          seed,
          draws,
          options: {
            conditions: body.conditions ?? [],
            counterfactual: body.counterfactual ?? null,
            // Only when narrowed, so runs saved before the option existed keep their keys.
            ...(body.variables ? { variables: body.variables } : {}),
            dataset: main.dataset,
            engine: API_VERSION_TEXT,
            data: dataFingerprint(),
          },
        };
        const { run, created } = await saved.run(key, compute);
        return {
          runId: run.id,
          scenarioId: scenario.id,
          cached: !created,
          createdAt: run.createdAt,
          ...(run.result as object),
        };
      },
    }),
    route({
      method: "delete",
      path: "/scenarios/:id",
      operationId: "deleteScenario",
      summary: "Delete a saved scenario and every saved run of it",
      description:
        "Built-in scenarios cannot be deleted. Saving the same scenario again gives it the same id.",
      tag: "scenarios",
      params: idParam,
      errors: { 404: "no saved scenario with that id", 503: "no store" },
      handler: ({ params }) => {
        const saved = requireSaved(services);
        const gone = isContentId(params.id) ? saved.deleteScenario(params.id) : null;
        if (!gone)
          throw new ApiError(
            404,
            "unknown_scenario",
            `no saved scenario with id ${JSON.stringify(params.id)}`,
            "id",
          );
        return { deleted: { scenarioId: gone.scenario, runs: gone.runs } };
      },
    }),
    route({
      method: "delete",
      path: "/runs/:id",
      operationId: "deleteRun",
      summary: "Delete a saved run",
      tag: "simulator",
      params: idParam,
      errors: { 404: "no saved run with that id", 503: "no store" },
      handler: ({ params }) => {
        const saved = requireSaved(services);
        if (!saved.deleteRun(params.id))
          throw new ApiError(404, "unknown_run", `no saved run with id ${JSON.stringify(params.id)}`, "id");
        return { deleted: { runId: params.id } };
      },
    }),
    route({
      method: "get",
      path: "/runs/:id",
      operationId: "getRun",
      summary: "A saved run by id: the stored result, exactly as first computed",
      tag: "simulator",
      params: idParam,
      errors: { 404: "no run with that id", 503: "no store" },
      handler: ({ params }) => {
        const saved = requireSaved(services);
        const run = saved.getRun(params.id);
        if (!run)
          throw new ApiError(404, "unknown_run", `no saved run with id ${JSON.stringify(params.id)}`, "id");
        return {
          runId: run.id,
          scenarioId: run.scenarioId,
          seed: run.seed,
          draws: run.draws,
          options: run.options,
          createdAt: run.createdAt,
          ...(run.result as object),
        };
      },
    }),
  ];
}
