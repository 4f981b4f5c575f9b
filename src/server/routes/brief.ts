import { z } from "zod";
import { loadScenario } from "../../data/scenarios.js";
import { assembleBrief, type BriefInput, briefJobs, renderBrief } from "../../engine/brief/index.js";
import type { SimResult } from "../../engine/sim/run.js";
import { LANGS, type Lang } from "../../engine/format/number.js";
import { listPosteriors } from "../../store/posteriors.js";
import { ApiError } from "../errors.js";
import type { ApiLimits } from "../limits.js";
import { route } from "../route.js";
import { isoDate, queryInt } from "../schemas.js";
import type { ApiServices } from "../services.js";
import { type InputsFor, modelsFor, requireScenario } from "../sim.js";
import { API_VERSION_TEXT } from "../version.js";

/** Two runs per page (the scenario and no-controls), so the brief keeps to fewer draws than /simulate. */
export const BRIEF_MAX_DRAWS = 20_000;

export const briefQuery = z.strictObject({
  scenario: z.string().min(1).max(200).describe("a built-in scenario name or a saved scenario's id"),
  seed: queryInt(0, 0xffffffff).optional().describe("random seed (default the scenario's)"),
  draws: queryInt(1, BRIEF_MAX_DRAWS)
    .optional()
    .describe(`Monte Carlo draws (default the scenario's; at most ${BRIEF_MAX_DRAWS})`),
  lang: z
    .enum(LANGS as unknown as [Lang, ...Lang[]])
    .optional()
    .describe("en (default) or zh-CN"),
  date: isoDate
    .optional()
    .describe("the page's date: rules, best legal chip and observed gap are read on it (default today, UTC)"),
  against: z
    .enum(["no-controls", "none"])
    .optional()
    .describe("compare with no-controls (default) or nothing"),
});

export function briefRoutes(services: ApiServices, limits: ApiLimits, inputs: InputsFor) {
  return [
    route({
      method: "get",
      path: "/brief",
      operationId: "brief",
      summary:
        "The one-page brief of a scenario as printable HTML (text/html; inline CSS and SVG, no scripts)",
      description:
        "Headline gap in 2028Q4 against no-controls (same seed and random numbers), fan chart of the gap, China's " +
        "channels, observed gap and best legal chip on `date`, the scenario's events and parameters with sources, " +
        "validation note and credits. Answers text/html; errors are JSON. Same query and date → same bytes.",
      tag: "simulator",
      responseMedia: "text/html",
      query: briefQuery,
      errors: { 422: "the run exceeded the request time limit" },
      handler: async ({ query, deadline, c }) => {
        let resolved: ReturnType<typeof requireScenario>;
        try {
          resolved = requireScenario(services, query.scenario, undefined, limits);
        } catch (err) {
          if (err instanceof ApiError && err.status === 404)
            throw new ApiError(
              400,
              "bad_input",
              `invalid scenario: ${JSON.stringify(query.scenario)} (not a built-in or saved scenario)`,
              "scenario",
            );
          throw err;
        }
        const s = resolved.scenario;
        const draws = query.draws ?? Math.min(s.draws, BRIEF_MAX_DRAWS);
        const main = inputs(s, s.events);
        let counterfactual = null;
        if (query.against !== "none" && s.name !== "no-controls") {
          const nc = loadScenario("no-controls");
          if (!nc.ok) throw new ApiError(500, "internal", "the built-in no-controls scenario does not load");
          counterfactual = {
            name: "no-controls",
            events: nc.value.events,
            inputs: inputs(s, nc.value.events).inputs,
          };
        }
        const models = modelsFor(services);
        const latest = services.store ? (listPosteriors(services.store.db)[0] ?? null) : null;
        const date = query.date ?? new Date().toISOString().slice(0, 10);
        const input: BriefInput = {
          scenario: s,
          inputs: main.inputs,
          counterfactual,
          draws,
          ...(query.seed !== undefined ? { seed: query.seed } : {}),
          maxDraws: BRIEF_MAX_DRAWS,
          models: models.models,
          chips: services.chips(),
          ruleset: services.ruleset(),
          date,
          version: API_VERSION_TEXT,
          datasetSource: models.version === null ? "data/models.csv" : `dataset ${models.version}`,
          posterior: latest ? { id: latest.id, asOf: latest.meta.asOf, ess: latest.meta.ess } : null,
        };
        // On the simulation thread (compute.ts), one run after the other, under the request deadline.
        const jobs = briefJobs(input);
        const results: SimResult[] = [];
        for (const job of [jobs.main, jobs.counterfactual]) {
          if (!job) continue;
          const r = await services.compute.runScenario(job.scenario, job.inputs, job.opts, deadline);
          if (!r.ok) {
            const first = r.issues[0]!;
            const field = /^(draws|seed)\b/.test(first.path) ? first.path : "scenario";
            throw new ApiError(400, "bad_input", `invalid ${field}: ${first.message}`, field);
          }
          results.push(r.value);
        }
        const data = assembleBrief(input, results[0]!, results[1] ?? null);
        const html = renderBrief(data, { lang: query.lang ?? "en" });
        return c.html(html);
      },
    }),
  ];
}
