/**
 * POST /calibrate: the CLI's `calibrate` over HTTP. Runs in-process (draws capped by the API's draw limit), saves
 * the posterior in the store when the server has one, and answers { id, asOf, seed, priorDraws, ess, ... }.
 */
import { z } from "zod";
import { loadCalibrationData } from "../../data/calibration.js";
import { loadModels } from "../../data/models.js";
import { loadSimData } from "../../data/scenarios.js";
import { rollingJson } from "../../cli/commands/backtest-rolling.js";
import { newestObservationDate, runCalibration, runRolling } from "../../engine/calibrate/index.js";
import { calibrationJson, QUICK_CALIBRATION_DRAWS, posteriorMeta } from "../../cli/commands/calibrate.js";
import { getPosterior, posteriorId, savePosterior } from "../../store/posteriors.js";
import { ApiError } from "../errors.js";
import type { ApiLimits } from "../limits.js";
import { route } from "../route.js";
import { overridesSchema, scenarioRef } from "../schemas.js";
import { type ApiServices, resolveDataset } from "../services.js";
import { requireScenario } from "../sim.js";

const posteriorParam = z.strictObject({
  id: z
    .string()
    .regex(/^([0-9a-f]{64}|latest)$/, "must be a 64-hex-digit posterior id or latest")
    .describe("posterior id from POST /calibrate, or latest"),
});

export function calibrateBody(limits: ApiLimits) {
  return z.strictObject({
    asOf: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date like 2025-06-30")
      .optional()
      .describe("vintage date: only rows dated on or before it are read (default: the newest observation)"),
    scenario: scenarioRef.optional().describe("default history"),
    overrides: overridesSchema.optional(),
    draws: z
      .number()
      .int()
      .min(100)
      .max(limits.maxDraws)
      .optional()
      .describe(`prior draws (default ${QUICK_CALIBRATION_DRAWS})`),
    seed: z.number().int().min(0).max(4294967295).optional(),
    particles: z
      .number()
      .int()
      .min(10)
      .max(100_000)
      .optional()
      .describe("posterior particles kept (default 2000)"),
    dataset: z.number().int().min(1).optional().describe("observed-data version (default the latest)"),
    method: z
      .enum(["is", "smc"])
      .optional()
      .describe("is: importance sampling (default); smc: sequential Monte Carlo (draws = particles)"),
  });
}

/** Rolling backtests are slow (seconds) and depend only on these inputs, so answers are kept per key. */
const ROLLING_MAX_DRAWS = 20_000;
const rollingCache = new Map<string, unknown>();

export function rollingBody() {
  return z.strictObject({
    scenario: scenarioRef.optional().describe("default history"),
    draws: z
      .number()
      .int()
      .min(100)
      .max(ROLLING_MAX_DRAWS)
      .optional()
      .describe("prior draws (IS) or particles (SMC) per origin (default 5000)"),
    seed: z.number().int().min(0).max(4294967295).optional(),
    method: z.enum(["is", "smc"]).optional(),
    dataset: z.number().int().min(1).optional().describe("observed-data version (default the latest)"),
  });
}

export function calibrateRoutes(services: ApiServices, limits: ApiLimits) {
  return [
    route({
      method: "post",
      path: "/backtest/rolling",
      operationId: "rollingBacktest",
      summary:
        "Out-of-sample: calibrate at each half-year origin from 2024Q2, score 1–8-quarter forecasts beside naive baselines",
      description:
        "The CLI's `backtest --rolling --json`: { method, seed, priorDraws, lastObserved, origins, series: { <name>: { unit, " +
        "pooled: { model: { n, crps, coverage50, coverage90, bias, width90, pit }, baselines: { <name>: {...} } } } }, points }. " +
        "Runs in-process and takes seconds; answers are cached per (scenario, draws, seed, method, dataset).",
      tag: "simulator",
      body: rollingBody(),
      errors: { 404: "unknown scenario or dataset" },
      handler: ({ body }) => {
        const r = requireScenario(services, body.scenario ?? "history", undefined, limits);
        const s = r.scenario;
        const ds = services.datasets ? resolveDataset(services, body.dataset) : null;
        const draws = body.draws ?? 5_000;
        const seed = body.seed ?? s.seed;
        const key = JSON.stringify([
          s.name,
          JSON.stringify(s.params),
          draws,
          seed,
          body.method ?? "is",
          ds?.version ?? null,
        ]);
        const hit = rollingCache.get(key);
        if (hit) return hit;
        const data = loadCalibrationData(s.start, {
          ...loadSimData(),
          chips: [...services.chips()],
          ruleset: services.ruleset(),
          models: ds?.models ?? loadModels(),
        });
        const run = runRolling(s, data, { draws, seed, ...(body.method ? { method: body.method } : {}) });
        if (!run.ok) {
          const first = run.issues[0]!;
          throw new ApiError(
            400,
            "bad_input",
            `invalid ${first.path || "scenario"}: ${first.message}`,
            first.path || "scenario",
          );
        }
        const out = rollingJson(run.value);
        if (rollingCache.size >= 16) rollingCache.delete(rollingCache.keys().next().value!);
        rollingCache.set(key, out);
        return out;
      },
    }),
    route({
      method: "post",
      path: "/calibrate",
      operationId: "calibrate",
      summary: "Weight a scenario's prior draws by the observed series up to a date (importance sampling)",
      description:
        "Importance sampling with the prior as proposal; likelihood of the half-year observations dated on or before " +
        "asOf (frontier training compute per bloc, the ECI gap; error models in docs/validation.md). Answers the effective " +
        "sample size (warning below 200 or 1% of the draws) and the posterior's content id, saved in the store when " +
        "the server has one (`simulate --posterior <id>`). Same inputs and seed → same answer.",
      tag: "simulator",
      body: calibrateBody(limits),
      errors: { 404: "unknown scenario or dataset" },
      handler: ({ body }) => {
        const r = requireScenario(services, body.scenario ?? "history", body.overrides, limits);
        const s = r.scenario;
        const models = services.datasets ? resolveDataset(services, body.dataset).models : loadModels();
        const data = loadCalibrationData(s.start, {
          ...loadSimData(),
          chips: [...services.chips()],
          ruleset: services.ruleset(),
          models,
        });
        const run = runCalibration(s, data, {
          asOf: body.asOf ?? newestObservationDate(data),
          draws: body.draws ?? QUICK_CALIBRATION_DRAWS,
          seed: body.seed ?? s.seed,
          ...(body.particles !== undefined ? { particles: body.particles } : {}),
          ...(body.method ? { method: body.method } : {}),
        });
        if (!run.ok) {
          const first = run.issues[0]!;
          const field = first.path || "scenario";
          throw new ApiError(400, "bad_input", `invalid ${field}: ${first.message}`, field);
        }
        const meta = posteriorMeta(run.value);
        const id = services.store
          ? savePosterior(services.store.db, meta, run.value.posterior)
          : posteriorId(meta, run.value.posterior);
        return { ...calibrationJson(id, run.value), saved: services.store !== null };
      },
    }),
    route({
      method: "get",
      path: "/posteriors/:id",
      operationId: "getPosterior",
      summary:
        "A saved posterior (or `latest`) with its particles, for running scenarios from it in a worker",
      description:
        "Answers { id, meta: { scenario, asOf, seed, priorDraws, ess, method, observations }, createdAt, particles: " +
        "{ size, params: { <name>: [{ from, dist, values }] } } }; pass `particles` as runScenario's `posterior` option.",
      tag: "simulator",
      params: posteriorParam,
      errors: { 404: "no posterior with that id", 503: "no store" },
      handler: ({ params }) => {
        if (!services.store) throw new ApiError(503, "no_store", "this server runs without a store");
        const p = getPosterior(services.store.db, params.id);
        if (!p)
          throw new ApiError(
            404,
            "unknown_posterior",
            params.id === "latest"
              ? "no posterior saved yet (POST /calibrate first)"
              : `no posterior with id ${JSON.stringify(params.id)}`,
            "id",
          );
        return { id: p.id, meta: p.meta, createdAt: p.createdAt, particles: p.particles };
      },
    }),
  ];
}
